/** The job kinds of order capture, registered with the generic runner. */
import { z } from "zod";
import { unauthenticated } from "../../shopify.server";
import { registerJobHandler } from "../../platform/jobs/runner.server";
import { RECONCILE_JOB, runOrderReconciliation } from "./reconciliation.server";
import { ORDER_WEBHOOK_JOB, processOrderWebhook } from "./order-webhooks.server";

const reconcilePayload = z.object({ shopDomain: z.string() });

export function registerOrderJobs(): void {
  registerJobHandler(ORDER_WEBHOOK_JOB, async (payload, context) => {
    await processOrderWebhook(payload, context.completeIn);
  });
  registerJobHandler(RECONCILE_JOB, async (payload) => {
    const { shopDomain } = reconcilePayload.parse(payload);
    const { admin } = await unauthenticated.admin(shopDomain).catch(async (thrown: unknown) => {
      // The library answers a missing session or configuration with a Response: keep its words.
      if (thrown instanceof Response)
        throw new Error(`no Admin API access for ${shopDomain}: ${thrown.status} ${await thrown.text()}`);
      throw thrown;
    });
    const report = await runOrderReconciliation(shopDomain, admin.graphql);
    if (report) console.info(`[jobs] orders reconciled for ${shopDomain}: ${JSON.stringify(report)}`);
  });
}
