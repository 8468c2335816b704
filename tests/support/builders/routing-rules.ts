/**
 * Builders for the routing engine's inputs. Every time is relative to the frozen clock (NOW_MS),
 * so tests read "3 days ago" instead of epoch numbers.
 */
import type { LeadFacts } from "../../../app/routing/facts";
import type { RuleInput } from "../../../app/routing/templates";
import { parseRuleSet } from "../../../app/routing/validate";
import type { RuleSet } from "../../../app/routing/rule-schema";
import { DAY, HOUR, NOW_MS } from "../clock";

export const daysAgo = (days: number) => NOW_MS - days * DAY;
export const hoursAgo = (hours: number) => NOW_MS - hours * HOUR;

let nextLead = 1;

export function aLead(overrides: Partial<LeadFacts> = {}): LeadFacts {
  const leadId = overrides.leadId ?? `lead-${nextLead++}`;
  return {
    leadId,
    email: `${leadId}@acme.com`,
    consent: "granted",
    microConversions: [],
    pages: [],
    productIds: [],
    collections: [],
    orders: { count: 0, revenue: 0 },
    currency: "USD",
    qualifierAnswers: {},
    ...overrides,
  };
}

let nextRule = 1;

/** A rule that matches a lead who left their email, and syncs the intent score. */
export function aRule(overrides: Partial<RuleInput> = {}): RuleInput {
  return {
    id: `rule-${nextRule++}`,
    name: "Any lead with an email",
    conditions: { fact: "email", is: "captured" },
    actions: [{ type: "sync_contact", properties: ["chatlift_intent_score"] }],
    ...overrides,
  };
}

export function aRuleSet(rules: RuleInput[], overrides: Record<string, unknown> = {}): RuleSet {
  return parseRuleSet({ version: 1, rules, ...overrides });
}
