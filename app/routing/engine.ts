/**
 * The routing engine: a lead's facts through the merchant's rules, in order, to decisions and
 * intents. Pure: the clock, the round-robin state and the consent mode come in; the new state
 * and everything to store and send go out. Recomputes the intent score on every call.
 */
import { mayLeaveShop, type ConsentMode } from "../sync/consent";
import { CONTACT_PROPERTY } from "../sync/chatlift-properties";
import { runActions, describeAction, fillAction, templateValues, type ActionOutcome } from "./actions";
import { evaluateCondition, explainOutcome, type ConditionResult } from "./conditions";
import type { Instant, LeadFacts } from "./facts";
import type { Intent } from "./intents";
import type { RoundRobinState } from "./owners";
import type { Rule, RuleSet } from "./rule-schema";
import { scoreLead, type LeadScore } from "./scoring";

export type DecisionStatus = "matched" | "not_matched" | "disabled" | "not_reached";
/** Why a matched rule sent nothing. */
export type Withheld = "no_email" | "no_consent";

export type Decision = {
  leadId: string;
  ruleId: string;
  ruleName: string;
  ruleSetVersion: number;
  status: DecisionStatus;
  /** The evaluated tree; null for rules not evaluated (disabled, or after a stop). */
  conditions: ConditionResult | null;
  /** The sentences that decided the outcome: what matched, or what did not. */
  because: string[];
  actions: ActionOutcome[];
  withheld?: Withheld;
  /** One paragraph a merchant can read in the decision log. */
  reason: string;
  decidedAt: string;
};

export type EvaluateOptions = {
  now: Instant;
  ownerAssignment: RoundRobinState;
  /** The shop's consent setting; opt-in unless the shop chose notice. */
  consentMode?: ConsentMode;
  /** HubSpot owner names by id, for reasons a merchant can read. */
  ownerNames?: Readonly<Record<string, string>>;
};

export type Evaluation = {
  score: LeadScore;
  /** Writes the recomputed score when it differs from the one HubSpot has. */
  scoreIntent: Intent | null;
  decisions: Decision[];
  /** Every rule's intents, in rule and action order. */
  intents: Intent[];
  /** Store this in place of the state passed in (same transaction as the decisions). */
  ownerAssignment: RoundRobinState;
  /** The lead's owner after the rules: keep it on the lead, so the next event sees it. */
  ownerId: string | undefined;
};

const WITHHELD_WORDS: Record<Withheld, string> = {
  no_email: "but nothing is sent: the lead has not left an email yet",
  no_consent: "but nothing is sent: the lead has not given marketing consent",
};

function withheldFor(facts: LeadFacts, mode: ConsentMode): Withheld | undefined {
  if (!facts.email) return "no_email";
  return mayLeaveShop({ consent: { state: facts.consent } }, mode) ? undefined : "no_consent";
}

function reasonFor(
  rule: Rule,
  version: number,
  status: DecisionStatus,
  because: string[],
  actions: ActionOutcome[],
  withheld?: Withheld,
  stoppedBy?: Rule,
): string {
  const name = `Rule "${rule.name}" (v${version})`;
  if (status === "disabled") return `${name} is turned off.`;
  if (status === "not_reached")
    return `${name} was not checked: rule "${stoppedBy?.name}" matched first and stops there.`;
  if (status === "not_matched") return `${name} did not match: ${because.join("; ")}.`;
  const did = actions.map((action) => `${action.summary}${withheld ? "" : ` → ${action.result}`}`).join("; ");
  const then = rule.then === "stop" ? " Later rules are not checked." : "";
  return `${name} matched: ${because.join("; ")}${withheld ? `, ${WITHHELD_WORDS[withheld]}` : ""}. ${withheld ? "Would" : "Actions"}: ${did}.${then}`;
}

export function evaluate(ruleSet: RuleSet, facts: LeadFacts, options: EvaluateOptions): Evaluation {
  const { now } = options;
  const ownerNames = options.ownerNames ?? {};
  const score = scoreLead(facts, ruleSet.scoring, now);
  const withheld = withheldFor(facts, options.consentMode ?? "opt_in");
  const context = {
    facts,
    now,
    score: score.score,
    qualifiedThreshold: ruleSet.scoring.qualifiedThreshold,
    freeMailDomains: ruleSet.freeMailDomains,
  };
  const decidedAt = new Date(now).toISOString();
  let ownerId = facts.ownerId;
  let ownerState = options.ownerAssignment;
  let stoppedBy: Rule | undefined;
  const decisions: Decision[] = [];
  const intents: Intent[] = [];

  for (const rule of ruleSet.rules) {
    const base = {
      leadId: facts.leadId,
      ruleId: rule.id,
      ruleName: rule.name,
      ruleSetVersion: ruleSet.version,
      decidedAt,
    };
    if (!rule.enabled || stoppedBy) {
      const status = rule.enabled ? "not_reached" : "disabled";
      decisions.push({
        ...base,
        status,
        conditions: null,
        because: [],
        actions: [],
        reason: reasonFor(rule, ruleSet.version, status, [], [], undefined, stoppedBy),
      });
      continue;
    }
    const conditions = evaluateCondition(rule.conditions, context);
    const because = explainOutcome(conditions);
    if (!conditions.matched) {
      decisions.push({
        ...base,
        status: "not_matched",
        conditions,
        because,
        actions: [],
        reason: reasonFor(rule, ruleSet.version, "not_matched", because, []),
      });
      continue;
    }
    let actions: ActionOutcome[];
    if (withheld || !facts.email) {
      const values = templateValues(facts.email, score.score, rule);
      actions = rule.actions.map((action) => ({
        type: action.type,
        summary: describeAction(fillAction(action, values), ownerNames),
        result: "not sent",
      }));
    } else {
      const run = runActions(rule, {
        facts: { ...facts, email: facts.email },
        now,
        score: score.score,
        ruleSetVersion: ruleSet.version,
        ownerId,
        ownerState,
        ownerNames,
      });
      ({ ownerId, ownerState } = run);
      actions = run.outcomes;
      for (const outcome of actions) if (outcome.intent) intents.push(outcome.intent);
    }
    decisions.push({
      ...base,
      status: "matched",
      conditions,
      because,
      actions,
      ...(withheld ? { withheld } : {}),
      reason: reasonFor(rule, ruleSet.version, "matched", because, actions, withheld),
    });
    if (rule.then === "stop") stoppedBy = rule;
  }

  const scoreChanged = facts.intentScore !== score.score;
  const scoreIntent: Intent | null =
    scoreChanged && !withheld && facts.email
      ? {
          leadId: facts.leadId,
          email: facts.email,
          ruleId: null,
          ruleSetVersion: ruleSet.version,
          kind: "upsert_contact",
          chatliftProperties: [CONTACT_PROPERTY.intentScore],
          properties: {},
        }
      : null;
  return { score, scoreIntent, decisions, intents, ownerAssignment: ownerState, ownerId };
}
