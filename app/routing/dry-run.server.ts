/**
 * "What would these rules do?" over the shop's recent leads, for the live set (the API), any
 * saved version (the rules page previews its latest changes before they go live) or a set not
 * saved yet (the rule editor's live preview). Reads only: nothing is stored, no job is enqueued
 * and HubSpot is never called; the round-robin state is read so the preview continues the real
 * rotation, and dryRun advances it on a copy.
 */
import prisma from "../db.server";
import { dryRun, type DryRunReport } from "./dry-run";
import { DAY_MS, type LeadFacts } from "./facts";
import { loadLeadFacts, readRoutingContext } from "./lead-facts.server";
import type { RuleSet } from "./rule-schema";
import { readRuleSet } from "./rule-sets.server";

export type DryRunResult =
  | { kind: "report"; version: number; days: number; report: DryRunReport }
  | { kind: "no_version"; version: number }
  | { kind: "no_active_rules" };

export type DryRunRequest = {
  /** A saved version, or the one the shop runs. */
  version: number | "active";
  days: number;
  /** Owner names the caller already has (the page's reference check), to name them in the report. */
  ownerNames?: Record<string, string>;
};

/**
 * The leads a dry run covers, and "apply to existing leads" routes: created in the last `days`
 * days, oldest first (the order they would have been routed in).
 */
export function recentLeads(shopDomain: string, days: number, now: Date) {
  return prisma.lead.findMany({
    where: { shopDomain, createdAt: { gte: new Date(now.getTime() - days * DAY_MS) } },
    orderBy: { createdAt: "asc" },
  });
}

export async function dryRunRuleSet(
  shopDomain: string,
  request: DryRunRequest,
  now = new Date(),
): Promise<DryRunResult> {
  const stored = await readRuleSet(shopDomain, request.version);
  if (!stored)
    return request.version === "active"
      ? { kind: "no_active_rules" }
      : { kind: "no_version", version: request.version };
  const report = await dryRunUnsaved(shopDomain, stored.ruleSet, request, now);
  return { kind: "report", version: stored.version, days: request.days, report };
}

/** The same preview for a valid rule set that is not saved (yet). */
export async function dryRunUnsaved(
  shopDomain: string,
  ruleSet: RuleSet,
  request: Omit<DryRunRequest, "version">,
  now = new Date(),
): Promise<DryRunReport> {
  const { currency, consentMode, ownerAssignment } = await readRoutingContext(prisma, shopDomain);
  const facts: LeadFacts[] = [];
  for (const lead of await recentLeads(shopDomain, request.days, now))
    facts.push(await loadLeadFacts(prisma, lead, currency));
  return dryRun(ruleSet, facts, {
    now: now.getTime(),
    ownerAssignment,
    consentMode,
    ownerNames: request.ownerNames,
  });
}
