/**
 * Deals and tasks as HubSpot's batch endpoints treat them: at most 100 inputs, and one bad input
 * (invalid value, unknown property, duplicate unique value, unknown association target) fails the
 * whole batch with one 400, so nothing of it is written; unless every input carries its own
 * objectWriteTraceId: then inputs refused for their values are answered one by one in a 207
 * (multi-status.ts) and the others written.
 */
import { errorReply, type PropertyProblem, type SandboxReply } from "./errors";
import { sortInputs } from "./multi-status";
import {
  associationProblem,
  batchResult,
  iso,
  recordsOf,
  tooMany,
  traceOf,
  uniqueConflict,
  type CreateInput,
} from "./object-batch";
import { ok, type Route, type RouteContext } from "./routing";
import { nextId, propertiesOf, publicRecord, type CrmRecord } from "./store";
import { checkProperties } from "./values";

function batchCreate(objectType: string, requiredProperties: string[]): Route {
  return {
    method: "POST",
    path: `/crm/v3/objects/${objectType}/batch/create`,
    model: [
      objectType === "tasks" ? "crm/objects/tasks" : `crm/${objectType}`,
      "BatchInputSimplePublicObjectBatchInputForCreate",
    ],
    handle(context) {
      const { inputs } = context.body as { inputs: CreateInput[] };
      const limit = tooMany(inputs.length);
      if (limit) return limit;
      const sorted = sortInputs(inputs, (input) => [
        ...checkProperties(context.store, objectType, input.properties),
        ...requiredProperties
          .filter((name) => !input.properties[name])
          .map((name): PropertyProblem => ({
            isValid: false,
            name,
            error: "REQUIRED_PROPERTY",
            message: `${name} is required`,
          })),
      ]);
      if (sorted.reply) return sorted.reply;
      const accepted = sorted.accepted;
      for (const input of accepted) {
        for (const association of input.associations ?? []) {
          const problem = associationProblem(context.store, objectType, association);
          if (problem) return errorReply(400, "VALIDATION_ERROR", problem);
        }
      }
      const conflict = uniqueConflict(context, objectType, accepted);
      if (conflict) return errorReply(409, "CONFLICT", conflict);
      const records = recordsOf(context.store, objectType);
      const results = accepted.map((input) => {
        const record: CrmRecord = {
          id: nextId(context.store),
          properties: { ...input.properties },
          createdAt: iso(context.now),
          updatedAt: iso(context.now),
          archived: false,
        };
        records.set(record.id, record);
        for (const association of input.associations ?? []) {
          for (const type of association.types) {
            context.store.associations.push({
              fromType: objectType,
              fromId: record.id,
              toType: "contacts",
              toId: association.to.id,
              typeId: type.associationTypeId,
            });
          }
        }
        return { ...publicRecord(record), ...traceOf(input) };
      });
      return batchResult(context, results, 201, sorted.refusals);
    },
  };
}

function readDeals(context: RouteContext): SandboxReply {
  const body = context.body as { idProperty?: string; inputs: Array<{ id: string }>; properties: string[] };
  const limit = tooMany(body.inputs.length);
  if (limit) return limit;
  const idProperty = body.idProperty ?? "hs_object_id";
  if (idProperty !== "hs_object_id" && !propertiesOf(context.store, "deals").get(idProperty)?.hasUniqueValue) {
    return errorReply(400, "VALIDATION_ERROR", `Unable to read by non-unique property ${idProperty}`);
  }
  const byKey = new Map<string, CrmRecord>();
  for (const deal of context.store.deals.values()) {
    const key = idProperty === "hs_object_id" ? deal.id : deal.properties[idProperty];
    if (key) byKey.set(key, deal);
  }
  const found = body.inputs.map((input) => byKey.get(input.id)).filter((deal) => deal !== undefined);
  const missing = body.inputs.map((input) => input.id).filter((id) => !byKey.has(id));
  const results = found.map((deal) => {
    const properties: Record<string, string> = { hs_object_id: deal.id };
    for (const name of body.properties)
      if (deal.properties[name] !== undefined) properties[name] = deal.properties[name] as string;
    return { ...publicRecord(deal), properties };
  });
  if (!missing.length) return batchResult(context, results);
  return ok(
    {
      status: "COMPLETE",
      results,
      numErrors: 1,
      errors: [
        {
          status: "error",
          category: "OBJECT_NOT_FOUND",
          message: "Could not get some DEAL objects, they may be deleted or not exist.",
          context: { ids: missing },
          errors: [],
          links: {},
        },
      ],
      startedAt: iso(context.now),
      completedAt: iso(context.now),
    },
    207,
  );
}

/** Batch update by record id: one unknown id or invalid value fails the whole batch. */
function updateDeals(context: RouteContext): SandboxReply {
  const { inputs } = context.body as {
    inputs: Array<{ id: string; idProperty?: string; properties: Record<string, string>; objectWriteTraceId?: string }>;
  };
  const limit = tooMany(inputs.length);
  if (limit) return limit;
  const missing = inputs.filter((input) => !context.store.deals.has(input.id)).map((input) => input.id);
  if (missing.length)
    return errorReply(
      404,
      "OBJECT_NOT_FOUND",
      `Could not get some DEAL objects, they may be deleted or not exist. Check that ids are valid: [${missing.join(", ")}]`,
    );
  const sorted = sortInputs(inputs, (input) => checkProperties(context.store, "deals", input.properties));
  if (sorted.reply) return sorted.reply;
  const conflict = uniqueConflict(
    context,
    "deals",
    sorted.accepted.map((input) => ({ properties: input.properties })),
    new Set(sorted.accepted.map((input) => input.id)),
  );
  if (conflict) return errorReply(409, "CONFLICT", conflict);
  const results = sorted.accepted.map((input) => {
    const deal = context.store.deals.get(input.id) as CrmRecord;
    deal.properties = { ...deal.properties, ...input.properties };
    deal.updatedAt = iso(context.now);
    return { ...publicRecord(deal), ...traceOf(input) };
  });
  return batchResult(context, results, 200, sorted.refusals);
}

export const dealTaskRoutes: Route[] = [
  batchCreate("deals", ["dealname"]),
  {
    method: "POST",
    path: "/crm/v3/objects/deals/batch/read",
    model: ["crm/deals", "BatchReadInputSimplePublicObjectId"],
    handle: readDeals,
  },
  {
    method: "POST",
    path: "/crm/v3/objects/deals/batch/update",
    model: ["crm/deals", "BatchInputSimplePublicObjectBatchInput"],
    handle: updateDeals,
  },
  batchCreate("tasks", ["hs_timestamp"]),
];
