/**
 * Why: the admin's "try a question" shows the merchant why ChatLift answered as it did — which sources it
 * weighed, how much of the question each covered, and whether that cleared the shop's threshold — in words a
 * merchant can act on (add a FAQ, add a synonym, lower the threshold), from what the decision returned.
 */
import type { Answer, Candidate, Thresholds } from "./answer-types";

export interface ExplainedCandidate extends Candidate {
  /** Used by the answer: quoted, shown as a product card, or offered as a choice. */
  chosen: boolean;
  /** Least coverage this kind of source needs (products have their own threshold). */
  needed: number;
  reason: string;
}

const percent = (share: number) => `${Math.round(share * 100)}%`;

export function explainCandidates(answer: Answer, thresholds: Thresholds): ExplainedCandidate[] {
  const chosenIds = new Set([
    ...answer.sources.map((source) => source.id),
    ...(answer.products ?? []).map((p) => p.id),
  ]);
  return answer.candidates.map((candidate) => {
    const chosen = chosenIds.has(candidate.id);
    const needed = candidate.type === "product" ? thresholds.product : thresholds.answer;
    const covers = `covers ${percent(candidate.coverage)} of the question`;
    const words = candidate.matched.length ? ` (matched: ${candidate.matched.join(", ")})` : "";
    let reason: string;
    if (chosen && answer.kind === "clarify") reason = `offered as a choice: ${covers}${words}`;
    else if (chosen) reason = `used in the answer: ${covers}${words}`;
    else if (candidate.coverage >= needed) reason = `${covers}${words}, but another source was chosen`;
    else reason = `${covers}${words}; ${percent(needed)} is needed to answer from it`;
    return { ...candidate, chosen, needed, reason };
  });
}
