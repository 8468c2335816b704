/**
 * "What would these rules do?" over the shop's recent leads: reads only. Nothing is stored,
 * no job is enqueued and HubSpot is never called; the round-robin state is read so the
 * preview continues the real rotation, and dryRun advances it on a copy.
 */
import prisma from "../db.server";
import { dryRun, type DryRunReport } from "./dry-run";
import { DAY_MS } from "./facts";
import { loadLeadFacts, readRoutingContext } from "./lead-facts.server";
import { getActiveRuleSet } from "./rule-sets.server";

export type DryRunResult = { kind: "report"; ruleSetVersion: number; report: DryRunReport } | { kind: "no_active_rules" };

/** Leads created in the last `days` days, oldest first (the order they would have been routed in). */
export async function previewActiveRules(shopDomain: string, days: number, now = new Date()): Promise<DryRunResult> {
  const ruleSet = await getActiveRuleSet(shopDomain);
  if (!ruleSet) return { kind: "no_active_rules" };
  const { currency, consentMode, ownerAssignment } = await readRoutingContext(prisma, shopDomain);
  const leads = await prisma.lead.findMany({ where: { shopDomain, createdAt: { gte: new Date(now.getTime() - days * DAY_MS) } }, orderBy: { createdAt: "asc" } });
  const facts = [];
  for (const lead of leads) facts.push(await loadLeadFacts(prisma, lead, currency));
  const report = dryRun(ruleSet, facts, { now: now.getTime(), ownerAssignment, consentMode });
  return { kind: "report", ruleSetVersion: ruleSet.version, report };
}
