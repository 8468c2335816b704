/**
 * Who may run jobs on one PostgreSQL database. Job claims are safe for any number of runners,
 * but HubSpot's limit is per portal: a runner without the shared limiter (REDIS_URL unset) paces
 * HubSpot as if it were alone, so two of them send twice the limit and HubSpot answers 429.
 *
 * Every runner holds a session advisory lock on its own connection for as long as it runs: shared
 * when REDIS_URL is set (any number of those), exclusive when it is not (then it must be the only
 * one). PostgreSQL releases the lock when the process dies, so a crashed runner never blocks the
 * next. SQLite needs no guard: one SQLite database takes one job runner (README, "Several instances").
 */
import pg from "pg";
import { databaseTarget } from "../../db.server";
import { redisConfigured } from "../db/redis.server";

export type RunnerSlot = {
  shared: boolean;
  /** Gives the slot back (a runner that stops). */
  release(): Promise<void>;
};

export type SlotClaim = { ok: true; slot: RunnerSlot } | { ok: false; reason: string };

/** Said by a runner that is refused: what is unsafe and the two ways out. */
export function refusalReason(shared: boolean): string {
  return shared
    ? "A job runner WITHOUT REDIS_URL is running on this database: it paces HubSpot alone, so another runner " +
        "would push a portal past HubSpot's limit (429). Set REDIS_URL on every app instance and worker, or run one runner."
    : "Another job runner is already running on this database and REDIS_URL is not set: two runners would each pace " +
        "HubSpot at the portal's full limit and HubSpot would answer 429. Set REDIS_URL on every app instance and " +
        "worker (one shared HubSpot limiter per portal), or run only one job runner (CHATLIFT_JOB_RUNNER=off on the others).";
}

/**
 * Takes this process's runner slot. `onLost` is called if the slot's connection drops (the
 * database restarted): the lock went with it, so the caller must stop running jobs.
 */
export async function claimRunnerSlot(onLost: (error: Error) => void = () => undefined): Promise<SlotClaim> {
  const shared = redisConfigured();
  if (databaseTarget.provider !== "postgresql") return { ok: true, slot: { shared, release: async () => undefined } };
  const client = new pg.Client({ connectionString: databaseTarget.url, application_name: "chatlift-job-runner" });
  await client.connect();
  const lock = shared ? "pg_try_advisory_lock_shared" : "pg_try_advisory_lock";
  const { rows } = await client.query<{ got: boolean }>(
    `SELECT ${lock}(hashtext('chatlift'), hashtext('job-runner')) AS got`,
  );
  if (!rows[0]?.got) {
    await client.end();
    return { ok: false, reason: refusalReason(shared) };
  }
  let released = false;
  const lost = (error: Error) => {
    if (!released) onLost(error);
    released = true;
  };
  client.on("error", lost);
  client.on("end", () => lost(new Error("the job runner's guard connection closed")));
  return {
    ok: true,
    slot: {
      shared,
      async release() {
        if (released) return;
        released = true;
        await client.end().catch(() => undefined);
      },
    },
  };
}

/**
 * For an app instance: waits for the slot instead of refusing to serve, saying loudly why it
 * does not run jobs meanwhile (a rolling deploy frees the slot when the old instance stops).
 */
export async function waitForRunnerSlot(
  options: { retryMs?: number; onLost?: (error: Error) => void; isStopped?: () => boolean } = {},
): Promise<RunnerSlot | undefined> {
  let lastSaidAt = 0;
  for (;;) {
    if (options.isStopped?.()) return undefined;
    const claim = await claimRunnerSlot(options.onLost).catch((error: Error): SlotClaim => ({
      ok: false,
      reason: `the database did not answer (${error.message})`,
    }));
    if (claim.ok) return claim.slot;
    if (Date.now() - lastSaidAt > 5 * 60_000) {
      lastSaidAt = Date.now();
      console.error(
        `[jobs] NOT running jobs in this process: ${claim.reason} Retrying every ${options.retryMs ?? 15_000} ms.`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, options.retryMs ?? 15_000).unref());
  }
}
