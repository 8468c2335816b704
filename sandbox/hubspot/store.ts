/**
 * What the sandbox account holds: property groups and properties per object type (HubSpot's
 * default ones plus those created through the API), contacts keyed by email, deals, tasks,
 * associations, sent events and GDPR deletions. Plain data, readable by tests and the demo page.
 */
import type { PropertyProblem } from "./errors";

export type PropertyType = "string" | "number" | "date" | "datetime" | "enumeration" | "bool";

export type PropertyDefinition = {
  name: string;
  label: string;
  type: PropertyType;
  fieldType: string;
  groupName: string;
  description?: string;
  hasUniqueValue?: boolean;
  options?: Array<{ label: string; value: string }>;
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
  properties: Array<{ name: string; label: string; type: string; options?: Array<{ label: string; value: string }> }>;
  createdAt: string;
};

export type SentEvent = { eventName: string; email?: string; objectId?: string; utk?: string; occurredAt?: string; properties?: Record<string, string> };

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
  nextId: number;
};

const EPOCH = "2024-01-01T00:00:00.000Z";

function builtin(name: string, type: PropertyType, fieldType: string, groupName: string, options?: string[]): PropertyDefinition {
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
      "subscriber", "lead", "marketingqualifiedlead", "salesqualifiedlead", "opportunity", "customer", "evangelist", "other",
    ]),
    builtin("hs_lead_status", "enumeration", "radio", "contactinformation", [
      "NEW", "OPEN", "IN_PROGRESS", "OPEN_DEAL", "UNQUALIFIED", "ATTEMPTED_TO_CONTACT", "CONNECTED", "BAD_TIMING",
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
    builtin("hs_task_status", "enumeration", "select", "taskinformation", ["NOT_STARTED", "IN_PROGRESS", "WAITING", "COMPLETED", "DEFERRED"]),
    builtin("hs_task_priority", "enumeration", "select", "taskinformation", ["NONE", "LOW", "MEDIUM", "HIGH"]),
    builtin("hs_task_type", "enumeration", "select", "taskinformation", ["CALL", "EMAIL", "TODO"]),
    builtin("hubspot_owner_id", "enumeration", "select", "taskinformation"),
  ],
};

/** HubSpot's default deal pipeline and its stages (internal ids). */
const DEFAULT_STAGES = ["appointmentscheduled", "qualifiedtobuy", "presentationscheduled", "decisionmakerboughtin", "contractsent", "closedwon", "closedlost"];
export const DEFAULT_PIPELINE: Pipeline = {
  id: "default",
  label: "Sales Pipeline",
  displayOrder: 0,
  archived: false,
  stages: DEFAULT_STAGES.map((id, index) => ({ id, label: id, displayOrder: index, archived: false })),
};

/** HubSpot's default lifecycle stages in order: the API moves a contact forward only. */
export const LIFECYCLE_ORDER = ["subscriber", "lead", "marketingqualifiedlead", "salesqualifiedlead", "opportunity", "customer", "evangelist"];

