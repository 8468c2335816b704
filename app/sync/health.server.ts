/**
 * Sync health for the admin: how many leads are in HubSpot, how many jobs wait, fail (waiting
 * again after an error) or are parked, and the latest errors. Retrying parked jobs: parked-retry.server.ts.
 */
import prisma from "../db.server";
import { isHubSpotConnected } from "./connection.server";
import { CHAT_NOTE_JOB } from "./outbox.server";
import { HUBSPOT_KINDS } from "./parked-retry.server";

export { retryParkedSyncJobs } from "./parked-retry.server";

export type SyncHealth = {
  connected: boolean;
  /** Leads HubSpot holds as contacts. */
  inSync: number;
  /** Jobs waiting or running, never failed yet. */
  pending: number;
  /** Jobs waiting for another attempt after an error. */
  failing: number;
  /** Jobs given up on, waiting for a person. */
  parked: number;
  /** Paused until HubSpot's daily limit resets. */
  pausedUntil: Date | null;
  lastErrors: Array<{ jobId: number; kind: string; status: string; error: string; at: Date }>;
};

export async function syncHealth(shopDomain: string, now = new Date()): Promise<SyncHealth> {
  const where = { shopDomain, kind: { in: HUBSPOT_KINDS } };
  const [connected, inSync, pending, failing, parked, pause, shopPause, errors] = await Promise.all([
    isHubSpotConnected(shopDomain),
    prisma.lead.count({ where: { shopDomain, hubspotContactId: { not: null } } }),
    prisma.job.count({
      // A chat summary note waiting its coalescing delay (CHAT_NOTE_DELAY_MS) is no sync the merchant waits for.
      where: {
        ...where,
        status: { in: ["queued", "running"] },
        lastError: null,
        NOT: { kind: CHAT_NOTE_JOB, runAt: { gt: now } },
      },
    }),
    prisma.job.count({ where: { ...where, status: { in: ["queued", "running"] }, lastError: { not: null } } }),
    prisma.job.count({ where: { ...where, status: "parked" } }),
    prisma.jobKindPause.findFirst({
      where: { kind: { in: HUBSPOT_KINDS }, until: { gt: now } },
      orderBy: { until: "desc" },
    }),
    prisma.jobShopPause.findFirst({
      where: { shopDomain, kind: { in: HUBSPOT_KINDS }, until: { gt: now } },
      orderBy: { until: "desc" },
    }),
    prisma.job.findMany({
      where: { ...where, lastError: { not: null }, status: { not: "done" } },
      orderBy: { updatedAt: "desc" },
      take: 10,
      select: { id: true, kind: true, status: true, lastError: true, updatedAt: true },
    }),
  ]);
  return {
    connected,
    inSync,
    pending,
    failing,
    parked,
    pausedUntil: [pause?.until, shopPause?.until].reduce<Date | null>(
      (latest, until) => (until && (!latest || until > latest) ? until : latest),
      null,
    ),
    lastErrors: errors.map((job) => ({
      jobId: job.id,
      kind: job.kind,
      status: job.status,
      error: job.lastError ?? "",
      at: job.updatedAt,
    })),
  };
}
