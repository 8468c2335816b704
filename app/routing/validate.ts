/**
 * One answer for a rule set from the editor or the API: the parsed rules, or every error with
 * its path, so the route can answer 422 and the form can put each message beside its field.
 */
import { crossRuleProblems, ruleSetSchema, type RuleSet } from "./rule-schema";
import { formatPath, friendlyError } from "./schema-tools";
import { problemsOf } from "../platform/validation/zod-errors";

export type RuleError = { path: string; message: string };
export type RuleSetValidation = { ok: true; ruleSet: RuleSet } | { ok: false; errors: RuleError[] };

export function validateRuleSet(input: unknown): RuleSetValidation {
  const parsed = ruleSetSchema.safeParse(input, { error: friendlyError });
  if (parsed.success) return { ok: true, ruleSet: parsed.data };
  const errors = problemsOf(parsed.error, { path: formatPath });
  // Cross-rule checks run only on otherwise valid sets inside zod; report them anyway.
  for (const problem of crossRuleProblems(input)) {
    const error = { path: formatPath(problem.path), message: problem.message };
    if (!errors.some((known) => known.path === error.path && known.message === error.message)) errors.push(error);
  }
  return { ok: false, errors };
}

/** `rules[2].conditions.any[1].value: must be a number`, one per line. */
export function describeErrors(errors: readonly RuleError[]): string {
  return errors.map((error) => `${error.path}: ${error.message}`).join("\n");
}

export class RuleSetError extends Error {
  override readonly name = "RuleSetError";
  constructor(readonly errors: RuleError[]) {
    super(`invalid rule set:\n${describeErrors(errors)}`);
  }
}

/** For rule sets that must already be valid (stored versions, templates): throws with every error. */
export function parseRuleSet(input: unknown): RuleSet {
  const result = validateRuleSet(input);
  if (!result.ok) throw new RuleSetError(result.errors);
  return result.ruleSet;
}
