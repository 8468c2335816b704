/**
 * Why: how well conversations go, in numbers a merchant can compare day to day (the conversational-marketing
 * guide's "read 20 conversations a week" needs a yardstick beside it). Additive counts per session, so they live
 * in the daily rollups like every other sum and merge over any range; the rates are taken at the end.
 *  - conversations: sessions in which the shopper did something with the chat (opened it, started a flow, asked);
 *  - depth: the shopper's turns (choices, questions, thumbs) before the first goal, per conversation;
 *  - affirmation: flow steps the shopper answered and went on from, plus answers rated helpful, per conversation;
 *  - conversation → lead: conversations in which the shopper left their email with consent;
 *  - repair success: repairs (a clarifying question shown, a "not what I meant") followed by an answer or a goal.
 */
import type { AnswerCounts } from "./answers";
import type { SessionFacts } from "./session-facts";

export interface QualityCounts {
  conversations: number;
  turnsBeforeGoal: number;
  stepsAdvanced: number;
  leads: number;
  repairs: number;
  repairsResolved: number;
}

export const emptyQualityCounts = (): QualityCounts => ({
  conversations: 0,
  turnsBeforeGoal: 0,
  stepsAdvanced: 0,
  leads: 0,
  repairs: 0,
  repairsResolved: 0,
});

/** One session's share: nothing unless it was a conversation. */
export function qualityOf(facts: SessionFacts): QualityCounts {
  if (!facts.conversation) return emptyQualityCounts();
  return {
    conversations: 1,
    turnsBeforeGoal: facts.turnsBeforeGoal,
    stepsAdvanced: facts.stepsAdvanced,
    leads: facts.microConversions.some((micro) => micro.kind === "email_capture") ? 1 : 0,
    repairs: facts.repairsAt.length,
    // An answered question or a goal at or after the repair (a repaired question's answer shares its instant).
    repairsResolved: facts.repairsAt.filter((at) => facts.microConversions.some((micro) => micro.at >= at)).length,
  };
}

export function addQualityCounts(
  into: QualityCounts,
  from: QualityCounts | undefined,
  sign: 1 | -1 = 1,
): QualityCounts {
  if (!from) return into;
  into.conversations += sign * from.conversations;
  into.turnsBeforeGoal += sign * from.turnsBeforeGoal;
  into.stepsAdvanced += sign * from.stepsAdvanced;
  into.leads += sign * from.leads;
  into.repairs += sign * (from.repairs ?? 0);
  into.repairsResolved += sign * (from.repairsResolved ?? 0);
  return into;
}

export interface QualityRates {
  conversations: number;
  /** Average shopper turns before the goal; null without conversations. */
  depth: number | null;
  /** Affirmations per conversation; null without conversations. */
  affirmation: number | null;
  /** Share of conversations that left an email with consent; null without conversations. */
  leadRate: number | null;
  repairs: number;
  /** Share of repairs followed by an answer or a goal; null without repairs. */
  repairSuccess: number | null;
}

export function qualityRates(counts: QualityCounts, answers?: AnswerCounts): QualityRates {
  const per = (part: number) => (counts.conversations ? part / counts.conversations : null);
  return {
    conversations: counts.conversations,
    depth: per(counts.turnsBeforeGoal),
    affirmation: per(counts.stepsAdvanced + (answers?.helpful ?? 0)),
    leadRate: per(counts.leads),
    repairs: counts.repairs ?? 0,
    repairSuccess: counts.repairs ? (counts.repairsResolved ?? 0) / counts.repairs : null,
  };
}
