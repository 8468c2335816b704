/**
 * Property groups and properties: create (409 when the name exists), read, update, batch read and
 * batch create. The update follows the CRM properties spec (PATCH /crm/v3/properties/{objectType}/
 * {propertyName}, body `PropertyUpdate`): a partial update where each provided field overwrites
 * the stored one, so `options` replaces the whole list; 404 for a property the account lacks.
 */
import { errorReply, invalidInputReply } from "./errors";
import { checkAgainstModel } from "./model-check";
import { publicOptions, storedOptions } from "./options";
import { ok, type Route, type RouteContext } from "./routing";
import { groupsOf, propertiesOf, type PropertyDefinition, type PropertyOption } from "./store";

type PropertyInput = Omit<PropertyDefinition, "createdAt" | "updatedAt" | "hubspotDefined">;

function publicProperty(definition: PropertyDefinition) {
  return {
    name: definition.name,
    label: definition.label,
    type: definition.type,
    fieldType: definition.fieldType,
    description: definition.description ?? "",
    groupName: definition.groupName,
    options: publicOptions(definition.options),
    hasUniqueValue: definition.hasUniqueValue ?? false,
    hidden: definition.hidden ?? false,
    formField: definition.formField ?? false,
    ...(definition.displayOrder === undefined ? {} : { displayOrder: definition.displayOrder }),
    ...definition.display,
    calculated: false,
    externalOptions: false,
    hubspotDefined: definition.hubspotDefined ?? false,
    createdAt: definition.createdAt,
    updatedAt: definition.updatedAt,
    modificationMetadata: {
      archivable: true,
      readOnlyDefinition: definition.hubspotDefined ?? false,
      readOnlyValue: false,
    },
  };
}

function notFound(message: string) {
  return errorReply(404, "OBJECT_NOT_FOUND", message);
}

function alreadyExists(objectType: string, name: string) {
  return errorReply(409, "OBJECT_ALREADY_EXISTS", `A property named '${name}' already exists on ${objectType}.`, {
    subCategory: "Properties.PROPERTY_EXISTS",
    context: { name: [name] },
  });
}

/**
 * The fieldTypes HubSpot accepts for each type (CRM properties guide, "Property type and fieldType
 * values"; enforced by the v3 endpoints since February 2021).
 */
const FIELD_TYPES: Record<string, readonly string[]> = {
  bool: ["booleancheckbox", "calculation_equation"],
  enumeration: ["booleancheckbox", "checkbox", "radio", "select", "calculation_equation"],
  date: ["date"],
  datetime: ["date"],
  string: ["file", "text", "textarea", "calculation_equation", "html", "phonenumber"],
  number: ["number", "calculation_equation"],
  phone_number: ["phonenumber"],
};

/** Problems that make HubSpot refuse a property definition beyond its JSON shape. */
function definitionProblem(context: RouteContext, input: PropertyInput): string | null {
  const objectType = context.params.objectType as string;
  if (!/^[a-z][a-z0-9_]*$/.test(input.name))
    return `Property name '${input.name}' must be lowercase letters, digits and underscores`;
  if (!groupsOf(context.store, objectType).has(input.groupName))
    return `Property group '${input.groupName}' does not exist on ${objectType}`;
  const fieldTypes = FIELD_TYPES[input.type];
  if (fieldTypes && !fieldTypes.includes(input.fieldType))
    return `Property '${input.name}' of type ${input.type} cannot have fieldType ${input.fieldType}: use one of ${fieldTypes.join(", ")}`;
  if (input.type === "enumeration" && !input.options?.length && input.fieldType !== "select") {
    return `Enumeration property '${input.name}' needs options`;
  }
  return null;
}

function createProperty(context: RouteContext, input: PropertyInput): PropertyDefinition {
  const at = new Date(context.now).toISOString();
  const definition: PropertyDefinition = {
    ...input,
    ...(input.options ? { options: storedOptions(input.options) } : {}),
    createdAt: at,
    updatedAt: at,
  };
  propertiesOf(context.store, context.params.objectType as string).set(input.name, definition);
  return definition;
}

/** The spec's PropertyUpdate fields stored as they are; the rest are display settings returned as written. */
type PropertyUpdate = Partial<
  Pick<
    PropertyDefinition,
    "label" | "description" | "groupName" | "type" | "fieldType" | "hidden" | "formField" | "displayOrder"
  >
> & {
  options?: PropertyOption[];
  [display: string]: unknown;
};

function updateProperty(context: RouteContext, existing: PropertyDefinition, patch: PropertyUpdate) {
  const { label, description, groupName, type, fieldType, hidden, formField, displayOrder, options, ...display } =
    patch;
  if (existing.hubspotDefined && Object.keys(patch).some((key) => key !== "options")) {
    // publicProperty reports readOnlyDefinition for HubSpot's own properties: only their options may change.
    return errorReply(
      400,
      "VALIDATION_ERROR",
      `Property ${existing.name} is defined by HubSpot: only its options can be updated`,
    );
  }
  const given = { label, description, groupName, type, fieldType, hidden, formField, displayOrder };
  const updated: PropertyDefinition = {
    ...existing,
    ...Object.fromEntries(Object.entries(given).filter(([, value]) => value !== undefined)),
    ...(options ? { options: storedOptions(options) } : {}),
    display: { ...existing.display, ...display },
    updatedAt: new Date(context.now).toISOString(),
  };
  const problem = definitionProblem(context, updated);
  if (problem) return errorReply(400, "VALIDATION_ERROR", problem);
  propertiesOf(context.store, context.params.objectType as string).set(existing.name, updated);
  return ok(publicProperty(updated));
}

