/**
 * The rule editor's live preview: the rule as it stands in the form, put in its place in the
 * latest rules (so an earlier rule that stops still shadows it), run by the dry run over the
 * shop's recent leads. Nothing is saved; an unfinished rule answers with its errors by field.
 */
import { dryRunUnsaved } from "../../routing/dry-run.server";
import type { RuleDryRun } from "../../routing/dry-run";
import { validateRuleSet } from "../../routing/validate";
import { errorsForRule, parseRuleForm, putRule, type RuleFieldErrors } from "./editor";
import { readOwnerNames } from "./references.server";
import { readLatestRuleSet } from "./rules.server";

/** The leads the preview covers: the rules page's dry run starts at the same 30 days. */
export const PREVIEW_DAYS = 30;

export type RulePreview =
  | { kind: "preview"; days: number; leads: number; rule: RuleDryRun }
  | { kind: "invalid"; fieldErrors: RuleFieldErrors };

export async function previewRuleForm(
  shopDomain: string,
  fields: Record<string, unknown>,
  now = new Date(),
): Promise<RulePreview> {
  const parsed = parseRuleForm(fields);
  if (!parsed.ok) return { kind: "invalid", fieldErrors: parsed.fieldErrors };
  const latest = await readLatestRuleSet(shopDomain);
  let placed;
  try {
    placed = putRule(latest, parsed.originalId, parsed.rule);
  } catch (error) {
    return { kind: "invalid", fieldErrors: { form: [(error as Error).message] } };
  }
  const checked = validateRuleSet({ version: latest.version + 1, ...placed.change });
  if (!checked.ok) return { kind: "invalid", fieldErrors: errorsForRule(checked.errors, placed.index) };
  const report = await dryRunUnsaved(
    shopDomain,
    checked.ruleSet,
    { days: PREVIEW_DAYS, ownerNames: await readOwnerNames(shopDomain) },
    now,
  );
  return { kind: "preview", days: PREVIEW_DAYS, leads: report.leads, rule: report.rules[placed.index] as RuleDryRun };
}
