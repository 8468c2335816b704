/**
 * A rule set: the merchant's ordered, versioned routing rules and lead-scoring settings, saved
 * whole. Each save is a new version, so every decision can name the exact rules that made it.
 *
 * ```json
 * { "version": 3, "rules": [{ "id": "demo-deal", "name": "Demo booked → deal", "enabled": true,
 *     "conditions": { "all": [{ "fact": "email", "is": "captured" }, { "fact": "micro_conversion", "kind": "demo_booked" }] },
 *     "actions": [{ "type": "create_deal", "pipelineId": "default", "stageId": "appointmentscheduled" }],
 *     "then": "stop" }] }
 * ```
 */
import { z } from "zod";
import { MICRO_CONVERSION_KINDS } from "../../contract/events";
import { actionSchema } from "./action-schema";
import { conditionSchema } from "./condition-schema";

export const MAX_RULES = 100;
export const MAX_ACTIONS_PER_RULE = 20;

/** Points per micro-conversion before decay; buying signals weigh most. */
export const DEFAULT_WEIGHTS = {
  fit_help: 10,
  recommendation_click: 5,
  add_to_cart: 20,
  email_capture: 15,
  coupon_applied: 10,
  qualifier: 10,
  demo_booked: 40,
  link_click: 2,
  // A shopper asking about the shop shows interest; less than a cart, more than a click.
  question_answered: 5,
} as const satisfies Record<(typeof MICRO_CONVERSION_KINDS)[number], number>;

export const scoringSchema = z.strictObject({
  /** Kinds left out keep their default weight; 0 ignores a kind. */
  weights: z.partialRecord(z.enum(MICRO_CONVERSION_KINDS), z.number().min(0).max(100)).default({}),
  /** After this many days a micro-conversion counts half as much. */
  halfLifeDays: z.number().min(0.5).max(365).default(14),
  /** A lead whose score reaches this is qualified. */
  qualifiedThreshold: z.number().min(1).max(100).default(50),
  /** Only the most recent few of one kind count: ten clicks are not ten times the intent. */
  maxPerKind: z.number().int().min(1).max(100).default(3),
});

export const ruleSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, "must be lower case letters, digits or -, at most 64"),
  name: z.string().trim().min(1).max(120),
  enabled: z.boolean().default(true),
  conditions: conditionSchema,
  actions: z.array(actionSchema).min(1).max(MAX_ACTIONS_PER_RULE),
  /** After a match: stop here, or let later rules act on the lead too. */
  then: z.enum(["stop", "continue"]).default("continue"),
});

const domain = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^(?=.{3,253}$)[a-z0-9-]+(\.[a-z0-9-]+)+$/, "must be a domain such as example.com");

export const ruleSetSchema = z
  .strictObject({
    version: z.number().int().min(1),
    rules: z.array(ruleSchema).max(MAX_RULES),
    scoring: scoringSchema.prefault({}),
    /** The merchant's additions to the built-in free-mail list. */
    freeMailDomains: z.array(domain).max(500).default([]),
  })
  .superRefine((ruleSet, ctx) => {
    for (const found of crossRuleProblems(ruleSet)) ctx.addIssue({ code: "custom", ...found });
  });

/**
 * Checks across rules (unique ids, one owner per rule). Tolerant of any input, so the editor
 * hears about a duplicate id even while another field of the set is still wrong.
 */
export function crossRuleProblems(input: unknown): Array<{ path: Array<string | number>; message: string }> {
  const problems: Array<{ path: Array<string | number>; message: string }> = [];
  const rules = (input as { rules?: unknown } | null)?.rules;
  if (!Array.isArray(rules)) return problems;
  const firstIndex = new Map<string, number>();
  rules.forEach((rule: unknown, index) => {
    const { id, actions } = (rule ?? {}) as { id?: unknown; actions?: unknown };
    if (typeof id === "string") {
      const earlier = firstIndex.get(id);
      if (earlier === undefined) firstIndex.set(id, index);
      else problems.push({ path: ["rules", index, "id"], message: `"${id}" is already the id of rules[${earlier}]` });
    }
    if (!Array.isArray(actions)) return;
    let owners = 0;
    actions.forEach((action: unknown, actionIndex) => {
      if ((action as { type?: unknown } | null)?.type === "assign_owner" && ++owners > 1) {
        problems.push({ path: ["rules", index, "actions", actionIndex], message: "a rule assigns at most one owner" });
      }
    });
  });
  return problems;
}

export type ScoringConfig = z.output<typeof scoringSchema>;
export type Rule = z.output<typeof ruleSchema>;
export type RuleSet = z.output<typeof ruleSetSchema>;
/** What the editor may send: defaults (enabled, then, scoring …) may be left out. */
export type RuleSetInput = z.input<typeof ruleSetSchema>;
