/**
 * Custom behavioral events (Marketing Hub Enterprise only; other accounts get 403): event
 * definitions (list, read, create, add a property, update a property) and occurrences (one or a
 * batch). HubSpot refuses occurrences of an event without a definition, or with a property the
 * definition lacks, and (like CRM properties) refuses an enumeration value that is not an option.
 * Property updates follow the events OpenAPI spec: PATCH
 * /events/v3/event-definitions/{eventName}/property/{propertyName} takes label, description and
 * options; the options given replace the property's list; it answers 201 with the property.
 */
import { errorReply, invalidInputReply, type SandboxReply } from "./errors";
import { eventPropertyPatchProblems, publicOptions, storedOptions } from "./options";
import { ok, type Route, type RouteContext } from "./routing";
import { type EventDefinitionRecord, type PropertyOption, type SentEvent } from "./store";
import { isValidEmail } from "./values";

const MAX_EVENTS_PER_BATCH = 500;

function noCustomEvents(): SandboxReply {
  return errorReply(
    403,
    "MISSING_SCOPES",
    "This account does not have access to custom behavioral events (Marketing Hub Enterprise).",
    {
      subCategory: "FEATURE_NOT_AVAILABLE",
    },
  );
}

function eventProblem(context: RouteContext, event: SentEvent): string | null {
  const prefix = `pe${context.store.portalId}_`;
  if (!event.eventName.startsWith(prefix))
    return `eventName ${event.eventName} is not an event of portal ${context.store.portalId}`;
  // Occurrences need a definition, and only its properties may be sent.
  const definition = context.store.eventDefinitions.get(event.eventName.slice(prefix.length));
  if (!definition) return `Event definition ${event.eventName} was not found`;
  const unknown = Object.keys(event.properties ?? {}).filter(
    (name) => !definition.properties.some((property) => property.name === name),
  );
  if (unknown.length) return `Properties [${unknown.join(", ")}] are not defined on event ${event.eventName}`;
  const notAnOption = definition.properties.find((property) => {
    const value = event.properties?.[property.name];
    return (
      property.type === "enumeration" &&
      value !== undefined &&
      !(property.options ?? []).some((option) => option.value === value)
    );
  });
  if (notAnOption) {
    const allowed = (notAnOption.options ?? []).map((option) => option.value).join(", ");
    return `${JSON.stringify(event.properties?.[notAnOption.name])} was not one of the allowed options for ${notAnOption.name}: [${allowed}]`;
  }
  if (!event.email && !event.objectId && !event.utk) return "one of email, objectId or utk is required";
  if (event.email && !isValidEmail(event.email)) return `Email address ${event.email} is invalid`;
  return null;
}

/** Required by the spec's ExternalBehavioralEventTypeDefinitionEgg (the create body). */
const DEFINITION_REQUIRED = ["includeDefaultProperties", "label", "propertyDefinitions"];

/** HubSpot refuses a create body without a required field before it looks at anything else. */
function missingRequiredReply(body: unknown): SandboxReply | null {
  const input = (typeof body === "object" && body !== null ? body : {}) as Record<string, unknown>;
  const missing = DEFINITION_REQUIRED.filter((field) => input[field] === undefined || input[field] === null);
  if (!missing.length) return null;
  return errorReply(
    400,
    "VALIDATION_ERROR",
    `Invalid input JSON on line 1, column 1: Cannot build ExternalBehavioralEventTypeDefinitionEgg, some of required attributes are not set [${missing.join(", ")}]`,
  );
}

const DEFINITION_NAME = /^[a-z][a-z0-9_]{0,49}$/;
const PROPERTY_TYPES = ["string", "number", "enumeration", "datetime", "bool"];

