/**
 * What the sandbox account holds: property groups and properties per object type (HubSpot's
 * default ones plus those created through the API), contacts keyed by email, deals, tasks,
 * associations, sent events and GDPR deletions. Plain data, readable by tests and the demo page;
 * values.ts checks what is written into it.
 */
export type PropertyType = "string" | "number" | "date" | "datetime" | "enumeration" | "bool";

/** An enumeration option as stored: displayOrder and hidden as last written (HubSpot keeps both). */
export type PropertyOption = {
  label: string;
  value: string;
  displayOrder?: number;
  hidden?: boolean;
  description?: string;
};

export type PropertyDefinition = {
  name: string;
  label: string;
  type: PropertyType;
  fieldType: string;
  groupName: string;
  description?: string;
  hasUniqueValue?: boolean;
  options?: PropertyOption[];
  hidden?: boolean;
  formField?: boolean;
  displayOrder?: number;
  /** Display settings a PATCH may set (calculationFormula, numberDisplayHint …), returned as written. */
  display?: Record<string, unknown>;
  createdAt: string;
  updatedAt: string;
  hubspotDefined?: boolean;
};

export type PropertyGroup = { name: string; label: string; displayOrder: number; archived: boolean };

export type CrmRecord = {
  id: string;
  properties: Record<string, string>;
  createdAt: string;
  updatedAt: string;
  archived: boolean;
};

export type Association = { fromType: string; fromId: string; toType: string; toId: string; typeId: number };

export type EventDefinitionRecord = {
  name: string;
  label: string;
  description?: string;
  fullyQualifiedName: string;
  primaryObject: string;
  properties: Array<{ name: string; label: string; type: string; description?: string; options?: PropertyOption[] }>;
  createdAt: string;
};

export type SentEvent = {
  eventName: string;
  email?: string;
  objectId?: string;
  utk?: string;
  occurredAt?: string;
  properties?: Record<string, string>;
};

export type Owner = { id: string; email: string; firstName: string; lastName: string; userId: number };

export type PipelineStage = { id: string; label: string; displayOrder: number; archived: boolean };
export type Pipeline = { id: string; label: string; displayOrder: number; archived: boolean; stages: PipelineStage[] };

export type SandboxStore = {
  portalId: number;
  groups: Map<string, Map<string, PropertyGroup>>;
  properties: Map<string, Map<string, PropertyDefinition>>;
  contacts: Map<string, CrmRecord>;
  deals: Map<string, CrmRecord>;
  tasks: Map<string, CrmRecord>;
  associations: Association[];
  events: SentEvent[];
  /** Custom behavioral event definitions, by name (without the `pe{portalId}_` prefix). */
  eventDefinitions: Map<string, EventDefinitionRecord>;
  owners: Owner[];
  /** Deal pipelines: HubSpot's default "Sales Pipeline", plus any a test adds. */
  pipelines: Pipeline[];
  gdprDeleted: Array<{ email: string; contactId: string; at: string }>;
  /** Emails a GDPR delete put on the blocklist (contact-emails.ts): the deleted contact's, or one HubSpot did not hold. */
  gdprBlocklist: Array<{ email: string; at: string }>;
  /** The options of deal_currency_code: the account's company and additional currencies, read when asked. */
  dealCurrencies: () => string[];
  /** Upserts may set an earlier lifecycle stage than the contact has (else such a stage is dropped). */
  acceptsBackwardLifecycle: boolean;
  nextId: number;
  /** State of the seeded generator that orders batch results (HubSpot promises no order). */
  orderSeed: number;
};

const EPOCH = "2024-01-01T00:00:00.000Z";

function builtin(
  name: string,
  type: PropertyType,
  fieldType: string,
  groupName: string,
  options?: string[],
): PropertyDefinition {
  return {
    name,
    label: name,
    type,
    fieldType,
    groupName,
    options: options?.map((value) => ({ label: value, value })),
    createdAt: EPOCH,
    updatedAt: EPOCH,
    hubspotDefined: true,
  };
}

