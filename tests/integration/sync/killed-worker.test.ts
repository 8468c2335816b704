/**
 * A real `npm run worker` process (scripts/worker.ts), killed with SIGKILL in the middle of
 * syncing 10,000 leads and started again: every contact arrives, once.
 */
import { afterAll, describe, expect, it } from "vitest";
import { exited, workerProcesses } from "../../support/processes/worker-process";
import prisma from "../../../app/db.server";
import { connectWithStaticToken } from "../../../app/sync/connection.server";
import { CONTACT_JOB } from "../../../app/sync/outbox.server";
import { startHubSpotSandbox, type HubSpotSandbox } from "../../../sandbox/hubspot";
import { aLeadRow, storeLeadsWithJobs, useTestEncryptionKey } from "../../support/builders/lead-rows";

const LEADS = 10_000;
const SHOP = `killed-worker-${process.pid}.myshopify.com`;
let sandbox: HubSpotSandbox | undefined;
const workers = workerProcesses();

afterAll(async () => {
  workers.killAll();
  await sandbox?.close();
  await prisma.$disconnect();
});

async function until(
  condition: () => boolean | Promise<boolean>,
  what: string,
  log: string[],
  timeoutMs = 120_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline)
      throw new Error(`timed out waiting for ${what}; worker said:\n${log.join("").slice(-3000)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Read while the worker writes: SQLite may be busy for a moment, which only means "not yet". */
async function allJobsDone(): Promise<boolean> {
  try {
    return (await prisma.job.count({ where: { kind: CONTACT_JOB, shopDomain: SHOP, status: { not: "done" } } })) === 0;
  } catch {
    return false;
  }
}

describe("killed worker", () => {
  it(
    "GIVEN 10,000 leads queued WHEN the worker is SIGKILLed mid-way and started again THEN exactly 10,000 contacts exist in HubSpot, none lost, none twice",
    { timeout: 400_000 },
    async () => {
      useTestEncryptionKey();
      sandbox = await startHubSpotSandbox({ tenSecondLimit: 190 });
      process.env.HUBSPOT_API_BASE = sandbox.url;
      await connectWithStaticToken(SHOP, "pat-sandbox", 190);
      await storeLeadsWithJobs(
        SHOP,
        Array.from({ length: LEADS }, (_, index) => aLeadRow(SHOP, index)),
      );
      const log: string[] = [];

      // WHEN the first worker has delivered some but not all
      const first = workers.start(log);
      await until(() => sandbox!.state.contacts.size >= 2_000, "2,000 contacts", log);
      // Slow HubSpot down so the kill lands while a batch is claimed and its upsert is in flight
      // (HubSpot may still apply it after the worker is gone: the restart must not duplicate it).
      // Watched from the sandbox, not the database: polling the SQLite file from this process
      // would compete with the worker for its lock.
      const UPSERT = "/crm/objects/2026-03/contacts/batch/upsert";
      const upsertsBefore = sandbox.requestsTo("POST", UPSERT).length;
      sandbox.inject({ delayMs: 3_000, forMs: 10_000, path: UPSERT });
      await until(() => sandbox!.requestsTo("POST", UPSERT).length > upsertsBefore, "a batch in flight", log);
      first.kill("SIGKILL");
      await exited(first);
      sandbox.clearFaults();
      const atKill = sandbox.state.contacts.size;
      const stranded = await prisma.job.count({ where: { kind: CONTACT_JOB, shopDomain: SHOP, status: "running" } });
      // The dead worker's leases run out (moved into the past rather than waiting five minutes).
      await prisma.job.updateMany({
        where: { kind: CONTACT_JOB, shopDomain: SHOP, status: "running" },
        data: { lockedUntil: new Date(Date.now() - 1000) },
      });

      const second = workers.start(log);
      await until(() => sandbox!.state.contacts.size >= LEADS, "10,000 contacts", log, 300_000);
      await until(allJobsDone, "every job done", log, 300_000);
      second.kill("SIGTERM");
      await exited(second);

      // THEN
      expect(atKill).toBeGreaterThanOrEqual(2_000);
      expect(atKill).toBeLessThan(LEADS);
      expect(stranded).toBeGreaterThan(0);
      expect(sandbox.state.contacts.size).toBe(LEADS);
      for (let index = 0; index < LEADS; index += 1)
        expect(sandbox.state.contacts.has(`shopper${index}@example.com`)).toBe(true);
      const leads = await prisma.lead.findMany({
        where: { shopDomain: SHOP },
        select: { email: true, hubspotContactId: true },
      });
      const contactIds = new Set(leads.map((lead) => lead.hubspotContactId));
      expect(contactIds.size).toBe(LEADS);
      expect(leads.every((lead) => lead.hubspotContactId === sandbox!.state.contacts.get(lead.email)?.id)).toBe(true);
      expect(await prisma.job.count({ where: { kind: CONTACT_JOB, shopDomain: SHOP, status: "parked" } })).toBe(0);
      const sent = sandbox
        .requestsTo("POST", "/crm/objects/2026-03/contacts/batch/upsert")
        .reduce((sum, request) => sum + ((request.body as { inputs: unknown[] }).inputs?.length ?? 0), 0);
      expect(sent).toBeGreaterThanOrEqual(LEADS); // replays after the kill are upserts of the same emails
    },
  );
});