function propertyProblem(property: Partial<EventDefinitionRecord["properties"][number]> | undefined): string | null {
  if (!property?.name || !/^[a-z][a-z0-9_]*$/.test(property.name))
    return `property name ${JSON.stringify(property?.name)} must be lower case letters, digits and _`;
  if (!property.label) return `property ${property.name} needs a label`;
  if (!PROPERTY_TYPES.includes(property.type ?? ""))
    return `property ${property.name} has an unknown type ${JSON.stringify(property.type)}`;
  if (property.type === "enumeration" && !property.options?.length)
    return `enumeration property ${property.name} needs options`;
  return null;
}

function definitionProblem(
  input: Partial<EventDefinitionRecord> & { propertyDefinitions?: EventDefinitionRecord["properties"] },
): string | null {
  if (!input.name || !DEFINITION_NAME.test(input.name))
    return `name ${JSON.stringify(input.name)} must be lower case letters, digits and _ (at most 50)`;
  if (!input.label) return "label is required";
  if (!["CONTACT", "COMPANY", "DEAL", "TICKET"].includes(input.primaryObject ?? ""))
    return `primaryObject ${JSON.stringify(input.primaryObject)} is not an object events can be tied to`;
  for (const property of input.propertyDefinitions ?? []) {
    const problem = propertyProblem(property);
    if (problem) return problem;
  }
  return null;
}

type EventProperty = EventDefinitionRecord["properties"][number];

/** An event property as the spec's `Property` shape (the fields it requires, plus HubSpot's usual flags). */
function publicEventProperty(definition: EventDefinitionRecord, property: EventProperty) {
  return {
    name: property.name,
    label: property.label,
    type: property.type,
    description: property.description ?? "",
    fieldType: property.type === "enumeration" ? "select" : "text",
    groupName: definition.fullyQualifiedName,
    options: publicOptions(property.options),
    hidden: false,
  };
}

function definitionNotFound(name: string): SandboxReply {
  return errorReply(404, "OBJECT_NOT_FOUND", `Event definition ${name} was not found`);
}

function publicDefinition(definition: EventDefinitionRecord) {
  return {
    id: `${definition.fullyQualifiedName}-id`,
    name: definition.name,
    labels: { singular: definition.label, plural: null },
    description: definition.description ?? "",
    fullyQualifiedName: definition.fullyQualifiedName,
    primaryObject: definition.primaryObject,
    trackingType: "MANUAL",
    archived: false,
    createdAt: definition.createdAt,
    properties: definition.properties.map((property) => publicEventProperty(definition, property)),
    associations: [],
  };
}

