/**
 * Request-body reading bounded before anything is held in full, for every route that takes a body
 * from outside: the storefront's app-proxy routes (events, answers) and Shopify's webhooks. An
 * oversized post costs no memory, and the client still gets its 413: the rest of its body is read
 * and discarded after the refusal (as a web server's lingering close does), because closing a
 * socket the client is still writing to resets the connection before it can read the answer.
 */

/**
 * After a refusal, at most this much more is read and discarded; a client that keeps sending
 * past it is cut off (a reset is then its own doing).
 */
export const DISCARD_AFTER_REFUSAL_BYTES = 64 * 1024 * 1024;

/** A size in the words a 413 uses: "64 KiB", "5 MiB". */
export function describeBytes(bytes: number): string {
  if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)} MiB`;
  if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024} KiB`;
  return `${bytes} bytes`;
}

/**
 * The body as text, or null once it exceeds maxBytes. Content-Length is checked first (nothing is
 * read then), but a chunked body has none (and a header can lie), so the stream is counted as it
 * is read.
 */
export async function readBodyWithin(request: Request, maxBytes: number): Promise<string | null> {
  const declared = Number(request.headers.get("content-length") ?? NaN);
  if (!request.body) return "";
  const reader = request.body.getReader();
  if (Number.isFinite(declared) && declared > maxBytes) {
    void discardRest(reader, DISCARD_AFTER_REFUSAL_BYTES);
    return null;
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      void discardRest(reader, DISCARD_AFTER_REFUSAL_BYTES);
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** Reads and drops what the client still sends, up to a bound, while the refusal is answered. */
async function discardRest(reader: ReadableStreamDefaultReader<Uint8Array>, bound: number): Promise<void> {
  let discarded = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      discarded += value.byteLength;
      if (discarded > bound) {
        await reader.cancel();
        return;
      }
    }
  } catch {
    // The client went away first: nothing is left to discard.
  }
}
