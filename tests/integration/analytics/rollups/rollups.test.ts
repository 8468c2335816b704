import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import prisma from "../../../../app/db.server";
import { resetIngestLimits } from "../../../../app/capture/ingest.server";
import { anEvent } from "../../../support/builders/events";
import { attributeStoredOrder } from "../../../../app/attribution/attribute-order.server";
import { buildDashboard, type DashboardSelection } from "../../../../app/admin/dashboard/dashboard";
import { readCapturedDashboardData } from "../../../../app/analytics/rollups/captured-reference.server";
import { dayKey, dayStart, shiftDay } from "../../../../app/analytics/days";
import { readRollupDashboardData } from "../../../../app/analytics/rollups/dashboard-data.server";
import { refreshShopRollups, refreshShopRollupsFully } from "../../../../app/analytics/rollups/refresh.server";
import {
  readVariantStats,
  readVariantStatsFromRawTables,
} from "../../../../app/analytics/rollups/variant-stats.server";
import {
  forgetRefreshRequests,
  REFRESH_DELAY_MS,
  ROLLUP_JOB,
  upsertRefreshJob,
} from "../../../../app/analytics/rollups/refresh-requests.server";
import { registerRollupJobs } from "../../../../app/analytics/rollups/jobs.server";
import { drainJobs } from "../../../../app/platform/jobs/runner.server";
import { redactShop } from "../../../../app/privacy/compliance.server";
import {
  aShop,
  anOrderFrom,
  aVisit,
  generateHistory,
  lateEvents,
  seededRandom,
  type GeneratedSession,
} from "../../../support/builders/generated-shop";
import { DAY, freezeClock, HOUR, NOW } from "../../../support/clock";

const TIME_ZONE = "America/New_York";
const shop = `rollups-${randomUUID().slice(0, 8)}.myshopify.com`;
const random = seededRandom(20261120);
let clock = NOW.getTime();
let history: GeneratedSession[] = [];

/** Moves the frozen clock on. */
function advance(ms: number): number {
  clock += ms;
  vi.setSystemTime(clock);
  return clock;
}

/** The same dashboard built from rollups and from the raw tables, for several ranges. */
async function expectRollupsToEqualRawTables(): Promise<void> {
  const today = dayKey(clock, TIME_ZONE);
  const ranges = [
    [shiftDay(today, -29), today],
    [shiftDay(today, -12), shiftDay(today, -6)],
    [shiftDay(today, -1), shiftDay(today, -1)],
    [today, today],
  ];
  for (const [from, to] of ranges as Array<[string, string]>) {
    for (const [model, window] of [
      ["last_touch", 30],
      ["linear", 7],
    ] as const) {
      const selection: DashboardSelection = { from, to, model, window };
      const fromRollups = await readRollupDashboardData(shop, selection, clock, TIME_ZONE);
      const raw = await readCapturedDashboardData(shop, selection, clock, TIME_ZONE);
      const { refreshedAt, ...rollupInputs } = fromRollups;
      expect(refreshedAt).not.toBeNull();
      expect(
        buildDashboard({ selection, currency: "USD", ...rollupInputs }),
        `${from}..${to} ${model} ${window}`,
      ).toEqual(buildDashboard({ selection, currency: "USD", ...raw }));
    }
    expect(await readVariantStats(shop, "fit", from, to)).toEqual(
      await readVariantStatsFromRawTables(shop, "fit", from, to),
    );
  }
}

beforeAll(async () => {
  freezeClock();
  resetIngestLimits();
  forgetRefreshRequests();
  await aShop(shop, TIME_ZONE);
  history = await generateHistory(shop, clock, random);
});

afterAll(async () => {
  vi.useRealTimers();
  await prisma.$disconnect();
});

