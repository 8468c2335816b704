/**
 * CRM objects the way HubSpot's batch endpoints treat them: at most 100 inputs, and one bad
 * input (invalid value, unknown property, duplicate id, unknown association target) fails the
 * whole batch with one 400, so nothing of it is written; unless every input carries its own
 * objectWriteTraceId: then inputs refused for their values are answered one by one in a 207
 * (multi-status.ts) and the others written.
 */
import { errorReply, type PropertyProblem, type SandboxReply } from "./errors";
import { sortInputs, type InputRefusal } from "./multi-status";
import { ok, type Route, type RouteContext } from "./routing";
import { inHubSpotOrder, nextId, propertiesOf, publicRecord, type CrmRecord, type SandboxStore } from "./store";
import { checkProperties, isValidEmail, withoutBackwardLifecycle } from "./values";

export const MAX_BATCH_INPUTS = 100;

/** HubSpot-defined association type ids this sandbox accepts, by "from→to" object type. */
const ASSOCIATION_TYPES: Record<string, number> = { "deals→contacts": 3, "contacts→deals": 4, "tasks→contacts": 204 };

type Association = { to: { id: string }; types: Array<{ associationCategory: string; associationTypeId: number }> };
type CreateInput = { properties: Record<string, string>; associations?: Association[]; objectWriteTraceId?: string };

function tooMany(count: number): SandboxReply | null {
  if (count <= MAX_BATCH_INPUTS) return null;
  return errorReply(
    400,
    "VALIDATION_ERROR",
    `Batch input limit exceeded: at most ${MAX_BATCH_INPUTS} inputs are allowed, received ${count}.`,
  );
}

function iso(now: number): string {
  return new Date(now).toISOString();
}

function batchResult(
  context: RouteContext,
  results: unknown[],
  status = 200,
  refusals: InputRefusal[] = [],
): SandboxReply {
  const ordered = inHubSpotOrder(context.store, results);
  const partial = refusals.length ? { numErrors: refusals.length, errors: refusals } : {};
  return ok(
    { status: "COMPLETE", results: ordered, ...partial, startedAt: iso(context.now), completedAt: iso(context.now) },
    refusals.length ? 207 : status,
  );
}

/** HubSpot echoes an input's objectWriteTraceId on its result: the way to pair them. */
const traceOf = (input: { objectWriteTraceId?: string }) =>
  input.objectWriteTraceId === undefined ? {} : { objectWriteTraceId: input.objectWriteTraceId };

function recordsOf(store: SandboxStore, objectType: string): Map<string, CrmRecord> {
  if (objectType === "deals") return store.deals;
  if (objectType === "tasks") return store.tasks;
  throw new Error(`sandbox does not hold ${objectType}`);
}

function contactById(store: SandboxStore, id: string): CrmRecord | undefined {
  for (const contact of store.contacts.values()) if (contact.id === id) return contact;
  return undefined;
}

function associationProblem(store: SandboxStore, fromType: string, association: Association): string | null {
  const expected = ASSOCIATION_TYPES[`${fromType}→contacts`];
  for (const type of association.types) {
    if (type.associationCategory !== "HUBSPOT_DEFINED" || type.associationTypeId !== expected) {
      return `association type ${type.associationCategory}/${type.associationTypeId} is not valid from ${fromType} to contacts`;
    }
  }
  return contactById(store, association.to.id)
    ? null
    : `association target contact ${association.to.id} does not exist`;
}

/** Unique-value properties (e.g. an order id on deals) refuse a value already held by another record. */
function uniqueConflict(
  context: RouteContext,
  objectType: string,
  inputs: CreateInput[],
  updating: ReadonlySet<string> = new Set(),
): string | null {
  const unique = [...propertiesOf(context.store, objectType).values()].filter(
    (definition) => definition.hasUniqueValue,
  );
  for (const definition of unique) {
    const taken = new Set<string>();
    for (const record of recordsOf(context.store, objectType).values()) {
      if (updating.has(record.id)) continue;
      const value = record.properties[definition.name];
      if (value) taken.add(value);
    }
    for (const input of inputs) {
      const value = input.properties[definition.name];
      if (!value) continue;
      if (taken.has(value))
        return `${definition.name} "${value}" is already used by another ${objectType.replace(/s$/, "")}`;
      taken.add(value);
    }
  }
  return null;
}

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

