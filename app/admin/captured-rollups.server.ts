/**
 * The dashboard's inputs, computed from the captured tables (ChatSession, ChatEvent, Order,
 * Credit) for the selected days. Exact, but it reads every session and event of the range:
 * fine for small shops and for tests, too slow for a million sessions. The DailyRollup table
 * (one additive app/analytics Rollup per shop, day and arm, kept current by capture and
 * attribution) replaces `readDailyRollups` here without changing its callers.
 */
import prisma from "../db.server";
import type { Arm } from "../capture/order-link";
import type { ChatEventType, MicroConversionKind } from "../capture/events";
import { addSession, dayKey, emptyRollup, type Rollup } from "../analytics/rollup";
import { sessionFacts, type AnalyticsEvent, type SessionFacts } from "../analytics/session-facts";
import { armOutcomes, lift, type LiftReport } from "../analytics/lift";
import { conversionToMacro, type MacroConversion, type Purchase } from "../analytics/metrics";

const DAY_MS = 86_400_000;
const FACT_EVENTS: ChatEventType[] = ["chat_opened", "micro_conversion", "flow_started", "step_viewed", "flow_completed"];
/** Events of a session that started on the last day may arrive after midnight. */
const LATE_EVENT_SLACK_MS = DAY_MS;

export interface DayRange {
  from: string;
  to: string;
}

export interface CapturedDashboardData {
  rollups: Rollup[];
  lift: LiftReport;
  conversionToMacro: MacroConversion[];
}

const bounds = ({ from, to }: DayRange) => ({ gte: new Date(`${from}T00:00:00.000Z`), lt: new Date(Date.parse(`${to}T00:00:00.000Z`) + DAY_MS) });

export async function readCapturedDashboardData(shopDomain: string, range: DayRange, now: number, timeZone = "UTC"): Promise<CapturedDashboardData> {
  const period = bounds(range);
  const sessions = await prisma.chatSession.findMany({
    where: { shopDomain, startedAt: period },
    select: { id: true, visitorId: true, arm: true, startedAt: true },
  });
  const facts = await factsOf(shopDomain, sessions, period);
  const rollups = new Map<string, Rollup>();
  const rollupFor = (day: string, arm: Arm) => {
    const key = `${day}|${arm}`;
    let rollup = rollups.get(key);
    if (!rollup) rollups.set(key, (rollup = emptyRollup(day, arm)));
    return rollup;
  };
  for (const session of facts) addSession(rollupFor(dayKey(session.startedAt, timeZone), session.arm), session);
  await addCredits(shopDomain, period, timeZone, rollupFor);

  const purchases = await linkedPurchases(shopDomain, period);
  const outcomes = armOutcomes(
    sessions.map((session) => ({ visitorId: session.visitorId, arm: session.arm as Arm })),
    purchases.map((purchase) => ({ visitorId: purchase.visitorId, revenue: purchase.revenue, cancelled: purchase.cancelled })),
  );
  return {
    rollups: [...rollups.values()],
    lift: lift(outcomes.treatment, outcomes.holdout),
    conversionToMacro: conversionToMacro(facts, purchases.filter((purchase) => !purchase.cancelled), now),
  };
}

async function factsOf(shopDomain: string, sessions: { id: string; visitorId: string; arm: string; startedAt: Date }[], period: { gte: Date; lt: Date }): Promise<SessionFacts[]> {
  const byId = new Map(sessions.map((session) => [session.id, session]));
  const events = await prisma.chatEvent.findMany({
    where: { shopDomain, type: { in: FACT_EVENTS }, occurredAt: { gte: period.gte, lt: new Date(period.lt.getTime() + LATE_EVENT_SLACK_MS) } },
    select: { sessionId: true, type: true, occurredAt: true, flowId: true, stepId: true, microKind: true },
  });
  const analytics: AnalyticsEvent[] = [];
  for (const event of events) {
    const session = byId.get(event.sessionId);
    if (!session) continue;
    analytics.push({
      sessionId: event.sessionId,
      visitorId: session.visitorId,
      arm: session.arm as Arm,
      type: event.type as ChatEventType,
      at: event.occurredAt.getTime(),
      flowId: event.flowId ?? undefined,
      stepId: event.stepId ?? undefined,
      kind: (event.microKind ?? undefined) as MicroConversionKind | undefined,
    });
  }
  const facts = new Map(sessionFacts(analytics).map((fact) => [fact.sessionId, fact]));
  // A session counts from its start, even before (or without) any chat event.
  return sessions.map((session) => {
    const known = facts.get(session.id);
    const startedAt = session.startedAt.getTime();
    return known
      ? { ...known, startedAt }
      : { sessionId: session.id, visitorId: session.visitorId, arm: session.arm as Arm, startedAt, chatOpenedAt: null, microConversions: [], flows: [] };
  });
}

/** Each order's credits go to the order's day, per model and window (holdout sessions earn none). */
async function addCredits(shopDomain: string, period: { gte: Date; lt: Date }, timeZone: string, rollupFor: (day: string, arm: Arm) => Rollup) {
  const credits = await prisma.credit.findMany({
    where: { shopDomain, order: { placedAt: period } },
    select: { orderId: true, model: true, windowDays: true, role: true, amountMinor: true, order: { select: { placedAt: true } } },
  });
  const perOrder = new Map<string, { day: string; totals: Map<string, { direct: number; assisted: number }> }>();
  for (const credit of credits) {
    let order = perOrder.get(credit.orderId);
    if (!order) perOrder.set(credit.orderId, (order = { day: dayKey(credit.order.placedAt.getTime(), timeZone), totals: new Map() }));
    const key = `${credit.model}:${credit.windowDays}`;
    const totals = order.totals.get(key) ?? { direct: 0, assisted: 0 };
    totals[credit.role === "direct" ? "direct" : "assisted"] += Number(credit.amountMinor);
    order.totals.set(key, totals);
  }
  for (const { day, totals } of perOrder.values()) {
    const rollup = rollupFor(day, "treatment");
    for (const [key, { direct, assisted }] of totals) {
      const target = (rollup.credited[key] ??= { orders: 0, direct: 0, assisted: 0 });
      if (direct + assisted > 0) target.orders += 1;
      target.direct += direct;
      target.assisted += assisted;
    }
  }
}

interface LinkedPurchase extends Purchase {
  revenue: number;
  cancelled: boolean;
}

/** Orders of the period whose cart named a chat session (both arms carry it), by visitor. */
async function linkedPurchases(shopDomain: string, period: { gte: Date; lt: Date }): Promise<LinkedPurchase[]> {
  const orders = await prisma.order.findMany({
    where: { shopDomain, placedAt: period, chatSessionId: { not: null }, test: false },
    select: { chatSessionId: true, placedAt: true, netMinor: true, cancelledAt: true },
  });
  const sessionIds = [...new Set(orders.map((order) => order.chatSessionId as string))];
  const visitors = new Map<string, string>();
  for (let i = 0; i < sessionIds.length; i += 500) {
    const rows = await prisma.chatSession.findMany({ where: { shopDomain, id: { in: sessionIds.slice(i, i + 500) } }, select: { id: true, visitorId: true } });
    for (const row of rows) visitors.set(row.id, row.visitorId);
  }
  return orders.flatMap((order) => {
    const visitorId = visitors.get(order.chatSessionId as string);
    return visitorId ? [{ visitorId, at: order.placedAt.getTime(), revenue: Number(order.netMinor), cancelled: order.cancelledAt !== null }] : [];
  });
}
