/**
 * A chat session boiled down to what the metrics need. Built once from its stored events, so
 * both the exact metrics (metrics.ts) and the daily rollups (rollup.ts) read one definition of
 * "engaged", "bounce" and "time to micro-conversion".
 */
import type { Arm } from "../../contract/order-link";
import { CONVERSATION_EVENT_TYPES, type MicroConversionKind, type RecordedEvent } from "../../contract/events";

/**
 * A session's events count for 24 hours from its start. Widget sessions end after minutes of
 * inactivity, so only a stuck tab reaches this; the bound makes a session's facts final a day
 * after it starts, so the rollup job knows which days late events can still change.
 */
export const SESSION_SPAN_MS = 86_400_000;

/** The shopper's own turns: a choice clicked or a number typed, a question typed, a thumb given. */
export const SHOPPER_TURNS: RecordedEvent["type"][] = ["step_answered", "question_asked", "answer_feedback"];

export interface AnalyticsEvent {
  sessionId: string;
  visitorId: string;
  arm: Arm;
  type: RecordedEvent["type"];
  /** Server-clamped occurrence time, ms since the epoch. */
  at: number;
  flowId?: string;
  stepId?: string;
  /** micro_conversion events only. */
  kind?: MicroConversionKind;
  /** A repair: a clarifying question shown, or the shopper's "not what I meant". */
  repair?: boolean;
  /** handoff_message only: a staff member wrote it (else the shopper). */
  staff?: boolean;
  /** csat_given only: the rating, on the scale the shopper saw. */
  csat?: CsatRating;
  /** question_asked, answer_shown, answer_abstained: the language the shopper was answered in. */
  locale?: string;
}

/** One CSAT tap: a 1–5 score, or a thumb (0 down, 1 up). */
export type CsatRating = { scale: "five"; score: number } | { scale: "thumbs"; thumbs: 0 | 1 };

export interface FlowProgress {
  flowId: string;
  /** Distinct steps viewed, in the order first viewed. */
  stepsViewed: string[];
  completed: boolean;
}

export interface SessionFacts {
  sessionId: string;
  visitorId: string;
  arm: Arm;
  startedAt: number;
  chatOpenedAt: number | null;
  microConversions: { kind: MicroConversionKind; at: number }[];
  flows: FlowProgress[];
  /** The shopper did something with the chat (CONVERSATION_EVENT_TYPES). */
  conversation: boolean;
  /** Shopper turns before the first goal (a micro-conversion other than an answered question), or all of them. */
  turnsBeforeGoal: number;
  /** Flow steps the shopper answered and went on from: the flow showed its next step or reached its goal. */
  stepsAdvanced: number;
  /** When a repair began (a clarifying question shown, a "not what I meant"). */
  repairsAt: number[];
  /** Questions the shopper asked, and those ChatLift honestly did not answer. */
  questions: number;
  abstentions: number;
  /** The first handoff to a person, and the first reply a staff member wrote after it. */
  handoffAt: number | null;
  firstStaffReplyAt: number | null;
  /** The first CSAT tap only: a conversation is rated once, however often a widget sends it. */
  csat: CsatRating | null;
  /** The first language the shopper was answered in; null when no question was asked. */
  locale: string | null;
  /** An order was credited to the session (any model, any window): the rollup job sets it from the credits. */
  sold: boolean;
}

/** A session as its start alone says it: no chat, no conversion, no conversation yet. */
export function sessionWithoutEvents(sessionId: string, visitorId: string, arm: Arm, startedAt: number): SessionFacts {
  return {
    sessionId,
    visitorId,
    arm,
    startedAt,
    chatOpenedAt: null,
    microConversions: [],
    flows: [],
    conversation: false,
    turnsBeforeGoal: 0,
    stepsAdvanced: 0,
    repairsAt: [],
    questions: 0,
    abstentions: 0,
    handoffAt: null,
    firstStaffReplyAt: null,
    csat: null,
    locale: null,
    sold: false,
  };
}

