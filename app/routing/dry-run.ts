/**
 * "What would these rules do to the last N days of leads?" — the same engine over a list of
 * leads, with nothing sent and nothing stored: the round-robin state is advanced on a copy
 * (so the preview shows how leads would spread over owners) and handed back to nobody.
 */
import type { ConsentMode } from "../sync/consent";
import { evaluate, type DecisionStatus } from "./engine";
import type { Instant, LeadFacts } from "./facts";
import type { IntentKind } from "./intents";
import type { RoundRobinState } from "./owners";
import type { RuleSet } from "./rule-schema";

export const DEFAULT_SAMPLES_PER_RULE = 5;

export type DryRunSample = { leadId: string; email?: string; status: DecisionStatus; reason: string };

export type RuleDryRun = {
  ruleId: string;
  ruleName: string;
  enabled: boolean;
  counts: Record<DecisionStatus, number>;
  /** Matched leads whose intents would be withheld (no email, no consent). */
  withheld: number;
  intents: Partial<Record<IntentKind, number>>;
  /** Leads per owner the rule would assign. */
  owners: Record<string, number>;
  /** The first matched leads, with their reasons. */
  samples: DryRunSample[];
  /** The first leads it did not match, to see why a rule catches nobody. */
  missed: DryRunSample[];
};

export type DryRunReport = {
  leads: number;
  /** Leads no rule matched. */
  unrouted: number;
  qualified: number;
  intents: number;
  rules: RuleDryRun[];
};

export type DryRunOptions = {
  now: Instant;
  ownerAssignment?: RoundRobinState;
  consentMode?: ConsentMode;
  ownerNames?: Readonly<Record<string, string>>;
  samplesPerRule?: number;
};

export function dryRun(ruleSet: RuleSet, leads: readonly LeadFacts[], options: DryRunOptions): DryRunReport {
  const samples = options.samplesPerRule ?? DEFAULT_SAMPLES_PER_RULE;
  const rules: RuleDryRun[] = ruleSet.rules.map((rule) => ({
    ruleId: rule.id,
    ruleName: rule.name,
    enabled: rule.enabled,
    counts: { matched: 0, not_matched: 0, disabled: 0, not_reached: 0 },
    withheld: 0,
    intents: {},
    owners: {},
    samples: [],
    missed: [],
  }));
  let ownerAssignment = structuredClone(options.ownerAssignment ?? {});
  const report: DryRunReport = { leads: leads.length, unrouted: 0, qualified: 0, intents: 0, rules };

  for (const facts of leads) {
    const evaluation = evaluate(ruleSet, facts, {
      now: options.now,
      ownerAssignment,
      consentMode: options.consentMode,
      ownerNames: options.ownerNames,
    });
    ownerAssignment = evaluation.ownerAssignment;
    if (evaluation.score.qualified) report.qualified += 1;
    if (!evaluation.decisions.some((decision) => decision.status === "matched")) report.unrouted += 1;
    evaluation.decisions.forEach((decision, index) => {
      const summary = rules[index] as RuleDryRun;
      summary.counts[decision.status] += 1;
      if (decision.withheld) summary.withheld += 1;
      const sample: DryRunSample = {
        leadId: facts.leadId,
        ...(facts.email ? { email: facts.email } : {}),
        status: decision.status,
        reason: decision.reason,
      };
      if (decision.status === "matched" && summary.samples.length < samples) summary.samples.push(sample);
      if (decision.status === "not_matched" && summary.missed.length < samples) summary.missed.push(sample);
      for (const { intent } of decision.actions) {
        if (!intent) continue;
        report.intents += 1;
        summary.intents[intent.kind] = (summary.intents[intent.kind] ?? 0) + 1;
        if (intent.kind === "assign_owner") summary.owners[intent.ownerId] = (summary.owners[intent.ownerId] ?? 0) + 1;
      }
    });
  }
  return report;
}
