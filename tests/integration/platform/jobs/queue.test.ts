import { randomUUID } from "node:crypto";
import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";
import prisma from "../../../../app/db.server";
import { JobDeferral } from "../../../../app/platform/jobs/backoff";
import { claimJobs, enqueueJob, retryParkedJob } from "../../../../app/platform/jobs/queue.server";
import {
  drainJobs,
  registerJobHandler,
  runDueJobs,
  startJobRunner,
  wakeJobRunners,
} from "../../../../app/platform/jobs/runner.server";
import { freezeClock, NOW } from "../../../support/clock";

const at = (ms: number) => new Date(NOW.getTime() + ms);

let kindCounter = 0;
const RUN = randomUUID().slice(0, 8);
/** Each test uses kinds of its own (per run too: PostgreSQL keeps one database), so jobs left by another test are never claimed. */
function aKind(): string {
  kindCounter += 1;
  return `test.kind-${RUN}-${kindCounter}`;
}

beforeEach(() => {
  freezeClock();
  vi.spyOn(console, "error").mockImplementation(() => undefined);
});

afterAll(async () => {
  vi.useRealTimers();
  await prisma.$disconnect();
});

describe("enqueueJob", () => {
  it("GIVEN a transaction that rolls back THEN its job was never enqueued", async () => {
    const kind = aKind();
    await expect(
      prisma.$transaction(async (tx) => {
        await enqueueJob(tx, { kind, payload: { n: 1 } });
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");
    expect(await prisma.job.count({ where: { kind } })).toBe(0);
  });

  it("GIVEN the same dedupe key twice while waiting THEN one job holds the latest payload and the earlier runAt", async () => {
    const kind = aKind();
    const first = await enqueueJob(prisma, { kind, dedupeKey: "contact-1", payload: { v: 1 }, runAt: at(1_000) });
    const second = await enqueueJob(prisma, { kind, dedupeKey: "contact-1", payload: { v: 2 }, runAt: at(9_000) });
    expect(second).toEqual({ id: first.id, merged: true });
    expect(await prisma.job.findMany({ where: { kind }, select: { payload: true, runAt: true } })).toEqual([
      { payload: '{"v":2}', runAt: at(1_000) },
    ]);
  });

  it("GIVEN a job with a dedupe key already running THEN a new change gets a run of its own", async () => {
    const kind = aKind();
    await enqueueJob(prisma, { kind, dedupeKey: "k", payload: { v: 1 } });
    await claimJobs({ workerId: "w1", kinds: [kind] });
    const again = await enqueueJob(prisma, { kind, dedupeKey: "k", payload: { v: 2 } });
    expect(again.merged).toBe(false);
    expect(await prisma.job.count({ where: { kind } })).toBe(2);
  });
});

describe("running jobs", () => {
  it("GIVEN a handler that succeeds THEN the job is done and receives its payload", async () => {
    const kind = aKind();
    const seen: unknown[] = [];
    registerJobHandler(kind, async (payload) => {
      seen.push(payload);
    });
    const { id } = await enqueueJob(prisma, { kind, payload: { order: "gid://shopify/Order/1" } });

    expect(await drainJobs()).toBeGreaterThanOrEqual(1);

    expect(seen).toEqual([{ order: "gid://shopify/Order/1" }]);
    expect(await prisma.job.findUniqueOrThrow({ where: { id } })).toMatchObject({
      status: "done",
      attempts: 1,
      finishedAt: NOW,
      lockedBy: null,
    });
  });

  it("GIVEN a handler that ends its job inside its own transaction THEN the work and the job's end commit together", async () => {
    const kind = aKind();
    const workKind = aKind();
    const statusAtCommit: string[] = [];
    registerJobHandler(kind, async (_payload, context) => {
      await prisma.$transaction(async (tx) => {
        await enqueueJob(tx, { kind: workKind, payload: { follow: "up" }, runAt: at(60_000) });
        await context.completeIn?.(tx);
      });
      statusAtCommit.push((await prisma.job.findUniqueOrThrow({ where: { id: context.jobId } })).status);
    });
    const { id } = await enqueueJob(prisma, { kind, payload: {} });

    await runDueJobs({ workerId: "w1" });

    expect(statusAtCommit).toEqual(["done"]);
    expect(await prisma.job.findUniqueOrThrow({ where: { id } })).toMatchObject({
      status: "done",
      attempts: 1,
      finishedAt: NOW,
      lockedBy: null,
      lockedUntil: null,
    });
    expect(await prisma.job.count({ where: { kind: workKind } })).toBe(1);
  });

  it("GIVEN a handler whose transaction rolls back after ending its job THEN neither the work nor the end is kept and the job is retried", async () => {
    const kind = aKind();
    const workKind = aKind();
    registerJobHandler(kind, async (_payload, context) => {
      await prisma.$transaction(async (tx) => {
        await enqueueJob(tx, { kind: workKind, payload: {} });
        await context.completeIn?.(tx);
        throw new Error("the commit failed");
      });
    });
    const { id } = await enqueueJob(prisma, { kind, payload: {} });

    await runDueJobs({ workerId: "w1" });

    expect(await prisma.job.findUniqueOrThrow({ where: { id } })).toMatchObject({
      status: "queued",
      attempts: 1,
      finishedAt: null,
      lockedBy: null,
      lastError: expect.stringContaining("the commit failed"),
    });
    expect(await prisma.job.count({ where: { kind: workKind } })).toBe(0);
  });

  it("GIVEN a job not yet due THEN it is not run", async () => {
    const kind = aKind();
    registerJobHandler(kind, async () => undefined);
    const { id } = await enqueueJob(prisma, { kind, payload: {}, runAt: at(60_000) });
    await drainJobs();
    expect((await prisma.job.findUniqueOrThrow({ where: { id } })).status).toBe("queued");
  });

  it("GIVEN a handler that keeps failing THEN the job backs off exponentially and is parked with its error after maxAttempts", async () => {
    const kind = aKind();
    registerJobHandler(kind, async () => {
      throw new Error("HubSpot answered 500");
    });
    const { id } = await enqueueJob(prisma, { kind, payload: {}, maxAttempts: 3 });

    await runDueJobs();
    const first = await prisma.job.findUniqueOrThrow({ where: { id } });
    expect(first).toMatchObject({ status: "queued", attempts: 1, lastError: "Error: HubSpot answered 500" });
    expect(first.runAt.getTime() - NOW.getTime()).toBeGreaterThanOrEqual(2_500);
    expect(first.runAt.getTime() - NOW.getTime()).toBeLessThanOrEqual(5_000);

    vi.setSystemTime(at(5_000));
    await runDueJobs();
    const second = await prisma.job.findUniqueOrThrow({ where: { id } });
    expect(second.runAt.getTime() - at(5_000).getTime()).toBeGreaterThanOrEqual(5_000);
    expect(second.runAt.getTime() - at(5_000).getTime()).toBeLessThanOrEqual(10_000);

    vi.setSystemTime(at(15_000));
    await runDueJobs();
    expect(await prisma.job.findUniqueOrThrow({ where: { id } })).toMatchObject({
      status: "parked",
      attempts: 3,
      lastError: "Error: HubSpot answered 500",
      finishedAt: at(15_000),
    });

    // WHEN someone retries the parked job after a fix THEN it runs again from a fresh count
    expect(await retryParkedJob(id)).toBe(true);
    expect(await prisma.job.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "queued", attempts: 0 });
  });

  it("GIVEN a handler deferring with pauseKind THEN the kind waits until then without spending attempts", async () => {
    const kind = aKind();
    let calls = 0;
    registerJobHandler(kind, async () => {
      calls += 1;
      if (calls === 1) throw new JobDeferral(at(3_600_000), "daily limit reached", true);
    });
    const a = await enqueueJob(prisma, { kind, payload: { n: 1 } });
    const b = await enqueueJob(prisma, { kind, payload: { n: 2 }, runAt: at(1) });

    await runDueJobs({ batchSize: 1 });
    vi.setSystemTime(at(60_000));
    await drainJobs();

    expect(calls).toBe(1);
    expect(await prisma.job.findUniqueOrThrow({ where: { id: a.id } })).toMatchObject({
      status: "queued",
      attempts: 0,
      runAt: at(3_600_000),
      lastError: "daily limit reached",
    });
    expect((await prisma.job.findUniqueOrThrow({ where: { id: b.id } })).status).toBe("queued");
    expect(await prisma.jobKindPause.findUniqueOrThrow({ where: { kind } })).toMatchObject({ until: at(3_600_000) });

    vi.setSystemTime(at(3_600_000));
    await drainJobs();
    expect(calls).toBe(3);
  });

  it("GIVEN a worker that died holding a job THEN another worker takes it once the lease runs out", async () => {
    const kind = aKind();
    const { id } = await enqueueJob(prisma, { kind, payload: {} });
    expect(await claimJobs({ workerId: "dead", kinds: [kind], leaseMs: 60_000 })).toHaveLength(1);
    expect(await claimJobs({ workerId: "alive", kinds: [kind] })).toHaveLength(0);

    const later = await claimJobs({ workerId: "alive", kinds: [kind], now: at(61_000) });
    expect(later.map((job) => job.id)).toEqual([id]);
    expect(await prisma.job.findUniqueOrThrow({ where: { id } })).toMatchObject({ lockedBy: "alive", attempts: 2 });
  });
});

describe("waking the runner", () => {
  it("GIVEN a runner polling once a minute WHEN a job is enqueued and the runners are woken THEN it runs without waiting for the poll", async () => {
    const kind = aKind();
    let markRun: () => void = () => undefined;
    const handled = new Promise<void>((resolve) => (markRun = resolve));
    registerJobHandler(kind, async () => markRun());
    const runner = startJobRunner({ pollMs: 60_000, workerId: "woken" });
    try {
      await new Promise((resolve) => setTimeout(resolve, 50)); // its first pass found nothing to do
      const { id } = await enqueueJob(prisma, { kind, payload: {} });

      wakeJobRunners();

      await handled; // without the wake, not before the next poll a minute later: the test times out
      await runner.stop();
      expect(await prisma.job.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "done" });
    } finally {
      await runner.stop();
    }
  });
});
