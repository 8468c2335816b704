/**
 * The routing rules pages' services: the latest version with its HubSpot flags, and every change
 * the pages make (reorder, enable/disable, edit, delete, make a version live), each saved by the
 * routing stage as a new version naming the version it was made on (409 when it is stale).
 */
import {
  activateRuleSet,
  listRuleSets,
  readRuleSet,
  saveRuleSet,
  type SaveResult,
  type StoredRuleSet,
} from "../../routing/rule-sets.server";
import { findTemplate, RULE_TEMPLATES, type TemplateChoices } from "../../routing/templates";
import { checkRuleReferences, readHubSpotChoices, type HubSpotChoices, type ReferenceCheck } from "./references.server";
import {
  deleteRule,
  errorsForRule,
  moveRule,
  parseRuleForm,
  putRule,
  ruleToForm,
  setRuleEnabled,
  type EditableRuleSet,
  type RuleFieldErrors,
  type RuleForm,
  type RuleSetChange,
} from "./editor";

/** The newest saved version (what the editor changes), live or not; version 0 before the first save. */
export async function readLatestRuleSet(shopDomain: string): Promise<EditableRuleSet> {
  return (await readRuleSet(shopDomain, "latest")) ?? { version: 0, ruleSet: null };
}

export type RoutingPage = {
  latest: EditableRuleSet;
  liveVersion: number | null;
  versions: StoredRuleSet[];
  references: ReferenceCheck;
  templates: Array<{ id: string; title: string; description: string }>;
};

export async function readRoutingPage(shopDomain: string): Promise<RoutingPage> {
  const [latest, versions] = await Promise.all([readLatestRuleSet(shopDomain), listRuleSets(shopDomain)]);
  return {
    latest,
    liveVersion: versions.find((version) => version.active)?.version ?? null,
    versions: versions.slice(0, 10),
    references: await checkRuleReferences(shopDomain, latest.ruleSet),
    templates: RULE_TEMPLATES.map(({ id, title, description }) => ({ id, title, description })),
  };
}

export type ListChange =
  | { intent: "move"; ruleId: string; direction: "up" | "down"; baseVersion: number }
  | { intent: "enable"; ruleId: string; enabled: boolean; baseVersion: number }
  | { intent: "delete"; ruleId: string; baseVersion: number }
  | { intent: "activate"; version: number };

export type ChangeOutcome =
  SaveResult | { kind: "activated"; version: number } | { kind: "not_found"; message: string };

/** A change from the rule list; saved on top of `baseVersion`, the version the page showed. */
export async function changeRules(shopDomain: string, change: ListChange): Promise<ChangeOutcome> {
  if (change.intent === "activate") {
    return (await activateRuleSet(shopDomain, change.version))
      ? { kind: "activated", version: change.version }
      : { kind: "not_found", message: `there is no version ${change.version}` };
  }
  const latest = await readLatestRuleSet(shopDomain);
  if (latest.version !== change.baseVersion) return { kind: "conflict", latestVersion: latest.version };
  let next: RuleSetChange;
  try {
    if (change.intent === "move") next = moveRule(latest, change.ruleId, change.direction);
    else if (change.intent === "enable") next = setRuleEnabled(latest, change.ruleId, change.enabled);
    else next = deleteRule(latest, change.ruleId);
  } catch (error) {
    return { kind: "not_found", message: (error as Error).message };
  }
  return saveRuleSet(shopDomain, next, change.baseVersion);
}

export type RuleEditor = {
  baseVersion: number;
  /** null for a new rule. */
  originalId: string | null;
  form: RuleForm;
  templateTitle?: string;
  /** The rule this template already made: the new one gets its own id and name, and the page says so. */
  alreadyUsed?: { ruleId: string; name: string };
  /** HubSpot's owners and pipelines, to pick ids from. */
  choices: HubSpotChoices;
};

