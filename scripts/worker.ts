/**
 * `npm run worker`: runs the app's jobs (order webhooks, reconciliation, and what later issues
 * register) outside the web process. On PostgreSQL run as many as you like (claims use
 * FOR UPDATE SKIP LOCKED); on SQLite run one, and start the app with CHATLIFT_JOB_RUNNER=off.
 * Stops cleanly on SIGINT/SIGTERM after the job in hand.
 */
import { registerAppJobs } from "../app/jobs.server";
import { defaultWorkerId, registeredKinds, startJobRunner } from "../app/platform/jobs/runner.server";
import prisma from "../app/db.server";
import { reportSecretsAtStartup } from "../app/platform/health/secrets.server";

registerAppJobs();
const workerId = `worker:${defaultWorkerId()}`;
const runner = startJobRunner({ workerId, pollMs: Number(process.env.CHATLIFT_WORKER_POLL_MS ?? 1_000) });
console.info(`[worker] ${workerId} running ${registeredKinds().join(", ")}`);
void reportSecretsAtStartup();

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    console.info(`[worker] ${signal}: finishing the job in hand`);
    void runner.stop().then(async () => {
      await prisma.$disconnect();
      process.exit(0);
    });
  });
}
