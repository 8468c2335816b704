/**
 * `hubspot.event`: a lead's micro-conversions as custom behavioral events (accounts with custom
 * events only; checked again when the job runs, in case the account changed tier). HubSpot
 * events have no idempotency key: a worker killed after HubSpot answered but before the job was
 * marked done sends them again, which merchants' event reports tolerate better than losing them.
 */
import prisma from "../db.server";
import type { MicroConversionKind } from "../../contract/events";
import type { JobContext } from "../platform/jobs/runner.server";
import { intentEventsFor } from "./intent-events";
import { consentOf, type EventJobPayload } from "./outbox.server";
import { runShopJob } from "./single-job.server";

export async function runEventJob(payload: unknown, context: JobContext): Promise<void> {
  const { shopDomain, leadId, signals } = payload as EventJobPayload;
  await runShopJob(shopDomain, context, async (shop) => {
    const lead = await prisma.lead.findUnique({ where: { id: leadId }, select: { email: true, consentAt: true } });
    // Redacted or without consent since: nothing leaves the shop.
    if (!lead || consentOf(lead) !== "granted") return;
    const events = intentEventsFor(
      signals.map((signal) => ({
        email: lead.email,
        kind: signal.kind as MicroConversionKind,
        occurredAt: new Date(signal.occurredAt),
        productId: signal.productId,
        page: signal.page,
      })),
      { portalId: shop.portalId, customEventsAvailable: shop.customEventsAvailable },
    );
    await shop.crm.sendEvents(events);
  });
}
