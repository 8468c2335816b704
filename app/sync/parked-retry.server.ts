/**
 * "Retry" on the HubSpot page. A parked contact sync is not replayed as it was: what it would send
 * (owner, lifecycle stage, lead status, the rules' values) is what the routing rules chose back
 * then, so a rule the merchant has fixed since (e.g. an owner HubSpot does not have) would park
 * it again. Its lead is routed again instead, through `routing.lead` with the live rules, which
 * then enqueues the contact sync; with no live rules that job syncs the contact as it is.
 *
 * An owner HubSpot refuses never became the contact's owner, yet a rule that keeps "the contact's
 * owner" would keep it: owners HubSpot does not have are taken off the leads before they are
 * routed again. Other parked jobs (deals, events, GDPR deletes, rule actions) run again as they are.
 */
import prisma from "../db.server";
import { isUniqueViolation } from "../platform/db/errors";
import { retryParkedJob } from "../platform/jobs/queue.server";
import { crmForShop, HubSpotNotConnectedError } from "./shop-crm.server";
import { CONTACT_JOB, HUBSPOT_JOB_KINDS, leadJobKey, ROUTE_LEAD_JOB, type ContactJobPayload } from "./outbox.server";

// Routing jobs too: a lead whose routing fails never reaches HubSpot, so it counts against sync health.
export const HUBSPOT_KINDS = [...HUBSPOT_JOB_KINDS, ROUTE_LEAD_JOB];

type ParkedJob = { id: number; kind: string; payload: string };

/** Runs the shop's parked HubSpot jobs again (after the merchant fixed a rule or the data, or reconnected). */
export async function retryParkedSyncJobs(
  shopDomain: string,
  jobIds?: readonly number[],
  now = new Date(),
): Promise<number> {
  const parked: ParkedJob[] = await prisma.job.findMany({
    where: {
      shopDomain,
      kind: { in: HUBSPOT_KINDS },
      status: "parked",
      ...(jobIds ? { id: { in: [...jobIds] } } : {}),
    },
    select: { id: true, kind: true, payload: true },
  });
  const contacts = new Map(
    parked
      .filter((job) => job.kind === CONTACT_JOB)
      .map((job) => [job.id, (JSON.parse(job.payload) as ContactJobPayload).leadId]),
  );
  await dropOwnersHubSpotLacks(shopDomain, [...new Set(contacts.values())]);
  let retried = 0;
  for (const job of parked) {
    const leadId = contacts.get(job.id);
    if (await (leadId ? routeAgain(shopDomain, job.id, leadId, now) : retryParkedJob(job.id, now))) retried += 1;
  }
  return retried;
}

async function dropOwnersHubSpotLacks(shopDomain: string, leadIds: string[]): Promise<void> {
  if (!leadIds.length) return;
  const owned = await prisma.lead.findMany({
    where: { shopDomain, id: { in: leadIds }, hubspotOwnerId: { not: null } },
    select: { id: true, hubspotOwnerId: true },
  });
  if (!owned.length) return;
  let owners: Set<string>;
  try {
    owners = new Set((await (await crmForShop(shopDomain)).crm.listOwners()).map((owner) => owner.id));
  } catch (error) {
    // Disconnected: nothing can be checked, and the sync parks again saying so until it reconnects.
    if (error instanceof HubSpotNotConnectedError) return;
    throw error;
  }
  for (const lead of owned.filter((candidate) => !owners.has(candidate.hubspotOwnerId as string)))
    await prisma.lead.updateMany({
      where: { id: lead.id, hubspotOwnerId: lead.hubspotOwnerId },
      data: { hubspotOwnerId: null },
    });
}

/**
 * The parked contact job becomes its lead's routing job. When one is waiting already (the lead
 * changed meanwhile), that one routes the lead and the parked job is settled as done.
 */
async function routeAgain(shopDomain: string, jobId: number, leadId: string, now: Date): Promise<boolean> {
  const dedupeKey = leadJobKey(shopDomain, leadId);
  const supersede = () =>
    prisma.job.updateMany({
      where: { id: jobId, status: "parked" },
      data: { status: "done", finishedAt: now, lastError: null },
    });
  const waiting = await prisma.job.findUnique({
    where: { kind_dedupeKey: { kind: ROUTE_LEAD_JOB, dedupeKey } },
    select: { id: true },
  });
  if (waiting) return (await supersede()).count === 1;
  try {
    const { count } = await prisma.job.updateMany({
      where: { id: jobId, status: "parked" },
      data: { kind: ROUTE_LEAD_JOB, dedupeKey, status: "queued", runAt: now, attempts: 0, finishedAt: null },
    });
    return count === 1;
  } catch (error) {
    // Enqueued between the look-up and the update: that job routes the lead.
    if (!isUniqueViolation(error)) throw error;
    return (await supersede()).count === 1;
  }
}