/** Groups events by session; events may come in any order (batches arrive out of order). */
export function sessionFacts(events: readonly AnalyticsEvent[]): SessionFacts[] {
  const sorted = [...events].sort((a, b) => a.at - b.at);
  const sessions = new Map<string, SessionFacts>();
  /** "session|flow" → step answers not yet followed by the flow's next step or goal. */
  const pendingAnswers = new Map<string, number>();
  for (const event of sorted) {
    let facts = sessions.get(event.sessionId);
    if (!facts) {
      facts = sessionWithoutEvents(event.sessionId, event.visitorId, event.arm, event.at);
      sessions.set(event.sessionId, facts);
    }
    addConversationTurn(facts, event, pendingAnswers);
    addHandoffAndRating(facts, event);
    if (event.type === "chat_opened" && facts.chatOpenedAt === null) facts.chatOpenedAt = event.at;
    if (event.type === "micro_conversion" && event.kind)
      facts.microConversions.push({ kind: event.kind, at: event.at });
    if (
      event.flowId &&
      (event.type === "flow_started" || event.type === "step_viewed" || event.type === "flow_completed")
    ) {
      let flow = facts.flows.find((f) => f.flowId === event.flowId);
      if (!flow) {
        flow = { flowId: event.flowId, stepsViewed: [], completed: false };
        facts.flows.push(flow);
      }
      if (event.type === "step_viewed" && event.stepId && !flow.stepsViewed.includes(event.stepId))
        flow.stepsViewed.push(event.stepId);
      if (event.type === "flow_completed") flow.completed = true;
    }
  }
  return [...sessions.values()];
}

/** Questions, handoffs, CSAT and language: what quality.ts counts beyond the turns. */
function addHandoffAndRating(facts: SessionFacts, event: AnalyticsEvent): void {
  if (event.type === "question_asked") facts.questions += 1;
  if (event.type === "answer_abstained") facts.abstentions += 1;
  if (event.locale && facts.locale === null) facts.locale = event.locale;
  if (event.type === "handoff_requested" && facts.handoffAt === null) facts.handoffAt = event.at;
  if (event.type === "handoff_message" && event.staff && facts.handoffAt !== null && facts.firstStaffReplyAt === null)
    facts.firstStaffReplyAt = event.at;
  if (event.type === "csat_given" && event.csat && facts.csat === null) facts.csat = event.csat;
}

const isGoal = (facts: SessionFacts) => facts.microConversions.some((micro) => micro.kind !== "question_answered");

/** The conversation's share of an event: a turn of the shopper's, and whether an answered step led on. */
function addConversationTurn(facts: SessionFacts, event: AnalyticsEvent, pending: Map<string, number>): void {
  if (CONVERSATION_EVENT_TYPES.includes(event.type)) facts.conversation = true;
  if (SHOPPER_TURNS.includes(event.type) && !isGoal(facts)) facts.turnsBeforeGoal += 1;
  if (event.repair) facts.repairsAt.push(event.at);
  if (!event.flowId) return;
  const key = `${event.sessionId}|${event.flowId}`;
  if (event.type === "step_answered") pending.set(key, (pending.get(key) ?? 0) + 1);
  if (event.type === "step_viewed" || event.type === "micro_conversion") {
    facts.stepsAdvanced += pending.get(key) ?? 0;
    pending.delete(key);
  }
}

/** Engaged: the shopper opened chat or converted in it (a micro-conversion implies chat use). */
export function isEngaged(facts: SessionFacts): boolean {
  return facts.chatOpenedAt !== null || facts.microConversions.length > 0;
}

/** Micro bounce: opened chat, left without a single micro-conversion. */
export function isMicroBounce(facts: SessionFacts): boolean {
  return facts.chatOpenedAt !== null && facts.microConversions.length === 0;
}

/**
 * From the moment chat was opened (or, for a conversion without an explicit open, the
 * session's start) to the first micro-conversion; null without one. Clock skew can put a
 * conversion before the open: that counts as 0, not negative.
 */
export function timeToMicro(facts: SessionFacts): number | null {
  let first: number | null = null;
  for (const micro of facts.microConversions) if (first === null || micro.at < first) first = micro.at;
  if (first === null) return null;
  return Math.max(0, first - (facts.chatOpenedAt ?? facts.startedAt));
}