export const propertyRoutes: Route[] = [
  {
    method: "GET",
    path: "/crm/v3/properties/{objectType}/groups/{groupName}",
    handle(context) {
      const group = groupsOf(context.store, context.params.objectType as string).get(
        context.params.groupName as string,
      );
      return group ? ok(group) : notFound(`Unable to find property group ${context.params.groupName}`);
    },
  },
  {
    method: "POST",
    path: "/crm/v3/properties/{objectType}/groups",
    model: ["crm/properties", "PropertyGroupCreate"],
    handle(context) {
      const input = context.body as { name: string; label: string; displayOrder?: number };
      const groups = groupsOf(context.store, context.params.objectType as string);
      if (groups.has(input.name)) {
        return errorReply(409, "OBJECT_ALREADY_EXISTS", `A property group named '${input.name}' already exists.`, {
          subCategory: "PropertyGroupError.GROUP_EXISTS",
        });
      }
      const group = { name: input.name, label: input.label, displayOrder: input.displayOrder ?? -1, archived: false };
      groups.set(input.name, group);
      return ok(group, 201);
    },
  },
  {
    method: "GET",
    path: "/crm/v3/properties/{objectType}/{propertyName}",
    handle(context) {
      const definition = propertiesOf(context.store, context.params.objectType as string).get(
        context.params.propertyName as string,
      );
      return definition
        ? ok(publicProperty(definition))
        : notFound(`Unable to find property ${context.params.propertyName}`);
    },
  },
  {
    method: "PATCH",
    path: "/crm/v3/properties/{objectType}/{propertyName}",
    model: ["crm/properties", "PropertyUpdate"],
    handle(context) {
      const existing = propertiesOf(context.store, context.params.objectType as string).get(
        context.params.propertyName as string,
      );
      if (!existing) return notFound(`Unable to find property ${context.params.propertyName}`);
      return updateProperty(context, existing, context.body as PropertyUpdate);
    },
  },
  {
    method: "POST",
    path: "/crm/v3/properties/{objectType}",
    model: ["crm/properties", "PropertyCreate"],
    handle(context) {
      const input = context.body as PropertyInput;
      const objectType = context.params.objectType as string;
      if (propertiesOf(context.store, objectType).has(input.name)) return alreadyExists(objectType, input.name);
      const problem = definitionProblem(context, input);
      if (problem) return errorReply(400, "VALIDATION_ERROR", problem);
      return ok(publicProperty(createProperty(context, input)), 201);
    },
  },
  {
    method: "POST",
    path: "/crm/v3/properties/{objectType}/batch/read",
    handle(context) {
      // HubSpot's spec requires dataSensitivity here, which SDK 14's model lacks: checked beside the model.
      const { dataSensitivity, ...rest } = (context.body ?? {}) as { dataSensitivity?: unknown };
      const problems = checkAgainstModel("crm/properties", "BatchReadInputPropertyName", rest);
      if (!["non_sensitive", "sensitive", "highly_sensitive"].includes(dataSensitivity as string))
        problems.push("dataSensitivity: required, one of non_sensitive, sensitive, highly_sensitive");
      if (problems.length) return invalidInputReply(problems);
      const { inputs } = context.body as { inputs: Array<{ name: string }> };
      const definitions = propertiesOf(context.store, context.params.objectType as string);
      const found = inputs.map((input) => definitions.get(input.name)).filter((value) => value !== undefined);
      const missing = inputs.map((input) => input.name).filter((name) => !definitions.has(name));
      const at = new Date(context.now).toISOString();
      const body = { status: "COMPLETE", results: found.map(publicProperty), startedAt: at, completedAt: at };
      if (missing.length === 0) return ok(body);
      const errors = [
        {
          status: "error",
          category: "OBJECT_NOT_FOUND",
          message: "Some properties do not exist",
          context: { names: missing },
          errors: [],
          links: {},
        },
      ];
      return ok({ ...body, numErrors: missing.length, errors }, 207);
    },
  },
  {
    method: "POST",
    path: "/crm/v3/properties/{objectType}/batch/create",
    model: ["crm/properties", "BatchInputPropertyCreate"],
    handle(context) {
      const { inputs } = context.body as { inputs: PropertyInput[] };
      const objectType = context.params.objectType as string;
      const definitions = propertiesOf(context.store, objectType);
      const existing = inputs.find((input) => definitions.has(input.name));
      if (existing) return alreadyExists(objectType, existing.name);
      for (const input of inputs) {
        const problem = definitionProblem(context, input);
        if (problem) return errorReply(400, "VALIDATION_ERROR", problem);
      }
      const results = inputs.map((input) => publicProperty(createProperty(context, input)));
      const at = new Date(context.now).toISOString();
      return ok({ status: "COMPLETE", results, startedAt: at, completedAt: at }, 201);
    },
  },
];
