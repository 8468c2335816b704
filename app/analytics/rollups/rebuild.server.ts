/**
 * Rebuilding a shop's rollups from scratch (first run, or a new time zone), in steps that each
 * stop after about `budgetMs`, so the job worker runs other shops' jobs in between:
 *   visitors — every session, page by page, folded into the Visitor table;
 *   orders   — every linked order, folded into its visitor;
 *   days     — every day from the first one to today, a few at a time.
 * The cursor in RollupState says where to go on. What changes while a rebuild runs is read by
 * the first incremental run after it (from the rebuild's start on), like any other change.
 */
import { performance } from "node:perf_hooks";
import prisma from "../../db.server";
import { dayKey, daysOf, shiftDay } from "../days";
import { recomputeDays, writeDayRows } from "./day-rows.server";
import {
  foldOrder,
  foldSession,
  linkedOrderSelect,
  readSessions,
  readVisitors,
  writeVisitors,
} from "./visitors.server";

export interface RebuildOptions {
  /** A step stops once this much time has passed (default 3 s). */
  budgetMs?: number;
  /** Sessions or orders per page (default 5,000). */
  pageSize?: number;
}

/** Days per raw read: bounds memory on large shops. */
const DAYS_PER_STEP = 2;

type RollupState = NonNullable<Awaited<ReturnType<typeof prisma.rollupState.findUnique>>>;

/** Forgets every row of the shop and starts the steps. */
export async function startRebuild(shopDomain: string, timeZone: string, now: Date): Promise<RollupState> {
  const rebuild = { rebuildStartedAt: now, rebuildPhase: "visitors", rebuildCursor: "" };
  const [, , state] = await prisma.$transaction([
    prisma.visitor.deleteMany({ where: { shopDomain } }),
    prisma.dailyRollup.deleteMany({ where: { shopDomain } }),
    prisma.rollupState.upsert({
      where: { shopDomain },
      create: { shopDomain, timeZone, syncedUntil: now, refreshedAt: now, rebuiltAt: now, ...rebuild },
      update: { timeZone, ...rebuild },
    }),
  ]);
  return state;
}

/** Runs steps until done or out of budget. */
export async function continueRebuild(
  shopDomain: string,
  timeZone: string,
  state: RollupState,
  now: Date,
  options: RebuildOptions,
): Promise<{ finished: boolean; days: number; visitors: number }> {
  const deadline = performance.now() + (options.budgetMs ?? 3_000);
  const pageSize = options.pageSize ?? 5_000;
  let phase = state.rebuildPhase ?? "visitors";
  let cursor = state.rebuildCursor ?? "";
  const done = { days: 0, visitors: 0 };
  const saveCursor = () =>
    prisma.rollupState.update({ where: { shopDomain }, data: { rebuildPhase: phase, rebuildCursor: cursor } });
  for (;;) {
    if (phase === "visitors") {
      const page = await prisma.chatSession.findMany({
        where: { shopDomain, id: { gt: cursor } },
        orderBy: { id: "asc" },
        take: pageSize,
        select: { id: true, visitorId: true, arm: true, startedAt: true, firstMicroAt: true },
      });
      const visitors = await readVisitors(shopDomain, [...new Set(page.map((session) => session.visitorId))]);
      for (const session of page) foldSession(visitors, session);
      done.visitors += visitors.size;
      [phase, cursor] = page.length < pageSize ? ["orders", ""] : ["visitors", page[page.length - 1]?.id ?? cursor];
      await prisma.$transaction([...writeVisitors(shopDomain, [...visitors.values()], timeZone, now), saveCursor()]);
    } else if (phase === "orders") {
      const page = await prisma.order.findMany({
        where: { shopDomain, chatSessionId: { not: null }, id: { gt: cursor } },
        orderBy: { id: "asc" },
        take: pageSize,
        select: linkedOrderSelect,
      });
      const sessions = new Map(
        (await readSessions(shopDomain, [...new Set(page.map((order) => order.chatSessionId as string))])).map(
          (session) => [session.id, session],
        ),
      );
      const visitors = await readVisitors(shopDomain, [
        ...new Set([...sessions.values()].map((session) => session.visitorId)),
      ]);
      for (const order of page) {
        const session = sessions.get(order.chatSessionId as string);
        if (session) foldOrder(visitors.get(session.visitorId) ?? foldSession(visitors, session), order);
      }
      [phase, cursor] =
        page.length < pageSize
          ? ["days", await firstDay(shopDomain, timeZone)]
          : ["orders", page[page.length - 1]?.id ?? cursor];
      await prisma.$transaction([...writeVisitors(shopDomain, [...visitors.values()], timeZone, now), saveCursor()]);
    } else {
      const today = dayKey(now.getTime(), timeZone);
      if (!cursor || cursor > today) {
        await prisma.rollupState.update({
          where: { shopDomain },
          data: {
            syncedUntil: state.rebuildStartedAt ?? now,
            refreshedAt: now,
            rebuiltAt: now,
            rebuildStartedAt: null,
            rebuildPhase: null,
            rebuildCursor: null,
          },
        });
        return { finished: true, ...done };
      }
      const days = daysOf(cursor, [shiftDay(cursor, DAYS_PER_STEP - 1), today].sort()[0] as string);
      const rows = await recomputeDays(shopDomain, timeZone, days, new Set(days));
      cursor = shiftDay(days[days.length - 1] as string, 1);
      await prisma.$transaction([...writeDayRows(shopDomain, days, rows), saveCursor()]);
      done.days += days.length;
    }
    if (performance.now() >= deadline) return { finished: false, ...done };
  }
}

/** The first day with a visitor or an order; "" when the shop has neither. */
async function firstDay(shopDomain: string, timeZone: string): Promise<string> {
  const [visitor, order] = await Promise.all([
    prisma.visitor.findFirst({
      where: { shopDomain },
      orderBy: { firstSeenDay: "asc" },
      select: { firstSeenDay: true },
    }),
    prisma.order.findFirst({ where: { shopDomain }, orderBy: { placedAt: "asc" }, select: { placedAt: true } }),
  ]);
  const days = [
    ...(visitor ? [visitor.firstSeenDay] : []),
    ...(order ? [dayKey(order.placedAt.getTime(), timeZone)] : []),
  ].sort();
  return days[0] ?? "";
}
