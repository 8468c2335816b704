/**
 * Reads the raw tables (ChatSession, ChatEvent, Order, Credit) for a run of shop-local days and
 * sums them per day and arm: the session rollup (app/analytics/rollup.ts), credited revenue by
 * the order's day, and experiment variants (app/analytics/variants.ts). The rollup job calls it
 * for the days that changed; the reference computation calls it for a whole range. Both get
 * the same numbers because a session belongs to one day and sees only its own events.
 */
import { z } from "zod";
import prisma from "../../db.server";
import type { Arm } from "../../../contract/order-link";
import type { MicroConversionKind, RecordedEvent } from "../../../contract/events";
import { dayKey } from "../days";
import { addSession, emptyRollup, type Rollup } from "../rollup";
import { emptyAnswerCounts, type AnswerEventKind } from "../answers";
import {
  SESSION_SPAN_MS,
  sessionFacts,
  sessionWithoutEvents,
  type AnalyticsEvent,
  type SessionFacts,
} from "../session-facts";
import { addVariantSession, type VariantCounts } from "../variants";
import { dayRange } from "../days";

const FACT_EVENTS: RecordedEvent["type"][] = [
  "chat_opened",
  "micro_conversion",
  "flow_started",
  "step_viewed",
  "flow_completed",
  // A conversation's turns and repairs (quality.ts).
  "step_answered",
  "question_asked",
  "answer_feedback",
  "answer_shown",
  // Abstentions, handoffs and CSAT (quality.ts).
  "answer_abstained",
  "handoff_requested",
  "handoff_message",
  "csat_given",
];
/** Our own JSON of the event (ingest-plan.ts): a repaired question, or a clarifying question shown. */
const isRepair = (type: string, data: string | null) =>
  (type === "question_asked" && !!data?.includes('"repair":true')) ||
  (type === "answer_shown" && !!data?.includes('"kind":"clarify"'));
/** What the answer counts read (answers.ts); feedback's thumbs are in the event's data. */
const ANSWER_EVENTS: RecordedEvent["type"][] = ["question_asked", "answer_abstained", "answer_feedback"];
const feedbackData = z.object({ helpful: z.boolean() });
/** What quality.ts reads from an event's JSON: the language answered in, who wrote, the CSAT tap. */
const qualityData = z.object({
  locale: z.string().max(35).optional(),
  from: z.enum(["shopper", "staff"]).optional(),
  scale: z.enum(["five", "thumbs"]).optional(),
  score: z.number().int().min(1).max(5).optional(),
  thumbs: z.union([z.literal(0), z.literal(1)]).optional(),
});

function qualityFields(type: string, data: string | null): Partial<AnalyticsEvent> {
  if (!data) return {};
  let parsed: z.infer<typeof qualityData>;
  try {
    const result = qualityData.safeParse(JSON.parse(data));
    if (!result.success) return {};
    parsed = result.data;
  } catch {
    return {};
  }
  const { locale, from, scale, score, thumbs } = parsed;
  if (type === "handoff_message") return { staff: from === "staff" };
  if (type === "csat_given" && scale === "five" && score !== undefined) return { csat: { scale, score } };
  if (type === "csat_given" && scale === "thumbs" && thumbs !== undefined) return { csat: { scale, thumbs } };
  return locale ? { locale } : {};
}
/** Sessions per credit look-up: keeps each IN list (and what one query holds) small. */
const IN_CHUNK = 500;

export interface DayArmParts {
  day: string;
  arm: Arm;
  rollup: Rollup;
  variants: VariantCounts;
}

export interface StoredSession {
  id: string;
  visitorId: string;
  arm: string;
  startedAt: Date;
  firstMicroAt: Date | null;
}

const sessionSelect = { id: true, visitorId: true, arm: true, startedAt: true, firstMicroAt: true } as const;

