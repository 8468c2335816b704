/**
 * Two `npm run worker` processes (scripts/worker.ts) on ONE PostgreSQL outbox at the same time:
 * jobs are claimed with FOR UPDATE SKIP LOCKED, so both work and no contact is sent twice —
 * every email reaches the HubSpot sandbox in exactly one accepted upsert. PostgreSQL only: on
 * SQLite the app runs one worker (one writer); run it with `npm run test:pg -- tests/integration/pg-outbox`.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { afterAll, describe, expect, it } from "vitest";
import { startHubSpotSandbox, type HubSpotSandbox } from "../../../sandbox/hubspot";
import { projectRoot } from "../../support/database";

const LEADS = 3_000;
const SHOP = `two-workers-${process.pid}-${Date.now()}.myshopify.com`;
const UPSERT = "/crm/v3/objects/contacts/batch/upsert";
const onPostgres = /^postgres(ql)?:\/\//.test(process.env.DATABASE_URL ?? "");

let sandbox: HubSpotSandbox | undefined;
const workers: ChildProcess[] = [];
afterAll(async () => {
  for (const worker of workers) if (worker.exitCode === null && worker.signalCode === null) worker.kill("SIGKILL");
  await sandbox?.close();
});

function startWorker(log: string[]): ChildProcess {
  const worker = spawn(process.execPath, ["--import", "tsx", "scripts/worker.ts"], {
    cwd: projectRoot,
    env: { ...process.env, NODE_ENV: "production", CHATLIFT_WORKER_POLL_MS: "50" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  worker.stdout?.on("data", (chunk: Buffer) => log.push(chunk.toString()));
  worker.stderr?.on("data", (chunk: Buffer) => log.push(chunk.toString()));
  workers.push(worker);
  return worker;
}

/** The worker process behind a lease: `worker:<host>:<pid>`, or a contact batch's `hubspot-batch:<pid>:<job>`. */
function pidOf(lockedBy: string): number {
  const parts = lockedBy.split(":");
  return Number(parts[0] === "hubspot-batch" ? parts[1] : parts.at(-1));
}

const exited = (worker: ChildProcess) => new Promise((resolve) => (worker.exitCode !== null || worker.signalCode !== null ? resolve(undefined) : worker.once("exit", resolve)));

describe.skipIf(!onPostgres)("two workers on one PostgreSQL outbox (skipped on SQLite: one worker per SQLite database; run under `npm run test:pg`)", () => {
  it(`GIVEN ${LEADS} consented leads queued WHEN two workers run at once THEN both claim jobs and every contact is sent exactly once`, { timeout: 300_000 }, async () => {
    const { default: prisma } = await import("../../../app/db.server");
    const { connectWithStaticToken } = await import("../../../app/hubspot/connection.server");
    const { CONTACT_JOB } = await import("../../../app/hubspot/outbox.server");
    const { aLeadRow, storeLeadsWithJobs, useTestEncryptionKey } = await import("../hubspot-sync/lead-rows");
    useTestEncryptionKey();
    sandbox = await startHubSpotSandbox({ tenSecondLimit: 190 });
    process.env.HUBSPOT_API_BASE = sandbox.url;
    await connectWithStaticToken(SHOP, "pat-sandbox", 190);
    await storeLeadsWithJobs(SHOP, Array.from({ length: LEADS }, (_, index) => aLeadRow(SHOP, index)));

    // WHEN two workers start together and run until the outbox is empty
    const log: string[] = [];
    const running = [startWorker(log), startWorker(log)];
    const claimants = new Set<number>();
    const deadline = Date.now() + 240_000;
    for (;;) {
      const jobs = await prisma.job.findMany({ where: { kind: CONTACT_JOB, shopDomain: SHOP, status: { not: "done" } }, select: { status: true, lockedBy: true } });
      for (const job of jobs) if (job.lockedBy) claimants.add(pidOf(job.lockedBy));
      if (!jobs.length) break;
      if (Date.now() > deadline) throw new Error(`outbox not empty after 240 s (${jobs.length} left); workers said:\n${log.join("").slice(-3000)}`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    for (const worker of running) worker.kill("SIGTERM");
    await Promise.all(running.map(exited));

    // THEN both workers claimed jobs from the same outbox
    expect([...claimants].sort()).toEqual(running.map((worker) => worker.pid).sort());
    // AND every email went to HubSpot in exactly one accepted upsert: none lost, none twice
    const sent = sandbox.requestsTo("POST", UPSERT).filter((request) => request.status < 300).flatMap((request) => (request.body as { inputs: { id: string }[] }).inputs.map((input) => input.id));
    expect(sent).toHaveLength(LEADS);
    expect(new Set(sent).size).toBe(LEADS);
    expect(sandbox.state.contacts.size).toBe(LEADS);
    expect(sandbox.count429()).toBe(0);
    expect(await prisma.job.count({ where: { kind: CONTACT_JOB, shopDomain: SHOP, status: "parked" } })).toBe(0);
    const leads = await prisma.lead.findMany({ where: { shopDomain: SHOP }, select: { email: true, hubspotContactId: true } });
    expect(leads.every((lead) => lead.hubspotContactId === sandbox!.state.contacts.get(lead.email)?.id)).toBe(true);
  });
});
