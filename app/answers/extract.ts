/**
 * Why: an answer quotes the source's own words, and only the part that answers: the sentence that covers
 * most of the question's weight (plus the next one when the first is only a lead-in), never a rewrite.
 */
import type { Concept } from "./query";
import { sentencesOf, termsOf } from "./text";
import type { Language } from "./language";

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
  const scores = sentences.map((sentence) => {
    const terms = new Set(termsOf(sentence, language));
    let score = 0;
    concepts.forEach((concept, i) => {
      if ([...terms].some((term) => stands(term, concept, matched))) score += weights[i] ?? 0;
    });
    return score;
  });
  let best = 0;
  scores.forEach((score, i) => {
    if (score > (scores[best] ?? 0)) best = i;
  });
  const first = sentences[best] ?? text;
  const next = sentences[best + 1];
  const leadIn = first.length < 60 || /[:：]$/.test(first) || !/[.!?]$/.test(first);
  const quote =
    next && (leadIn || (scores[best + 1] ?? 0) > 0) && first.length + next.length < QUOTE_MAX_CHARS
      ? `${first} ${next}`
      : first;
  const total = weights.reduce((sum, weight) => sum + weight, 0) || 1;
  return { quote, coverage: (scores[best] ?? 0) / total };
}
