/**
 * The dry run the rules page shows: any saved version (the latest, before it goes live, by
 * default) over the leads of the last N days. Reads only, like the routing stage's preview of
 * the live set: nothing is stored, no job is enqueued, HubSpot is never called for the leads
 * (owner names come from the reference check the page already made).
 */
import prisma from "../../db.server";
import { dryRun, type DryRunReport } from "../../routing/dry-run";
import { DAY_MS, type LeadFacts } from "../../routing/facts";
import { loadLeadFacts, readRoutingContext } from "../../routing/lead-facts.server";
import { readRuleSetVersion } from "./rules.server";

export type PreviewResult = { kind: "report"; version: number; days: number; report: DryRunReport } | { kind: "no_version"; version: number };

export async function previewRuleSetVersion(
  shopDomain: string,
  request: { version: number; days: number; ownerNames?: Record<string, string> },
  now = new Date(),
): Promise<PreviewResult> {
  const ruleSet = await readRuleSetVersion(shopDomain, request.version);
  if (!ruleSet) return { kind: "no_version", version: request.version };
  const { currency, consentMode, ownerAssignment } = await readRoutingContext(prisma, shopDomain);
  const leads = await prisma.lead.findMany({ where: { shopDomain, createdAt: { gte: new Date(now.getTime() - request.days * DAY_MS) } }, orderBy: { createdAt: "asc" } });
  const facts: LeadFacts[] = [];
  for (const lead of leads) facts.push(await loadLeadFacts(prisma, lead, currency));
  const report = dryRun(ruleSet, facts, { now: now.getTime(), ownerAssignment, consentMode, ownerNames: request.ownerNames });
  return { kind: "report", version: request.version, days: request.days, report };
}
