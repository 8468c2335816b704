/**
 * Short job leases kept alive by a heartbeat: a long job is never taken by a second worker while
 * its own lives, a dead worker's job is claimed again one lease (30 s) later, and a job whose lease
 * another worker took is never started. The clock is frozen and moved by hand; the heartbeat's
 * timer runs in real time, a few milliseconds apart.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";
import prisma from "../../../../app/db.server";
import { claimJobs, enqueueJob } from "../../../../app/platform/jobs/queue.server";
import { registerJobHandler, runDueJobs, startJobRunner } from "../../../../app/platform/jobs/runner.server";
import { freezeClock, NOW } from "../../../support/clock";

const RUN = randomUUID().slice(0, 8);
let kindCounter = 0;
/** Kinds of this file and run only, so no other test's jobs are claimed. */
function aKind(name: string): string {
  kindCounter += 1;
  return `test.leases-${RUN}-${kindCounter}-${name}`;
}
const at = (ms: number) => new Date(NOW.getTime() + ms);
const SECOND = 1_000;
const jobRow = (id: number) => prisma.job.findUniqueOrThrow({ where: { id } });

/** Waits in real time for a condition (expect.poll would move the frozen clock on as it waits). */
async function until(what: string, condition: () => Promise<boolean>, timeoutMs = 5_000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!(await condition())) {
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
const leaseEnd = async (id: number) => (await jobRow(id)).lockedUntil?.getTime();

/** A handler that runs until the test lets it finish; counts its runs. */
function aHeldHandler(kind: string) {
  let release: () => void = () => undefined;
  let markStarted: () => void = () => undefined;
  const released = new Promise<void>((resolve) => (release = resolve));
  const started = new Promise<void>((resolve) => (markStarted = resolve));
  const runs: unknown[] = [];
  registerJobHandler(kind, async (payload) => {
    runs.push(payload);
    markStarted();
    await released;
  });
  return { started, release, runs };
}

beforeEach(() => {
  delete process.env.CHATLIFT_JOB_LEASE_MS;
  freezeClock();
  vi.spyOn(console, "error").mockImplementation(() => undefined);
});

afterAll(async () => {
  vi.useRealTimers();
  await prisma.$disconnect();
});

describe("a job's lease while its worker lives", () => {
  it("GIVEN a runner in a six-minute job WHEN the clock moves on in 20 s steps THEN its heartbeat renews the 30 s lease, a second worker claims nothing, and the job runs once", async () => {
    const kind = aKind("long");
    const long = aHeldHandler(kind);
    const runner = startJobRunner({ pollMs: 20, heartbeatMs: 10, workerId: `alive-${RUN}` });
    try {
      const { id } = await enqueueJob(prisma, { kind, payload: { n: 1 } });
      await long.started;
      expect((await jobRow(id)).lockedUntil).toEqual(at(30 * SECOND));

      for (let elapsed = 20 * SECOND; elapsed <= 6 * 60 * SECOND; elapsed += 20 * SECOND) {
        // WHEN the clock moves past what the previous lease covered without a renewal
        vi.setSystemTime(at(elapsed));
        // THEN a beat has renewed it from the new time
        await until(
          `the lease renewed at ${elapsed} ms`,
          async () => (await leaseEnd(id)) === at(elapsed + 30 * SECOND).getTime(),
        );
        expect(await claimJobs({ workerId: `second-${RUN}`, kinds: [kind], now: at(elapsed + 5 * SECOND) })).toEqual(
          [],
        );
      }

      long.release();
      await until("the job done", async () => (await jobRow(id)).status === "done");
      expect(long.runs).toEqual([{ n: 1 }]);
      expect(await jobRow(id)).toMatchObject({ attempts: 1, lockedBy: null, lockedUntil: null });
    } finally {
      long.release();
      await runner.stop();
    }
  });

  it("GIVEN a lane of two jobs WHEN the second's lease is taken by another worker while the first runs THEN the runner never starts the second", async () => {
    const kind = aKind("lane");
    const ran: unknown[] = [];
    let secondId = 0;
    registerJobHandler(kind, async (payload) => {
      ran.push(payload);
      if (ran.length > 1) return;
      // This worker stalled past the second job's lease (a long pause), and another worker claimed it
      // (as claimJobs does, in one statement, so no beat of this worker's lands in between).
      await prisma.job.update({
        where: { id: secondId },
        data: { lockedBy: `other-${RUN}`, lockedUntil: at(30 * SECOND), attempts: { increment: 1 } },
      });
      await new Promise((resolve) => setTimeout(resolve, 100)); // a few heartbeats find it lost
    });
    await enqueueJob(prisma, { kind, payload: { n: 1 }, runAt: at(-2) });
    secondId = (await enqueueJob(prisma, { kind, payload: { n: 2 }, runAt: at(-1) })).id;

    await runDueJobs({ workerId: `stalled-${RUN}`, batchSize: 2, heartbeatMs: 10 });

    expect(ran).toEqual([{ n: 1 }]);
    expect(await jobRow(secondId)).toMatchObject({ status: "running", lockedBy: `other-${RUN}`, attempts: 2 });
  });
});

describe("a job whose worker died", () => {
  it("GIVEN a worker that claimed a job and died WHEN 29 s pass THEN it is still held; WHEN 31 s pass THEN another worker claims it", async () => {
    const kind = aKind("orphan");
    const { id } = await enqueueJob(prisma, { kind, payload: {} });
    expect(await claimJobs({ workerId: `dead-${RUN}`, kinds: [kind] })).toHaveLength(1);

    expect(await claimJobs({ workerId: `alive-${RUN}`, kinds: [kind], now: at(29 * SECOND) })).toEqual([]);
    const later = await claimJobs({ workerId: `alive-${RUN}`, kinds: [kind], now: at(31 * SECOND) });

    expect(later.map((job) => job.id)).toEqual([id]);
    expect(await jobRow(id)).toMatchObject({
      status: "running",
      lockedBy: `alive-${RUN}`,
      lockedUntil: at(61 * SECOND),
      attempts: 2,
    });
  });
});
