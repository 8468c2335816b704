/**
 * Data retention on a frozen clock: what the daily sweep deletes (storefront events, sessions,
 * micro-conversions, idle leads with their decisions) and what it keeps (recent rows, orders and
 * credits, leads whose HubSpot sync still waits), per shop, and that it schedules itself.
 */
import { afterAll, describe, expect, it } from "vitest";
import prisma from "../../../app/db.server";
import { CONTACT_JOB } from "../../../app/sync/outbox.server";
import { registeredKinds, runDueJobs } from "../../../app/platform/jobs/runner.server";
import { nextSweepAt, retentionCutoff } from "../../../app/privacy/retention-policy";
import { registerRetentionJobs } from "../../../app/privacy/retention-jobs.server";
import { enforceRetention, RETENTION_JOB, sweepFinishedJobs } from "../../../app/privacy/retention.server";
import { aChatSession, aCreditedOrder } from "../../support/builders/stored-orders";
import { DAY } from "../../support/clock";

// Not the shared clock (tests/support/clock.ts): the daily sweep runs at 03:00 UTC, and the test stands at that hour.
const NOW = new Date("2026-11-21T03:00:00.000Z");
const daysAgo = (days: number) => new Date(NOW.getTime() - days * DAY);
let counter = 0;

async function aShop(retentionDays: number): Promise<string> {
  counter += 1;
  const domain = `retention-${counter}.myshopify.com`;
  await prisma.shop.create({ data: { domain, retentionDays } });
  return domain;
}

/** A lead last active `days` ago, with one routing decision. */
async function anIdleLead(shopDomain: string, email: string, days: number): Promise<string> {
  const at = daysAgo(days);
  const lead = await prisma.lead.create({
    data: {
      shopDomain,
      email,
      consentText: "Email me",
      consentAt: at,
      firstSessionId: "s",
      lastSessionId: "s",
      createdAt: at,
      updatedAt: at,
    },
  });
  await prisma.routingDecision.create({
    data: {
      shopDomain,
      leadId: lead.id,
      ruleId: "r",
      ruleSetVersion: 1,
      status: "matched",
      reason: "because",
      detail: "{}",
      decidedAt: at,
    },
  });
  return lead.id;
}

async function countsOf(shopDomain: string) {
  const where = { shopDomain };
  return {
    events: await prisma.chatEvent.count({ where }),
    sessions: await prisma.chatSession.count({ where }),
    micros: await prisma.microConversion.count({ where }),
    leads: await prisma.lead.count({ where }),
    decisions: await prisma.routingDecision.count({ where }),
    orders: await prisma.order.count({ where }),
    credits: await prisma.credit.count({ where }),
  };
}

afterAll(() => prisma.$disconnect());

describe("retention policy", () => {
  it.each([
    [new Date("2026-11-21T02:59:59.000Z"), "2026-11-21T03:00:00.000Z"],
    [new Date("2026-11-21T03:00:00.000Z"), "2026-11-22T03:00:00.000Z"],
    [new Date("2026-12-31T23:00:00.000Z"), "2027-01-01T03:00:00.000Z"],
  ])("after %s the next sweep is at %s", (now, next) => {
    expect(nextSweepAt(now).toISOString()).toBe(next);
  });

  it("counts whole days back from now and refuses a non-positive retention", () => {
    expect(retentionCutoff(NOW, 90).toISOString()).toBe("2026-08-23T03:00:00.000Z");
    expect(() => retentionCutoff(NOW, 0)).toThrow(RangeError);
  });
});

