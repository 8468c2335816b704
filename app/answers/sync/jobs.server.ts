/** The job kinds of the knowledge sync, registered with the generic runner (app/jobs.server.ts). */
import { z } from "zod";
import { unauthenticated } from "../../shopify.server";
import { registerJobHandler } from "../../platform/jobs/runner.server";
import type { AdminGraphql } from "../../integrations/shopify/paced-graphql.server";
import { rebuildKnowledgeIndex, updateKnowledgeIndex } from "./index-store.server";
import { runKnowledgeSyncStep } from "./knowledge-sync.server";
import { processProductWebhook } from "./product-webhooks.server";
import { INDEX_REBUILD_JOB, INDEX_UPDATE_JOB, KNOWLEDGE_SYNC_JOB, PRODUCT_WEBHOOK_JOB } from "./sync-state.server";

const syncPayload = z.object({ shopDomain: z.string(), start: z.boolean().default(false) });
const shopPayload = z.object({ shopDomain: z.string() });

/** The shop's offline Admin API access; the library answers a missing session with a Response: keep its words. */
async function adminGraphqlFor(shopDomain: string): Promise<AdminGraphql> {
  const { admin } = await unauthenticated.admin(shopDomain).catch(async (thrown: unknown) => {
    if (thrown instanceof Response)
      throw new Error(`no Admin API access for ${shopDomain}: ${thrown.status} ${await thrown.text()}`);
    throw thrown;
  });
  return admin.graphql;
}

export function registerKnowledgeJobs(): void {
  registerJobHandler(KNOWLEDGE_SYNC_JOB, async (payload) => {
    const { shopDomain, start } = syncPayload.parse(payload);
    const outcome = await runKnowledgeSyncStep(shopDomain, await adminGraphqlFor(shopDomain), start);
    if (outcome.status === "done") console.info(`[jobs] knowledge of ${shopDomain} synced: ${JSON.stringify(outcome)}`);
  });
  registerJobHandler(PRODUCT_WEBHOOK_JOB, async (payload) => {
    const shopDomain = shopPayload.parse(payload).shopDomain;
    await processProductWebhook(payload, () => adminGraphqlFor(shopDomain));
  });
  registerJobHandler(INDEX_UPDATE_JOB, async (payload) => {
    await updateKnowledgeIndex(shopPayload.parse(payload).shopDomain);
  });
  registerJobHandler(INDEX_REBUILD_JOB, async (payload) => {
    await rebuildKnowledgeIndex(shopPayload.parse(payload).shopDomain);
  });
}
