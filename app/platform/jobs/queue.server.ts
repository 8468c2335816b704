/**
 * The durable job queue. A job is enqueued in the same transaction as the change that causes
 * it (so a change never happens without its follow-up, nor the follow-up without the change),
 * claimed by one worker at a time, retried with backoff, and parked with its error after
 * maxAttempts so a person can look.
 *
 * Claiming: on PostgreSQL several workers claim with `FOR UPDATE SKIP LOCKED`; on SQLite there
 * is one writer, so one worker (the app's in-process runner or `npm run worker`, not both).
 * A claim holds a short lease (lockedUntil), renewed by the worker's heartbeat while it lives
 * (leases.server.ts); a worker that died mid-job stops renewing and the job runs again a lease later.
 */
import prisma, { databaseTarget } from "../../db.server";
import type { Tx } from "../../db.server";
import { describeError, retryDelayMs } from "./backoff";
import { jobLeaseMs } from "./leases.server";
import { finishedPayload } from "./finished-payload";

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

export interface ClaimedJob {
  id: number;
  kind: string;
  payload: string;
  attempts: number;
  maxAttempts: number;
  shopDomain: string | null;
}

/**
 * A runner's lane: the jobs of one kind for one shop run one after another, while other shops'
 * jobs of that kind run meanwhile, so one shop's hung or failing account never delays another's.
 */
export function laneOf(job: { kind: string; shopDomain: string | null }): string {
  return `${job.kind}\u001f${job.shopDomain ?? ""}`;
}

function shopOf(job: NewJob): string | null {
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

type Pauses = { kinds: string[]; shops: Array<{ kind: string; shopDomain: string }> };

async function activePauses(now: Date): Promise<Pauses> {
  const [kinds, shops] = await Promise.all([
    prisma.jobKindPause.findMany({ where: { until: { gt: now } }, select: { kind: true } }),
    prisma.jobShopPause.findMany({ where: { until: { gt: now } }, select: { kind: true, shopDomain: true } }),
  ]);
  return { kinds: kinds.map((pause) => pause.kind), shops };
}

export interface ClaimOptions {
  workerId: string;
  limit?: number;
  leaseMs?: number;
  kinds?: readonly string[];
  /** Only this shop's jobs (a handler batching its shop's waiting jobs). */
  shopDomain?: string;
  /** Lanes (laneOf) busy in this worker: their jobs wait for the lane, so one job per shop and kind runs at a time. */
  busyLanes?: readonly string[];
  now?: Date;
}

/** Due jobs (or jobs whose worker's lease ran out), locked for this worker. */
export async function claimJobs(options: ClaimOptions): Promise<ClaimedJob[]> {
  const now = options.now ?? new Date();
  const limit = options.limit ?? 10;
  const lockedUntil = new Date(now.getTime() + (options.leaseMs ?? jobLeaseMs()));
  if (databaseTarget.provider !== "postgresql") return claimOnSqlite(options, now, lockedUntil, limit);
  const paused = await activePauses(now);
  const ids = await claimIdsOnPostgres(options, paused, now, lockedUntil, limit);
  if (!ids.length) return [];
  return prisma.job.findMany({
    where: { id: { in: ids } },
    orderBy: { runAt: "asc" },
    select: { id: true, kind: true, payload: true, attempts: true, maxAttempts: true, shopDomain: true },
  });
}

/**
 * One writer on SQLite: a single UPDATE … RETURNING reads the pauses, picks and locks the due
 * jobs and returns them, payload and all, with no transaction around it (a statement is
 * atomic): one statement per claim instead of six. Same conditions as the PostgreSQL claim.
 */
async function claimOnSqlite(
  options: ClaimOptions,
  now: Date,
  lockedUntil: Date,
  limit: number,
): Promise<ClaimedJob[]> {
  const kinds = options.kinds ? JSON.stringify([...options.kinds]) : null;
  const shop = options.shopDomain ?? null;
  const busy = JSON.stringify([...(options.busyLanes ?? [])]);
  const rows = await prisma.$queryRaw<
    Array<{
      id: number | bigint;
      kind: string;
      payload: string;
      attempts: number | bigint;
      maxAttempts: number | bigint;
      shopDomain: string | null;
      runAt: Date | string;
    }>
  >`
    UPDATE "Job" SET "status" = 'running', "lockedBy" = ${options.workerId}, "lockedUntil" = ${lockedUntil},
      "dedupeKey" = NULL, "attempts" = "attempts" + 1, "updatedAt" = ${now}
    WHERE "id" IN (
      SELECT "id" FROM "Job"
      WHERE (("status" = 'queued' AND "runAt" <= ${now}) OR ("status" = 'running' AND "lockedUntil" < ${now}))
        AND "kind" NOT IN (SELECT "kind" FROM "JobKindPause" WHERE "until" > ${now})
        AND NOT EXISTS (
          SELECT 1 FROM "JobShopPause" p
          WHERE p."kind" = "Job"."kind" AND p."shopDomain" = "Job"."shopDomain" AND p."until" > ${now}
        )
        AND (${kinds} IS NULL OR "kind" IN (SELECT value FROM json_each(${kinds})))
        AND (${shop} IS NULL OR "shopDomain" = ${shop})
        AND ("kind" || char(31) || coalesce("shopDomain", '')) NOT IN (SELECT value FROM json_each(${busy}))
      ORDER BY "runAt"
      LIMIT ${limit}
    )
    RETURNING "id", "kind", "payload", "attempts", "maxAttempts", "shopDomain", "runAt"`;
  return rows
    .map((row) => ({ ...row, at: new Date(row.runAt).getTime() }))
    .sort((a, b) => a.at - b.at || Number(a.id) - Number(b.id))
    .map((row) => ({
      id: Number(row.id),
      kind: row.kind,
      payload: row.payload,
      attempts: Number(row.attempts),
      maxAttempts: Number(row.maxAttempts),
      shopDomain: row.shopDomain,
    }));
}

async function claimIdsOnPostgres(options: ClaimOptions, paused: Pauses, now: Date, lockedUntil: Date, limit: number) {
  const kinds = options.kinds ? [...options.kinds] : null;
  const shop = options.shopDomain ?? null;
  const busy = [...(options.busyLanes ?? [])];
  const rows = await prisma.$queryRaw<Array<{ id: number }>>`
    UPDATE "Job" SET "status" = 'running', "lockedBy" = ${options.workerId}, "lockedUntil" = ${lockedUntil},
      "dedupeKey" = NULL, "attempts" = "attempts" + 1, "updatedAt" = ${now}
    WHERE "id" IN (
      SELECT "id" FROM "Job"
      WHERE (("status" = 'queued' AND "runAt" <= ${now}) OR ("status" = 'running' AND "lockedUntil" < ${now}))
        AND NOT ("kind" = ANY(${paused.kinds}::text[]))
        AND NOT EXISTS (
          SELECT 1 FROM "JobShopPause" p
          WHERE p."kind" = "Job"."kind" AND p."shopDomain" = "Job"."shopDomain" AND p."until" > ${now}
        )
        AND (${kinds}::text[] IS NULL OR "kind" = ANY(${kinds}::text[]))
        AND (${shop}::text IS NULL OR "shopDomain" = ${shop}::text)
        AND NOT (("kind" || chr(31) || coalesce("shopDomain", '')) = ANY(${busy}::text[]))
      ORDER BY "runAt"
      LIMIT ${limit}
      FOR UPDATE SKIP LOCKED
    )
    RETURNING "id"`;
  return rows.map((row) => Number(row.id));
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
