/**
 * Why: the dashboard's answer numbers — questions asked, answered, abstained, and the shoppers' thumbs — kept as
 * additive counts in the daily rollups (a period is the sum of its days), and the most asked and most often
 * unanswered questions grouped from the stored (already redacted) question texts.
 */
import { ratio } from "./metrics";

export interface AnswerCounts {
  asked: number;
  /** An answer the shopper could use: a source quoted, products shown, an order found (the micro-conversion). */
  answered: number;
  /** "The shop's information does not cover it." */
  abstained: number;
  helpful: number;
  notHelpful: number;
}

export type AnswerEventKind = "asked" | "answered" | "abstained" | "helpful" | "notHelpful";

export const emptyAnswerCounts = (): AnswerCounts => ({
  asked: 0,
  answered: 0,
  abstained: 0,
  helpful: 0,
  notHelpful: 0,
});

/** Adds `from` into `into` (mutates and returns it); a rollup stored before answers existed has none. */
export function addAnswerCounts(into: AnswerCounts, from: AnswerCounts | undefined, sign: 1 | -1 = 1): AnswerCounts {
  if (!from) return into;
  for (const key of Object.keys(into) as (keyof AnswerCounts)[]) into[key] += sign * (from[key] ?? 0);
  return into;
}

export interface AnswerRates {
  asked: number;
  /** Of questions asked, the share answered. */
  answerRate: number;
  /** Of questions asked, the share ChatLift honestly did not answer. */
  abstentionRate: number;
  /** Of answers rated by shoppers, the share rated helpful; null when nobody rated one. */
  helpfulRate: number | null;
  rated: number;
}

export function answerRates(counts: AnswerCounts): AnswerRates {
  const rated = counts.helpful + counts.notHelpful;
  return {
    asked: counts.asked,
    answerRate: ratio(counts.answered, counts.asked),
    abstentionRate: ratio(counts.abstained, counts.asked),
    helpfulRate: rated ? counts.helpful / rated : null,
    rated,
  };
}

/** Questions that differ only in case, spacing or closing punctuation are the same question. */
export function questionKey(text: string): string {
  return text
    .toLowerCase()
    .replace(/\s+/g, " ")
    .replace(/[\s?!.¿¡]+$/u, "")
    .trim();
}

export interface TopQuestion {
  /** The text as most often stored (redacted before storage). */
  question: string;
  count: number;
}

/** The most frequent questions, most asked first (ties: alphabetical), at most `limit`. */
export function topQuestions(texts: readonly string[], limit: number): TopQuestion[] {
  const groups = new Map<string, Map<string, number>>();
  for (const text of texts) {
    const key = questionKey(text);
    if (!key) continue;
    const spellings = groups.get(key) ?? groups.set(key, new Map()).get(key)!;
    spellings.set(text.trim(), (spellings.get(text.trim()) ?? 0) + 1);
  }
  return [...groups.values()]
    .map((spellings) => {
      const ranked = [...spellings].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
      return { question: ranked[0]![0], count: ranked.reduce((sum, [, n]) => sum + n, 0) };
    })
    .sort((a, b) => b.count - a.count || (a.question < b.question ? -1 : 1))
    .slice(0, limit);
}
