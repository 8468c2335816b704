/** The routing stage's public surface: rules in, decisions and HubSpot intents out. */
export {
  validateRuleSet,
  parseRuleSet,
  describeErrors,
  RuleSetError,
  type RuleError,
  type RuleSetValidation,
} from "./validate";
export { ruleSetSchema, type Rule, type RuleSet, type RuleSetInput, type ScoringConfig } from "./rule-schema";
export type { Condition, LeafCondition } from "./condition-schema";
export type { Action } from "./action-schema";
export type { LeadFacts, QualifierAnswer } from "./facts";
export { evaluate, type Decision, type Evaluation, type EvaluateOptions } from "./engine";
export type { Intent, IntentKind } from "./intents";
export { scoreLead, DEFAULT_SCORING, type LeadScore } from "./scoring";
export { restoreRoundRobinState, type RoundRobinState } from "./owners";
export { dryRun, type DryRunReport } from "./dry-run";
export { RULE_TEMPLATES, findTemplate, type RuleTemplate } from "./templates";
export { checkReferences, type HubSpotReferences, type ReferenceProblem } from "./references";
export { emailKind, FREE_MAIL_DOMAINS } from "./free-mail";
