/**
 * `npm run bench -- export`: consented chat events exported through the real job queue to the GA4
 * and Mixpanel stand-ins, in a fresh, really migrated SQLite database. Phase 1, one destination at a
 * time: events per second from the first run of the export job until the last event is delivered.
 * Phase 2: both stand-ins down for 30 s (BENCH_OUTAGE_MS) while new events wait, the runner
 * retrying with its backoff; after the outage every event must arrive once: `duplicates` counts
 * events a stand-in kept twice (GA4 by chat_event_id, Mixpanel by $insert_id, which Mixpanel itself
 * would fold), `lost` those never kept. Goal: ≥ 2,000 events/s each, 0 duplicates, 0 lost.
 */
import { randomBytes, randomUUID } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { startGa4Sandbox } from "../../sandbox/ga4/server";
import { startMixpanelSandbox } from "../../sandbox/mixpanel/server";
import { migrateDatabase } from "../migrated-database";

const EVENTS = Number(process.env.BENCH_EVENTS ?? 20_000);
const OUTAGE_EVENTS = Number(process.env.BENCH_OUTAGE_EVENTS ?? 5_000);
const OUTAGE_MS = Number(process.env.BENCH_OUTAGE_MS ?? 30_000);
const PER_SESSION = 20;
const SHOP = "bench-export.myshopify.com";
const DEADLINE_MS = 5 * 60_000;

const dir = mkdtempSync(path.join(tmpdir(), "chatlift-bench-export-"));
process.env.DATABASE_URL = `file:${path.join(dir, "bench.sqlite")}`;
process.env.ENCRYPTION_KEY = randomBytes(32).toString("base64");
migrateDatabase(process.env.DATABASE_URL);

const { default: prisma } = await import("../../app/db.server");
const { saveDestination } = await import("../../app/analytics/export/destinations.server");
const { registerExportJobs } = await import("../../app/analytics/export/export-job.server");
const { runDueJobs } = await import("../../app/platform/jobs/runner.server");
const { EXPORT_LAG_MS } = await import("../../app/analytics/export/destination");

/** Sessions with consent and their events, all old enough to export (past the consent lag). */
let seededUntil = 0;
async function seed(count: number, tag: string): Promise<string[]> {
  // New events are received after the ones already exported (the export reads after its receivedAt cursor): a
  // fast first phase once finished within the ten seconds its own events span, and the second phase's fell behind it.
  const base = Math.max(Date.now() - EXPORT_LAG_MS - 10 * 60_000, seededUntil + 1_000);
  seededUntil = base + Math.ceil(count / PER_SESSION) * 10 + PER_SESSION;
  const ids: string[] = [];
  const sessions = Math.ceil(count / PER_SESSION);
  for (let s = 0; s < sessions; s += 1) {
    const sessionId = `bench_${tag}_${s}`;
    const at = new Date(base + s * 10);
    await prisma.chatSession.create({
      data: {
        shopDomain: SHOP,
        id: sessionId,
        visitorId: `visitor_${tag}_${s}`,
        arm: "treatment",
        startedAt: at,
        lastSeenAt: at,
      },
    });
    await prisma.analyticsConsent.create({
      data: {
        shopDomain: SHOP,
        sessionId,
        analytics: true,
        gaClientId: `${1000 + s}.${1700000000 + s}`,
        recordedAt: at,
      },
    });
    const rows = Array.from({ length: Math.min(PER_SESSION, count - s * PER_SESSION) }, (_, i) => {
      const id = randomUUID();
      ids.push(id);
      const add = i % 5 === 4;
      return {
        shopDomain: SHOP,
        id,
        sessionId,
        type: add ? "micro_conversion" : "step_viewed",
        flowId: "size-help",
        stepId: `s${i}`,
        microKind: add ? "add_to_cart" : null,
        occurredAt: new Date(at.getTime() + i),
        receivedAt: at,
        data: add ? JSON.stringify({ productId: "7001", quantity: 1, value: 59, currency: "EUR" }) : null,
      };
    });
    await prisma.chatEvent.createMany({ data: rows });
  }
  return ids;
}

async function drainUntil(done: () => boolean): Promise<void> {
  const deadline = Date.now() + DEADLINE_MS;
  while (!done()) {
    if (Date.now() > deadline) throw new Error("the export did not finish within 5 minutes");
    if ((await runDueJobs({ batchSize: 2 })) === 0) await new Promise((wake) => setTimeout(wake, 100));
  }
}

const [ga4, mixpanel] = await Promise.all([startGa4Sandbox(), startMixpanelSandbox()]);
const ga4Ids = () => ga4.keptEvents().map((event) => String(event.params.chat_event_id));
const mixpanelIds = () => mixpanel.events.map((event) => event.properties.$insert_id);
registerExportJobs();
const ga4Config = { enabled: true, measurementId: "G-CHATLIFT1", secret: "sandbox-secret", baseUrl: ga4.url };
const mixpanelConfig = { enabled: true, secret: "sandbox-project-token", baseUrl: mixpanel.url };

try {
  const first = await seed(EVENTS, "a");
  let started = performance.now();
  await saveDestination(SHOP, "ga4", ga4Config);
  await drainUntil(() => ga4.keptEvents().length >= first.length);
  const ga4PerS = first.length / ((performance.now() - started) / 1000);
  started = performance.now();
  await saveDestination(SHOP, "mixpanel", mixpanelConfig);
  await drainUntil(() => mixpanel.events.length >= first.length);
  const mixpanelPerS = first.length / ((performance.now() - started) / 1000);

  // Phase 2: new events wait while both platforms are down; the runner keeps trying.
  const second = await seed(OUTAGE_EVENTS, "b");
  ga4.outage(OUTAGE_MS);
  mixpanel.outage(OUTAGE_MS);
  // Saving wakes each destination's waiting job now, so both meet the outage.
  await saveDestination(SHOP, "ga4", ga4Config);
  await saveDestination(SHOP, "mixpanel", mixpanelConfig);
  const all = [...first, ...second];
  await drainUntil(() => ga4.keptEvents().length >= all.length && mixpanel.events.length >= all.length);
  // One more pass after a short wait: anything sent twice would show now.
  await new Promise((wake) => setTimeout(wake, 500));
  await runDueJobs({ batchSize: 2 });

  const duplicatesOf = (ids: string[]) => ids.length - new Set(ids).size;
  const lostOf = (ids: string[]) => {
    const kept = new Set(ids);
    return all.filter((id) => !kept.has(id)).length;
  };
  const result = {
    events: all.length,
    outage_ms: OUTAGE_MS,
    ga4_events_per_s: Math.round(ga4PerS),
    mixpanel_events_per_s: Math.round(mixpanelPerS),
    ga4_requests: ga4.requests.filter((request) => request.kept).length,
    mixpanel_requests: mixpanel.requests.filter((request) => request.status === 200).length,
    duplicates: duplicatesOf(ga4Ids()) + duplicatesOf(mixpanelIds()) + mixpanel.duplicates,
    lost: lostOf(ga4Ids()) + lostOf(mixpanelIds()),
  };
  console.log(JSON.stringify(result));
} finally {
  await Promise.all([ga4.close(), mixpanel.close()]);
  await prisma.$disconnect();
}
