/**
 * Stored routing rule sets: every save is a new version (decisions name the version that made
 * them), and exactly one version per shop is active. Saving names the version the editor
 * started from, so two people editing at once cannot silently overwrite each other.
 */
import prisma from "../db.server";
import { isUniqueViolation } from "../platform/db/errors";
import type { RuleSet } from "./rule-schema";
import { parseRuleSet, validateRuleSet, type RuleError } from "./validate";

export type SaveResult =
  | { kind: "saved"; version: number }
  | { kind: "invalid"; errors: RuleError[] }
  /** Someone saved since the editor loaded `baseVersion`: reload before saving. */
  | { kind: "conflict"; latestVersion: number };

export type StoredRuleSet = { version: number; createdAt: Date; activatedAt: Date | null; active: boolean };

async function latestVersion(shopDomain: string): Promise<number> {
  const latest = await prisma.routingRuleSet.findFirst({
    where: { shopDomain },
    orderBy: { version: "desc" },
    select: { version: true },
  });
  return latest?.version ?? 0;
}

/**
 * `baseVersion` is the version the editor loaded (0 when the shop had none). The stored set
 * carries the version it is saved as, whatever number the input had.
 */
export async function saveRuleSet(shopDomain: string, input: unknown, baseVersion: number): Promise<SaveResult> {
  const latest = await latestVersion(shopDomain);
  const version = latest + 1;
  const candidate = input && typeof input === "object" && !Array.isArray(input) ? { ...input, version } : input;
  const validation = validateRuleSet(candidate);
  if (!validation.ok) return { kind: "invalid", errors: validation.errors };
  if (baseVersion !== latest) return { kind: "conflict", latestVersion: latest };
  try {
    await prisma.routingRuleSet.create({
      data: { shopDomain, version, definition: JSON.stringify(validation.ruleSet) },
    });
  } catch (error) {
    // Another save took this version between our read and our write.
    if (isUniqueViolation(error)) return { kind: "conflict", latestVersion: await latestVersion(shopDomain) };
    throw error;
  }
  return { kind: "saved", version };
}

/** Makes `version` the one the shop runs; false when the shop has no such version. */
export async function activateRuleSet(shopDomain: string, version: number, now = new Date()): Promise<boolean> {
  return prisma.$transaction(async (tx) => {
    const target = await tx.routingRuleSet.findUnique({
      where: { shopDomain_version: { shopDomain, version } },
      select: { id: true },
    });
    if (!target) return false;
    await tx.routingRuleSet.updateMany({ where: { shopDomain, active: true }, data: { active: false } });
    await tx.routingRuleSet.update({ where: { id: target.id }, data: { active: true, activatedAt: now } });
    return true;
  });
}

export async function listRuleSets(shopDomain: string): Promise<StoredRuleSet[]> {
  return prisma.routingRuleSet.findMany({
    where: { shopDomain },
    orderBy: { version: "desc" },
    select: { version: true, createdAt: true, activatedAt: true, active: true },
  });
}

export type VersionedRuleSet = { version: number; ruleSet: RuleSet };

/**
 * The one reader of stored rule sets: a version by number, the newest saved ("latest", live or
 * not: what the editor changes), or the one the shop runs ("active"); null when there is none.
 * Stored sets were valid when saved.
 */
export async function readRuleSet(
  shopDomain: string,
  which: number | "latest" | "active",
): Promise<VersionedRuleSet | null> {
  const row = await prisma.routingRuleSet.findFirst({
    where: {
      shopDomain,
      ...(which === "active" ? { active: true } : typeof which === "number" ? { version: which } : {}),
    },
    orderBy: { version: "desc" },
    select: { version: true, definition: true },
  });
  return row ? { version: row.version, ruleSet: parseRuleSet(JSON.parse(row.definition)) } : null;
}

/** The rule set the shop runs, or null before one is activated. */
export async function getActiveRuleSet(shopDomain: string): Promise<RuleSet | null> {
  return (await readRuleSet(shopDomain, "active"))?.ruleSet ?? null;
}
