/**
 * `npm run worker`: runs the app's jobs (order webhooks, reconciliation, and what later issues
 * register) outside the web process. On PostgreSQL run as many as you like (claims use
 * FOR UPDATE SKIP LOCKED) once REDIS_URL gives them one shared HubSpot limiter; without it a
 * second runner on the same database refuses to start (app/platform/jobs/runner-guard.server.ts).
 * On SQLite run one, and start the app with CHATLIFT_JOB_RUNNER=off.
 * Stops cleanly on SIGINT/SIGTERM after the job in hand.
 */
import { registerAppJobs } from "../app/jobs.server";
import { defaultWorkerId, registeredKinds, startJobRunner } from "../app/platform/jobs/runner.server";
import { claimRunnerSlot } from "../app/platform/jobs/runner-guard.server";
import { closeSharedRedis } from "../app/platform/db/redis.server";
import prisma from "../app/db.server";
import { reportSecretsAtStartup } from "../app/platform/health/secrets.server";

registerAppJobs();
const workerId = `worker:${defaultWorkerId()}`;
const claim = await claimRunnerSlot((error) => {
  console.error(`[worker] ${workerId} lost its job runner slot (${error.message}): stopping`);
  void shutdown(1);
});
if (!claim.ok) {
  console.error(`[worker] refusing to start: ${claim.reason}`);
  await prisma.$disconnect();
  process.exit(1);
}
const slot = claim.slot;
const runner = startJobRunner({ workerId, pollMs: Number(process.env.CHATLIFT_WORKER_POLL_MS ?? 1_000) });
console.info(
  `[worker] ${workerId} running ${registeredKinds().join(", ")} (HubSpot limiter: ${slot.shared ? "shared on Redis" : "this process only"})`,
);
void reportSecretsAtStartup();

async function shutdown(code: number): Promise<void> {
  await runner.stop();
  await slot.release();
  await closeSharedRedis();
  await prisma.$disconnect();
  process.exit(code);
}

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    console.info(`[worker] ${signal}: finishing the job in hand`);
    void shutdown(0);
  });
}
