/**
 * The durable job queue. A job is enqueued in the same transaction as the change that causes
 * it (so a change never happens without its follow-up, nor the follow-up without the change),
 * claimed by one worker at a time, retried with backoff, and parked with its error after
 * maxAttempts so a person can look.
 *
 * Claiming (claim.server.ts): on PostgreSQL several workers claim with `FOR UPDATE SKIP LOCKED`; on
 * SQLite there is one writer, so one worker (the app's in-process runner or `npm run worker`, not both).
 * A claim holds a short lease (lockedUntil), renewed by the worker's heartbeat while it lives
 * (leases.server.ts); a worker that died mid-job stops renewing and the job runs again a lease later.
 */
import prisma from "../../db.server";
import type { Tx } from "../../db.server";
import { describeError, retryDelayMs } from "./backoff";
import { finishedPayload } from "./finished-payload";
import type { ClaimedJob } from "./claim.server";

export { claimJobs, type ClaimOptions, type ClaimedJob } from "./claim.server";

export type JobStatus = "queued" | "running" | "done" | "parked";

/** Anything that can write jobs: the client itself or an open transaction. */
export type JobWriter = Pick<Tx, "job">;

export interface NewJob {
  kind: string;
  payload: unknown;
  /**
   * At most one waiting job per (kind, dedupeKey): enqueuing again updates the waiting job's
   * payload and keeps the earlier runAt. A job that has started no longer holds its key, so a
   * change arriving while it runs gets a run of its own.
   */
  dedupeKey?: string;
  runAt?: Date;
  maxAttempts?: number;
  /** The shop the job works for; the payload's `shopDomain` when left out. Jobs run one shop at a time per kind. */
  shopDomain?: string;
}

/**
 * A runner's lane: the jobs of one kind for one shop run one after another, while other shops'
 * jobs of that kind run meanwhile, so one shop's hung or failing account never delays another's.
 */
export function laneOf(job: { kind: string; shopDomain: string | null }): string {
  return `${job.kind}\u001f${job.shopDomain ?? ""}`;
}

/** The shop a job works for: its own `shopDomain`, else its payload's. */
export function shopOf(job: NewJob): string | null {
  if (job.shopDomain !== undefined) return job.shopDomain;
  const named = (job.payload as { shopDomain?: unknown } | null)?.shopDomain;
  return typeof named === "string" ? named : null;
}

export async function enqueueJob(
  db: JobWriter,
  job: NewJob,
  now = new Date(),
): Promise<{ id: number; merged: boolean }> {
  const payload = JSON.stringify(job.payload);
  const runAt = job.runAt ?? now;
  if (job.dedupeKey !== undefined) {
    const waiting = await db.job.findUnique({
      where: { kind_dedupeKey: { kind: job.kind, dedupeKey: job.dedupeKey } },
    });
    if (waiting) {
      await db.job.update({
        where: { id: waiting.id },
        data: { payload, runAt: waiting.runAt < runAt ? waiting.runAt : runAt },
      });
      return { id: waiting.id, merged: true };
    }
  }
  const created = await db.job.create({
    data: {
      kind: job.kind,
      dedupeKey: job.dedupeKey ?? null,
      payload,
      runAt,
      maxAttempts: job.maxAttempts ?? 8,
      shopDomain: shopOf(job),
    },
    select: { id: true },
  });
  return { id: created.id, merged: false };
}

/** Holds every job of a kind back until a time (HubSpot's daily cap, a revoked token …). */
export async function pauseKind(kind: string, until: Date, reason: string): Promise<void> {
  await prisma.jobKindPause.upsert({ where: { kind }, create: { kind, until, reason }, update: { until, reason } });
}

export async function resumeKind(kind: string): Promise<void> {
  await prisma.jobKindPause.deleteMany({ where: { kind } });
}

/** Holds these kinds back for one shop only (an account's own limit); other shops' jobs run on. */
export async function pauseKindsForShop(
  kinds: readonly string[],
  shopDomain: string,
  until: Date,
  reason: string,
): Promise<void> {
  for (const kind of kinds) {
    await prisma.jobShopPause.upsert({
      where: { kind_shopDomain: { kind, shopDomain } },
      create: { kind, shopDomain, until, reason },
      update: { until, reason },
    });
  }
}

export async function resumeKindsForShop(kinds: readonly string[], shopDomain: string): Promise<void> {
  await prisma.jobShopPause.deleteMany({ where: { kind: { in: [...kinds] }, shopDomain } });
}

/**
 * Done; `db` may be the handler's own transaction, so the job ends in the commit of its work. A
 * webhook's body goes with it (finished-payload.ts: nothing reads it again, and it names a customer).
 */
export async function completeJob(
  job: ClaimedJob,
  workerId: string,
  now = new Date(),
  db: JobWriter = prisma,
): Promise<void> {
  await db.job.updateMany({
    where: { id: job.id, lockedBy: workerId },
    data: {
      status: "done",
      finishedAt: now,
      lockedBy: null,
      lockedUntil: null,
      lastError: null,
      payload: finishedPayload(job.payload),
    },
  });
}

/** A failed attempt: back to the queue after a backoff, or parked once attempts run out. */
export async function failJob(
  job: ClaimedJob,
  workerId: string,
  error: unknown,
  now = new Date(),
  random = Math.random,
): Promise<JobStatus> {
  const parked = job.attempts >= job.maxAttempts;
  await prisma.job.updateMany({
    where: { id: job.id, lockedBy: workerId },
    data: {
      status: parked ? "parked" : "queued",
      runAt: parked ? undefined : new Date(now.getTime() + retryDelayMs(job.attempts, random)),
      finishedAt: parked ? now : null,
      lockedBy: null,
      lockedUntil: null,
      lastError: describeError(error),
    },
  });
  return parked ? "parked" : "queued";
}

/** Not the job's fault: wait until `until` without spending the attempt. */
export async function deferJob(job: ClaimedJob, workerId: string, until: Date, reason: string): Promise<void> {
  await prisma.job.updateMany({
    where: { id: job.id, lockedBy: workerId },
    data: {
      status: "queued",
      runAt: until,
      attempts: { decrement: 1 },
      lockedBy: null,
      lockedUntil: null,
      lastError: reason,
    },
  });
}

/** A parked job, after a fix: run it again from a fresh attempt count. */
export async function retryParkedJob(id: number, now = new Date()): Promise<boolean> {
  const { count } = await prisma.job.updateMany({
    where: { id, status: "parked" },
    data: { status: "queued", runAt: now, attempts: 0, finishedAt: null },
  });
  return count === 1;
}