export const eventRoutes: Route[] = [
  {
    method: "GET",
    path: "/events/v3/event-definitions",
    handle(context) {
      if (!context.account.customEvents) return noCustomEvents();
      const results = [...context.store.eventDefinitions.values()].map(publicDefinition);
      return ok({ results, total: results.length });
    },
  },
  {
    method: "GET",
    path: "/events/v3/event-definitions/{eventName}",
    handle(context) {
      if (!context.account.customEvents) return noCustomEvents();
      const definition = context.store.eventDefinitions.get(context.params.eventName as string);
      return definition ? ok(publicDefinition(definition)) : definitionNotFound(context.params.eventName as string);
    },
  },
  {
    method: "POST",
    path: "/events/v3/event-definitions",
    handle(context) {
      if (!context.account.customEvents) return noCustomEvents();
      const missing = missingRequiredReply(context.body);
      if (missing) return missing;
      const input = context.body as Partial<EventDefinitionRecord> & {
        propertyDefinitions?: EventDefinitionRecord["properties"];
      };
      const problem = definitionProblem(input);
      if (problem) return errorReply(400, "VALIDATION_ERROR", problem);
      const name = input.name as string;
      if (context.store.eventDefinitions.has(name))
        return errorReply(409, "CONFLICT", `An event definition named ${name} already exists`);
      const definition: EventDefinitionRecord = {
        name,
        label: input.label as string,
        description: input.description,
        fullyQualifiedName: `pe${context.store.portalId}_${name}`,
        primaryObject: input.primaryObject as string,
        properties: (input.propertyDefinitions ?? []).map(({ name: propertyName, label, type, options }) => ({
          name: propertyName,
          label,
          type,
          ...(options ? { options: storedOptions(options) } : {}),
        })),
        createdAt: new Date(context.now).toISOString(),
      };
      context.store.eventDefinitions.set(name, definition);
      return ok(publicDefinition(definition), 201);
    },
  },
  {
    method: "POST",
    path: "/events/v3/event-definitions/{eventName}/property",
    handle(context) {
      if (!context.account.customEvents) return noCustomEvents();
      const definition = context.store.eventDefinitions.get(context.params.eventName as string);
      if (!definition) return definitionNotFound(context.params.eventName as string);
      const property = context.body as EventDefinitionRecord["properties"][number];
      const problem = propertyProblem(property);
      if (problem) return errorReply(400, "VALIDATION_ERROR", problem);
      if (definition.properties.some((existing) => existing.name === property.name))
        return errorReply(409, "CONFLICT", `Property ${property.name} already exists on ${definition.name}`);
      definition.properties.push({
        name: property.name,
        label: property.label,
        type: property.type,
        ...(property.options ? { options: storedOptions(property.options) } : {}),
      });
      return ok({ ...property, createdAt: new Date(context.now).toISOString() }, 201);
    },
  },
  {
    method: "PATCH",
    path: "/events/v3/event-definitions/{eventName}/property/{propertyName}",
    handle(context) {
      if (!context.account.customEvents) return noCustomEvents();
      const definition = context.store.eventDefinitions.get(context.params.eventName as string);
      if (!definition) return definitionNotFound(context.params.eventName as string);
      const property = definition.properties.find((candidate) => candidate.name === context.params.propertyName);
      if (!property)
        return errorReply(
          404,
          "OBJECT_NOT_FOUND",
          `Property ${context.params.propertyName} was not found on event ${definition.name}`,
        );
      const problems = eventPropertyPatchProblems(context.body);
      if (problems.length) return invalidInputReply(problems);
      const patch = context.body as { label?: string; description?: string; options?: PropertyOption[] };
      if (patch.options && property.type !== "enumeration") {
        return errorReply(
          400,
          "VALIDATION_ERROR",
          `options apply to enumeration properties only; ${property.name} is ${property.type}`,
        );
      }
      if (patch.options?.length === 0)
        return errorReply(400, "VALIDATION_ERROR", `enumeration property ${property.name} needs options`);
      // Provided fields overwrite: options given replace the whole list.
      if (patch.label !== undefined) property.label = patch.label;
      if (patch.description !== undefined) property.description = patch.description;
      if (patch.options) property.options = storedOptions(patch.options);
      return ok(publicEventProperty(definition, property), 201);
    },
  },
  {
    method: "POST",
    path: "/events/v3/send",
    model: ["events/send", "BehavioralEventHttpCompletionRequest"],
    handle(context) {
      if (!context.account.customEvents) return noCustomEvents();
      const event = context.body as SentEvent;
      const problem = eventProblem(context, event);
      if (problem) return errorReply(400, "VALIDATION_ERROR", problem);
      context.store.events.push(event);
      return { status: 204 };
    },
  },
  {
    method: "POST",
    path: "/events/v3/send/batch",
    model: ["events/send", "BatchedBehavioralEventHttpCompletionRequest"],
    handle(context) {
      if (!context.account.customEvents) return noCustomEvents();
      const { inputs } = context.body as { inputs: SentEvent[] };
      if (inputs.length > MAX_EVENTS_PER_BATCH)
        return errorReply(400, "VALIDATION_ERROR", `at most ${MAX_EVENTS_PER_BATCH} events per batch`);
      for (const event of inputs) {
        const problem = eventProblem(context, event);
        if (problem) return errorReply(400, "VALIDATION_ERROR", problem);
      }
      context.store.events.push(...inputs);
      return { status: 204 };
    },
  },
];
