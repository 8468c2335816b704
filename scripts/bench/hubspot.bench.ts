/**
 * `npm run bench -- hubspot`: 40,000 consented leads go through the real pipeline: Lead rows and
 * their `hubspot.contact` jobs in a fresh, really migrated SQLite database, a shop connected by
 * static token to the HubSpot sandbox set to 110 requests per rolling 10 s, and the job runner
 * (claims, batching of siblings, SDK adapter, outcomes written back) until every job is done.
 * Real time, not a faked clock: the 400 batch calls span several windows, so the pacing is what
 * is measured, from the first HubSpot call of the runner until the last job is done.
 * Prints contacts_per_s, the ceiling for that limit (110 × 100 / 10 = 1,100/s), their ratio and
 * how many requests the sandbox answered 429 (goal: ratio ≥ 0.9, at most one 429 per window).
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { startHubSpotSandbox } from "../../sandbox/hubspot";
import { migrateDatabase } from "../migrated-database";

const LEADS = Number(process.env.BENCH_LEADS ?? 40_000);
const TEN_SECOND_LIMIT = 110;
const WINDOW_MS = 10_000;
const BATCH = 100;
const SHOP = "bench-hubspot.myshopify.com";
const UPSERT = "/crm/objects/2026-03/contacts/batch/upsert";
/** Jobs the runner claims per pass (the app's runner default is 10). */
const RUNNER_BATCH = Number(process.env.BENCH_RUNNER_BATCH ?? 10);
const DEADLINE_MS = 8 * 60_000;

// The app's modules read DATABASE_URL when first imported: set it (and the key) before importing them.
const dir = mkdtempSync(path.join(tmpdir(), "chatlift-bench-hubspot-"));
process.env.DATABASE_URL = `file:${path.join(dir, "bench.sqlite")}`;
process.env.ENCRYPTION_KEY = randomBytes(32).toString("base64");
migrateDatabase(process.env.DATABASE_URL);

const { default: prisma } = await import("../../app/db.server");
const { connectWithStaticToken } = await import("../../app/sync/connection.server");
const { registerHubSpotJobs } = await import("../../app/sync/jobs.server");
const { CONTACT_JOB, enqueueContactSyncs } = await import("../../app/sync/outbox.server");
const { runDueJobs } = await import("../../app/platform/jobs/runner.server");

function leadRow(index: number, consentAt: Date) {
  return {
    id: `bench-lead-${index}`,
    shopDomain: SHOP,
    email: `shopper${index}@bench.example`,
    consentText: "Email me about my order and offers",
    consentAt,
    firstSessionId: `session-${index}`,
    lastSessionId: `session-${index}`,
    microConversionCount: 1 + (index % 5),
    lastPagePath: `/products/item-${index % 500}`,
    productInterest: `item-${index % 500}`,
    intentScore: index % 101,
  };
}

/**
 * Leads in bulk; the first chunk's jobs through the outbox itself, the rest as the same rows in
 * bulk (120,000 single statements would measure the seeding, not the sync).
 */
async function seed(): Promise<void> {
  const consentAt = new Date();
  const rows = Array.from({ length: LEADS }, (_, index) => leadRow(index, consentAt));
  const chunk = 1_000;
  for (let start = 0; start < rows.length; start += chunk) {
    const leads = rows.slice(start, start + chunk);
    await prisma.$transaction(async (tx) => {
      await tx.lead.createMany({ data: leads });
      if (start === 0) return void (await enqueueContactSyncs(tx, SHOP, leads));
      await tx.job.createMany({
        data: leads.map((lead) => ({
          kind: CONTACT_JOB,
          dedupeKey: `${SHOP}:${lead.id}`,
          payload: JSON.stringify({ shopDomain: SHOP, leadId: lead.id }),
          shopDomain: SHOP,
        })),
      });
    });
  }
}

const unfinished = () => prisma.job.count({ where: { kind: CONTACT_JOB, status: { in: ["queued", "running"] } } });

const sandbox = await startHubSpotSandbox({
  tenSecondLimit: TEN_SECOND_LIMIT,
  windowMs: WINDOW_MS,
  dailyLimit: 1_000_000,
});
try {
  process.env.HUBSPOT_API_BASE = sandbox.url;
  await prisma.shop.create({ data: { domain: SHOP } });
  await connectWithStaticToken(SHOP, "pat-sandbox", TEN_SECOND_LIMIT);
  await seed();
  registerHubSpotJobs();
  // Connecting made its own calls (properties); wait out their window so the sync starts fresh.
  await new Promise((resolve) => setTimeout(resolve, WINDOW_MS));
  const before = sandbox.requests.length;

  const started = Date.now();
  let passes = 0;
  while ((await unfinished()) > 0) {
    if (Date.now() - started > DEADLINE_MS) throw new Error(`jobs still unfinished after ${DEADLINE_MS / 1000} s`);
    const ran = await runDueJobs({ workerId: "bench", batchSize: RUNNER_BATCH });
    passes += 1;
    // Jobs retried after a 429 are due again a window later: poll as the runner does.
    if (!ran) await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const finished = Date.now();

  const calls = sandbox.requests.slice(before);
  const firstCall = calls[0]?.at ?? started;
  const seconds = (finished - firstCall) / 1000;
  const statuses = await prisma.job.groupBy({ by: ["status"], where: { kind: CONTACT_JOB }, _count: true });
  const done = statuses.find((row) => row.status === "done")?._count ?? 0;
  const linked = await prisma.lead.count({ where: { shopDomain: SHOP, hubspotContactId: { not: null } } });
  const contactsPerSecond = done / seconds;
  const ceiling = (TEN_SECOND_LIMIT * BATCH * 1000) / WINDOW_MS;
  const summary = {
    mode: "pipeline",
    leads: LEADS,
    jobs_done: done,
    jobs_parked: statuses.find((row) => row.status === "parked")?._count ?? 0,
    leads_with_contact_id: linked,
    contacts_in_sandbox: sandbox.state.contacts.size,
    batch_calls: calls.filter((call) => call.method === "POST" && call.path === UPSERT).length,
    runner_passes: passes,
    seconds: Number(seconds.toFixed(2)),
    seconds_first_to_last_call: Number((((calls.at(-1)?.at ?? firstCall) - firstCall) / 1000).toFixed(2)),
    contacts_per_s: Number(contactsPerSecond.toFixed(1)),
    ceiling_per_s: ceiling,
    ratio: Number((contactsPerSecond / ceiling).toFixed(3)),
    http_429: sandbox.count429(),
    windows: Number((seconds / (WINDOW_MS / 1000)).toFixed(1)),
  };
  console.log(
    `synced ${done} contacts through the outbox in ${summary.seconds} s at ${TEN_SECOND_LIMIT} requests / ${WINDOW_MS / 1000} s`,
  );
  if (done !== LEADS || linked !== LEADS || sandbox.state.contacts.size !== LEADS) {
    console.error(
      `expected ${LEADS} contacts: jobs done ${done}, leads linked ${linked}, sandbox holds ${sandbox.state.contacts.size}`,
    );
    process.exitCode = 1;
  }
  console.log(JSON.stringify(summary));
} finally {
  await sandbox.close();
  await prisma.$disconnect();
  rmSync(dir, { recursive: true, force: true });
}
