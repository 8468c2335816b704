/**
 * Why: a long policy or page answers many different questions; indexed whole, its length dilutes every one of
 * them (BM25 normalises by length) and the quote would be hard to find. Passages follow the page's own
 * headings, gather paragraphs up to a size a shopper reads in one glance, and split only overlong paragraphs.
 */
import { htmlToText, sentencesOf } from "./text";

export interface Chunk {
  /** The nearest heading above the passage, if the page has headings. */
  heading: string | null;
  text: string;
}

/** Words per passage: about a paragraph or two, enough context for a quote, short enough to rank sharply. */
export const PASSAGE_TARGET_WORDS = 90;
export const PASSAGE_MAX_WORDS = 150;

const wordCount = (text: string) => text.split(/\s+/).filter(Boolean).length;

/** Passages of an HTML body in reading order. */
export function chunkHtml(html: string): Chunk[] {
  const marked = html.replace(
    /<h[1-6][^>]*>([\s\S]*?)<\/h[1-6]>/gi,
    (_, inner: string) => `\n\n\u0001${inner.replace(/<[^>]+>/g, "")}\n\n`,
  );
  const blocks = htmlToText(marked)
    .split(/\n{2,}/)
    .map((block) => block.trim())
    .filter(Boolean);
  const chunks: Chunk[] = [];
  let heading: string | null = null;
  let parts: string[] = [];
  let words = 0;
  const flush = () => {
    if (parts.length) chunks.push({ heading, text: parts.join("\n") });
    parts = [];
    words = 0;
  };
  for (const block of blocks) {
    if (block.startsWith("\u0001")) {
      flush();
      heading = block.slice(1).trim() || null;
      continue;
    }
    for (const piece of splitLong(block)) {
      const count = wordCount(piece);
      if (words > 0 && words + count > PASSAGE_TARGET_WORDS) flush();
      parts.push(piece);
      words += count;
    }
  }
  flush();
  return chunks;
}

/** A paragraph past the maximum, cut at sentence ends into pieces near the target size. */
function splitLong(paragraph: string): string[] {
  if (wordCount(paragraph) <= PASSAGE_MAX_WORDS) return [paragraph];
  const pieces: string[] = [];
  let current: string[] = [];
  let words = 0;
  for (const sentence of sentencesOf(paragraph)) {
    const count = wordCount(sentence);
    if (words > 0 && words + count > PASSAGE_TARGET_WORDS) {
      pieces.push(current.join(" "));
      current = [];
      words = 0;
    }
    current.push(sentence);
    words += count;
  }
  if (current.length) pieces.push(current.join(" "));
  return pieces;
}
