/**
 * The routing rules API's save and activate, with HubSpot's check beside them: a rule naming an
 * owner, pipeline or stage HubSpot does not have is saved (it may be fixed in HubSpot instead)
 * but answered with a warning per rule, so the caller hears of it before the version is live,
 * not from a parked job after.
 */
import type { ReferenceProblem } from "../../routing/references";
import { activateRuleSet, readRuleSet, saveRuleSet, type SaveResult } from "../../routing/rule-sets.server";
import { checkRuleReferences } from "./references.server";

export type RuleSetWarnings = {
  /** One per rule and field that names something HubSpot does not have. */
  warnings: ReferenceProblem[];
  /** What could not be checked, and why (HubSpot not connected, a list it would not give). */
  notChecked: string[];
};

/** The saved version's rules against the shop's HubSpot account. */
export async function warningsForVersion(shopDomain: string, version: number): Promise<RuleSetWarnings> {
  const stored = await readRuleSet(shopDomain, version);
  const check = await checkRuleReferences(shopDomain, stored?.ruleSet ?? null);
  if (check.kind === "not_connected")
    return { warnings: [], notChecked: ["HubSpot is not connected: owners, pipelines and stages were not checked"] };
  if (check.kind === "unavailable")
    return { warnings: [], notChecked: [`HubSpot could not be reached: ${check.message}`] };
  return { warnings: check.problems, notChecked: check.notChecked };
}

export type CheckedSave =
  Exclude<SaveResult, { kind: "saved" }> | ({ kind: "saved"; version: number } & RuleSetWarnings);

export async function saveCheckedRuleSet(
  shopDomain: string,
  input: unknown,
  baseVersion: number,
): Promise<CheckedSave> {
  const saved = await saveRuleSet(shopDomain, input, baseVersion);
  if (saved.kind !== "saved") return saved;
  return { ...saved, ...(await warningsForVersion(shopDomain, saved.version)) };
}

export type CheckedActivation = { kind: "activated"; version: number } & RuleSetWarnings;

export async function activateCheckedRuleSet(shopDomain: string, version: number): Promise<CheckedActivation | null> {
  if (!(await activateRuleSet(shopDomain, version))) return null;
  return { kind: "activated", version, ...(await warningsForVersion(shopDomain, version)) };
}
