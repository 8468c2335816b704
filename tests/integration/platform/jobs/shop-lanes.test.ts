/**
 * The polling runner gives each shop a lane of its own within a kind: one shop's job stuck on its
 * account (a hung HubSpot call until its timeout) must not hold back another shop's job of the same
 * kind, while one shop's jobs of a kind still run one at a time. Held handlers, released by the
 * test, so nothing depends on how fast the machine is.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";
import prisma from "../../../../app/db.server";
import { enqueueJob } from "../../../../app/platform/jobs/queue.server";
import { registerJobHandler, startJobRunner } from "../../../../app/platform/jobs/runner.server";
import { freezeClock } from "../../../support/clock";

const RUN = randomUUID().slice(0, 8);
const SHOP_A = `lanes-a-${RUN}.myshopify.com`;
const SHOP_B = `lanes-b-${RUN}.myshopify.com`;
const statusOf = async (id: number) => (await prisma.job.findUniqueOrThrow({ where: { id } })).status;

/** Waits in real time (expect.poll would move the frozen clock on as it waits). */
async function until(what: string, condition: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!(await condition())) {
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

beforeEach(() => {
  freezeClock();
  vi.spyOn(console, "error").mockImplementation(() => undefined);
});

afterAll(async () => {
  vi.useRealTimers();
  await prisma.$disconnect();
});

describe("one shop's stuck job in the runner", () => {
  it("GIVEN shop A's job of a kind stuck WHEN shop B's job of that kind is due THEN B's runs and finishes meanwhile, and A's next job waits for A's first", async () => {
    // GIVEN a HubSpot-like kind whose handler hangs for shop A only
    const kind = `test.shop-lanes-${RUN}`;
    let releaseA: () => void = () => undefined;
    const aReleased = new Promise<void>((resolve) => (releaseA = resolve));
    const ran: string[] = [];
    registerJobHandler(kind, async (payload) => {
      const { shopDomain, n } = payload as { shopDomain: string; n: number };
      ran.push(`${shopDomain === SHOP_A ? "A" : "B"}${n}`);
      if (shopDomain === SHOP_A) await aReleased;
    });
    const runner = startJobRunner({ pollMs: 20, workerId: `shop-lanes-${RUN}` });
    try {
      const a1 = await enqueueJob(prisma, { kind, payload: { shopDomain: SHOP_A, n: 1 } });
      await until("A1 started", async () => ran.includes("A1"));

      // WHEN shop A has another job due, and shop B one
      const a2 = await enqueueJob(prisma, { kind, payload: { shopDomain: SHOP_A, n: 2 } });
      const b1 = await enqueueJob(prisma, { kind, payload: { shopDomain: SHOP_B, n: 1 } });

      // THEN B's is done while A's first is still running, and A's second has not started
      await until("B1 done", async () => (await statusOf(b1.id)) === "done");
      expect(await statusOf(a1.id)).toBe("running");
      expect(await statusOf(a2.id)).toBe("queued");
      expect(ran).toEqual(["A1", "B1"]);

      releaseA();
      await until("A2 done", async () => (await statusOf(a2.id)) === "done");
      expect(ran).toEqual(["A1", "B1", "A2"]);
    } finally {
      releaseA();
      await runner.stop();
    }
  });

  it("GIVEN a job enqueued with its shop in the payload THEN the job row names the shop", async () => {
    const { id } = await enqueueJob(prisma, { kind: `test.shop-column-${RUN}`, payload: { shopDomain: SHOP_B } });
    expect((await prisma.job.findUniqueOrThrow({ where: { id } })).shopDomain).toBe(SHOP_B);
  });
});
