/**
 * Why: how well conversations go, in numbers a merchant can compare day to day (the conversational-marketing
 * guide's "read 20 conversations a week" needs a yardstick beside it). Additive counts per session, so they live
 * in the daily rollups like every other sum and merge over any range; the rates are taken at the end. The same
 * counts per flow and per language (QualityBreakdown) say which flow or language needs work.
 *  - conversations: sessions in which the shopper did something with the chat (opened it, started a flow, asked);
 *  - depth: the shopper's turns (choices, questions, thumbs) before the first goal, per conversation;
 *  - affirmation: flow steps the shopper answered and went on from, plus answers rated helpful, per conversation;
 *  - conversation → lead: conversations in which the shopper left their email with consent;
 *  - repair success: repairs (a clarifying question shown, a "not what I meant") followed by an answer or a goal;
 *  - containment / handoff rate: conversations that stayed with the chat / went to a person;
 *  - time to first human reply: from the handoff to the first reply a staff member wrote (median);
 *  - CSAT: the share of rated conversations rated 4–5 or 👍 (the first tap of each), and the 1–5 average;
 *  - answer / abstention rate: of the questions asked in conversations, answered / honestly not answered;
 *  - time to first micro-conversion: from the chat's open to the first micro-conversion (median);
 *  - conversation → sale: conversations whose session an order was credited to (any model, any window).
 */
import type { AnswerCounts } from "./answers";
import { addDuration, addHistograms, histogramMedian, type SecondsHistogram } from "./histogram";
import { timeToMicro, type CsatRating, type SessionFacts } from "./session-facts";

export interface QualityCounts {
  conversations: number;
  turnsBeforeGoal: number;
  stepsAdvanced: number;
  leads: number;
  repairs: number;
  repairsResolved: number;
  // Counted from 2026-12-04 (issue #16): a day rolled up before holds none of the fields below.
  handoffs?: number;
  humanReplies?: number;
  /** Handoff → first staff reply, whole seconds → conversations. */
  firstReplySeconds?: SecondsHistogram;
  csatRated?: number;
  /** Rated 4 or 5, or 👍. */
  csatSatisfied?: number;
  /** Ratings on the 1–5 scale, and their sum (for the average). */
  csatFive?: number;
  csatFiveSum?: number;
  asked?: number;
  answered?: number;
  abstained?: number;
  /** Chat open → first micro-conversion, whole seconds → conversations. */
  microSeconds?: SecondsHistogram;
  sales?: number;
}

const SCALARS = [
  "conversations",
  "turnsBeforeGoal",
  "stepsAdvanced",
  "leads",
  "repairs",
  "repairsResolved",
  "handoffs",
  "humanReplies",
  "csatRated",
  "csatSatisfied",
  "csatFive",
  "csatFiveSum",
  "asked",
  "answered",
  "abstained",
  "sales",
] as const;

export const emptyQualityCounts = (): QualityCounts => ({
  conversations: 0,
  turnsBeforeGoal: 0,
  stepsAdvanced: 0,
  leads: 0,
  repairs: 0,
  repairsResolved: 0,
  handoffs: 0,
  humanReplies: 0,
  firstReplySeconds: {},
  csatRated: 0,
  csatSatisfied: 0,
  csatFive: 0,
  csatFiveSum: 0,
  asked: 0,
  answered: 0,
  abstained: 0,
  microSeconds: {},
  sales: 0,
});

/** A rating that counts as satisfied: 4–5 or 👍 (the Conversations page's "Rated good" filter reads it too). */
export function isSatisfied(csat: CsatRating): boolean {
  return csat.scale === "five" ? csat.score >= 4 : csat.thumbs === 1;
}

/** One session's share: nothing unless it was a conversation. */
export function qualityOf(facts: SessionFacts): QualityCounts {
  const counts = emptyQualityCounts();
  if (!facts.conversation) return counts;
  const csat = facts.csat;
  const toMicro = timeToMicro(facts);
  Object.assign(counts, {
    conversations: 1,
    turnsBeforeGoal: facts.turnsBeforeGoal,
    stepsAdvanced: facts.stepsAdvanced,
    leads: facts.microConversions.some((micro) => micro.kind === "email_capture") ? 1 : 0,
    repairs: facts.repairsAt.length,
    // An answered question or a goal at or after the repair (a repaired question's answer shares its instant).
    repairsResolved: facts.repairsAt.filter((at) => facts.microConversions.some((micro) => micro.at >= at)).length,
    handoffs: facts.handoffAt === null ? 0 : 1,
    humanReplies: facts.firstStaffReplyAt === null ? 0 : 1,
    csatRated: csat ? 1 : 0,
    csatSatisfied: csat && isSatisfied(csat) ? 1 : 0,
    csatFive: csat?.scale === "five" ? 1 : 0,
    csatFiveSum: csat?.scale === "five" ? csat.score : 0,
    asked: facts.questions,
    answered: facts.microConversions.filter((micro) => micro.kind === "question_answered").length,
    abstained: facts.abstentions,
    sales: facts.sold ? 1 : 0,
  });
  if (facts.handoffAt !== null && facts.firstStaffReplyAt !== null)
    addDuration(counts.firstReplySeconds!, Math.max(0, facts.firstStaffReplyAt - facts.handoffAt));
  if (toMicro !== null) addDuration(counts.microSeconds!, toMicro);
  return counts;
}

