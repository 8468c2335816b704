/** The retention job kind, registered with the generic runner; the first sweep is queued on start. */
import prisma from "../db.server";
import { registerJobHandler } from "../platform/jobs/runner.server";
import { nextSweepAt } from "./retention-policy";
import { RETENTION_JOB, scheduleRetentionSweep, sweepRetention } from "./retention.server";

export function registerRetentionJobs(now = () => new Date()): void {
  registerJobHandler(RETENTION_JOB, async () => {
    const reports = await sweepRetention(now());
    const deleted = reports.filter(
      (report) => report.events + report.chatSessions + report.leads + report.microConversions > 0,
    );
    if (deleted.length) console.info(`[jobs] retention: ${JSON.stringify(deleted)}`);
  });
  // A fresh database has no sweep queued; an existing one keeps its time.
  scheduleRetentionSweep(prisma, nextSweepAt(now())).catch((error: unknown) =>
    console.error("[jobs] could not schedule the retention sweep", error),
  );
}
