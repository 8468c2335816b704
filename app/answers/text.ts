/**
 * Why: one place turns shop text and shopper questions into comparable terms (HTML to text, sentences,
 * tokens, stop words, stems, folded accents), so the index and the question are processed identically.
 */
import type { Language } from "./languages/shape";

const ENTITIES: Record<string, string> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  nbsp: " ",
  euro: "€",
  ndash: "–",
  mdash: "—",
};

/** Plain text of an HTML body, keeping block boundaries as blank lines so paragraphs and headings survive. */
export function htmlToText(html: string): string {
  return html
    .replace(/<(script|style)[^>]*>[\s\S]*?<\/\1>/gi, " ")
    .replace(/<\s*br\s*\/?>/gi, "\n")
    .replace(/<\/?(p|div|h[1-6]|li|ul|ol|section|table|tr|blockquote)[^>]*>/gi, "\n\n")
    .replace(/<[^>]+>/g, "")
    .replace(/&(#\d+|#x[0-9a-f]+|[a-z]+);/gi, (whole, code: string) => {
      if (code.startsWith("#x")) return String.fromCodePoint(parseInt(code.slice(2), 16));
      if (code.startsWith("#")) return String.fromCodePoint(Number(code.slice(1)));
      return ENTITIES[code.toLowerCase()] ?? whole;
    })
    .replace(/[ \t]+/g, " ")
    .replace(/ *\n */g, "\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

/** Sentences of a text, each trimmed; a line break also ends a sentence (lists, headings). */
export function sentencesOf(text: string): string[] {
  return text
    .split(/\n+|(?<=[.!?])\s+(?=["“„(]?[\p{Lu}\p{N}])/u)
    .map((sentence) => sentence.trim())
    .filter((sentence) => sentence.length > 0);
}

/** Lowercased, apostrophes and punctuation as spaces: the form the cue patterns are written against. */
export function normalise(text: string): string {
  return text
    .toLowerCase()
    .replace(/[’‘`´]/g, "'")
    .replace(/[^\p{L}\p{N}#]+/gu, " ")
    .replace(/\s+/g, " ")
    .trim();
}

/** Accents removed after stemming, so "größe" typed as "grosse" and "crème" as "creme" meet. */
export function fold(term: string): string {
  return term.normalize("NFKD").replace(/\p{M}/gu, "").replace(/ß/g, "ss");
}

/**
 * Words of a text as the shopper wrote them (lowercased), apostrophes kept inside words for stop-word lists.
 * A hyphenated word also counts joined ("pre-order" is "pre", "order" and "preorder"; "e-mail" also "email").
 * "US" in capitals counts as "usa".
 */
export function wordsOf(text: string): string[] {
  // "US" in capitals is the country, never the pronoun "us" (a stop word): written as the country's other name.
  const lowered = text
    .replace(/\bUS\b/g, "USA")
    .toLowerCase()
    .replace(/[’‘`´]/g, "'");
  const words = lowered.match(/[\p{L}\p{N}]+(?:'[\p{L}]+)*/gu) ?? [];
  const joined = lowered.match(/[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)+/gu);
  return joined ? [...words, ...joined.map((word) => word.replace(/-/g, ""))] : words;
}

/** Stems already computed, per language: a shop's vocabulary is small and the stemmers are slow. */
const memo = new WeakMap<Language, Map<string, string | null>>();
const MEMO_LIMIT = 100_000;

/** One word to its index term, or null for a stop word. */
export function termOf(word: string, language: Language): string | null {
  let known = memo.get(language);
  if (!known) memo.set(language, (known = new Map()));
  const cached = known.get(word);
  if (cached !== undefined) return cached;
  const term = computeTerm(word, language);
  if (known.size >= MEMO_LIMIT) known.clear();
  known.set(word, term);
  return term;
}

function computeTerm(word: string, language: Language): string | null {
  if (language.stopWords.has(word) || language.stopWords.has(word.replace(/'/g, ""))) return null;
  const bare = word.replace(/'s$/, "").replace(/'/g, "");
  if (!bare) return null;
  if (/^\p{N}+$/u.test(bare)) return bare;
  if (bare.length < 2) return null;
  return fold(language.stem(bare));
}

/** Index terms of a text in document order (duplicates kept: they are term frequencies). */
export function termsOf(text: string, language: Language): string[] {
  const terms: string[] = [];
  for (const word of wordsOf(text)) {
    const term = termOf(word, language);
    if (term) terms.push(term);
  }
  return terms;
}

/** Joins "a", "b", "c" as "a, b or c" with the given connector. */
export function listOf(items: string[], connector: string): string {
  if (items.length <= 1) return items[0] ?? "";
  return `${items.slice(0, -1).join(", ")} ${connector} ${items.at(-1)}`;
}