/** An existing rule, or a new one from a template (or blank), as the edit form starts. */
export async function openRuleEditor(
  shopDomain: string,
  ruleId: string,
  templateId: string | null,
  choices: TemplateChoices = {},
): Promise<RuleEditor | null> {
  const editor = await startEditor(shopDomain, ruleId, templateId, choices);
  return editor && { ...editor, choices: await readHubSpotChoices(shopDomain) };
}

async function startEditor(
  shopDomain: string,
  ruleId: string,
  templateId: string | null,
  choices: TemplateChoices,
): Promise<Omit<RuleEditor, "choices"> | null> {
  const latest = await readLatestRuleSet(shopDomain);
  if (ruleId !== "new") {
    const rule = latest.ruleSet?.rules.find((candidate) => candidate.id === ruleId);
    return rule ? { baseVersion: latest.version, originalId: rule.id, form: ruleToForm(rule) } : null;
  }
  const template = templateId ? findTemplate(templateId) : undefined;
  if (templateId && !template) return null;
  if (!template) {
    return {
      baseVersion: latest.version,
      originalId: null,
      form: { id: "", name: "", enabled: true, then: "continue", conditions: '{ "all": [] }', actions: "[]" },
    };
  }
  // Choices the merchant has not made yet start empty (NaN is written as null), so validation
  // asks for them beside the field instead of the template guessing.
  const rule = template.build({ ownerIds: [], bigCartValue: Number.NaN, ...choices });
  const rules = latest.ruleSet?.rules ?? [];
  const existing = rules.find((candidate) => candidate.id === rule.id || candidate.name === rule.name);
  return {
    baseVersion: latest.version,
    originalId: null,
    form: ruleToForm({ ...rule, ...distinctFrom(rules, rule) }),
    templateTitle: template.title,
    ...(existing ? { alreadyUsed: { ruleId: existing.id, name: existing.name } } : {}),
  };
}

/** A template used again gets the next free id and name ("demo-deal-2", "… (2)"): two rules the list tells apart. */
function distinctFrom(rules: ReadonlyArray<{ id: string; name: string }>, rule: { id: string; name: string }) {
  const ids = new Set(rules.map((existing) => existing.id));
  const names = new Set(rules.map((existing) => existing.name));
  if (!ids.has(rule.id) && !names.has(rule.name)) return { id: rule.id, name: rule.name };
  let n = 2;
  while (ids.has(`${rule.id}-${n}`) || names.has(`${rule.name} (${n})`)) n += 1;
  return { id: `${rule.id}-${n}`, name: `${rule.name} (${n})` };
}

export type RuleSaveOutcome =
  | { kind: "saved"; version: number; ruleId: string }
  | { kind: "invalid"; fieldErrors: RuleFieldErrors; form: RuleForm }
  | { kind: "conflict"; latestVersion: number; form: RuleForm };

/** The edit form saved as a new version; every error comes back beside its field. */
export async function saveRuleForm(shopDomain: string, fields: Record<string, unknown>): Promise<RuleSaveOutcome> {
  const parsed = parseRuleForm(fields);
  if (!parsed.ok) return { kind: "invalid", fieldErrors: parsed.fieldErrors, form: parsed.form };
  const latest = await readLatestRuleSet(shopDomain);
  if (latest.version !== parsed.baseVersion)
    return { kind: "conflict", latestVersion: latest.version, form: parsed.form };
  let placed;
  try {
    placed = putRule(latest, parsed.originalId, parsed.rule);
  } catch (error) {
    return { kind: "invalid", fieldErrors: { form: [(error as Error).message] }, form: parsed.form };
  }
  const saved = await saveRuleSet(shopDomain, placed.change, parsed.baseVersion);
  if (saved.kind === "invalid")
    return { kind: "invalid", fieldErrors: errorsForRule(saved.errors, placed.index), form: parsed.form };
  if (saved.kind === "conflict") return { kind: "conflict", latestVersion: saved.latestVersion, form: parsed.form };
  return { kind: "saved", version: saved.version, ruleId: parsed.rule.id };
}
