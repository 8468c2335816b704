/**
 * The HubSpot job handlers. One claimed `hubspot.contact` job pulls up to a batch of its waiting
 * siblings, so 10,000 changed leads cost 100 upserts, not 10,000. Each job's outcome (done,
 * retried with backoff, paused until the daily reset, parked with HubSpot's words) is written by
 * job-outcomes.server.ts.
 *
 * A worker killed mid-batch loses nothing: its jobs stay `running` until their lease runs out
 * and run again; contacts are upserted by email, so a replay never creates a second contact.
 */
import prisma from "../db.server";
import { MAX_CONTACTS_PER_BATCH, syncContacts } from "./contact-sync";
import { contactUpdateFor, type ContactUpdate } from "./contact-properties";
import { claimJobs } from "../platform/jobs/queue.server";
import { registerJobHandler, type JobContext } from "../platform/jobs/runner.server";
import { crmForShop, HubSpotNotConnectedError } from "./connection.server";
import { factsOf } from "./contact-facts.server";
import { runLeadActionsJob } from "./lead-action-jobs.server";
import { runRouteLeadJob } from "../routing/route-lead-jobs.server";
import { runDealJob } from "./deal-jobs.server";
import { runEventJob } from "./event-jobs.server";
import { runGdprDeleteJob } from "./gdpr-jobs.server";
import { markDone, park, settleFailure, type HeldJob as Held } from "./job-outcomes.server";
import {
  CONTACT_JOB,
  DEAL_JOB,
  EVENT_JOB,
  GDPR_JOB,
  LEAD_ACTIONS_JOB,
  ROUTE_LEAD_JOB,
  consentOf,
  enqueuePendingLeadActions,
  type ContactJobPayload,
} from "./outbox.server";

type HeldJob = Held & { payload: ContactJobPayload };
type LeadUpdate = ContactUpdate & { job: HeldJob; leadId: string };

const leaseMs = () => Number(process.env.HUBSPOT_SYNC_LEASE_MS ?? 5 * 60_000);

async function syncShop(shopDomain: string, jobs: HeldJob[], now: Date): Promise<void> {
  let shop;
  try {
    shop = await crmForShop(shopDomain);
  } catch (error) {
    if (!(error instanceof HubSpotNotConnectedError)) throw error;
    return park(
      jobs.map((job) => job.id),
      error.message,
      now,
    );
  }
  const leads = await prisma.lead.findMany({
    where: { shopDomain, id: { in: jobs.map((job) => job.payload.leadId) } },
  });
  const byId = new Map(leads.map((lead) => [lead.id, lead]));
  const updates: LeadUpdate[] = [];
  const gone: number[] = [];
  for (const job of jobs) {
    const lead = byId.get(job.payload.leadId);
    // Redacted since it was enqueued, or consent withdrawn: nothing may leave the shop.
    if (!lead || consentOf(lead) !== "granted") gone.push(job.id);
    else updates.push({ ...contactUpdateFor(factsOf(lead)), job, leadId: lead.id });
  }
  await markDone(gone, now);
  const result = await syncContacts(shop.crm, updates);
  await prisma.$transaction(async (tx) => {
    for (const { contact, hubspot } of result.delivered) {
      await tx.lead.updateMany({
        where: { id: { in: contact.sources.map((source) => source.leadId) } },
        data: { hubspotContactId: hubspot.contactId },
      });
    }
    // The rules' tasks and deals follow once their contact exists in HubSpot to be associated with.
    await enqueuePendingLeadActions(
      tx,
      shopDomain,
      result.delivered.flatMap(({ contact }) => contact.sources.map((source) => source.leadId)),
      now,
    );
  });
  await markDone(
    result.delivered.flatMap(({ contact }) => contact.sources.map((source) => source.job.id)),
    now,
  );
  for (const { contact, error } of result.rejected) {
    await park(
      contact.sources.map((source) => source.job.id),
      `${error.kind}: ${error.message}`,
      now,
    );
  }
  for (const { contacts, error } of result.deferred) {
    await settleFailure(
      contacts.flatMap((contact) => contact.sources.map((source) => source.job)),
      error,
      { shopDomain, timeZone: shop.timeZone },
      now,
    );
  }
}

export async function runContactJob(payload: unknown, context: JobContext, now = new Date()): Promise<void> {
  const first = await prisma.job.findUnique({
    where: { id: context.jobId },
    select: { status: true, lockedBy: true, maxAttempts: true },
  });
  // Already settled as part of an earlier job's batch (see below).
  if (!first || first.status !== "running" || !first.lockedBy) return;
  const held: HeldJob[] = [
    {
      id: context.jobId,
      attempts: context.attempt,
      maxAttempts: first.maxAttempts,
      payload: payload as ContactJobPayload,
    },
  ];
  // The runner claimed several jobs at once and runs them one by one: take its others into this batch.
  const sameClaim = await prisma.job.findMany({
    where: { kind: CONTACT_JOB, status: "running", lockedBy: first.lockedBy, id: { not: context.jobId } },
    select: { id: true, attempts: true, maxAttempts: true, payload: true },
    take: MAX_CONTACTS_PER_BATCH - 1,
  });
  const room = MAX_CONTACTS_PER_BATCH - 1 - sameClaim.length;
  const siblings =
    room > 0
      ? await claimJobs({
          workerId: `hubspot-batch:${process.pid}:${context.jobId}`,
          kinds: [CONTACT_JOB],
          limit: room,
          leaseMs: leaseMs(),
          now,
        })
      : [];
  for (const job of [...sameClaim, ...siblings])
    held.push({
      id: job.id,
      attempts: job.attempts,
      maxAttempts: job.maxAttempts,
      payload: JSON.parse(job.payload) as ContactJobPayload,
    });
  const byShop = new Map<string, HeldJob[]>();
  for (const job of held) byShop.set(job.payload.shopDomain, [...(byShop.get(job.payload.shopDomain) ?? []), job]);
  for (const [shopDomain, jobs] of byShop) await syncShop(shopDomain, jobs, now);
}

export function registerHubSpotJobs(): void {
  registerJobHandler(CONTACT_JOB, runContactJob);
  registerJobHandler(DEAL_JOB, runDealJob);
  registerJobHandler(GDPR_JOB, runGdprDeleteJob);
  registerJobHandler(EVENT_JOB, runEventJob);
  registerJobHandler(ROUTE_LEAD_JOB, runRouteLeadJob);
  registerJobHandler(LEAD_ACTIONS_JOB, runLeadActionsJob);
}
