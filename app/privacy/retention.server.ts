/**
 * Enforces each shop's data retention once a day: storefront events, micro-conversions and chat
 * sessions older than the shop's retention days, and leads with no activity since then (with
 * their routing decisions). A lead whose HubSpot sync still waits or is parked is kept until the
 * sync is delivered or retried, so retention never silently drops what the merchant is owed in
 * HubSpot. Orders and credits are kept: they follow Shopify's data and its privacy webhooks.
 * Decisions of kept leads are kept too: they remember which tasks and deals were already made.
 */
import prisma from "../db.server";
import { isUniqueViolation } from "../platform/db/errors";
import { enqueueJob, type JobWriter } from "../platform/jobs/queue.server";
import { HUBSPOT_JOB_KINDS } from "../sync/outbox.server";
import { usageDayOf } from "../answers/llm-settings";
import { nextSweepAt, retentionCutoff, type RetentionReport } from "./retention-policy";
import { sweepExpiredDataRequests } from "./data-request.server";

export const RETENTION_JOB = "retention.sweep";
const SWEEP_KEY = "daily";
/** Leads are deleted in slices so one statement never carries an unbounded id list. */
const SLICE = 500;

async function leadsAwaitingSync(shopDomain: string): Promise<Set<string>> {
  const jobs = await prisma.job.findMany({
    where: { shopDomain, kind: { in: [...HUBSPOT_JOB_KINDS] }, status: { in: ["queued", "running", "parked"] } },
    select: { payload: true },
  });
  const ids = new Set<string>();
  for (const { payload } of jobs) {
    try {
      const leadId = (JSON.parse(payload) as { leadId?: unknown }).leadId;
      if (typeof leadId === "string") ids.add(leadId);
    } catch {
      // A payload that is not JSON names no lead.
    }
  }
  return ids;
}

export async function enforceRetention(
  shopDomain: string,
  retentionDays: number,
  now = new Date(),
): Promise<RetentionReport> {
  const cutoff = retentionCutoff(now, retentionDays);
  const events = await prisma.chatEvent.deleteMany({ where: { shopDomain, occurredAt: { lt: cutoff } } });
  const microConversions = await prisma.microConversion.deleteMany({ where: { shopDomain, at: { lt: cutoff } } });
  const chatSessions = await prisma.chatSession.deleteMany({ where: { shopDomain, lastSeenAt: { lt: cutoff } } });
  // A handoff quiet since before the cutoff goes with its messages, as its session does.
  await prisma.handoffMessage.deleteMany({ where: { shopDomain, at: { lt: cutoff } } });
  await prisma.handoff.deleteMany({ where: { shopDomain, lastMessageAt: { lt: cutoff } } });
  // The rollups keep a visitor while its sessions or orders change; one idle past the cutoff has none left.
  const visitors = await prisma.visitor.deleteMany({ where: { shopDomain, updatedAt: { lt: cutoff } } });
  // Only today's count caps the language model; older days are kept as long as the shop's other data, no longer.
  const llmUsageDays = await prisma.answerLlmUsage.deleteMany({
    where: { shopDomain, day: { lt: usageDayOf(cutoff.getTime()) } },
  });

  const stale = await prisma.lead.findMany({
    where: { shopDomain, updatedAt: { lt: cutoff }, createdAt: { lt: cutoff } },
    select: { id: true },
  });
  const awaiting = stale.length ? await leadsAwaitingSync(shopDomain) : new Set<string>();
  const doomed = stale.map((lead) => lead.id).filter((id) => !awaiting.has(id));
  let leads = 0;
  let routingDecisions = 0;
  let routingActions = 0;
  for (let start = 0; start < doomed.length; start += SLICE) {
    const ids = doomed.slice(start, start + SLICE);
    const [decisions, actions, deleted] = await prisma.$transaction([
      prisma.routingDecision.deleteMany({ where: { shopDomain, leadId: { in: ids } } }),
      prisma.routingAction.deleteMany({ where: { shopDomain, leadId: { in: ids } } }),
      prisma.lead.deleteMany({ where: { shopDomain, id: { in: ids } } }),
    ]);
    routingDecisions += decisions.count;
    routingActions += actions.count;
    leads += deleted.count;
  }
  return {
    shopDomain,
    cutoff: cutoff.toISOString(),
    events: events.count,
    microConversions: microConversions.count,
    chatSessions: chatSessions.count,
    leads,
    routingDecisions,
    routingActions,
    visitors: visitors.count,
    llmUsageDays: llmUsageDays.count,
    leadsKeptForSync: stale.length - doomed.length,
  };
}

/**
 * One pass over every shop, then the next pass scheduled. A shop that fails does not stop the
 * others; the pass then fails as a whole so the job is retried (deleting is idempotent).
 */
export async function sweepRetention(now = new Date()): Promise<RetentionReport[]> {
  const shops = await prisma.shop.findMany({
    select: { domain: true, retentionDays: true },
    orderBy: { domain: "asc" },
  });
  const reports: RetentionReport[] = [];
  const failures: string[] = [];
  for (const shop of shops) {
    try {
      reports.push(await enforceRetention(shop.domain, shop.retentionDays, now));
    } catch (error) {
      failures.push(`${shop.domain}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  await sweepFinishedJobs(now);
  await sweepExpiredDataRequests(now);
  await scheduleRetentionSweep(prisma, nextSweepAt(now));
  if (failures.length) throw new Error(`retention failed for ${failures.length} shop(s):\n${failures.join("\n")}`);
  return reports;
}

/** Finished jobs are kept a week for investigating a sync, then go: the queue table would otherwise only grow. */
export const FINISHED_JOBS_KEPT_DAYS = 7;

export async function sweepFinishedJobs(now: Date): Promise<number> {
  const before = new Date(now.getTime() - FINISHED_JOBS_KEPT_DAYS * 24 * 3_600_000);
  const { count } = await prisma.job.deleteMany({ where: { status: "done", finishedAt: { lt: before } } });
  return count;
}

/** Queues the daily sweep unless one already waits (keeps the waiting one's time). */
export async function scheduleRetentionSweep(db: JobWriter, runAt: Date): Promise<void> {
  const waiting = await db.job.findUnique({
    where: { kind_dedupeKey: { kind: RETENTION_JOB, dedupeKey: SWEEP_KEY } },
    select: { id: true },
  });
  if (waiting) return;
  try {
    await enqueueJob(db, { kind: RETENTION_JOB, dedupeKey: SWEEP_KEY, payload: {}, runAt });
  } catch (error) {
    // Another process queued it between our read and our write: one sweep is what we wanted.
    if (!isUniqueViolation(error)) throw error;
  }
}