/** Per "day|arm": everything of sessions started and orders placed in [from, to]. */
export async function readDayParts(
  shopDomain: string,
  from: string,
  to: string,
  timeZone: string,
): Promise<Map<string, DayArmParts>> {
  const period = dayRange(from, to, timeZone);
  const parts = new Map<string, DayArmParts>();
  const partsFor = (day: string, arm: Arm) => {
    const key = `${day}|${arm}`;
    let found = parts.get(key);
    if (!found) parts.set(key, (found = { day, arm, rollup: emptyRollup(day, arm), variants: {} }));
    return found;
  };
  const sessions = await prisma.chatSession.findMany({
    where: { shopDomain, startedAt: period },
    select: sessionSelect,
  });
  const events = await prisma.chatEvent.findMany({
    where: {
      shopDomain,
      occurredAt: { gte: period.gte, lt: new Date(period.lt.getTime() + SESSION_SPAN_MS) },
      OR: [{ type: { in: FACT_EVENTS } }, { variantId: { not: null } }],
    },
    select: {
      sessionId: true,
      type: true,
      occurredAt: true,
      flowId: true,
      stepId: true,
      microKind: true,
      variantId: true,
      data: true,
    },
  });
  const byId = new Map(sessions.map((session) => [session.id, session]));
  const analytics: AnalyticsEvent[] = [];
  const shown = new Map<string, Map<string, { variantId: string; at: number }>>();
  const converted = new Map<string, Set<string>>();
  for (const event of events) {
    const session = byId.get(event.sessionId);
    const at = event.occurredAt.getTime();
    if (!session || at >= session.startedAt.getTime() + SESSION_SPAN_MS) continue;
    if (event.flowId && event.variantId && session.arm === "treatment") {
      const flows = shown.get(session.id) ?? new Map<string, { variantId: string; at: number }>();
      const first = flows.get(event.flowId);
      if (!first || at < first.at || (at === first.at && event.variantId < first.variantId))
        flows.set(event.flowId, { variantId: event.variantId, at });
      shown.set(session.id, flows);
    }
    if (event.type === "micro_conversion" && event.flowId) {
      const flows = converted.get(session.id) ?? new Set<string>();
      converted.set(session.id, flows.add(event.flowId));
    }
    if (!FACT_EVENTS.includes(event.type as RecordedEvent["type"])) continue;
    analytics.push({
      sessionId: event.sessionId,
      visitorId: session.visitorId,
      arm: session.arm as Arm,
      type: event.type as RecordedEvent["type"],
      at,
      flowId: event.flowId ?? undefined,
      stepId: event.stepId ?? undefined,
      kind: (event.microKind ?? undefined) as MicroConversionKind | undefined,
      ...(isRepair(event.type, event.data) ? { repair: true } : {}),
      ...qualityFields(event.type, event.data),
    });
  }
  const allFacts = withEventless(sessions, sessionFacts(analytics));
  // Conversation → sale: a conversation's session credited with an order (any model, any window).
  const sold = await creditsBySession(
    shopDomain,
    allFacts.filter((facts) => facts.conversation).map((facts) => facts.sessionId),
  );
  for (const facts of allFacts)
    addSession(partsFor(dayKey(facts.startedAt, timeZone), facts.arm).rollup, {
      ...facts,
      sold: [...(sold.get(facts.sessionId)?.values() ?? [])].some((amount) => amount > 0),
    });

  await addAnswerEvents(
    shopDomain,
    period,
    byId,
    (session) => partsFor(dayKey(session.startedAt.getTime(), timeZone), session.arm as Arm).rollup,
  );

  const variantRevenue = await creditsBySession(shopDomain, [...shown.keys()]);
  for (const [sessionId, flows] of shown) {
    const session = byId.get(sessionId) as StoredSession;
    addVariantSession(partsFor(dayKey(session.startedAt.getTime(), timeZone), "treatment").variants, {
      variants: new Map([...flows].map(([flowId, { variantId }]) => [flowId, variantId])),
      convertedFlows: converted.get(sessionId) ?? new Set(),
      revenue: variantRevenue.get(sessionId) ?? new Map(),
    });
  }
  await addOrderCredits(shopDomain, period, timeZone, (day) => partsFor(day, "treatment").rollup);
  return parts;
}

/** A session counts from its start, even before (or without) any chat event. */
function withEventless(sessions: readonly StoredSession[], known: readonly SessionFacts[]): SessionFacts[] {
  const facts = new Map(known.map((fact) => [fact.sessionId, fact]));
  return sessions.map((session) => {
    const found = facts.get(session.id);
    const startedAt = session.startedAt.getTime();
    return found
      ? { ...found, startedAt }
      : sessionWithoutEvents(session.id, session.visitorId, session.arm as Arm, startedAt);
  });
}

