/**
 * The rollup job: brings a shop's DailyRollup and Visitor rows up to date with the raw tables.
 *
 * Incremental run: since the last run (minus an overlap for transactions still committing then)
 * it reads what changed — sessions with newly received events, credits written, linked orders
 * updated — folds them into the visitors concerned, and recomputes whole the days they touch:
 * a session's start day (its facts and variants), a credited order's day and its sessions'
 * days, the first-seen and first-micro-conversion days of changed visitors. Recomputing a day
 * from raw rows is idempotent, so a run repeated after a crash or an overlap changes nothing.
 * Capture clamps event clocks to [received − 24 h, received] and a session sees only its first
 * 24 h (SESSION_SPAN_MS), so storefront traffic touches today and the two days before it.
 *
 * Rebuild (first run, or the shop's time zone changed): every visitor and every day again, in
 * steps (rebuild.server.ts).
 */
import prisma from "../../db.server";
import { withShopLock } from "../../platform/db/shop-lock.server";
import { dayKey, daysOf } from "../days";
import { MAX_EVENT_AGE_MS } from "../../capture/ingest-plan";
import { recomputeDays, writeDayRows } from "./day-rows.server";
import { continueRebuild, startRebuild, type RebuildOptions } from "./rebuild.server";
import {
  foldOrder,
  foldSession,
  linkedOrderSelect,
  readSessions,
  readVisitors,
  writeVisitors,
  type LinkedOrder,
  type VisitorState,
} from "./visitors.server";

/** Re-read before the last run's start: an ingest or attribution transaction may commit late. */
const OVERLAP_MS = 60_000;
/** How far before its receipt an event's (clamped) clock can be, with a margin. */
const EVENT_CLOCK_SLACK_MS = MAX_EVENT_AGE_MS + 3_600_000;
const IN_CHUNK = 500;

export interface RefreshReport {
  mode: "incremental" | "rebuild" | "no_shop";
  /** False while a rebuild has steps to go. */
  finished: boolean;
  days: number;
  visitors: number;
}

/**
 * One run of the job. A rebuild goes in steps of about `budgetMs` (the job queues its own next
 * step), so one shop's first build never holds the worker's other jobs back for long.
 */
export function refreshShopRollups(
  shopDomain: string,
  now = new Date(),
  options: RebuildOptions = {},
): Promise<RefreshReport> {
  // The job and a dashboard's catch-up may run at once, on different instances: both rewrite the
  // shop's Visitor rows from what they read, so one at a time per shop.
  return withShopLock("rollup-refresh", shopDomain, () => refreshUnderLock(shopDomain, now, options));
}

async function refreshUnderLock(shopDomain: string, now: Date, options: RebuildOptions): Promise<RefreshReport> {
  const shop = await prisma.shop.findUnique({ where: { domain: shopDomain }, select: { timeZone: true } });
  if (!shop) return { mode: "no_shop", finished: true, days: 0, visitors: 0 };
  let state = await prisma.rollupState.findUnique({ where: { shopDomain } });
  if (!state || state.timeZone !== shop.timeZone) state = await startRebuild(shopDomain, shop.timeZone, now);
  if (state.rebuildStartedAt)
    return { mode: "rebuild", ...(await continueRebuild(shopDomain, shop.timeZone, state, now, options)) };
  return refreshIncrementally(shopDomain, shop.timeZone, new Date(state.syncedUntil.getTime() - OVERLAP_MS), now);
}

/** Every step of a rebuild (or an incremental run) at once: for scripts, benchmarks and small shops. */
export async function refreshShopRollupsFully(shopDomain: string, now = new Date()): Promise<RefreshReport> {
  const total: RefreshReport = { mode: "incremental", finished: false, days: 0, visitors: 0 };
  while (!total.finished) {
    const step = await refreshShopRollups(shopDomain, now, { budgetMs: Infinity });
    Object.assign(total, {
      mode: step.mode,
      finished: step.finished,
      days: total.days + step.days,
      visitors: total.visitors + step.visitors,
    });
  }
  return total;
}

