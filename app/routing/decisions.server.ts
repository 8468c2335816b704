/**
 * Routing a lead for real: its facts through the shop's active rules, and everything that
 * follows stored in ONE transaction (decisions, round-robin places, the lead's score and its
 * HubSpot sync job), so a crash never leaves a rotation advanced without the decision that
 * advanced it, nor a decision without its sync.
 *
 * HubSpot: the outbox's contact job (hubspot.contact) re-sends the lead's ChatLift properties,
 * the intent score among them, so a changed score enqueues it. The other intents (lifecycle
 * stage, lead status, owner, custom properties, task, deal, event) have no job kind that would
 * apply them yet; they are kept in each decision's detail for that worker.
 */
import prisma from "../db.server";
import { isUniqueViolation } from "../db/errors";
import { enqueueContactSyncs } from "../hubspot/outbox.server";
import { evaluate, type Decision, type Evaluation } from "./engine";
import { loadLeadFacts, readRoutingContext } from "./lead-facts.server";
import type { RuleSet } from "./rule-schema";
import { getActiveRuleSet } from "./rule-sets.server";

export type LeadRouting =
  | { kind: "routed"; ruleSetVersion: number; decisions: Decision[]; score: number; qualified: boolean; contactSyncs: number }
  | { kind: "no_active_rules" }
  | { kind: "no_lead" };

function detailOf(decision: Decision, evaluation: Evaluation) {
  const intents = decision.actions.flatMap((action) => (action.intent ? [action.intent] : []));
  return JSON.stringify({ ruleName: decision.ruleName, because: decision.because, conditions: decision.conditions, actions: decision.actions, withheld: decision.withheld, intents, ownerId: evaluation.ownerId });
}

class RotationMoved extends Error {}

const ATTEMPTS = 5;

export async function evaluateLead(shopDomain: string, leadId: string, now = new Date()): Promise<LeadRouting> {
  const ruleSet = await getActiveRuleSet(shopDomain);
  if (!ruleSet) return { kind: "no_active_rules" };
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await routeOnce(shopDomain, leadId, ruleSet, now);
    } catch (error) {
      if (attempt >= ATTEMPTS || !(error instanceof RotationMoved || isUniqueViolation(error))) throw error;
    }
  }
}

async function routeOnce(shopDomain: string, leadId: string, ruleSet: RuleSet, now: Date): Promise<LeadRouting> {
  return prisma.$transaction(async (tx) => {
    const lead = await tx.lead.findFirst({ where: { shopDomain, id: leadId } });
    if (!lead) return { kind: "no_lead" as const };
    const { currency, consentMode, ownerAssignment } = await readRoutingContext(tx, shopDomain);
    const facts = await loadLeadFacts(tx, lead, currency);

    const evaluation = evaluate(ruleSet, facts, { now: now.getTime(), ownerAssignment, consentMode });

    await tx.routingDecision.createMany({
      data: evaluation.decisions.map((decision) => ({
        shopDomain,
        leadId,
        ruleId: decision.ruleId,
        ruleSetVersion: decision.ruleSetVersion,
        status: decision.status,
        reason: decision.reason,
        detail: detailOf(decision, evaluation),
        decidedAt: now,
      })),
    });
    for (const [ruleId, place] of Object.entries(evaluation.ownerAssignment)) {
      const before = ownerAssignment[ruleId];
      if (before?.assigned === place.assigned && before.lastOwnerId === place.lastOwnerId) continue;
      // Compare-and-set on the count read: PostgreSQL's read committed lets two routings read the
      // same place; the second finds the count moved (or the row created) and is tried again.
      const data = { lastOwnerId: place.lastOwnerId, assigned: place.assigned };
      if (!before) await tx.roundRobinState.create({ data: { shopDomain, ruleId, ...data } });
      else if ((await tx.roundRobinState.updateMany({ where: { shopDomain, ruleId, assigned: before.assigned }, data })).count === 0) throw new RotationMoved();
    }
    const { score, qualified } = evaluation.score;
    // qualifiedAt marks the first time the lead qualified; a later dip does not erase it.
    await tx.lead.update({ where: { id: lead.id }, data: { intentScore: score, ...(qualified && !lead.qualifiedAt ? { qualifiedAt: now } : {}) } });
    const contactSyncs = evaluation.scoreIntent ? await enqueueContactSyncs(tx, shopDomain, [lead], consentMode, now) : 0;
    return { kind: "routed" as const, ruleSetVersion: ruleSet.version, decisions: evaluation.decisions, score, qualified, contactSyncs };
  });
}