const DEFAULT_PROPERTIES: Record<string, PropertyDefinition[]> = {
  contacts: [
    builtin("email", "string", "text", "contactinformation"),
    builtin("firstname", "string", "text", "contactinformation"),
    builtin("lastname", "string", "text", "contactinformation"),
    builtin("phone", "string", "text", "contactinformation"),
    builtin("hubspot_owner_id", "enumeration", "select", "contactinformation"),
    builtin("lifecyclestage", "enumeration", "radio", "contactinformation", [
      "subscriber",
      "lead",
      "marketingqualifiedlead",
      "salesqualifiedlead",
      "opportunity",
      "customer",
      "evangelist",
      "other",
    ]),
    builtin("hs_lead_status", "enumeration", "radio", "contactinformation", [
      "NEW",
      "OPEN",
      "IN_PROGRESS",
      "OPEN_DEAL",
      "UNQUALIFIED",
      "ATTEMPTED_TO_CONTACT",
      "CONNECTED",
      "BAD_TIMING",
    ]),
  ],
  deals: [
    builtin("dealname", "string", "text", "dealinformation"),
    builtin("amount", "number", "number", "dealinformation"),
    builtin("pipeline", "enumeration", "select", "dealinformation"),
    builtin("dealstage", "enumeration", "radio", "dealinformation"),
    builtin("closedate", "datetime", "date", "dealinformation"),
    builtin("deal_currency_code", "enumeration", "select", "dealinformation"),
    builtin("hubspot_owner_id", "enumeration", "select", "dealinformation"),
  ],
  tasks: [
    builtin("hs_timestamp", "datetime", "date", "taskinformation"),
    builtin("hs_task_subject", "string", "text", "taskinformation"),
    builtin("hs_task_body", "string", "textarea", "taskinformation"),
    builtin("hs_task_status", "enumeration", "select", "taskinformation", [
      "NOT_STARTED",
      "IN_PROGRESS",
      "WAITING",
      "COMPLETED",
      "DEFERRED",
    ]),
    builtin("hs_task_priority", "enumeration", "select", "taskinformation", ["NONE", "LOW", "MEDIUM", "HIGH"]),
    builtin("hs_task_type", "enumeration", "select", "taskinformation", ["CALL", "EMAIL", "TODO"]),
    builtin("hubspot_owner_id", "enumeration", "select", "taskinformation"),
  ],
};

/** HubSpot's default deal pipeline and its stages (internal ids). */
const DEFAULT_STAGES = [
  "appointmentscheduled",
  "qualifiedtobuy",
  "presentationscheduled",
  "decisionmakerboughtin",
  "contractsent",
  "closedwon",
  "closedlost",
];
export const DEFAULT_PIPELINE: Pipeline = {
  id: "default",
  label: "Sales Pipeline",
  displayOrder: 0,
  archived: false,
  stages: DEFAULT_STAGES.map((id, index) => ({ id, label: id, displayOrder: index, archived: false })),
};

/** HubSpot's default lifecycle stages in order: the API moves a contact forward only. */
export const LIFECYCLE_ORDER = [
  "subscriber",
  "lead",
  "marketingqualifiedlead",
  "salesqualifiedlead",
  "opportunity",
  "customer",
  "evangelist",
];

export function createStore(
  portalId: number,
  owners: Owner[],
  pipelines: Pipeline[] = [DEFAULT_PIPELINE],
): SandboxStore {
  const properties = new Map<string, Map<string, PropertyDefinition>>();
  const groups = new Map<string, Map<string, PropertyGroup>>();
  for (const [objectType, definitions] of Object.entries(DEFAULT_PROPERTIES)) {
    properties.set(objectType, new Map(definitions.map((definition) => [definition.name, definition])));
    const groupNames = new Set(definitions.map((definition) => definition.groupName));
    groups.set(
      objectType,
      new Map(
        [...groupNames].map((name, index) => [name, { name, label: name, displayOrder: index, archived: false }]),
      ),
    );
  }
  return {
    portalId,
    groups,
    properties,
    contacts: new Map(),
    deals: new Map(),
    tasks: new Map(),
    associations: [],
    events: [],
    eventDefinitions: new Map(),
    owners,
    pipelines: structuredClone(pipelines),
    gdprDeleted: [],
    gdprBlocklist: [],
    dealCurrencies: () => ["USD"],
    acceptsBackwardLifecycle: false,
    nextId: 1001,
    orderSeed: 20261204,
  };
}

/**
 * Batch results in an order of their own, as HubSpot's are (its SDK maintainers: results are not in input order);
 * seeded, so a failing test fails the same way again. mulberry32.
 */
export function inHubSpotOrder<T>(store: SandboxStore, results: T[]): T[] {
  const shuffled = [...results];
  for (let i = shuffled.length - 1; i > 0; i -= 1) {
    store.orderSeed = (store.orderSeed + 0x6d2b79f5) | 0;
    let t = store.orderSeed;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    const j = Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * (i + 1));
    [shuffled[i], shuffled[j]] = [shuffled[j] as T, shuffled[i] as T];
  }
  return shuffled;
}

export function nextId(store: SandboxStore): string {
  store.nextId += 1;
  return String(store.nextId);
}

export function propertiesOf(store: SandboxStore, objectType: string): Map<string, PropertyDefinition> {
  let found = store.properties.get(objectType);
  if (!found) {
    found = new Map();
    store.properties.set(objectType, found);
  }
  return found;
}

export function groupsOf(store: SandboxStore, objectType: string): Map<string, PropertyGroup> {
  let found = store.groups.get(objectType);
  if (!found) {
    found = new Map();
    store.groups.set(objectType, found);
  }
  return found;
}

export function publicRecord(record: CrmRecord): CrmRecord {
  return { ...record, properties: { ...record.properties } };
}
