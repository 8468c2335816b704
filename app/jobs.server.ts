/**
 * Every job kind of the app, registered in one place: the in-process runner and
 * `npm run worker` both start from here, so they handle the same kinds.
 */
import { registerHubSpotJobs } from "./sync/jobs.server";
import { registerOrderJobs } from "./attribution/orders/jobs.server";
import { registerRollupJobs } from "./analytics/rollups/jobs.server";
import { registerRetentionJobs } from "./privacy/retention-jobs.server";
import { registerKnowledgeJobs } from "./answers/sync/jobs.server";
import { registerExportJobs } from "./analytics/export/export-job.server";
import { startJobRunner, type JobRunner } from "./platform/jobs/runner.server";
import { waitForRunnerSlot } from "./platform/jobs/runner-guard.server";

export function registerAppJobs(): void {
  registerOrderJobs();
  registerHubSpotJobs();
  registerRetentionJobs();
  registerRollupJobs();
  registerKnowledgeJobs();
  registerExportJobs();
}

declare global {
  // Remix's dev server re-imports modules on every change: one runner per process.
  var chatliftJobRunner: Promise<JobRunner | undefined> | undefined;
}

/**
 * Starts the in-process runner once per process, unless CHATLIFT_JOB_RUNNER=off (set it when
 * `npm run worker` runs the jobs instead; on SQLite only one of them may run). On PostgreSQL it
 * first takes the runner slot (platform/jobs/runner-guard.server.ts): without REDIS_URL only one
 * process may run jobs, and an instance that finds another one serves requests without running
 * jobs, saying so on stderr, until the slot is free.
 */
export function startInProcessJobRunner(): Promise<JobRunner | undefined> | undefined {
  if (process.env.CHATLIFT_JOB_RUNNER === "off" || process.env.NODE_ENV === "test") return undefined;
  registerAppJobs();
  if (!globalThis.chatliftJobRunner) {
    let stopping = false;
    let runner: JobRunner | undefined;
    // remix-serve closes its server on these signals and waits for the loop to go idle: the
    // runner's poll timer must stop too, or `npm start` never exits on Ctrl-C or SIGTERM.
    for (const signal of ["SIGINT", "SIGTERM"] as const)
      process.once(signal, () => {
        stopping = true;
        void runner?.stop();
      });
    globalThis.chatliftJobRunner = waitForRunnerSlot({
      isStopped: () => stopping,
      onLost: (error) => {
        console.error(`[jobs] lost the job runner slot (${error.message}): this process stops running jobs`);
        void runner?.stop();
      },
    }).then((slot) => {
      if (!slot || stopping) return undefined;
      runner = startJobRunner();
      return runner;
    });
  }
  return globalThis.chatliftJobRunner;
}
