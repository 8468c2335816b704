/**
 * The HubSpot job handlers. One claimed `hubspot.contact` job pulls up to two batches of its shop's
 * waiting siblings, so 10,000 changed leads cost 100 upserts, not 10,000. Each job's outcome (done,
 * retried with backoff, paused until the daily reset, parked with HubSpot's words) is written by
 * job-outcomes.server.ts, also when the shop's connection itself fails (a refused OAuth refresh, a
 * timeout): the batch is settled, never left `running`, and the runner's other lanes (other shops)
 * never wait for it.
 *
 * A worker killed mid-batch loses nothing: its jobs stay `running` until their lease (kept alive
 * while it lives) runs out and run again; contacts are upserted by email, so a replay never
 * creates a second contact.
 */
import prisma from "../db.server";
import { MAX_CONTACTS_PER_BATCH, syncContacts } from "./contact-sync";
import { contactUpdateFor, type ContactUpdate } from "./contact-properties";
import { claimJobs } from "../platform/jobs/queue.server";
import { keepLeases } from "../platform/jobs/leases.server";
import { registerJobHandler, type JobContext } from "../platform/jobs/runner.server";
import { crmForShop, HubSpotNotConnectedError, type ShopCrm } from "./shop-crm.server";
import { asCrmError } from "./isolate";
import { contactFactsOf } from "./contact-facts.server";
import { runLeadActionsJob } from "./lead-action-jobs.server";
import { runRouteLeadJob } from "../routing/route-lead-jobs.server";
import { runDealJob } from "./deal-jobs.server";
import { enqueueChatNotes, runChatNoteJob } from "./chat-note-jobs.server";
import { runEventJob } from "./event-jobs.server";
import { runGdprDeleteJob } from "./gdpr-jobs.server";
import { markDone, park, settleFailure, storeContactIds, type HeldJob as Held } from "./job-outcomes.server";
import {
  CHAT_NOTE_JOB,
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

/**
 * Batch upserts one contact job sends at once (each up to 100 contacts, paced by the portal's
 * limiter): the run's database work (claim, facts, one commit) is spent once per 200 contacts, so on
 * a busy database the limit, not each worker's round trips between calls, sets the pace.
 */
export const CONTACT_BATCHES_IN_FLIGHT = 2;
const JOBS_PER_RUN = MAX_CONTACTS_PER_BATCH * CONTACT_BATCHES_IN_FLIGHT;
type LeadUpdate = ContactUpdate & { job: HeldJob; leadId: string };

/**
 * Any failure of one shop's batch ends with its jobs settled per the retry policy: a refused OAuth
 * refresh parks them with HubSpot's words, a 5xx, a timeout or a database hiccup retries them
 * with backoff. Thrown instead, it would leave the siblings this batch claimed `running` until
 * their lease ran out.
 */
async function syncShop(shopDomain: string, jobs: HeldJob[], now: Date): Promise<void> {
  let shop: ShopCrm | undefined;
  try {
    shop = await crmForShop(shopDomain);
    await syncConnectedShop(shopDomain, shop, jobs, now);
  } catch (error) {
    if (error instanceof HubSpotNotConnectedError)
      return park(
        jobs.map((job) => job.id),
        error.message,
        now,
      );
    console.error(`[hubspot] contact sync for ${shopDomain} failed:`, asCrmError(error).message);
    await settleFailure(jobs, asCrmError(error), { shopDomain, timeZone: shop?.timeZone ?? "UTC" }, now);
  }
}

async function syncConnectedShop(shopDomain: string, shop: ShopCrm, jobs: HeldJob[], now: Date): Promise<void> {
  const leads = await prisma.lead.findMany({
    where: { shopDomain, id: { in: jobs.map((job) => job.payload.leadId) } },
  });
  const byId = new Map(leads.map((lead) => [lead.id, lead]));
  const facts = await contactFactsOf(
    shopDomain,
    leads.filter((lead) => consentOf(lead) === "granted"),
  );
  const updates: LeadUpdate[] = [];
  const gone: number[] = [];
  for (const job of jobs) {
    const lead = byId.get(job.payload.leadId);
    const known = lead && facts.get(lead.id);
    // Redacted since it was enqueued, or consent withdrawn: nothing may leave the shop.
    if (!lead || !known) gone.push(job.id);
    else updates.push({ ...contactUpdateFor(known), job, leadId: lead.id });
  }
  await markDone(gone, now);
  const result = await syncContacts(shop.crm, updates, { concurrency: CONTACT_BATCHES_IN_FLIGHT });
  await prisma.$transaction(async (tx) => {
    await storeContactIds(
      tx,
      result.delivered.flatMap(({ contact, hubspot }) =>
        contact.sources.map((source) => ({ leadId: source.leadId, contactId: hubspot.contactId })),
      ),
    );
    // The rules' tasks and deals follow once their contact exists in HubSpot to be associated with.
    const deliveredLeads = result.delivered.flatMap(({ contact }) => contact.sources.map((source) => source.leadId));
    await enqueuePendingLeadActions(tx, shopDomain, deliveredLeads, now);
    // The chat summary on the contact follows what changed.
    await enqueueChatNotes(tx, shopDomain, deliveredLeads, now);
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
  const { shopDomain } = payload as ContactJobPayload;
  // The runner claimed several of this shop's jobs at once and runs them one by one: take its others
  // into this batch. Other shops' jobs are in other lanes of the runner, running meanwhile.
  const sameClaim = await prisma.job.findMany({
    where: { kind: CONTACT_JOB, status: "running", lockedBy: first.lockedBy, shopDomain, id: { not: context.jobId } },
    select: { id: true, attempts: true, maxAttempts: true, payload: true },
    take: JOBS_PER_RUN - 1,
  });
  const room = JOBS_PER_RUN - 1 - sameClaim.length;
  const workerId = `hubspot-batch:${process.pid}:${context.jobId}`;
  // The siblings' leases live as long as this batch does: a long batch keeps them, a killed worker loses them.
  const leases = keepLeases({ workerId });
  try {
    const siblings = room > 0 ? await claimJobs({ workerId, kinds: [CONTACT_JOB], shopDomain, limit: room, now }) : [];
    leases.hold(siblings.map((job) => job.id));
    for (const job of [...sameClaim, ...siblings])
      held.push({
        id: job.id,
        attempts: job.attempts,
        maxAttempts: job.maxAttempts,
        payload: JSON.parse(job.payload) as ContactJobPayload,
      });
    await syncShop(shopDomain, held, now);
    // Settled in this batch: the runner need not start them one by one after it.
    context.settled?.(sameClaim.map((job) => job.id));
  } finally {
    leases.stop();
  }
}

export function registerHubSpotJobs(): void {
  registerJobHandler(CONTACT_JOB, runContactJob);
  registerJobHandler(DEAL_JOB, runDealJob);
  registerJobHandler(GDPR_JOB, runGdprDeleteJob);
  registerJobHandler(EVENT_JOB, runEventJob);
  registerJobHandler(ROUTE_LEAD_JOB, runRouteLeadJob);
  registerJobHandler(LEAD_ACTIONS_JOB, runLeadActionsJob);
  registerJobHandler(CHAT_NOTE_JOB, runChatNoteJob);
}