function upsertContacts(context: RouteContext): SandboxReply {
  const { inputs } = context.body as {
    inputs: Array<{ id: string; idProperty?: string; properties: Record<string, string>; objectWriteTraceId?: string }>;
  };
  const limit = tooMany(inputs.length);
  if (limit) return limit;
  const wrongId = inputs.find((input) => input.idProperty !== "email");
  if (wrongId)
    return errorReply(
      400,
      "VALIDATION_ERROR",
      `Unable to perform upsert by idProperty ${JSON.stringify(wrongId.idProperty ?? null)}: contacts upsert here takes idProperty "email"`,
    );
  const seen = new Set<string>();
  const duplicates = new Set<string>();
  for (const input of inputs) {
    const key = input.id.toLowerCase();
    if (seen.has(key)) duplicates.add(input.id);
    seen.add(key);
  }
  if (duplicates.size) {
    return errorReply(
      400,
      "VALIDATION_ERROR",
      `Duplicate IDs found in batch input: [${[...duplicates].join(", ")}]. IDs must be unique`,
      {
        context: { ids: [...duplicates] },
      },
    );
  }
  const sorted = sortInputs(inputs, (input) => [
    ...(isValidEmail(input.id)
      ? []
      : [
          {
            isValid: false as const,
            name: "email",
            error: "INVALID_EMAIL",
            message: `Email address ${input.id} is invalid`,
          },
        ]),
    ...checkProperties(context.store, "contacts", input.properties),
  ]);
  if (sorted.reply) return sorted.reply;
  const results = sorted.accepted.map((input) => {
    const key = input.id.toLowerCase();
    const existing = context.store.contacts.get(key);
    const record: CrmRecord = existing ?? {
      id: nextId(context.store),
      properties: {},
      createdAt: iso(context.now),
      updatedAt: iso(context.now),
      archived: false,
    };
    record.properties = {
      ...record.properties,
      ...(context.store.acceptsBackwardLifecycle
        ? input.properties
        : withoutBackwardLifecycle(record.properties, input.properties)),
      email: key,
    };
    record.updatedAt = iso(context.now);
    context.store.contacts.set(key, record);
    return { ...publicRecord(record), new: !existing, ...traceOf(input) };
  });
  return batchResult(context, results, 200, sorted.refusals);
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

function gdprDelete(context: RouteContext): SandboxReply {
  const { objectId, idProperty } = context.body as { objectId: string; idProperty?: string };
  const contact =
    idProperty === "email" ? context.store.contacts.get(objectId.toLowerCase()) : contactById(context.store, objectId);
  if (!contact) return errorReply(404, "OBJECT_NOT_FOUND", `resource not found: contact ${objectId}`);
  const email = contact.properties.email ?? "";
  context.store.contacts.delete(email);
  context.store.associations = context.store.associations.filter(
    (association) => association.toId !== contact.id && association.fromId !== contact.id,
  );
  context.store.gdprDeleted.push({ email, contactId: contact.id, at: iso(context.now) });
  return { status: 204 };
}

export const objectRoutes: Route[] = [
  {
    method: "POST",
    path: "/crm/v3/objects/contacts/batch/upsert",
    model: ["crm/contacts", "BatchInputSimplePublicObjectBatchInputUpsert"],
    handle: upsertContacts,
  },
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
  {
    method: "POST",
    path: "/crm/v4/associations/{fromObjectType}/{toObjectType}/batch/associate/default",
    model: ["crm/associations/v4", "BatchInputPublicDefaultAssociationMultiPost"],
    handle(context) {
      const { fromObjectType, toObjectType } = context.params as { fromObjectType: string; toObjectType: string };
      const typeId = ASSOCIATION_TYPES[`${fromObjectType}→${toObjectType}`];
      if (typeId === undefined)
        return errorReply(400, "VALIDATION_ERROR", `No default association from ${fromObjectType} to ${toObjectType}`);
      const { inputs } = context.body as { inputs: Array<{ from: { id: string }; to: { id: string } }> };
      const exists = (type: string, id: string) =>
        type === "contacts" ? Boolean(contactById(context.store, id)) : recordsOf(context.store, type).has(id);
      const missing = inputs.find(
        (input) => !exists(fromObjectType, input.from.id) || !exists(toObjectType, input.to.id),
      );
      if (missing)
        return errorReply(400, "VALIDATION_ERROR", `Object ${missing.from.id} or ${missing.to.id} does not exist`);
      const results = inputs.map((input) => {
        // Associating a pair that is already associated changes nothing, as in HubSpot.
        const known = context.store.associations.some(
          (a) =>
            a.fromType === fromObjectType &&
            a.fromId === input.from.id &&
            a.toType === toObjectType &&
            a.toId === input.to.id &&
            a.typeId === typeId,
        );
        if (!known)
          context.store.associations.push({
            fromType: fromObjectType,
            fromId: input.from.id,
            toType: toObjectType,
            toId: input.to.id,
            typeId,
          });
        return {
          from: input.from,
          to: input.to,
          associationSpec: { associationCategory: "HUBSPOT_DEFINED", associationTypeId: typeId },
        };
      });
      return batchResult(context, results);
    },
  },
  {
    method: "GET",
    path: "/crm/v3/pipelines/{objectType}",
    handle(context) {
      if (context.params.objectType !== "deals")
        return errorReply(
          400,
          "VALIDATION_ERROR",
          `this sandbox keeps pipelines for deals only, not ${context.params.objectType}`,
        );
      const at = iso(context.now);
      return ok({
        results: context.store.pipelines.map((pipeline) => ({
          ...pipeline,
          createdAt: at,
          updatedAt: at,
          stages: pipeline.stages.map((stage) => ({
            ...stage,
            metadata: { isClosed: String(stage.id.startsWith("closed")), probability: "0.5" },
            writePermissions: "CRM_PERMISSIONS_ENFORCEMENT",
            createdAt: at,
            updatedAt: at,
          })),
        })),
      });
    },
  },
  {
    method: "GET",
    path: "/crm/v3/owners",
    handle(context) {
      const at = iso(context.now);
      return ok({
        results: context.store.owners.map((owner) => ({
          ...owner,
          type: "PERSON",
          archived: false,
          teams: [],
          createdAt: at,
          updatedAt: at,
        })),
      });
    },
  },
  {
    method: "POST",
    path: "/crm/v3/objects/contacts/gdpr-delete",
    model: ["crm/contacts", "PublicGdprDeleteInput"],
    handle: gdprDelete,
  },
];
