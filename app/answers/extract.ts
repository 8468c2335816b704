/**
 * Why: an answer quotes the source's own words, and only the part that answers: the sentence that covers
 * most of the question's weight (plus the next one when the first is only a lead-in), never a rewrite.
 */
import type { Concept } from "./query";
import { sentencesOf, termsOf } from "./text";
import type { Language } from "./language";

/**
 * A sentence holding only a word that means the same as the shopper's ("wash" for "washable") answers less surely
 * than one holding the word itself, so it counts for less when picking the sentence (not for the returned coverage).
 */
const ALTERNATIVE_CREDIT = 0.7;

/** A quote longer than this is cut back to its best sentence. */
export const QUOTE_MAX_CHARS = 320;

/** Whether a term of the source stands for the concept: same stem, one a prefix of the other, or a near typo. */
function stands(sourceTerm: string, concept: Concept, matched: Set<string>): boolean {
  return concept.terms.some(
    (term) =>
      term === sourceTerm ||
      (term.length >= 4 && sourceTerm.startsWith(term)) ||
      (matched.has(sourceTerm) && nearly(term, sourceTerm)),
  );
}

function nearly(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 2) return false;
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length]! <= 2;
}

/** The best sentence(s) of a text for the question, and how much of the question's weight they cover. */
export function bestQuote(
  text: string,
  concepts: Concept[],
  weights: number[],
  matchedTerms: string[],
  language: Language,
) {
  const matched = new Set(matchedTerms);
  const sentences = sentencesOf(text);
  const sizes: number[] = [];
  const full: number[] = [];
  const scores = sentences.map((sentence) => {
    const terms = [...new Set(termsOf(sentence, language))];
    sizes.push(terms.length);
    let score = 0;
    let covered = 0;
    concepts.forEach((concept, i) => {
      if (!terms.some((term) => stands(term, concept, matched))) return;
      const own = terms.some((term) => stands(term, { terms: concept.terms.slice(0, 1) }, matched));
      covered += weights[i] ?? 0;
      score += (weights[i] ?? 0) * (own ? 1 : ALTERNATIVE_CREDIT);
    });
    full.push(covered);
    return score;
  });
  // Equal scores go to the sentence that says least else: a care line ("Machine wash at 30 °C") is about washing,
  // an intro that mentions "washed linen" in passing is not.
  let best = 0;
  scores.forEach((score, i) => {
    const top = scores[best] ?? 0;
    if (score > top + 1e-9 || (score > 0 && Math.abs(score - top) <= 1e-9 && sizes[i]! < sizes[best]!)) best = i;
  });
  const first = sentences[best] ?? text;
  const next = sentences[best + 1];
  // A labelled fact line ("Material: 100% linen") is whole however short, and never the tail of another sentence;
  // other short or open sentences lead in.
  const labelled = (sentence: string) => /^[\p{L} ]{1,40}: \S/u.test(sentence);
  const leadIn = !labelled(first) && (first.length < 60 || /[:：]$/.test(first) || !/[.!?]$/.test(first));
  const quote =
    next && !labelled(next) && (leadIn || (scores[best + 1] ?? 0) > 0) && first.length + next.length < QUOTE_MAX_CHARS
      ? `${first} ${next}`
      : first;
  const total = weights.reduce((sum, weight) => sum + weight, 0) || 1;
  return { quote, coverage: (full[best] ?? 0) / total };
}
