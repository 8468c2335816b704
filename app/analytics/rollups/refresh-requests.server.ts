/**
 * Asking for a rollup refresh: capture and attribution call these on their hot paths, so each
 * is at most one statement per shop, skipped while this process knows a refresh is due.
 *
 * A request is a Job of kind `rollups.refresh` with the shop as dedupe key, due REFRESH_DELAY_MS
 * later: a minute of traffic becomes one refresh. The job itself finds what changed (events
 * received, credits written, orders updated since its last run), so a request carries nothing.
 * Job.shopDomain stays empty: that column counts a shop's HubSpot sync health.
 */
import { databaseTarget } from "../../db.server";
import type { Tx } from "../../db.server";

export const ROLLUP_JOB = "rollups.refresh";
/** How long the dashboard may lag behind the storefront. */
export const REFRESH_DELAY_MS = 60_000;
/**
 * A request within this long before the due refresh starts is already covered by it. The margin
 * keeps clear of the refresh's own start (events received after it are the next refresh's).
 */
const COVERED_MARGIN_MS = 10_000;

type RawClient = Pick<Tx, "$executeRaw" | "$queryRaw">;

/** Per shop: requests from this process before this time are covered by a due refresh. */
const coveredUntil = new Map<string, number>();

/**
 * For capture: make sure a refresh is due after `receivedAt`. Costs nothing while this process
 * knows one is due; otherwise one statement that creates the job or returns the waiting one.
 */
export async function requestRollupRefresh(db: RawClient, shopDomain: string, receivedAt: Date): Promise<void> {
  const at = receivedAt.getTime();
  if ((coveredUntil.get(shopDomain) ?? 0) > at) return;
  const runAt = await upsertRefreshJob(db, shopDomain, new Date(at + REFRESH_DELAY_MS), receivedAt);
  if (coveredUntil.size > 10_000) coveredUntil.clear();
  coveredUntil.set(shopDomain, runAt.getTime() - COVERED_MARGIN_MS);
}

/**
 * For attribution: a refresh for each shop whose credits these are, in the caller's
 * transaction; as for capture, nothing while this process knows one is due.
 */
export async function requestRollupRefreshes(
  db: RawClient,
  credits: ReadonlyArray<{ shopDomain: string }>,
  now: Date,
): Promise<void> {
  for (const shopDomain of new Set(credits.map((credit) => credit.shopDomain)))
    await requestRollupRefresh(db, shopDomain, now);
}

/** A refresh due at `runAt`, or earlier if one is waiting already; resolves to when it runs. */
export async function upsertRefreshJob(db: RawClient, shopDomain: string, runAt: Date, now: Date): Promise<Date> {
  const payload = JSON.stringify({ shopDomain });
  const rows =
    databaseTarget.provider === "postgresql"
      ? await db.$queryRaw<Array<{ runAt: Date }>>`
          INSERT INTO "Job" ("kind", "dedupeKey", "payload", "runAt", "createdAt", "updatedAt")
          VALUES (${ROLLUP_JOB}, ${shopDomain}, ${payload}, ${runAt.toISOString()}::timestamp(3), ${now.toISOString()}::timestamp(3), ${now.toISOString()}::timestamp(3))
          ON CONFLICT ("kind", "dedupeKey") DO UPDATE SET "runAt" = LEAST("Job"."runAt", excluded."runAt")
          RETURNING "runAt"`
      : await db.$queryRaw<Array<{ runAt: string }>>`
          INSERT INTO "Job" ("kind", "dedupeKey", "payload", "runAt", "createdAt", "updatedAt")
          VALUES (${ROLLUP_JOB}, ${shopDomain}, ${payload}, ${stamp(runAt)}, ${stamp(now)}, ${stamp(now)})
          ON CONFLICT ("kind", "dedupeKey") DO UPDATE SET "runAt" = MIN("Job"."runAt", excluded."runAt")
          RETURNING "runAt"`;
  const found = rows[0]?.runAt;
  return found === undefined ? runAt : new Date(found);
}

/** Prisma's SQLite text form of a DateTime. */
const stamp = (date: Date) => date.toISOString().replace("Z", "+00:00");

/** For tests: forget which refreshes this process knows are due. */
export function forgetRefreshRequests(): void {
  coveredUntil.clear();
}
