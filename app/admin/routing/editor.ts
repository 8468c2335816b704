/**
 * The routing pages' editing model, pure: the rule list's changes (reorder, enable, replace one
 * rule) applied to a stored rule set, the edit form parsed with zod, and the routing stage's
 * error paths (`rules[2].conditions.any[1].value`) sorted to the form field they belong to, so
 * each message shows beside its field. Every change is saved as a new version by the routing
 * stage, which validates the whole set.
 */
import { z } from "zod";
import type { RuleError } from "../../routing/validate";
import type { RuleSet, RuleSetInput } from "../../routing/rule-schema";
import type { ReferenceProblem } from "../../routing/references";

export type RuleInput = RuleSetInput["rules"][number];

/** What the editor works on: the latest saved version, or an empty set before the first save. */
export type EditableRuleSet = { version: number; ruleSet: RuleSet | null };

/** The rule set to save, without its version (the routing stage numbers it). */
export type RuleSetChange = Omit<RuleSetInput, "version">;

export class RuleNotFound extends Error {
  override readonly name = "RuleNotFound";
  constructor(readonly ruleId: string) {
    super(`there is no rule "${ruleId}" in the latest version`);
  }
}

function base(set: EditableRuleSet): RuleSetChange {
  if (!set.ruleSet) return { rules: [] };
  const { version: _version, ...rest } = set.ruleSet;
  return structuredClone(rest);
}

function indexOf(change: RuleSetChange, ruleId: string): number {
  const index = change.rules.findIndex((rule) => rule.id === ruleId);
  if (index < 0) throw new RuleNotFound(ruleId);
  return index;
}

/** Moves a rule one place earlier ("up") or later ("down"); at either end nothing moves. */
export function moveRule(set: EditableRuleSet, ruleId: string, direction: "up" | "down"): RuleSetChange {
  const change = base(set);
  const from = indexOf(change, ruleId);
  const to = direction === "up" ? from - 1 : from + 1;
  if (to < 0 || to >= change.rules.length) return change;
  const [rule] = change.rules.splice(from, 1);
  change.rules.splice(to, 0, rule as RuleInput);
  return change;
}

export function setRuleEnabled(set: EditableRuleSet, ruleId: string, enabled: boolean): RuleSetChange {
  const change = base(set);
  (change.rules[indexOf(change, ruleId)] as RuleInput).enabled = enabled;
  return change;
}

/**
 * Puts the edited rule where `originalId` was (its id may have changed), or at the end for a
 * new rule. Returns the index the rule ends at, so errors can be read back for it.
 */
export function putRule(
  set: EditableRuleSet,
  originalId: string | null,
  rule: RuleInput,
): { change: RuleSetChange; index: number } {
  const change = base(set);
  if (originalId === null) {
    change.rules.push(rule);
    return { change, index: change.rules.length - 1 };
  }
  const index = indexOf(change, originalId);
  change.rules[index] = rule;
  return { change, index };
}

export function deleteRule(set: EditableRuleSet, ruleId: string): RuleSetChange {
  const change = base(set);
  change.rules.splice(indexOf(change, ruleId), 1);
  return change;
}

export const RULE_FIELDS = ["id", "name", "enabled", "then", "conditions", "actions"] as const;
export type RuleField = (typeof RULE_FIELDS)[number];
/** Messages per field; conditions and actions keep the place inside them ("all[1].value: …"). */
export type RuleFieldErrors = Partial<Record<RuleField | "form", string[]>>;

/** `[1].ownerIds[0]` → `action 2, ownerIds[0]`: merchants count actions from 1. */
function actionPlace(inner: string): string {
  const match = /^\[(\d+)\]\.?(.*)$/.exec(inner);
  if (!match) return inner;
  const place = `action ${Number(match[1]) + 1}`;
  return match[2] ? `${place}, ${match[2]}` : place;
}

/**
 * The errors of rule `index` by field. `rules[3].actions[0].ownerIds[1]: …` becomes
 * actions: ["action 1, ownerIds[1]: …"]; errors about the whole set (or other rules, e.g. a
 * duplicate id elsewhere) go to "form", so none is lost.
 */
