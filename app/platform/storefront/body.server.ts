/**
 * Request-body reading for the storefront's app-proxy routes (events, answers), bounded so an
 * oversized post costs nothing.
 */

/**
 * The body as text, or null once it exceeds maxBytes. Content-Length is checked first, but a
 * chunked body has none (and a header can lie), so the stream is counted as it is read.
 */
export async function readBodyWithin(request: Request, maxBytes: number): Promise<string | null> {
  const declared = Number(request.headers.get("content-length") ?? NaN);
  if (Number.isFinite(declared) && declared > maxBytes) return null;
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}
