/**
 * The rule editor's rows, derived from the rule schema itself (condition-schema.ts and
 * action-schema.ts): which facts and actions exist, which fields each has, and what a field
 * takes (a choice among the schema's values, a number within its bounds, a list …). A fact or
 * action added to the schema appears in the editor with no second list to keep in step; only
 * the words a merchant reads (labels) live here, and TypeScript insists on one per fact and action.
 */
import type { z } from "zod";
import { ACTION_SCHEMAS, LEAD_STATUSES, LIFECYCLE_STAGES, type ActionType } from "../../routing/action-schema";
import { LEAF_SCHEMAS, type LeafFact } from "../../routing/condition-schema";

export type FieldInput =
  | { kind: "choice"; options: readonly string[] }
  | { kind: "choices"; options: readonly string[] }
  | { kind: "number"; min?: number; max?: number; integer: boolean }
  | { kind: "flag" }
  | { kind: "text" }
  | { kind: "texts" }
  | { kind: "pairs" }
  /** HubSpot's own ids, picked from the account's lists when they can be read. */
  | { kind: "owner" }
  | { kind: "owners" }
  | { kind: "pipeline" }
  | { kind: "stage" }
  | { kind: "ticket_pipeline" }
  | { kind: "ticket_stage" }
  | { kind: "hubspot_value"; suggestions: readonly string[] };

export type FieldSpec = FieldInput & { key: string; required: boolean; defaultValue?: unknown };

type Def = { type: string; innerType?: Def; defaultValue?: unknown; entries?: Record<string, string>; element?: Def };
type Node = { def: Def; minValue?: number | null; maxValue?: number | null; isInt?: boolean; shape?: unknown };

/** Fields named for HubSpot's ids: the same names references.ts checks against the account. */
const HUBSPOT_FIELDS: Record<string, FieldInput> = {
  ownerId: { kind: "owner" },
  ownerIds: { kind: "owners" },
  pipelineId: { kind: "pipeline" },
  stageId: { kind: "stage" },
  ticketPipelineId: { kind: "ticket_pipeline" },
  ticketStageId: { kind: "ticket_stage" },
  stage: { kind: "hubspot_value", suggestions: LIFECYCLE_STAGES },
  status: { kind: "hubspot_value", suggestions: LEAD_STATUSES },
};

function inputOf(node: Node): FieldInput {
  const { def } = node;
  switch (def.type) {
    case "enum":
      return { kind: "choice", options: Object.values(def.entries ?? {}) };
    case "number": {
      const bound = (value: number | null | undefined) => (Number.isFinite(value) ? (value as number) : undefined);
      return { kind: "number", min: bound(node.minValue), max: bound(node.maxValue), integer: node.isInt === true };
    }
    case "boolean":
      return { kind: "flag" };
    case "record":
      return { kind: "pairs" };
    case "array": {
      const element = def.element as Def;
      return element.type === "enum"
        ? { kind: "choices", options: Object.values(element.entries ?? {}) }
        : { kind: "texts" };
    }
    default:
      return { kind: "text" };
  }
}

function fieldsOf(schema: z.ZodType, tag: string): FieldSpec[] {
  const shape = (schema as unknown as { shape: Record<string, Node> }).shape;
  return Object.entries(shape).flatMap(([key, field]) => {
    if (key === tag) return [];
    let node = field;
    let required = true;
    let defaultValue: unknown;
    while (["optional", "default", "prefault"].includes(node.def.type)) {
      required = false;
      if (node.def.type === "default") defaultValue = node.def.defaultValue;
      node = node.def.innerType as unknown as Node;
    }
    const input = HUBSPOT_FIELDS[key] ?? inputOf(node);
    return [{ ...input, key, required, ...(defaultValue === undefined ? {} : { defaultValue }) }];
  });
}

export const FACT_FIELDS = Object.fromEntries(
  Object.entries(LEAF_SCHEMAS).map(([fact, schema]) => [fact, fieldsOf(schema, "fact")]),
) as Record<LeafFact, FieldSpec[]>;

export const ACTION_FIELDS = Object.fromEntries(
  Object.entries(ACTION_SCHEMAS).map(([type, schema]) => [type, fieldsOf(schema, "type")]),
) as Record<ActionType, FieldSpec[]>;

export const FACT_LABELS: Record<LeafFact, string> = {
  micro_conversion: "Micro-conversion",
  intent_score: "Intent score",
  qualified: "Qualified",
  page_visited: "Page visited",
  product: "Product",
  collection: "Collection",
  cart_value: "Cart value",
  order_count: "Order count",
  order_revenue: "Order revenue",
  country: "Country",
  utm: "UTM parameter",
  consent: "Consent",
  email: "Email",
  email_domain: "Email domain",
  handoff_requested: "Asked for a person (handoff)",
  qualifier: "Qualifier answer",
};

export const ACTION_LABELS: Record<ActionType, string> = {
  sync_contact: "Sync contact properties",
  set_lifecycle_stage: "Set lifecycle stage",
  set_lead_status: "Set lead status",
  assign_owner: "Assign owner",
  create_task: "Create task",
  create_deal: "Create deal",
  create_ticket: "Create ticket",
  send_event: "Send custom event",
};

/** Operators as symbols; any other value reads as its words ("starts_with" → "starts with"). */
const VALUE_WORDS: Record<string, string> = { eq: "=", neq: "≠", gt: ">", gte: "≥", lt: "<", lte: "≤" };
export const valueLabel = (value: string) => VALUE_WORDS[value] ?? value.replaceAll("_", " ");

/** `withinDays` → "Within days", `dueInHours` → "Due in hours"; `op` → "Operator". */
export const fieldLabel = (key: string) =>
  (key === "op" ? "operator" : key)
    .replace(/([a-z])([A-Z])/g, "$1 $2")
    .toLowerCase()
    .replace(/^./, (first) => first.toUpperCase());

/**
 * A new row: its tag and the required choices preset (a comparison starts at "≥"), the rest left
 * out so the schema's defaults apply and validation asks for what is still missing.
 */
export function blankOf(tagKey: "fact" | "type", tag: string, fields: readonly FieldSpec[]): Record<string, unknown> {
  const blank: Record<string, unknown> = { [tagKey]: tag };
  for (const field of fields) {
    if (!field.required || field.kind !== "choice") continue;
    blank[field.key] = field.options.includes("gte") ? "gte" : field.options[0];
  }
  return blank;
}