export function errorsForRule(errors: readonly RuleError[], index: number): RuleFieldErrors {
  const prefix = `rules[${index}]`;
  const out: RuleFieldErrors = {};
  const add = (field: RuleField | "form", message: string) => (out[field] ??= []).push(message);
  for (const error of errors) {
    if (error.path !== prefix && !error.path.startsWith(`${prefix}.`)) {
      add("form", `${error.path}: ${error.message}`);
      continue;
    }
    const rest = error.path.slice(prefix.length + 1);
    const field = RULE_FIELDS.find(
      (name) => rest === name || rest.startsWith(`${name}.`) || rest.startsWith(`${name}[`),
    );
    if (!field) {
      add("form", `${rest || "rule"}: ${error.message}`);
      continue;
    }
    const inner = rest.slice(field.length).replace(/^\./, "");
    add(field, inner ? `${field === "actions" ? actionPlace(inner) : inner}: ${error.message}` : error.message);
  }
  return out;
}

/** Reference problems (owner, pipeline … gone from HubSpot) by rule id, for the list's flags. */
export function problemsByRule(problems: readonly ReferenceProblem[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const problem of problems) (out[problem.ruleId] ??= []).push(problem.message);
  return out;
}

/** The edit form as posted: conditions and actions are JSON text the merchant edits. */
export type RuleForm = {
  id: string;
  name: string;
  enabled: boolean;
  then: string;
  conditions: string;
  actions: string;
};

export const ruleFormSchema = z.object({
  baseVersion: z.coerce.number().int().min(0),
  /** Empty for a new rule. */
  originalId: z.string().default(""),
  id: z.string().default(""),
  name: z.string().default(""),
  enabled: z.string().optional(),
  then: z.string().default("continue"),
  conditions: z.string().default(""),
  actions: z.string().default(""),
});

export type ParsedRuleForm =
  | { ok: true; baseVersion: number; originalId: string | null; rule: RuleInput; form: RuleForm }
  | { ok: false; fieldErrors: RuleFieldErrors; form: RuleForm; baseVersion: number; originalId: string | null };

function parseJson(text: string): { ok: true; value: unknown } | { ok: false; message: string } {
  if (!text.trim()) return { ok: false, message: "is required" };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return { ok: false, message: `is not valid JSON: ${(error as Error).message}` };
  }
}

/**
 * The posted form as a rule. Only JSON syntax is checked here; everything else (ids, facts,
 * actions) is the routing stage's validation, whose paths come back through errorsForRule.
 */
export function parseRuleForm(fields: Record<string, unknown>): ParsedRuleForm {
  const parsed = ruleFormSchema.safeParse(fields);
  const values = parsed.success ? parsed.data : ruleFormSchema.parse({ baseVersion: 0 });
  const form: RuleForm = {
    id: values.id.trim(),
    name: values.name,
    enabled: values.enabled === "on",
    then: values.then,
    conditions: values.conditions,
    actions: values.actions,
  };
  const originalId = values.originalId.trim() || null;
  if (!parsed.success)
    return {
      ok: false,
      fieldErrors: { form: ["the form is incomplete: reload the page"] },
      form,
      baseVersion: 0,
      originalId,
    };
  const conditions = parseJson(form.conditions);
  const actions = parseJson(form.actions);
  const fieldErrors: RuleFieldErrors = {};
  if (!conditions.ok) fieldErrors.conditions = [conditions.message];
  if (!actions.ok) fieldErrors.actions = [actions.message];
  if (!conditions.ok || !actions.ok)
    return { ok: false, fieldErrors, form, baseVersion: values.baseVersion, originalId };
  const rule = {
    id: form.id,
    name: form.name,
    enabled: form.enabled,
    then: form.then,
    conditions: conditions.value,
    actions: actions.value,
  } as RuleInput;
  return { ok: true, baseVersion: values.baseVersion, originalId, rule, form };
}

/** A stored (or template) rule as the form shows it. */
export function ruleToForm(rule: RuleInput): RuleForm {
  return {
    id: rule.id,
    name: rule.name,
    enabled: rule.enabled ?? true,
    then: rule.then ?? "continue",
    conditions: JSON.stringify(rule.conditions, null, 2),
    actions: JSON.stringify(rule.actions, null, 2),
  };
}
