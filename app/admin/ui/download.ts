/**
 * Why: an export must go through fetch, because App Bridge adds the session token to same-origin
 * fetches and a plain link would not carry it; the file is then handed to the browser under the
 * name the server gave it. A refused export comes back as the server's message, not as a file.
 */
export async function downloadFile(path: string, fallbackName: string): Promise<string | null> {
  const response = await fetch(path);
  if (!response.ok) return (await response.text()) || `The export failed (${response.status})`;
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement("a");
  link.href = url;
  link.download = /filename="([^"]+)"/.exec(response.headers.get("Content-Disposition") ?? "")?.[1] ?? fallbackName;
  link.click();
  URL.revokeObjectURL(url);
  return null;
}