async function refreshIncrementally(
  shopDomain: string,
  timeZone: string,
  since: Date,
  now: Date,
): Promise<RefreshReport> {
  const touched = await prisma.chatEvent.findMany({
    where: {
      shopDomain,
      occurredAt: { gte: new Date(since.getTime() - EVENT_CLOCK_SLACK_MS) },
      receivedAt: { gte: since },
    },
    select: { sessionId: true },
    distinct: ["sessionId"],
  });
  const sessions = await readSessions(
    shopDomain,
    touched.map((event) => event.sessionId),
  );
  const credits = await prisma.credit.findMany({
    where: { id: { gte: creditIdFloor(since) }, shopDomain, createdAt: { gte: since } },
    select: { orderId: true, chatSessionId: true },
  });
  const orders = await changedLinkedOrders(
    shopDomain,
    since,
    sessions.map((session) => session.id),
  );

  // Sessions of the orders and credits, for their visitors and start days.
  const sessionById = new Map(sessions.map((session) => [session.id, session]));
  const missing = [
    ...new Set([
      ...orders.map((order) => order.chatSessionId as string),
      ...credits.map((credit) => credit.chatSessionId),
    ]),
  ].filter((id) => !sessionById.has(id));
  for (const session of await readSessions(shopDomain, missing)) sessionById.set(session.id, session);

  const visitorIds = [
    ...new Set([
      ...sessions.map((s) => s.visitorId),
      ...orders.flatMap((o) => sessionById.get(o.chatSessionId as string)?.visitorId ?? []),
    ]),
  ];
  const before = await readVisitors(shopDomain, visitorIds);
  const after = new Map([...before].map(([id, visitor]) => [id, structuredClone(visitor)]));
  for (const session of sessions) foldSession(after, session);
  for (const order of orders) {
    const session = sessionById.get(order.chatSessionId as string);
    if (session) foldOrder(after.get(session.visitorId) ?? foldSession(after, session), order);
  }
  const changed = [...after.values()].filter(
    (visitor) => JSON.stringify(visitor) !== JSON.stringify(before.get(visitor.id)),
  );

  const sessionDays = new Set<string>();
  // A late batch can move a session's start earlier (by at most a day, capture's clock clamp):
  // the day it left is recomputed too.
  for (const session of sessions) {
    const start = session.startedAt.getTime();
    const first = dayKey(start, timeZone);
    const last = dayKey(Math.max(start, Math.min(start + MAX_EVENT_AGE_MS, now.getTime())), timeZone);
    for (const day of daysOf(first, last)) sessionDays.add(day);
  }
  for (const credit of credits) {
    const session = sessionById.get(credit.chatSessionId);
    if (session) sessionDays.add(dayKey(session.startedAt.getTime(), timeZone));
  }
  for (const day of await orderDays(shopDomain, [...new Set(credits.map((credit) => credit.orderId))], timeZone))
    sessionDays.add(day);
  const cohortDays = new Set<string>();
  for (const visitor of changed) for (const day of visitorDays(visitor, timeZone)) cohortDays.add(day);
  for (const visitor of changed) for (const day of visitorDays(before.get(visitor.id), timeZone)) cohortDays.add(day);

  if (changed.length) await prisma.$transaction(writeVisitors(shopDomain, changed, timeZone, now));
  const days = [...new Set([...sessionDays, ...cohortDays])].sort();
  const rows = await recomputeDays(shopDomain, timeZone, days, sessionDays);
  await prisma.$transaction([
    ...(days.length ? writeDayRows(shopDomain, days, rows) : []),
    stateWrite(shopDomain, timeZone, now),
  ]);
  return { mode: "incremental", finished: true, days: days.length, visitors: changed.length };
}

/** Linked orders updated since, and those naming the given sessions (seen only now, perhaps). */
async function changedLinkedOrders(
  shopDomain: string,
  since: Date,
  sessionIds: readonly string[],
): Promise<LinkedOrder[]> {
  const orders = new Map<string, LinkedOrder>();
  for (const order of await prisma.order.findMany({
    where: { shopDomain, chatSessionId: { not: null }, updatedAt: { gte: since } },
    select: linkedOrderSelect,
  }))
    orders.set(order.id, order);
  for (let i = 0; i < sessionIds.length; i += IN_CHUNK) {
    const named = await prisma.order.findMany({
      where: { shopDomain, chatSessionId: { in: sessionIds.slice(i, i + IN_CHUNK) } },
      select: linkedOrderSelect,
    });
    for (const order of named) orders.set(order.id, order);
  }
  return [...orders.values()];
}

async function orderDays(shopDomain: string, orderIds: readonly string[], timeZone: string): Promise<string[]> {
  const days = new Set<string>();
  for (let i = 0; i < orderIds.length; i += IN_CHUNK) {
    const rows = await prisma.order.findMany({
      where: { shopDomain, id: { in: orderIds.slice(i, i + IN_CHUNK) } },
      select: { placedAt: true },
    });
    for (const row of rows) days.add(dayKey(row.placedAt.getTime(), timeZone));
  }
  return [...days];
}

function visitorDays(visitor: VisitorState | undefined, timeZone: string): string[] {
  if (!visitor) return [];
  return [
    dayKey(visitor.firstSeenAt, timeZone),
    ...(visitor.firstMicroAt === null ? [] : [dayKey(visitor.firstMicroAt, timeZone)]),
  ];
}

/**
 * Credit ids begin with their creation time (app/attribution/credit-writer.server.ts's
 * newCreditId: "c" + 9 base-36 digits of ms), so credits written since a time are a range of
 * the primary key, and no credit-time index has to slow every re-attribution down.
 */
export function creditIdFloor(since: Date): string {
  return `c${Math.max(0, since.getTime()).toString(36).padStart(9, "0")}`;
}

function stateWrite(shopDomain: string, timeZone: string, now: Date) {
  return prisma.rollupState.update({ where: { shopDomain }, data: { timeZone, syncedUntil: now, refreshedAt: now } });
}
