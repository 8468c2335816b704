/**
 * What the shop's HubSpot account holds now (owners, deal and ticket pipelines and stages, lifecycle
 * stages, lead statuses, custom events), for flagging rules that point at something gone.
 * A list HubSpot would not give (a missing scope, an outage) is reported as "not checked"
 * with HubSpot's words, and rules are not flagged on it: a guess either way would mislead.
 */
import { crmForShop, HubSpotNotConnectedError } from "../../sync/shop-crm.server";
import { checkReferences, type HubSpotReferences, type ReferenceProblem } from "../../routing/references";
import type { RuleSet } from "../../routing/rule-schema";

export type ReferenceCheck =
  | { kind: "not_connected" }
  /** Connected, but no client could be made (encryption key missing, OAuth refresh refused …). */
  | { kind: "unavailable"; message: string }
  | { kind: "checked"; problems: ReferenceProblem[]; notChecked: string[]; ownerNames: Record<string, string> };

type Category = "owners" | "pipelines" | "ticketPipelines" | "lifecycleStages" | "leadStatuses";

const CATEGORY_WORDS: Record<Category, string> = {
  owners: "owners",
  pipelines: "deal pipelines and stages",
  ticketPipelines: "ticket pipelines and stages",
  lifecycleStages: "lifecycle stages",
  leadStatuses: "lead statuses",
};

/** Which problems a category's list decides, by the last step of the problem's path. */
const DECIDED_BY: Record<Category, RegExp> = {
  owners: /\.(ownerId|ownerIds\[\d+\])$/,
  pipelines: /\.(pipelineId|stageId)$/,
  ticketPipelines: /\.(ticketPipelineId|ticketStageId)$/,
  lifecycleStages: /\.stage$/,
  leadStatuses: /\.status$/,
};

async function attempt<T>(read: () => Promise<T>): Promise<{ ok: true; value: T } | { ok: false; message: string }> {
  try {
    return { ok: true, value: await read() };
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
}

const usesTickets = (ruleSet: RuleSet | null) =>
  ruleSet?.rules.some((rule) => rule.actions.some((action) => action.type === "create_ticket")) ?? false;

export async function checkRuleReferences(shopDomain: string, ruleSet: RuleSet | null): Promise<ReferenceCheck> {
  let shop;
  try {
    shop = await crmForShop(shopDomain);
  } catch (error) {
    if (error instanceof HubSpotNotConnectedError) return { kind: "not_connected" };
    return { kind: "unavailable", message: error instanceof Error ? error.message : String(error) };
  }
  const { crm } = shop;
  const [owners, pipelines, ticketPipelines, lifecycleStages, leadStatuses] = await Promise.all([
    attempt(() => crm.listOwners()),
    attempt(() => crm.listPipelines()),
    // Only for rule sets with a ticket action: a token without the `tickets` scope is no problem otherwise.
    usesTickets(ruleSet) ? attempt(() => crm.listTicketPipelines()) : { ok: true as const, value: [] },
    attempt(async () => (await crm.listPropertyOptions("contacts", "lifecyclestage")).map((option) => option.value)),
    attempt(async () => (await crm.listPropertyOptions("contacts", "hs_lead_status")).map((option) => option.value)),
  ]);
  const results = { owners, pipelines, ticketPipelines, lifecycleStages, leadStatuses };
  const unchecked = (Object.keys(results) as Category[]).filter((category) => !results[category].ok);
  const notChecked = unchecked.map((category) => {
    const result = results[category];
    return `${CATEGORY_WORDS[category]}: ${result.ok ? "" : result.message}`;
  });
  const references: HubSpotReferences = {
    owners: owners.ok ? owners.value : [],
    pipelines: pipelines.ok ? pipelines.value : [],
    ticketPipelines: ticketPipelines.ok ? ticketPipelines.value : [],
    lifecycleStages: lifecycleStages.ok ? lifecycleStages.value : [],
    leadStatuses: leadStatuses.ok ? leadStatuses.value : [],
    customEventsAvailable: shop.customEventsAvailable,
  };
  const problems = ruleSet
    ? checkReferences(ruleSet, references).filter(
        (problem) => !unchecked.some((category) => DECIDED_BY[category].test(problem.path)),
      )
    : [];
  const ownerNames = Object.fromEntries((owners.ok ? owners.value : []).map((owner) => [owner.id, owner.name]));
  return { kind: "checked", problems, notChecked, ownerNames };
}

export type HubSpotChoices =
  | { kind: "not_connected" }
  | {
      kind: "listed";
      owners: Array<{ id: string; name: string }>;
      pipelines: Array<{ id: string; label: string; stages: Array<{ id: string; label: string }> }>;
      /** Absent when HubSpot would not list them (a token without the `tickets` scope): ids are typed then. */
      ticketPipelines?: Array<{ id: string; label: string; stages: Array<{ id: string; label: string }> }>;
    }
  | { kind: "unavailable"; message: string };

/** The owners and deal pipelines a rule can name, shown beside the editor so ids need no lookup in HubSpot. */
export async function readHubSpotChoices(shopDomain: string): Promise<HubSpotChoices> {
  try {
    const { crm } = await crmForShop(shopDomain);
    const [owners, pipelines, ticketPipelines] = await Promise.all([
      crm.listOwners(),
      crm.listPipelines(),
      attempt(() => crm.listTicketPipelines()),
    ]);
    return {
      kind: "listed",
      owners: owners.map(({ id, name }) => ({ id, name })),
      pipelines,
      ...(ticketPipelines.ok ? { ticketPipelines: ticketPipelines.value } : {}),
    };
  } catch (error) {
    if (error instanceof HubSpotNotConnectedError) return { kind: "not_connected" };
    return { kind: "unavailable", message: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * HubSpot owners' names by id, so previews and reasons say "Ada Lovelace", not "owner 501". Empty when
 * HubSpot is not connected or would not list them: the reasons then name owners by id, as before.
 */
export async function readOwnerNames(shopDomain: string): Promise<Record<string, string>> {
  try {
    const { crm } = await crmForShop(shopDomain);
    return Object.fromEntries((await crm.listOwners()).map((owner) => [owner.id, owner.name]));
  } catch {
    return {};
  }
}
