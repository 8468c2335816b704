/**
 * The polling runner gives each kind a lane of its own: a long job (a knowledge-sync step waiting on
 * Shopify's throttle) must not hold back a lead on its way to HubSpot. The long job here is a handler
 * the test holds open until it has seen what it needs, so nothing depends on how fast the machine is.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";
import prisma from "../../../../app/db.server";
import { enqueueJob } from "../../../../app/platform/jobs/queue.server";
import { registerJobHandler, startJobRunner } from "../../../../app/platform/jobs/runner.server";
import { freezeClock } from "../../../support/clock";

const RUN = randomUUID().slice(0, 8);
let kindCounter = 0;
/** Kinds of this file and run only, so no other test's jobs are claimed. */
function aKind(name: string): string {
  kindCounter += 1;
  return `test.lanes-${RUN}-${kindCounter}-${name}`;
}

/** A handler that runs until the test lets it finish, and says when it has started. */
function aHeldHandler(kind: string) {
  let release: () => void = () => undefined;
  let markStarted: () => void = () => undefined;
  const released = new Promise<void>((resolve) => (release = resolve));
  const started = new Promise<void>((resolve) => (markStarted = resolve));
  const payloads: unknown[] = [];
  registerJobHandler(kind, async (payload) => {
    payloads.push(payload);
    markStarted();
    await released;
  });
  return { started, release, payloads };
}

const statusOf = async (id: number) => (await prisma.job.findUniqueOrThrow({ where: { id } })).status;

beforeEach(() => {
  freezeClock();
  vi.spyOn(console, "error").mockImplementation(() => undefined);
});

afterAll(async () => {
  vi.useRealTimers();
  await prisma.$disconnect();
});

describe("a long job in the runner", () => {
  it("GIVEN a job of one kind still running WHEN a job of another kind is due THEN it runs and finishes meanwhile", async () => {
    // GIVEN a knowledge-sync-like job that has started and does not end
    const longKind = aKind("knowledge-sync");
    const leadKind = aKind("routing-lead");
    const long = aHeldHandler(longKind);
    const leads: unknown[] = [];
    registerJobHandler(leadKind, async (payload) => {
      leads.push(payload);
    });
    const runner = startJobRunner({ pollMs: 20, workerId: `lanes-${RUN}` });
    try {
      const longJob = await enqueueJob(prisma, { kind: longKind, payload: { shopDomain: "a.myshopify.com" } });
      await long.started;

      // WHEN a lead is queued behind it
      const lead = await enqueueJob(prisma, { kind: leadKind, payload: { leadId: "lead-1" } });

      // THEN the lead is done while the long job is still running
      await expect.poll(() => statusOf(lead.id), { timeout: 10_000 }).toBe("done");
      expect(leads).toEqual([{ leadId: "lead-1" }]);
      expect(await statusOf(longJob.id)).toBe("running");

      long.release();
      await expect.poll(() => statusOf(longJob.id), { timeout: 10_000 }).toBe("done");
    } finally {
      long.release();
      await runner.stop();
    }
  });

  it("GIVEN a job of one kind still running WHEN another of its kind is due THEN it waits for the first", async () => {
    const kind = aKind("one-at-a-time");
    const otherKind = aKind("other");
    const held = aHeldHandler(kind);
    let otherRan!: () => void;
    const otherDone = new Promise<void>((resolve) => (otherRan = resolve));
    registerJobHandler(otherKind, async () => otherRan());
    const runner = startJobRunner({ pollMs: 20, workerId: `lanes-${RUN}` });
    try {
      const first = await enqueueJob(prisma, { kind, payload: { n: 1 } });
      await held.started;
      const second = await enqueueJob(prisma, { kind, payload: { n: 2 } });
      // A job of another kind, queued after the second, has run: the runner polled since the second was due.
      await enqueueJob(prisma, { kind: otherKind, payload: {} });
      await otherDone;

      expect(await statusOf(second.id)).toBe("queued");
      expect(held.payloads).toEqual([{ n: 1 }]);

      held.release();
      await expect.poll(() => statusOf(second.id), { timeout: 10_000 }).toBe("done");
      expect(await statusOf(first.id)).toBe("done");
      expect(held.payloads).toEqual([{ n: 1 }, { n: 2 }]);
    } finally {
      held.release();
      await runner.stop();
    }
  });

  it("GIVEN a long job running WHEN the runner stops THEN stop waits for it to end", async () => {
    const kind = aKind("stopping");
    const held = aHeldHandler(kind);
    const runner = startJobRunner({ pollMs: 20, workerId: `lanes-${RUN}` });
    const { id } = await enqueueJob(prisma, { kind, payload: {} });
    await held.started;

    let stopped = false;
    const stopping = runner.stop().then(() => (stopped = true));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(stopped).toBe(false);

    held.release();
    await stopping;
    expect(await statusOf(id)).toBe("done");
  });
});
