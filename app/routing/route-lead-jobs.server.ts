/**
 * `routing.lead`: a changed lead through the shop's active routing rules, in the worker rather
 * than in the ingest's transaction. Routing enqueues the contact sync itself (with what the rules
 * chose); when the rules were switched off meanwhile the contact is synced as it is.
 */
import prisma from "../db.server";
import type { JobContext } from "../platform/jobs/runner.server";
import { evaluateLead } from "./decisions.server";
import { enqueueContactUpserts, syncConsentMode, type RouteLeadJobPayload } from "../sync/outbox.server";

export async function runRouteLeadJob(payload: unknown, _context: JobContext, now = new Date()): Promise<void> {
  const { shopDomain, leadId } = payload as RouteLeadJobPayload;
  const routed = await evaluateLead(shopDomain, leadId, now);
  if (routed.kind !== "no_active_rules") return;
  await prisma.$transaction(async (tx) => {
    const lead = await tx.lead.findFirst({ where: { shopDomain, id: leadId }, select: { id: true, consentAt: true } });
    const shop = await tx.shop.findUnique({ where: { domain: shopDomain }, select: { consentMode: true } });
    if (lead)
      await enqueueContactUpserts(tx, shopDomain, [lead], syncConsentMode(shop?.consentMode ?? "explicit"), now);
  });
}
