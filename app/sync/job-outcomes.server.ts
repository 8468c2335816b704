/**
 * How a HubSpot job ends, written by the handler itself: a contact batch settles many jobs at
 * once, some held by the runner and some claimed by the handler, so the lock holder is not
 * checked; the runner's own completion afterwards finds the job released and does nothing.
 */
import prisma, { databaseTarget, type Tx } from "../db.server";
import type { CrmError } from "../integrations/hubspot/crm-port";
import { pauseKindsForShop } from "../platform/jobs/queue.server";
import { DEFAULT_RETRY, nextStep } from "./retry-policy";
import { HUBSPOT_JOB_KINDS } from "./outbox.server";

export type HeldJob = { id: number; attempts: number; maxAttempts: number };

const release = { lockedBy: null, lockedUntil: null };

/**
 * Each delivered lead's HubSpot contact id, in one statement for the whole batch (one UPDATE per
 * lead held the batch's commit open for 100 round trips). `updatedAt` moves as Prisma's
 * @updatedAt would have moved it.
 */
export async function storeContactIds(
  tx: Pick<Tx, "$executeRaw">,
  pairs: ReadonlyArray<{ leadId: string; contactId: string }>,
  now = new Date(),
): Promise<void> {
  if (!pairs.length) return;
  const json = JSON.stringify(pairs);
  if (databaseTarget.provider === "postgresql") {
    await tx.$executeRaw`UPDATE "Lead" AS l SET "hubspotContactId" = x."contactId", "updatedAt" = ${now.toISOString()}::timestamp(3)
      FROM jsonb_to_recordset(${json}::jsonb) AS x("leadId" text, "contactId" text) WHERE l."id" = x."leadId"`;
    return;
  }
  const stamp = now.toISOString().replace("Z", "+00:00"); // Prisma's SQLite text form of a DateTime
  await tx.$executeRaw`UPDATE "Lead" SET "updatedAt" = ${stamp},
      "hubspotContactId" = (SELECT value ->> 'contactId' FROM json_each(${json}) WHERE value ->> 'leadId' = "Lead"."id")
    WHERE "id" IN (SELECT value ->> 'leadId' FROM json_each(${json}))`;
}

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