export function createStore(portalId: number, owners: Owner[], pipelines: Pipeline[] = [DEFAULT_PIPELINE]): SandboxStore {
  const properties = new Map<string, Map<string, PropertyDefinition>>();
  const groups = new Map<string, Map<string, PropertyGroup>>();
  for (const [objectType, definitions] of Object.entries(DEFAULT_PROPERTIES)) {
    properties.set(objectType, new Map(definitions.map((definition) => [definition.name, definition])));
    const groupNames = new Set(definitions.map((definition) => definition.groupName));
    groups.set(objectType, new Map([...groupNames].map((name, index) => [name, { name, label: name, displayOrder: index, archived: false }])));
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
    nextId: 1001,
  };
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

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/;

export function isValidEmail(value: string): boolean {
  return value.length <= 254 && EMAIL.test(value);
}

function problem(name: string, error: string, message: string): PropertyProblem {
  return { isValid: false, message, error, name };
}

function checkValue(definition: PropertyDefinition, value: string): PropertyProblem | null {
  const { name } = definition;
  if (name === "email" && !isValidEmail(value)) return problem(name, "INVALID_EMAIL", `Email address ${value} is invalid`);
  switch (definition.type) {
    case "number":
      return /^-?\d+(\.\d+)?$/.test(value) ? null : problem(name, "INVALID_DECIMAL", `${JSON.stringify(value)} is not a valid number.`);
    case "bool":
      return value === "true" || value === "false" ? null : problem(name, "INVALID_BOOLEAN", `${JSON.stringify(value)} is not a valid boolean value.`);
    case "datetime":
      return /^\d{1,15}$/.test(value) || !Number.isNaN(Date.parse(value))
        ? null
        : problem(name, "INVALID_DATE", `${JSON.stringify(value)} was not a valid long or ISO 8601 date-time.`);
    case "date": {
      const at = /^\d{1,15}$/.test(value) ? Number(value) : Date.parse(value);
      return Number.isFinite(at) && at % 86_400_000 === 0
        ? null
        : problem(name, "INVALID_DATE", `${JSON.stringify(value)} is not a midnight UTC date.`);
    }
    case "enumeration": {
      if (!definition.options?.length) return null;
      const allowed = new Set(definition.options.map((option) => option.value));
      const bad = value.split(";").filter((part) => part !== "" && !allowed.has(part));
      return bad.length === 0
        ? null
        : problem(name, "INVALID_OPTION", `${JSON.stringify(bad[0])} was not one of the allowed options: [${[...allowed].join(", ")}]`);
    }
    default:
      return value.length > 65_536 ? problem(name, "INVALID_STRING", "value is longer than 65536 characters") : null;
  }
}

/** Problems with property values, as HubSpot lists them: unknown names and values the type refuses. */
export function checkProperties(store: SandboxStore, objectType: string, values: Record<string, string>): PropertyProblem[] {
  const definitions = propertiesOf(store, objectType);
  const problems: PropertyProblem[] = [];
  for (const [name, value] of Object.entries(values)) {
    const definition = definitions.get(name);
    if (!definition) {
      problems.push(problem(name, "PROPERTY_DOESNT_EXIST", `Property "${name}" does not exist`));
      continue;
    }
    if (value === "") continue; // an empty string clears a value in HubSpot
    const found = checkValue(definition, value) ?? referenceProblem(store, objectType, name, value, values);
    if (found) problems.push(found);
  }
  return problems;
}

/** Values that must name something the account has: an owner, a deal pipeline, a stage of that pipeline. */
function referenceProblem(store: SandboxStore, objectType: string, name: string, value: string, values: Record<string, string>): PropertyProblem | null {
  if (name === "hubspot_owner_id" && !store.owners.some((owner) => owner.id === value)) return problem(name, "INVALID_OWNER_ID", `${value} is not a valid owner id`);
  if (objectType !== "deals") return null;
  const live = store.pipelines.filter((pipeline) => !pipeline.archived);
  if (name === "pipeline" && !live.some((pipeline) => pipeline.id === value)) {
    return problem(name, "INVALID_OPTION", `${JSON.stringify(value)} was not one of the allowed options: [${live.map((pipeline) => pipeline.id).join(", ")}]`);
  }
  if (name === "dealstage") {
    const pipeline = live.find((candidate) => candidate.id === (values.pipeline ?? "default"));
    const stages = pipeline?.stages.filter((stage) => !stage.archived).map((stage) => stage.id) ?? [];
    if (!stages.includes(value)) return problem(name, "INVALID_OPTION", `${JSON.stringify(value)} was not one of the allowed options: [${stages.join(", ")}]`);
  }
  return null;
}

/**
 * Lifecycle stages move forward only through the API: an earlier stage than the contact has is
 * dropped without an error (clearing with "" first is how HubSpot lets a stage go back).
 */
export function withoutBackwardLifecycle(current: Record<string, string>, incoming: Record<string, string>): Record<string, string> {
  const from = LIFECYCLE_ORDER.indexOf(current.lifecyclestage ?? "");
  const to = LIFECYCLE_ORDER.indexOf(incoming.lifecyclestage ?? "");
  if (from < 0 || to < 0 || to >= from) return incoming;
  const { lifecyclestage: _dropped, ...rest } = incoming;
  return rest;
}

export function publicRecord(record: CrmRecord): CrmRecord {
  return { ...record, properties: { ...record.properties } };
}