export function addQualityCounts(
  into: QualityCounts,
  from: QualityCounts | undefined,
  sign: 1 | -1 = 1,
): QualityCounts {
  if (!from) return into;
  for (const key of SCALARS) into[key] = (into[key] ?? 0) + sign * (from[key] ?? 0);
  into.firstReplySeconds = addHistograms(into.firstReplySeconds ?? {}, from.firstReplySeconds, sign);
  into.microSeconds = addHistograms(into.microSeconds ?? {}, from.microSeconds, sign);
  return into;
}

/** Quality per flow the conversation ran (a conversation with two flows counts in both) and per language. */
export interface QualityBreakdown {
  flow: Record<string, QualityCounts>;
  /** The language the shopper was answered in; NO_LANGUAGE when no question was asked. */
  locale: Record<string, QualityCounts>;
}

export const NO_LANGUAGE = "none";

export function addQualityBreakdown(
  into: QualityBreakdown,
  facts: SessionFacts,
  counts: QualityCounts,
  sign: 1 | -1 = 1,
): QualityBreakdown {
  if (!facts.conversation) return into;
  for (const flowId of new Set(facts.flows.map((flow) => flow.flowId)))
    addQualityCounts((into.flow[flowId] ??= emptyQualityCounts()), counts, sign);
  addQualityCounts((into.locale[facts.locale ?? NO_LANGUAGE] ??= emptyQualityCounts()), counts, sign);
  return into;
}

export function mergeQualityBreakdown(into: QualityBreakdown, from: QualityBreakdown | undefined): QualityBreakdown {
  for (const part of ["flow", "locale"] as const)
    for (const [key, counts] of Object.entries(from?.[part] ?? {}))
      addQualityCounts((into[part][key] ??= emptyQualityCounts()), counts);
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
  /** Share of conversations that never went to a person / that did; null without conversations. */
  containment: number | null;
  handoffRate: number | null;
  handoffs: number;
  /** Median handoff → first staff reply, ms; null without a reply. */
  firstHumanReplyMs: number | null;
  /** Share of rated conversations rated 4–5 or 👍; null without a rating. */
  csat: number | null;
  csatRated: number;
  /** Average of the 1–5 ratings; null without one. */
  csatAverage: number | null;
  /** Of the questions asked in conversations: answered, abstained; null without a question. */
  answerRate: number | null;
  abstentionRate: number | null;
  /** Median chat open → first micro-conversion, ms; null without one. */
  timeToMicroMs: number | null;
  /** Share of conversations credited with an order; null without conversations. */
  saleRate: number | null;
}

export function qualityRates(counts: QualityCounts, answers?: AnswerCounts): QualityRates {
  const per = (part: number) => (counts.conversations ? part / counts.conversations : null);
  const of = (part: number | undefined, whole: number | undefined) => (whole ? (part ?? 0) / whole : null);
  const handoffs = counts.handoffs ?? 0;
  return {
    conversations: counts.conversations,
    depth: per(counts.turnsBeforeGoal),
    affirmation: per(counts.stepsAdvanced + (answers?.helpful ?? 0)),
    leadRate: per(counts.leads),
    repairs: counts.repairs ?? 0,
    repairSuccess: of(counts.repairsResolved, counts.repairs),
    containment: per(counts.conversations - handoffs),
    handoffRate: per(handoffs),
    handoffs,
    firstHumanReplyMs: histogramMedian(counts.firstReplySeconds ?? {}),
    csat: of(counts.csatSatisfied, counts.csatRated),
    csatRated: counts.csatRated ?? 0,
    csatAverage: of(counts.csatFiveSum, counts.csatFive),
    answerRate: of(counts.answered, counts.asked),
    abstentionRate: of(counts.abstained, counts.asked),
    timeToMicroMs: histogramMedian(counts.microSeconds ?? {}),
    saleRate: per(counts.sales ?? 0),
  };
}