describe("enforceRetention", () => {
  it("GIVEN a 90-day shop with data on both sides of the cutoff THEN only the older storefront data and idle leads go; orders and credits stay", async () => {
    const shop = await aShop(90);
    await aChatSession(prisma, shop, daysAgo(120), {
      id: "old",
      events: [{ type: "session_started" }, { type: "micro_conversion", microKind: "fit_help" }],
    });
    await aChatSession(prisma, shop, daysAgo(10), { id: "recent", events: [{ type: "session_started" }] });
    await prisma.microConversion.createMany({
      data: [
        { shopDomain: shop, id: "m-old", sessionId: "old", kind: "fit_help", at: daysAgo(120) },
        { shopDomain: shop, id: "m-new", sessionId: "recent", kind: "fit_help", at: daysAgo(10) },
      ],
    });
    await anIdleLead(shop, "idle@example.com", 100);
    await anIdleLead(shop, "active@example.com", 30);
    await aCreditedOrder(prisma, shop, daysAgo(200), [{ chatSessionId: "old" }]);
    const visitor = (id: string, at: Date) => ({
      shopDomain: shop,
      id,
      arm: "treatment",
      firstSeenAt: at,
      firstSeenDay: at.toISOString().slice(0, 10),
      updatedAt: at,
    });
    await prisma.visitor.createMany({ data: [visitor("v-old", daysAgo(120)), visitor("v-new", daysAgo(10))] });
    await prisma.answerLlmUsage.createMany({
      data: ["2026-08-22", "2026-08-23", "2026-11-20"].map((day) => ({ shopDomain: shop, day, count: 3 })),
    });

    const report = await enforceRetention(shop, 90, NOW);

    expect(report).toEqual({
      shopDomain: shop,
      cutoff: "2026-08-23T03:00:00.000Z",
      events: 2,
      microConversions: 1,
      chatSessions: 1,
      leads: 1,
      routingDecisions: 1,
      routingActions: 0,
      visitors: 1,
      llmUsageDays: 1,
      leadsKeptForSync: 0,
    });
    expect(
      await prisma.answerLlmUsage.findMany({
        where: { shopDomain: shop },
        select: { day: true },
        orderBy: { day: "asc" },
      }),
    ).toEqual([{ day: "2026-08-23" }, { day: "2026-11-20" }]);
    expect(await prisma.visitor.findMany({ where: { shopDomain: shop }, select: { id: true } })).toEqual([
      { id: "v-new" },
    ]);
    expect(await countsOf(shop)).toEqual({
      events: 1,
      sessions: 1,
      micros: 1,
      leads: 1,
      decisions: 1,
      orders: 1,
      credits: 1,
    });
    expect(await prisma.lead.findMany({ where: { shopDomain: shop }, select: { email: true } })).toEqual([
      { email: "active@example.com" },
    ]);
  });

  it("GIVEN an idle lead whose HubSpot sync is parked THEN it is kept until the sync is delivered or retried", async () => {
    const shop = await aShop(90);
    const waiting = await anIdleLead(shop, "waiting@example.com", 100);
    await prisma.job.create({
      data: {
        kind: CONTACT_JOB,
        shopDomain: shop,
        status: "parked",
        payload: JSON.stringify({ shopDomain: shop, leadId: waiting }),
        lastError: "validation: bad",
      },
    });

    const report = await enforceRetention(shop, 90, NOW);

    expect(report).toMatchObject({ leads: 0, leadsKeptForSync: 1 });
    expect(await prisma.lead.count({ where: { id: waiting } })).toBe(1);
  });

  it("GIVEN two shops with different retention THEN each keeps its own window", async () => {
    const short = await aShop(60);
    const long = await aShop(395);
    for (const shop of [short, long]) await aChatSession(prisma, shop, daysAgo(100), { id: "s-100" });

    await enforceRetention(short, 60, NOW);
    await enforceRetention(long, 395, NOW);

    expect((await countsOf(short)).sessions).toBe(0);
    expect((await countsOf(long)).sessions).toBe(1);
  });
});

describe("the daily retention job", () => {
  it("GIVEN the job is registered THEN a sweep waits for 03:00 UTC; WHEN it runs THEN every shop is swept and the next one is queued for the next day", async () => {
    const shop = await aShop(60);
    await aChatSession(prisma, shop, daysAgo(61), { id: "expired" });
    const before = new Date(NOW.getTime() - 3_600_000);

    registerRetentionJobs(() => before);
    expect(registeredKinds()).toContain(RETENTION_JOB);
    // The first sweep is queued by registration, without waiting for it.
    await expect
      .poll(() => prisma.job.findFirst({ where: { kind: RETENTION_JOB, status: "queued" } }))
      .toMatchObject({ runAt: NOW });

    expect(await runDueJobs({ now: () => before })).toBe(0);
    registerRetentionJobs(() => NOW);
    expect(await runDueJobs({ now: () => NOW })).toBe(1);

    expect((await countsOf(shop)).sessions).toBe(0);
    const jobs = await prisma.job.findMany({
      where: { kind: RETENTION_JOB },
      orderBy: { id: "asc" },
      select: { status: true, runAt: true },
    });
    expect(jobs).toEqual([
      { status: "done", runAt: NOW },
      { status: "queued", runAt: new Date("2026-11-22T03:00:00.000Z") },
    ]);
  });
});

describe("finished jobs", () => {
  it("GIVEN jobs done 8 and 6 days ago, one parked and one queued WHEN the sweep runs THEN only the week-old finished one goes", async () => {
    const days = (n: number) => new Date(NOW.getTime() - n * 24 * 3_600_000);
    const job = (status: string, finishedAt: Date | null) => ({
      kind: "test.finished",
      payload: "{}",
      status,
      finishedAt,
      runAt: days(9),
    });
    const [old, recent, parked, queued] = await Promise.all(
      [job("done", days(8)), job("done", days(6)), job("parked", days(8)), job("queued", null)].map((data) =>
        prisma.job.create({ data }),
      ),
    );

    const deleted = await sweepFinishedJobs(NOW);

    expect(deleted).toBe(1);
    const left = await prisma.job.findMany({ where: { kind: "test.finished" }, select: { id: true } });
    const byId = (a: number, b: number) => a - b;
    expect(left.map((row) => row.id).sort(byId)).toEqual([recent!.id, parked!.id, queued!.id].sort(byId));
    expect(left.map((row) => row.id)).not.toContain(old!.id);
  });
});
