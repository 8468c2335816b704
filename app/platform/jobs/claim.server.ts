/**
 * Claiming due jobs: one statement that picks, locks and returns them. On SQLite (one writer) an
 * UPDATE … RETURNING; on PostgreSQL the same with `FOR UPDATE SKIP LOCKED`, so several workers
 * claim at once without waiting for each other or taking the same job.
 *
 * Why the pick is two ordered halves (jobs whose lease ran out, then due queued jobs), on both
 * databases: one `(queued and due) OR (running and lapsed)` condition cannot be read in runAt
 * order from an index, so every claim gathered and sorted the whole due backlog (40,000 waiting
 * contact syncs: a sort of 40,000 rows to take 90, on every batch; on SQLite 95 ms a claim at
 * 80,000 queued, 1–3 ms in halves). Each half alone walks an index in runAt order and stops at
 * `limit` rows, whatever the backlog: (status, runAt), or (shopDomain, status, runAt) when a
 * handler claims its own shop's jobs, so the condition on the shop is only written when there is
 * one (an `? IS NULL OR …` keeps SQLite off that index). The pauses are read inside the
 * statement, not by queries of their own before it.
 */
import prisma, { databaseTarget, Prisma } from "../../db.server";
import { jobLeaseMs } from "./leases.server";

export interface ClaimedJob {
  id: number;
  kind: string;
  payload: string;
  attempts: number;
  maxAttempts: number;
  shopDomain: string | null;
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

type ClaimedRow = {
  id: number | bigint;
  kind: string;
  payload: string;
  attempts: number | bigint;
  maxAttempts: number | bigint;
  shopDomain: string | null;
  runAt: Date | string;
};

/** Due jobs (or jobs whose worker's lease ran out), locked for this worker, oldest first. */
export async function claimJobs(options: ClaimOptions): Promise<ClaimedJob[]> {
  const now = options.now ?? new Date();
  const limit = options.limit ?? 10;
  const lockedUntil = new Date(now.getTime() + (options.leaseMs ?? jobLeaseMs()));
  const rows =
    databaseTarget.provider === "postgresql"
      ? await claimOnPostgres(options, now, lockedUntil, limit)
      : await claimOnSqlite(options, now, lockedUntil, limit);
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

/** The shop's jobs only, when a handler asks for them; no condition otherwise. */
const onShop = (shop: string | undefined) =>
  shop === undefined ? Prisma.empty : Prisma.sql`AND "shopDomain" = ${shop}`;

/** One writer on SQLite: no row locks to skip, one statement is atomic. */
function claimOnSqlite(options: ClaimOptions, now: Date, lockedUntil: Date, limit: number) {
  const kinds = options.kinds ? JSON.stringify([...options.kinds]) : null;
  const busy = JSON.stringify([...(options.busyLanes ?? [])]);
  const claimable = Prisma.sql`
    "kind" NOT IN (SELECT "kind" FROM "JobKindPause" WHERE "until" > ${now})
    AND NOT EXISTS (
      SELECT 1 FROM "JobShopPause" p
      WHERE p."kind" = "Job"."kind" AND p."shopDomain" = "Job"."shopDomain" AND p."until" > ${now}
    )
    AND (${kinds} IS NULL OR "kind" IN (SELECT value FROM json_each(${kinds})))
    ${onShop(options.shopDomain)}
    AND ("kind" || char(31) || coalesce("shopDomain", '')) NOT IN (SELECT value FROM json_each(${busy}))`;
  return prisma.$queryRaw<ClaimedRow[]>`
    UPDATE "Job" SET "status" = 'running', "lockedBy" = ${options.workerId}, "lockedUntil" = ${lockedUntil},
      "dedupeKey" = NULL, "attempts" = "attempts" + 1, "updatedAt" = ${now}
    WHERE "id" IN (
      SELECT "id" FROM (
        SELECT * FROM (
          SELECT "id", "runAt" FROM "Job"
          WHERE "status" = 'running' AND "lockedUntil" < ${now} AND ${claimable}
          ORDER BY "runAt" LIMIT ${limit}
        )
        UNION ALL
        SELECT * FROM (
          SELECT "id", "runAt" FROM "Job"
          WHERE "status" = 'queued' AND "runAt" <= ${now} AND ${claimable}
          ORDER BY "runAt" LIMIT ${limit}
        )
      )
      ORDER BY "runAt" LIMIT ${limit}
    )
    RETURNING "id", "kind", "payload", "attempts", "maxAttempts", "shopDomain", "runAt"`;
}

function claimOnPostgres(options: ClaimOptions, now: Date, lockedUntil: Date, limit: number) {
  const kinds = options.kinds ? [...options.kinds] : null;
  const busy = [...(options.busyLanes ?? [])];
  const claimable = Prisma.sql`
    NOT EXISTS (SELECT 1 FROM "JobKindPause" k WHERE k."kind" = "Job"."kind" AND k."until" > ${now})
    AND NOT EXISTS (
      SELECT 1 FROM "JobShopPause" p
      WHERE p."kind" = "Job"."kind" AND p."shopDomain" = "Job"."shopDomain" AND p."until" > ${now}
    )
    AND (${kinds}::text[] IS NULL OR "kind" = ANY(${kinds}::text[]))
    ${onShop(options.shopDomain)}
    AND NOT (("kind" || chr(31) || coalesce("shopDomain", '')) = ANY(${busy}::text[]))`;
  // A row a half locked but the final LIMIT left out is unlocked when this statement commits.
  return prisma.$queryRaw<ClaimedRow[]>`
    UPDATE "Job" SET "status" = 'running', "lockedBy" = ${options.workerId}, "lockedUntil" = ${lockedUntil},
      "dedupeKey" = NULL, "attempts" = "attempts" + 1, "updatedAt" = ${now}
    WHERE "id" IN (
      SELECT "id" FROM (
        SELECT * FROM (
          SELECT "id", "runAt" FROM "Job"
          WHERE "status" = 'running' AND "lockedUntil" < ${now} AND ${claimable}
          ORDER BY "runAt" LIMIT ${limit} FOR UPDATE SKIP LOCKED
        ) AS lapsed
        UNION ALL
        SELECT * FROM (
          SELECT "id", "runAt" FROM "Job"
          WHERE "status" = 'queued' AND "runAt" <= ${now} AND ${claimable}
          ORDER BY "runAt" LIMIT ${limit} FOR UPDATE SKIP LOCKED
        ) AS due
      ) AS candidates
      ORDER BY "runAt" LIMIT ${limit}
    )
    RETURNING "id", "kind", "payload", "attempts", "maxAttempts", "shopDomain", "runAt"`;
}
