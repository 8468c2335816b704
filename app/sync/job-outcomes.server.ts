/**
 * How a HubSpot job ends, written by the handler itself: a contact batch settles many jobs at
 * once, some held by the runner and some claimed by the handler, so the lock holder is not
 * checked; the runner's own completion afterwards finds the job released and does nothing.
 */
import prisma from "../db.server";
import type { CrmError } from "../integrations/hubspot/crm-port";
import { pauseKindsForShop } from "../platform/jobs/queue.server";
import { DEFAULT_RETRY, nextStep } from "./retry-policy";
import { HUBSPOT_JOB_KINDS } from "./outbox.server";

export type HeldJob = { id: number; attempts: number; maxAttempts: number };

const release = { lockedBy: null, lockedUntil: null };

export async function markDone(ids: number[], now: Date): Promise<void> {
  if (ids.length)
    await prisma.job.updateMany({
      where: { id: { in: ids }, status: "running" },
      data: { status: "done", finishedAt: now, lastError: null, ...release },
    });
}

export async function park(ids: number[], reason: string, now: Date): Promise<void> {
  if (ids.length)
    await prisma.job.updateMany({
      where: { id: { in: ids }, status: "running" },
      data: { status: "parked", finishedAt: now, lastError: reason, ...release },
    });
}

/**
 * Retry, pause or park each job per the retry policy; a daily-limit pause spends no attempt and
 * holds back every HubSpot job of this shop only: the daily limit belongs to its account.
 */
export async function settleFailure(
  jobs: HeldJob[],
  error: CrmError,
  shop: { shopDomain: string; timeZone: string },
  now: Date,
): Promise<void> {
  let pausedUntil: Date | undefined;
  for (const job of jobs) {
    const step = nextStep(
      error,
      job.attempts,
      { now, timeZone: shop.timeZone, random: Math.random },
      { ...DEFAULT_RETRY, maxAttempts: job.maxAttempts },
    );
    if (step.action === "park") {
      await park([job.id], step.reason, now);
      continue;
    }
    const pausing = step.action === "pause_account";
    await prisma.job.updateMany({
      where: { id: job.id, status: "running" },
      data: {
        status: "queued",
        runAt: pausing ? step.until : step.at,
        lastError: `${error.kind}: ${error.message}`,
        ...(pausing ? { attempts: { decrement: 1 } } : {}),
        ...release,
      },
    });
    if (pausing) pausedUntil = step.until;
  }
  if (pausedUntil) {
    const why =
      error.kind === "migrating" ? "HubSpot is moving this account between data centres" : "HubSpot daily limit";
    await pauseKindsForShop(HUBSPOT_JOB_KINDS, shop.shopDomain, pausedUntil, `${why}: ${error.message}`);
  }
}
