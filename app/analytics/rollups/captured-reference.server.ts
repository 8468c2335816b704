/**
 * The dashboard's inputs computed straight from the captured tables (ChatSession, ChatEvent,
 * Order, Credit): the exact reference the daily rollups must equal. It reads every session the
 * shop has, so it is for tests and checks, never for the page (app/analytics/rollups/dashboard-data.server.ts
 * serves the page from rollups). Definitions, shared with the rollups:
 * - a session belongs to its shop-local start day and counts its events of its first 24 h;
 * - credited revenue belongs to the order's day;
 * - lift: visitors first seen in the range (arm of their first session) and every purchase
 *   their chat sessions led to (cart attribute), test orders aside;
 * - conversion to purchase: visitors whose first micro-conversion falls in the range.
 */
import prisma from "../../db.server";
import type { Arm } from "../../../contract/order-link";
import type { Rollup } from "../rollup";
import {
  addMicroConverter,
  addNewVisitor,
  armOutcome,
  conversionToMacroOf,
  emptyCohort,
  type VisitorCohort,
  type VisitorPurchase,
  type VisitorRecord,
} from "../cohort";
import { dayEnd, dayKey } from "../days";
import { lift, type LiftReport } from "../lift";
import type { MacroConversion } from "../metrics";
import { readDayParts } from "./day-facts.server";

export interface DayRange {
  from: string;
  to: string;
}

export interface CapturedDashboardData {
  rollups: Rollup[];
  lift: LiftReport;
  conversionToMacro: MacroConversion[];
}

export async function readCapturedDashboardData(
  shopDomain: string,
  range: DayRange,
  now: number,
  timeZone = "UTC",
): Promise<CapturedDashboardData> {
  const parts = await readDayParts(shopDomain, range.from, range.to, timeZone);
  const visitors = await everyVisitor(shopDomain);
  const arms: Record<Arm, VisitorCohort> = { treatment: emptyCohort(), holdout: emptyCohort() };
  const microDays = new Map<string, VisitorCohort>();
  const inRange = (day: string) => day >= range.from && day <= range.to;
  for (const visitor of visitors) {
    if (inRange(dayKey(visitor.firstSeenAt, timeZone))) addNewVisitor(arms[visitor.arm], visitor);
    if (visitor.firstMicroAt === null) continue;
    const day = dayKey(visitor.firstMicroAt, timeZone);
    if (!inRange(day)) continue;
    let cohort = microDays.get(day);
    if (!cohort) microDays.set(day, (cohort = emptyCohort()));
    addMicroConverter(cohort, visitor);
  }
  return {
    rollups: [...parts.values()].map((part) => part.rollup),
    lift: lift(armOutcome(arms.treatment), armOutcome(arms.holdout)),
    conversionToMacro: conversionToMacroOf(
      [...microDays].map(([day, cohort]) => ({ day, endsAt: dayEnd(day, timeZone), cohort })),
      now,
    ),
  };
}

/** Every visitor of the shop: earliest session's arm and start, earliest micro-conversion, purchases. */
async function everyVisitor(shopDomain: string): Promise<VisitorRecord[]> {
  const sessions = await prisma.chatSession.findMany({
    where: { shopDomain },
    select: { id: true, visitorId: true, arm: true, startedAt: true, firstMicroAt: true },
    orderBy: [{ startedAt: "asc" }, { id: "asc" }],
  });
  const orders = await prisma.order.findMany({
    where: { shopDomain, chatSessionId: { not: null }, test: false },
    select: { chatSessionId: true, placedAt: true, netMinor: true, cancelledAt: true },
  });
  const visitorOf = new Map(sessions.map((session) => [session.id, session.visitorId]));
  const purchases = new Map<string, VisitorPurchase[]>();
  for (const order of orders) {
    const visitorId = visitorOf.get(order.chatSessionId as string);
    if (!visitorId) continue;
    const list = purchases.get(visitorId) ?? [];
    list.push({ at: order.placedAt.getTime(), net: Number(order.netMinor), cancelled: order.cancelledAt !== null });
    purchases.set(visitorId, list);
  }
  const visitors = new Map<string, VisitorRecord & { firstMicroAt: number | null }>();
  for (const session of sessions) {
    const microAt = session.firstMicroAt?.getTime() ?? null;
    const known = visitors.get(session.visitorId);
    if (!known) {
      visitors.set(session.visitorId, {
        id: session.visitorId,
        arm: session.arm as Arm,
        firstSeenAt: session.startedAt.getTime(),
        firstMicroAt: microAt,
        purchases: purchases.get(session.visitorId) ?? [],
      });
    } else if (microAt !== null && (known.firstMicroAt === null || microAt < known.firstMicroAt))
      known.firstMicroAt = microAt;
  }
  return [...visitors.values()];
}
