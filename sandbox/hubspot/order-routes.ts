/**
 * Why: HubSpot's Orders endpoints ChatLift calls, on their date-based paths (the Orders spec's 2026-03
 * rollout), as strict as HubSpot: every field the spec's search request requires, its filter operators,
 * at most 100 inputs a batch, unknown order ids refused, values checked against the portal's order
 * properties, 207 per input where the caller opted in with trace ids (multi-status.ts). Scopes are in
 * scopes.ts; the orders themselves in order-store.ts.
 */
import { errorReply, invalidInputReply, type SandboxReply } from "./errors";
import { sortInputs } from "./multi-status";
import { batchResult, iso, tooMany, traceOf } from "./object-batch";
import { ordersOf } from "./order-store";
import { ok, type Route, type RouteContext } from "./routing";
import { publicRecord, type CrmRecord } from "./store";
import { checkProperties } from "./values";

export const ORDERS_PATH = "/crm/objects/2026-03/orders";
/** The spec's PublicObjectSearchRequest marks these required (the SDK's model leaves them optional). */
const SEARCH_REQUIRED = ["after", "filterGroups", "limit", "properties", "sorts"] as const;
/** HubSpot's CRM search: at most 200 results a page, 5 filter groups, 6 filters each, 100 values an IN. */
const SEARCH_MAX_LIMIT = 200;

type Filter = { propertyName: string; operator: string; value?: string; values?: string[] };
type SearchBody = {
  after: string;
  filterGroups: Array<{ filters: Filter[] }>;
  limit: number;
  properties: string[];
  sorts: string[];
};

function filterProblem(filter: Filter): string | null {
  if (filter.operator === "IN" || filter.operator === "NOT_IN") {
    if (!filter.values?.length) return `filter on ${filter.propertyName}: ${filter.operator} needs values`;
    if (filter.values.length > 100) return `filter on ${filter.propertyName}: at most 100 values`;
    return null;
  }
  if (filter.operator === "EQ" || filter.operator === "NEQ")
    return filter.value === undefined ? `filter on ${filter.propertyName}: ${filter.operator} needs a value` : null;
  return `this sandbox does not evaluate the ${filter.operator} operator`;
}

function matches(order: CrmRecord, filter: Filter): boolean {
  const value = order.properties[filter.propertyName];
  switch (filter.operator) {
    case "IN":
      return value !== undefined && (filter.values ?? []).includes(value);
    case "NOT_IN":
      return value === undefined || !(filter.values ?? []).includes(value);
    case "EQ":
      return value === filter.value;
    default:
      return value !== filter.value;
  }
}

function searchOrders(context: RouteContext): SandboxReply {
  const body = context.body as Partial<SearchBody>;
  const missing = SEARCH_REQUIRED.filter((field) => body[field] === undefined);
  if (missing.length) return invalidInputReply(missing.map((field) => `${field} is required`));
  const { after, filterGroups, limit, properties } = body as SearchBody;
  if (!Number.isInteger(limit) || limit < 1 || limit > SEARCH_MAX_LIMIT)
    return invalidInputReply([`limit must be between 1 and ${SEARCH_MAX_LIMIT}`]);
  const offset = Number(after);
  if (!/^\d+$/.test(after)) return invalidInputReply([`after ${JSON.stringify(after)} is not a paging offset`]);
  if (filterGroups.length > 5 || filterGroups.some((group) => group.filters.length > 6))
    return errorReply(400, "VALIDATION_ERROR", "at most 5 filter groups of at most 6 filters each");
  for (const group of filterGroups)
    for (const filter of group.filters) {
      const problem = filterProblem(filter);
      if (problem) return errorReply(400, "VALIDATION_ERROR", problem);
    }
  const all = [...ordersOf(context.store).values()]
    .filter((order) => !order.archived)
    .filter(
      (order) => !filterGroups.length || filterGroups.some((group) => group.filters.every((f) => matches(order, f))),
    )
    .sort((a, b) => Number(a.id) - Number(b.id));
  const page = all.slice(offset, offset + limit);
  const results = page.map((order) => {
    const picked: Record<string, string> = { hs_object_id: order.id };
    for (const name of properties)
      if (order.properties[name] !== undefined) picked[name] = order.properties[name] as string;
    return { ...publicRecord(order), properties: picked };
  });
  const next = offset + limit < all.length ? { paging: { next: { after: String(offset + limit) } } } : {};
  return ok({ total: all.length, results, ...next });
}

type UpdateInput = { id: string; properties: Record<string, string>; objectWriteTraceId?: string };

/** Batch update by HubSpot id: an unknown id fails the whole batch, as for deals. */
function updateOrders(context: RouteContext): SandboxReply {
  const { inputs } = context.body as { inputs: UpdateInput[] };
  const limit = tooMany(inputs.length);
  if (limit) return limit;
  const orders = ordersOf(context.store);
  const missing = inputs.filter((input) => !orders.has(input.id)).map((input) => input.id);
  if (missing.length)
    return errorReply(
      404,
      "OBJECT_NOT_FOUND",
      `Could not get some ORDER objects, they may be deleted or not exist. Check that ids are valid: [${missing.join(", ")}]`,
    );
  const sorted = sortInputs(inputs, (input) => checkProperties(context.store, "orders", input.properties));
  if (sorted.reply) return sorted.reply;
  const results = sorted.accepted.map((input) => {
    const order = orders.get(input.id) as CrmRecord;
    order.properties = { ...order.properties, ...input.properties };
    order.updatedAt = iso(context.now);
    return { ...publicRecord(order), ...traceOf(input) };
  });
  return batchResult(context, results, 200, sorted.refusals);
}

export const orderRoutes: Route[] = [
  {
    method: "POST",
    path: `${ORDERS_PATH}/search`,
    model: ["crm/objects", "PublicObjectSearchRequest"],
    handle: searchOrders,
  },
  {
    method: "POST",
    path: `${ORDERS_PATH}/batch/update`,
    model: ["crm/objects", "BatchInputSimplePublicObjectBatchInput"],
    handle: updateOrders,
  },
];
