/**
 * "Apply to existing leads": a rule version made live routes new events only, so the leads the
 * dry run previewed (created in the last N days) are queued for routing by it, through the
 * outbox's routing jobs (paced, one waiting job per lead). The worker routes each with the rules
 * live when it runs, as it routes any changed lead.
 */
import prisma from "../db.server";
import { enqueueRoutingOfExistingLeads, syncConsentMode, type ExistingLeadsRouting } from "../sync/outbox.server";
import { isHubSpotConnected } from "../sync/connection.server";
import { recentLeads } from "./dry-run.server";
import { readRuleSet } from "./rule-sets.server";

export type ApplyResult =
  | ({ kind: "queued"; version: number; days: number; leads: number } & ExistingLeadsRouting)
  /** The version asked for is not the live one (made live elsewhere meanwhile, or never). */
  | { kind: "not_live"; version: number; liveVersion: number | null }
  | { kind: "not_connected" };

export async function applyToExistingLeads(
  shopDomain: string,
  request: { version: number; days: number },
  now = new Date(),
): Promise<ApplyResult> {
  const live = await readRuleSet(shopDomain, "active");
  if (live?.version !== request.version)
    return { kind: "not_live", version: request.version, liveVersion: live?.version ?? null };
  // Routing decides what reaches HubSpot: without a connection there is nothing to apply it to.
  if (!(await isHubSpotConnected(shopDomain))) return { kind: "not_connected" };
  const leads = await recentLeads(shopDomain, request.days, now);
  const queued = await prisma.$transaction(async (tx) => {
    const shop = await tx.shop.findUnique({ where: { domain: shopDomain }, select: { consentMode: true } });
    return enqueueRoutingOfExistingLeads(tx, shopDomain, leads, syncConsentMode(shop?.consentMode ?? "explicit"), now);
  });
  return { kind: "queued", version: request.version, days: request.days, leads: leads.length, ...queued };
}