/** Each session's credit (direct + assisted) per "model:window". */
async function creditsBySession(
  shopDomain: string,
  sessionIds: readonly string[],
): Promise<Map<string, Map<string, number>>> {
  const result = new Map<string, Map<string, number>>();
  for (let i = 0; i < sessionIds.length; i += IN_CHUNK) {
    const credits = await prisma.credit.findMany({
      where: { shopDomain, chatSessionId: { in: sessionIds.slice(i, i + IN_CHUNK) } },
      select: { chatSessionId: true, model: true, windowDays: true, amountMinor: true },
    });
    for (const credit of credits) {
      const perKey = result.get(credit.chatSessionId) ?? new Map<string, number>();
      const key = `${credit.model}:${credit.windowDays}`;
      perKey.set(key, (perKey.get(key) ?? 0) + Number(credit.amountMinor));
      result.set(credit.chatSessionId, perKey);
    }
  }
  return result;
}

/** Each order's credits go to the order's day, per model and window (holdout sessions earn none). */
async function addOrderCredits(
  shopDomain: string,
  period: { gte: Date; lt: Date },
  timeZone: string,
  rollupFor: (day: string) => Rollup,
): Promise<void> {
  const credits = await prisma.credit.findMany({
    where: { shopDomain, order: { placedAt: period } },
    select: {
      orderId: true,
      model: true,
      windowDays: true,
      role: true,
      amountMinor: true,
      order: { select: { placedAt: true } },
    },
  });
  const perOrder = new Map<string, { day: string; totals: Map<string, { direct: number; assisted: number }> }>();
  for (const credit of credits) {
    let order = perOrder.get(credit.orderId);
    if (!order)
      perOrder.set(
        credit.orderId,
        (order = { day: dayKey(credit.order.placedAt.getTime(), timeZone), totals: new Map() }),
      );
    const key = `${credit.model}:${credit.windowDays}`;
    const totals = order.totals.get(key) ?? { direct: 0, assisted: 0 };
    totals[credit.role === "direct" ? "direct" : "assisted"] += Number(credit.amountMinor);
    order.totals.set(key, totals);
  }
  for (const { day, totals } of perOrder.values()) {
    const rollup = rollupFor(day);
    for (const [key, { direct, assisted }] of totals) {
      const target = (rollup.credited[key] ??= { orders: 0, direct: 0, assisted: 0 });
      if (direct + assisted > 0) target.orders += 1;
      target.direct += direct;
      target.assisted += assisted;
    }
  }
}

/** Questions, abstentions, answered questions (the micro-conversion) and thumbs, counted on their session's day. */
async function addAnswerEvents(
  shopDomain: string,
  period: { gte: Date; lt: Date },
  sessions: ReadonlyMap<string, StoredSession>,
  rollupFor: (session: StoredSession) => Rollup,
): Promise<void> {
  const events = await prisma.chatEvent.findMany({
    where: {
      shopDomain,
      occurredAt: { gte: period.gte, lt: new Date(period.lt.getTime() + SESSION_SPAN_MS) },
      OR: [{ type: { in: ANSWER_EVENTS } }, { type: "micro_conversion", microKind: "question_answered" }],
    },
    select: { sessionId: true, type: true, occurredAt: true, data: true },
  });
  for (const event of events) {
    const session = sessions.get(event.sessionId);
    if (!session || event.occurredAt.getTime() >= session.startedAt.getTime() + SESSION_SPAN_MS) continue;
    let kind: AnswerEventKind;
    if (event.type === "question_asked") kind = "asked";
    else if (event.type === "answer_abstained") kind = "abstained";
    else if (event.type === "micro_conversion") kind = "answered";
    else {
      const feedback = feedbackData.safeParse(JSON.parse(event.data ?? "{}"));
      if (!feedback.success) continue;
      kind = feedback.data.helpful ? "helpful" : "notHelpful";
    }
    const rollup = rollupFor(session);
    (rollup.answers ??= emptyAnswerCounts())[kind] += 1;
  }
}
