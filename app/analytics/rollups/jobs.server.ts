/** The rollup job kind, registered with the generic runner (app/jobs.server.ts). */
import { z } from "zod";
import { registerJobHandler } from "../../platform/jobs/runner.server";
import { refreshShopRollups } from "./refresh.server";
import prisma from "../../db.server";
import { ROLLUP_JOB, upsertRefreshJob } from "./refresh-requests.server";

const payloadSchema = z.object({ shopDomain: z.string().min(1) });

export function registerRollupJobs(): void {
  registerJobHandler(ROLLUP_JOB, async (payload) => {
    const { shopDomain } = payloadSchema.parse(payload);
    const report = await refreshShopRollups(shopDomain);
    // A rebuild step: the next one goes behind the jobs already due.
    if (!report.finished) await upsertRefreshJob(prisma, shopDomain, new Date(), new Date());
  });
}