describe("daily rollups", () => {
  it("GIVEN 18 days of generated traffic and orders WHEN the rollups are first built THEN the dashboard equals the raw computation for every range", async () => {
    const report = await refreshShopRollupsFully(shop, new Date(clock));

    expect(report).toMatchObject({ mode: "rebuild", finished: true });
    expect(await prisma.visitor.count({ where: { shopDomain: shop } })).toBe(
      new Set(history.map((session) => session.visitor)).size,
    );
    const data = await readRollupDashboardData(
      shop,
      { from: shiftDay(dayKey(clock, TIME_ZONE), -29), to: dayKey(clock, TIME_ZONE) },
      clock,
      TIME_ZONE,
    );
    expect(data.rollups.reduce((sum, rollup) => sum + rollup.sessions, 0)).toBe(history.length);
    expect(data.lift.holdout.visitors).toBeGreaterThan(0);
    expect((await readVariantStats(shop, "fit", "2026-11-01", "2026-11-30")).map((stats) => stats.variantId)).toEqual([
      "long",
      "short",
    ]);
    await expectRollupsToEqualRawTables();
  });

  it("GIVEN capture and attribution WHEN they store something THEN each asks for one refresh of the shop, due a little later", async () => {
    // GIVEN no refresh waiting (the generated history's request is done with)
    await prisma.job.deleteMany({ where: { kind: ROLLUP_JOB, dedupeKey: shop } });
    forgetRefreshRequests();
    const at = advance(5 * 60_000);
    // WHEN two visits arrive, a minute apart
    await aVisit(shop, "sess_new_visitor_1", 77, at - 2 * 60_000, random, at - 60_000);
    await aVisit(shop, "sess_new_visitor_2", 78, at - 60_000, random, at);
    // …and an order is attributed
    await anOrderFrom(shop, history[0] as GeneratedSession, at - 30_000);

    // THEN one job for the shop, due after the first arrival

    const jobs = await prisma.job.findMany({ where: { kind: ROLLUP_JOB, dedupeKey: shop } });
    expect(jobs).toHaveLength(1);
    expect(JSON.parse(jobs[0]?.payload ?? "{}")).toEqual({ shopDomain: shop });
    expect(jobs[0]?.runAt.getTime()).toBe(at - 60_000 + REFRESH_DELAY_MS);
    expect(jobs[0]?.shopDomain).toBeNull();
  });

  it("GIVEN late events, a visitor first seen earlier than thought, new orders on old visitors, a refund and a cancellation WHEN the job refreshes incrementally THEN the dashboard still equals the raw computation", async () => {
    // GIVEN the job runs once it is due (through the real job runner)
    registerRollupJobs();
    advance(REFRESH_DELAY_MS);
    expect(await drainJobs()).toBeGreaterThanOrEqual(1);
    expect((await prisma.rollupState.findUniqueOrThrow({ where: { shopDomain: shop } })).refreshedAt.getTime()).toBe(
      clock,
    );
    await expectRollupsToEqualRawTables();

    // WHEN a session from yesterday converts late, visitor 77 turns out to have come 20 hours earlier,
    const now = advance(10 * 60_000);
    const yesterday = history.filter(
      (session) => session.startedAt > now - 23 * HOUR && session.startedAt < now - 12 * HOUR,
    );
    expect(yesterday.length).toBeGreaterThan(0);
    const late = yesterday[0] as GeneratedSession;
    await lateEvents(
      shop,
      late,
      [
        anEvent("micro_conversion", {
          sessionId: late.id,
          occurredAt: now - 60_000,
          kind: "fit_help",
          productId: undefined,
          productVariantId: undefined,
          quantity: undefined,
        }),
      ],
      now,
    );
    await aVisit(shop, "sess_new_visitor_1b", 77, now - 20 * HOUR, random, now);
    // …a visitor from ten days ago buys today through that old session, a holdout visitor buys too,
    const old = history.find(
      (session) => session.startedAt < now - 9 * DAY && session.microConverted && session.visitor % 5 !== 0,
    ) as GeneratedSession;
    await anOrderFrom(shop, old, now - 30 * 60_000, { chatLine: true });
    const holdout = history.find((session) => session.visitor % 5 === 0) as GeneratedSession;
    await anOrderFrom(shop, holdout, now - 20 * 60_000);
    // …and an old order is refunded in part while another is cancelled
    const [refunded, cancelled] = await prisma.order.findMany({
      where: { shopDomain: shop, cancelledAt: null, credits: { some: { amountMinor: { gt: 0 } } } },
      orderBy: { placedAt: "asc" },
      take: 2,
    });
    await prisma.order.update({
      where: { id: refunded?.id },
      data: { netMinor: { decrement: 1000 }, refundedMinor: 1000 },
    });
    await attributeStoredOrder(refunded?.id as string, new Date(now));
    await prisma.order.update({
      where: { id: cancelled?.id },
      data: { cancelledAt: new Date(now - 5 * 60_000), netMinor: 0 },
    });
    await attributeStoredOrder(cancelled?.id as string, new Date(now));

    // THEN one incremental run later, rollups and raw tables agree again
    advance(REFRESH_DELAY_MS);
    const report = await refreshShopRollups(shop, new Date(clock));
    expect(report.mode).toBe("incremental");
    expect(report.days).toBeGreaterThanOrEqual(4);
    await expectRollupsToEqualRawTables();
  });

  it("GIVEN a session first seen just after the shop's midnight WHEN a held-back batch moves its start before midnight THEN it leaves today for yesterday, counted once", async () => {
    const midnight = dayStart(dayKey(clock, TIME_ZONE), TIME_ZONE);
    const session = await aVisit(shop, "sess_midnight", 90, midnight + 10 * 60_000, random, advance(60_000));
    await refreshShopRollups(shop, new Date(advance(REFRESH_DELAY_MS)));
    const today = { from: dayKey(clock, TIME_ZONE), to: dayKey(clock, TIME_ZONE) };
    const sessionsToday = (await readRollupDashboardData(shop, today, clock, TIME_ZONE)).rollups.reduce(
      (sum, rollup) => sum + rollup.sessions,
      0,
    );

    await lateEvents(
      shop,
      session,
      [anEvent("prompt_shown", { sessionId: session.id, occurredAt: midnight - 10 * 60_000 })],
      advance(60_000),
    );
    await refreshShopRollups(shop, new Date(advance(REFRESH_DELAY_MS)));

    expect(
      (await readRollupDashboardData(shop, today, clock, TIME_ZONE)).rollups.reduce(
        (sum, rollup) => sum + rollup.sessions,
        0,
      ),
    ).toBe(sessionsToday - 1);
    await expectRollupsToEqualRawTables();
  });

  it("GIVEN nothing changed WHEN the job runs again THEN the rows stay as they were, and past the overlap it reads nothing", async () => {
    const rows = () =>
      prisma.dailyRollup.findMany({
        where: { shopDomain: shop },
        orderBy: [{ day: "asc" }, { arm: "asc" }],
        select: { day: true, arm: true, data: true, cohort: true, variants: true },
      });
    const before = await rows();

    // WHEN it runs again (re-reading the last minute: transactions may commit late) and once more
    advance(10 * 60_000);
    await refreshShopRollups(shop, new Date(clock));
    advance(10 * 60_000);
    const again = await refreshShopRollups(shop, new Date(clock));

    expect(await rows()).toEqual(before);
    expect(again).toEqual({ mode: "incremental", finished: true, days: 0, visitors: 0 });
  });

  it("GIVEN the merchant changes the shop's time zone WHEN the dashboard is read THEN a small shop's days are re-cut at the new midnight at once", async () => {
    await prisma.shop.update({ where: { domain: shop }, data: { timeZone: "Asia/Tokyo" } });

    const tokyo = await readRollupDashboardData(shop, { from: "2026-11-01", to: "2026-11-30" }, clock, "Asia/Tokyo");

    expect(tokyo.refreshedAt?.getTime()).toBe(clock);
    expect((await prisma.rollupState.findUniqueOrThrow({ where: { shopDomain: shop } })).timeZone).toBe("Asia/Tokyo");
    const raw = await readCapturedDashboardData(shop, { from: "2026-11-01", to: "2026-11-30" }, clock, "Asia/Tokyo");
    const selection: DashboardSelection = { from: "2026-11-01", to: "2026-11-30", model: "last_touch", window: 30 };
    const { refreshedAt: _, ...inputs } = tokyo;
    expect(buildDashboard({ selection, currency: "USD", ...inputs })).toEqual(
      buildDashboard({ selection, currency: "USD", ...raw }),
    );
  });

  it("GIVEN a rebuild in small steps WHEN some steps ran THEN it stays marked as rebuilding, and the job goes on from where it stopped to a result equal to the raw computation", async () => {
    await prisma.shop.update({ where: { domain: shop }, data: { timeZone: "Europe/Berlin" } });
    const range = { from: "2026-11-01", to: "2026-11-30" };
    // WHEN 12 steps of 40 sessions (and then orders, then two days) run
    for (let step = 0; step < 12; step += 1) {
      const report = await refreshShopRollups(shop, new Date(clock), { budgetMs: 0, pageSize: 40 });
      expect(report).toMatchObject({ mode: "rebuild", finished: false });
    }
    const midway = await prisma.rollupState.findUniqueOrThrow({ where: { shopDomain: shop } });
    expect(midway).toMatchObject({ timeZone: "Europe/Berlin", rebuildPhase: "days" });
    expect(midway.rebuildStartedAt).not.toBeNull();

    // …and the job runs it to the end
    await upsertRefreshJob(prisma, shop, new Date(clock), new Date(clock));
    registerRollupJobs();
    expect(await drainJobs()).toBe(1);

    const state = await prisma.rollupState.findUniqueOrThrow({ where: { shopDomain: shop } });
    expect(state).toMatchObject({ rebuildStartedAt: null, rebuildPhase: null, rebuildCursor: null });
    const rebuilt = await readRollupDashboardData(shop, range, clock, "Europe/Berlin");
    expect(rebuilt.refreshedAt?.getTime()).toBe(clock);
    const selection: DashboardSelection = { ...range, model: "last_touch", window: 30 };
    const { refreshedAt: _, ...inputs } = rebuilt;
    expect(buildDashboard({ selection, currency: "USD", ...inputs })).toEqual(
      buildDashboard({
        selection,
        currency: "USD",
        ...(await readCapturedDashboardData(shop, range, clock, "Europe/Berlin")),
      }),
    );
  });

  it("GIVEN a large shop whose rollups were never built WHEN the dashboard is read THEN it asks the job for the build and says the numbers are being prepared", async () => {
    const large = `rollups-large-${randomUUID().slice(0, 8)}.myshopify.com`;
    await aShop(large, "UTC");
    const startedAt = new Date(clock - DAY);
    await prisma.chatSession.createMany({
      data: Array.from({ length: 10_001 }, (_, n) => ({
        shopDomain: large,
        id: `sess_large_${n}`,
        visitorId: `visitor_large_${n}`,
        arm: "treatment",
        startedAt,
        lastSeenAt: startedAt,
      })),
    });

    const data = await readRollupDashboardData(large, { from: "2026-11-01", to: "2026-11-30" }, clock, "UTC");

    expect(data.refreshedAt).toBeNull();
    expect(data.rollups).toEqual([]);
    const job = await prisma.job.findFirstOrThrow({ where: { kind: ROLLUP_JOB, dedupeKey: large } });
    expect(job.runAt.getTime()).toBe(clock);
    expect(await prisma.rollupState.count({ where: { shopDomain: large } })).toBe(0);
  });

  it("GIVEN shop/redact WHEN it runs THEN the shop's rollups, visitors and rollup state are deleted too", async () => {
    const report = await redactShop(shop);

    expect(report.deleted.DailyRollup).toBeGreaterThan(0);
    expect(report.deleted.Visitor).toBeGreaterThan(0);
    expect(report.deleted.RollupState).toBe(1);
    expect(await prisma.visitor.count({ where: { shopDomain: shop } })).toBe(0);
  });
});
