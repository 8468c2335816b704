/**
 * What HubSpot's batch endpoints for CRM objects share: at most 100 inputs, results in an order of
 * HubSpot's own with each input's objectWriteTraceId echoed (a 207 when some inputs were refused), the
 * association types it defines, and unique-value properties that refuse a value another record holds.
 */
import { errorReply, type SandboxReply } from "./errors";
import type { InputRefusal } from "./multi-status";
import { ORDER_TO_CONTACT, ordersOf } from "./order-store";
import { ok, type RouteContext } from "./routing";
import { inHubSpotOrder, propertiesOf, type CrmRecord, type SandboxStore } from "./store";

export const MAX_BATCH_INPUTS = 100;

/** HubSpot-defined association type ids this sandbox accepts, by "from→to" object type. */
export const ASSOCIATION_TYPES: Record<string, number> = {
  "deals→contacts": 3,
  "contacts→deals": 4,
  "tasks→contacts": 204,
  "orders→contacts": ORDER_TO_CONTACT,
};

export type Association = {
  to: { id: string };
  types: Array<{ associationCategory: string; associationTypeId: number }>;
};
export type CreateInput = {
  properties: Record<string, string>;
  associations?: Association[];
  objectWriteTraceId?: string;
};

export function tooMany(count: number): SandboxReply | null {
  if (count <= MAX_BATCH_INPUTS) return null;
  return errorReply(
    400,
    "VALIDATION_ERROR",
    `Batch input limit exceeded: at most ${MAX_BATCH_INPUTS} inputs are allowed, received ${count}.`,
  );
}

export function iso(now: number): string {
  return new Date(now).toISOString();
}

export function batchResult(
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
export const traceOf = (input: { objectWriteTraceId?: string }) =>
  input.objectWriteTraceId === undefined ? {} : { objectWriteTraceId: input.objectWriteTraceId };

export function recordsOf(store: SandboxStore, objectType: string): Map<string, CrmRecord> {
  if (objectType === "deals") return store.deals;
  if (objectType === "tasks") return store.tasks;
  if (objectType === "orders") return ordersOf(store);
  throw new Error(`sandbox does not hold ${objectType}`);
}

export function contactById(store: SandboxStore, id: string): CrmRecord | undefined {
  for (const contact of store.contacts.values()) if (contact.id === id) return contact;
  return undefined;
}

export function associationProblem(store: SandboxStore, fromType: string, association: Association): string | null {
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
export function uniqueConflict(
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
