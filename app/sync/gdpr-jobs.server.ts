/**
 * `hubspot.gdpr_delete`: customers/redact asked for the customer's data to go, and the merchant
 * let ChatLift GDPR-delete the contacts it synced, by their HubSpot ids (the job holds no email).
 */
import prisma from "../db.server";
import type { JobContext } from "../platform/jobs/runner.server";
import type { GdprJobPayload } from "./outbox.server";
import { runShopJob } from "./single-job.server";

export async function runGdprDeleteJob(payload: unknown, context: JobContext): Promise<void> {
  const { shopDomain, contactId } = payload as GdprJobPayload;
  await runShopJob(
    shopDomain,
    context,
    async (shop) => {
      const deleted = await shop.crm.gdprDelete(contactId);
      await prisma.job.update({
        where: { id: context.jobId },
        data: { payload: JSON.stringify({ shopDomain, deleted }) },
      });
    },
    { notConnected: ": the contact could not be GDPR-deleted" },
  );
}
