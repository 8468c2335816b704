/**
 * The dry run as the admin shows it (the rules page and the dry-run API): the routing stage's
 * preview, with HubSpot's owner names so its reasons name owners as the merchant knows them.
 */
import { dryRunRuleSet, type DryRunResult } from "../../routing/dry-run.server";
import { readOwnerNames } from "./references.server";

export async function previewRules(
  shopDomain: string,
  version: number | "active",
  days: number,
  now = new Date(),
): Promise<DryRunResult> {
  const ownerNames = await readOwnerNames(shopDomain);
  return dryRunRuleSet(shopDomain, { version, days, ownerNames }, now);
}
