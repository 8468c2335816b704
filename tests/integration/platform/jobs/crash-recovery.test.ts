/**
 * Recovery after a crash, with real `npm run worker` processes (scripts/worker.ts) on the test's
 * database: a worker holding a contact job is stuck in a HubSpot call that hangs, and a second
 * worker runs beside it. While the first lives, its heartbeat keeps the job (the second never runs
 * it a second time); once the first is SIGKILLed, the second runs the job about one lease later.
 *
 * The lease is short here (3 s) so the suite stays fast; the production figure (30 s lease):
 *   CRASH_RECOVERY_LEASE_MS=30000 npx vitest run tests/integration/platform/jobs/crash-recovery.test.ts
 * prints `[crash-recovery] … recovered in N ms` (from the kill to the job done by the second worker).
 */
import { afterAll, describe, expect, it } from "vitest";
import { hostname } from "node:os";
import prisma from "../../../../app/db.server";
import { connectWithStaticToken } from "../../../../app/sync/connection.server";
import { CONTACT_JOB } from "../../../../app/sync/outbox.server";
import { startHubSpotSandbox, type HubSpotSandbox } from "../../../../sandbox/hubspot";
import { aLeadRow, storeLeadsWithJobs, useTestEncryptionKey } from "../../../support/builders/lead-rows";
import { exited, workerProcesses } from "../../../support/processes/worker-process";
import { pointAtTestRedis } from "../../../support/redis";

const LEASE_MS = Number(process.env.CRASH_RECOVERY_LEASE_MS ?? 3_000);
const UPSERT = "/crm/objects/2026-03/contacts/batch/upsert";
const SHOP = `crash-recovery-${process.pid}.myshopify.com`;
let sandbox: HubSpotSandbox | undefined;
const workers = workerProcesses();

afterAll(async () => {
  workers.killAll();
  await sandbox?.close();
  await prisma.$disconnect();
});

async function until(what: string, condition: () => boolean | Promise<boolean>, log: string[], timeoutMs = 120_000) {
  const deadline = performance.now() + timeoutMs;
  while (!(await condition())) {
    if (performance.now() > deadline)
      throw new Error(`timed out waiting for ${what}; workers said:\n${log.join("").slice(-3000)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The contact job of lead `index`. Read while the workers write: SQLite may be busy, which only means "not yet". */
async function theJob(index: number) {
  try {
    return await prisma.job.findFirst({
      where: { kind: CONTACT_JOB, shopDomain: SHOP, payload: { contains: `"${aLeadRow(SHOP, index).id}"` } },
    });
  } catch {
    return null;
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("a worker killed in the middle of a job", () => {
  it(
    "GIVEN a worker stuck in a job's HubSpot call and a second worker WHEN two leases pass THEN the second never takes the job; WHEN the stuck one is SIGKILLed THEN the second runs it within about a lease",
    { timeout: 300_000 },
    async () => {
      // GIVEN a connected shop and a worker with a short lease that has synced one contact already
      // (loading the SDK the first time blocks a cold process for a moment; the stuck job comes after)
      useTestEncryptionKey();
      // On PostgreSQL two runners need the shared HubSpot limiter, or the second refuses to start.
      if (/^postgres(ql)?:\/\//.test(process.env.DATABASE_URL ?? "")) pointAtTestRedis();
      sandbox = await startHubSpotSandbox({ tenSecondLimit: 190 });
      process.env.HUBSPOT_API_BASE = sandbox.url;
      process.env.CHATLIFT_JOB_LEASE_MS = String(LEASE_MS);
      process.env.HUBSPOT_TIMEOUT_MS = String(20 * LEASE_MS); // stuck well past the lease, never timing out here
      await connectWithStaticToken(SHOP, "pat-sandbox", 190);
      const log: string[] = [];
      const holder = workers.start(log);
      await storeLeadsWithJobs(SHOP, [aLeadRow(SHOP, 0)]);
      await until("the first contact synced", () => sandbox!.state.contacts.size === 1, log);
      // … and is now stuck in the next lead's upsert: HubSpot does not answer it
      sandbox.inject({ hang: true, times: 1, path: UPSERT });
      await storeLeadsWithJobs(SHOP, [aLeadRow(SHOP, 1)]);
      await until("the upsert in flight", () => sandbox!.requestsTo("POST", UPSERT).length === 2, log);
      const stuck = await theJob(1);
      expect(stuck?.lockedBy).toBe(`worker:${hostname()}:${holder.pid}`);
      const second = workers.start(log);
      await until("the second worker running", () => log.join("").includes(`:${second.pid} running`), log);

      // WHEN two leases pass while the holder lives
      await sleep(2 * LEASE_MS);

      // THEN its heartbeat kept the job: the second worker has not run it
      expect(sandbox.requestsTo("POST", UPSERT)).toHaveLength(2);
      expect(await theJob(1)).toMatchObject({ status: "running", lockedBy: stuck?.lockedBy, attempts: 1 });

      // WHEN the holder is killed
      holder.kill("SIGKILL");
      await exited(holder);
      const killedAt = performance.now();
      await until("the job done by the second worker", async () => (await theJob(1))?.status === "done", log);
      const recoveredMs = Math.round(performance.now() - killedAt);
      console.info(`[crash-recovery] lease ${LEASE_MS} ms: recovered in ${recoveredMs} ms`);

      // THEN the second worker ran it within about a lease (plus its own first HubSpot client), and the contact exists once
      expect(recoveredMs).toBeLessThanOrEqual(LEASE_MS + 5_000);
      expect(await theJob(1)).toMatchObject({ status: "done", attempts: 2 });
      expect(sandbox.requestsTo("POST", UPSERT)).toHaveLength(3);
      expect(sandbox.state.contacts.size).toBe(2);
      const lead = await prisma.lead.findUniqueOrThrow({ where: { id: aLeadRow(SHOP, 1).id } });
      expect(lead.hubspotContactId).toBe(sandbox.state.contacts.get("shopper1@example.com")?.id);
      second.kill("SIGTERM");
      await exited(second);
    },
  );
});
