/**
 * Every job kind of the app, registered in one place: the in-process runner and
 * `npm run worker` both start from here, so they handle the same kinds.
 */
import { registerHubSpotJobs } from "./sync/jobs.server";
import { registerOrderJobs } from "./attribution/orders/jobs.server";
import { registerRollupJobs } from "./analytics/rollups/jobs.server";
import { registerRetentionJobs } from "./privacy/retention-jobs.server";
import { registerKnowledgeJobs } from "./answers/sync/jobs.server";
import { startJobRunner, type JobRunner } from "./platform/jobs/runner.server";

export function registerAppJobs(): void {
  registerOrderJobs();
  registerHubSpotJobs();
  registerRetentionJobs();
  registerRollupJobs();
  registerKnowledgeJobs();
}

declare global {
  // Remix's dev server re-imports modules on every change: one runner per process.
  var chatliftJobRunner: JobRunner | undefined;
}

/**
 * Starts the in-process runner once per process, unless CHATLIFT_JOB_RUNNER=off (set it when
 * `npm run worker` runs the jobs instead; on SQLite only one of them may run).
 */
export function startInProcessJobRunner(): JobRunner | undefined {
  if (process.env.CHATLIFT_JOB_RUNNER === "off" || process.env.NODE_ENV === "test") return undefined;
  registerAppJobs();
  if (!globalThis.chatliftJobRunner) {
    const runner = startJobRunner();
    globalThis.chatliftJobRunner = runner;
    // remix-serve closes its server on these signals and waits for the loop to go idle: the
    // runner's poll timer must stop too, or `npm start` never exits on Ctrl-C or SIGTERM.
    for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => void runner.stop());
  }
  return globalThis.chatliftJobRunner;
}
