/**
 * Routing a lead for real: its facts through the shop's active rules, and everything that
 * follows stored in ONE transaction (decisions, round-robin places, the lead's score and its
 * HubSpot sync job), so a crash never leaves a rotation advanced without the decision that
 * advanced it, nor a decision without its sync.
 *
 * HubSpot: what the rules chose for the contact (owner, lifecycle stage, lead status, fixed
 * property values) is kept on the lead and sent by its contact sync (hubspot.contact), which is
 * enqueued with every routing, since routing runs because the lead changed. Tasks, deals and
 * custom events, which happen once per lead and rule, are stored as pending RoutingAction rows;
 * the contact sync enqueues their hubspot.lead_actions job once the contact exists in HubSpot.
 */
import prisma from "../db.server";
import { isUniqueViolation } from "../platform/db/errors";
import { enqueueContactUpserts } from "../sync/outbox.server";
import { evaluate, type Decision, type Evaluation } from "./engine";
import { loadLeadFacts, readRoutingContext } from "./lead-facts.server";
import type { RuleSet } from "./rule-schema";
import { getActiveRuleSet } from "./rule-sets.server";
import type { Intent } from "./intents";
import { leadActionsOf, readRoutedProperties, routedFieldsAfter, type StoredLeadAction } from "./routed-fields";

export type LeadRouting =
  | {
      kind: "routed";
      ruleSetVersion: number;
      decisions: Decision[];
      score: number;
      qualified: boolean;
      contactSyncs: number;
      leadActions: number;
    }
  | { kind: "no_active_rules" }
  | { kind: "no_lead" };

function detailOf(decision: Decision, evaluation: Evaluation) {
  const intents = decision.actions.flatMap((action) => (action.intent ? [action.intent] : []));
  return JSON.stringify({
    ruleName: decision.ruleName,
    because: decision.because,
    conditions: decision.conditions,
    actions: decision.actions,
    withheld: decision.withheld,
    intents,
    ownerId: evaluation.ownerId,
  });
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
      else if (
        (await tx.roundRobinState.updateMany({ where: { shopDomain, ruleId, assigned: before.assigned }, data }))
          .count === 0
      )
        throw new RotationMoved();
    }
    const { score, qualified } = evaluation.score;
    const routed = routedFieldsAfter(
      {
        lifecycleStage: lead.routedLifecycleStage ?? undefined,
        leadStatus: lead.routedLeadStatus ?? undefined,
        properties: readRoutedProperties(lead.routedProperties),
      },
      evaluation.intents,
    );
    await tx.lead.update({
      where: { id: lead.id },
      data: {
        intentScore: score,
        // qualifiedAt marks the first time the lead qualified; a later dip does not erase it.
        ...(qualified && !lead.qualifiedAt ? { qualifiedAt: now } : {}),
        hubspotOwnerId: evaluation.ownerId ?? null,
        routedLifecycleStage: routed.lifecycleStage ?? null,
        routedLeadStatus: routed.leadStatus ?? null,
        routedProperties: Object.keys(routed.properties).length ? JSON.stringify(routed.properties) : null,
      },
    });
    const contactSyncs = await enqueueContactUpserts(tx, shopDomain, [lead], consentMode, now);
    // Pending until the contact sync has the contact in HubSpot; it then enqueues their job.
    const actions = leadActionsOf(evaluation.intents);
    if (actions.length)
      await tx.routingAction.createMany({
        data: actions.map((action) => ({
          shopDomain,
          dedupeKey: action.dedupeKey,
          leadId: lead.id,
          kind: action.kind,
          createdAt: now,
        })),
      });
    const leadActions = actions.length;
    return {
      kind: "routed" as const,
      ruleSetVersion: ruleSet.version,
      decisions: evaluation.decisions,
      score,
      qualified,
      contactSyncs,
      leadActions,
    };
  });
}

/** The once-only actions (task, deal, event) routing decided for a lead and that are not done yet, in the order the rules emitted them. */
export async function pendingLeadActions(shopDomain: string, leadId: string): Promise<StoredLeadAction[]> {
  const pending = await prisma.routingAction.findMany({
    where: { shopDomain, leadId, doneAt: null },
    select: { dedupeKey: true },
  });
  if (!pending.length) return [];
  const keys = new Set(pending.map((action) => action.dedupeKey));
  const decisions = await prisma.routingDecision.findMany({
    where: { shopDomain, leadId, status: "matched" },
    orderBy: [{ decidedAt: "asc" }, { id: "asc" }],
    select: { detail: true },
  });
  return decisions.flatMap(({ detail }) =>
    leadActionsOf((JSON.parse(detail) as { intents?: Intent[] }).intents ?? []).filter((action) =>
      keys.has(action.dedupeKey),
    ),
  );
}
