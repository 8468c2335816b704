/**
 * Property values as HubSpot checks them on write: by the property's type, by its options (an
 * enumeration value must be one of them), and by what it refers to (an owner, a pipeline, a
 * stage, a currency the portal has). Problems come back as HubSpot lists them inside its "Property values were not valid".
 */
import type { PropertyProblem } from "./errors";
import { LIFECYCLE_ORDER, propertiesOf, type PropertyDefinition, type SandboxStore } from "./store";

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/;

export function isValidEmail(value: string): boolean {
  return value.length <= 254 && EMAIL.test(value);
}

function problem(name: string, error: string, message: string): PropertyProblem {
  return { isValid: false, message, error, name };
}

function checkValue(definition: PropertyDefinition, value: string): PropertyProblem | null {
  const { name } = definition;
  if (name === "email" && !isValidEmail(value))
    return problem(name, "INVALID_EMAIL", `Email address ${value} is invalid`);
  switch (definition.type) {
    case "number":
      return /^-?\d+(\.\d+)?$/.test(value)
        ? null
        : problem(name, "INVALID_DECIMAL", `${JSON.stringify(value)} is not a valid number.`);
    case "bool":
      return value === "true" || value === "false"
        ? null
        : problem(name, "INVALID_BOOLEAN", `${JSON.stringify(value)} is not a valid boolean value.`);
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
        : problem(
            name,
            "INVALID_OPTION",
            `${JSON.stringify(bad[0])} was not one of the allowed options: [${[...allowed].join(", ")}]`,
          );
    }
    default:
      return value.length > 65_536 ? problem(name, "INVALID_STRING", "value is longer than 65536 characters") : null;
  }
}

/** Problems with property values, as HubSpot lists them: unknown names and values the type refuses. */
export function checkProperties(
  store: SandboxStore,
  objectType: string,
  values: Record<string, string>,
): PropertyProblem[] {
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
function referenceProblem(
  store: SandboxStore,
  objectType: string,
  name: string,
  value: string,
  values: Record<string, string>,
): PropertyProblem | null {
  if (name === "hubspot_owner_id" && !store.owners.some((owner) => owner.id === value))
    return problem(name, "INVALID_OWNER_ID", `${value} is not a valid owner id`);
  if (objectType !== "deals") return null;
  // A deal's currency is one the portal has (its company currency or an additional one), nothing else.
  if (name === "deal_currency_code" && !store.dealCurrencies().includes(value))
    return problem(
      name,
      "INVALID_OPTION",
      `${JSON.stringify(value)} was not one of the allowed options: [${store.dealCurrencies().join(", ")}]`,
    );
  const live = store.pipelines.filter((pipeline) => !pipeline.archived);
  if (name === "pipeline" && !live.some((pipeline) => pipeline.id === value)) {
    return problem(
      name,
      "INVALID_OPTION",
      `${JSON.stringify(value)} was not one of the allowed options: [${live.map((pipeline) => pipeline.id).join(", ")}]`,
    );
  }
  if (name === "dealstage") {
    const pipeline = live.find((candidate) => candidate.id === (values.pipeline ?? "default"));
    const stages = pipeline?.stages.filter((stage) => !stage.archived).map((stage) => stage.id) ?? [];
    if (!stages.includes(value))
      return problem(
        name,
        "INVALID_OPTION",
        `${JSON.stringify(value)} was not one of the allowed options: [${stages.join(", ")}]`,
      );
  }
  return null;
}

/**
 * Lifecycle stages move forward only through the API: an earlier stage than the contact has is
 * dropped without an error (clearing with "" first is how HubSpot lets a stage go back).
 */
export function withoutBackwardLifecycle(
  current: Record<string, string>,
  incoming: Record<string, string>,
): Record<string, string> {
  const from = LIFECYCLE_ORDER.indexOf(current.lifecyclestage ?? "");
  const to = LIFECYCLE_ORDER.indexOf(incoming.lifecyclestage ?? "");
  if (from < 0 || to < 0 || to >= from) return incoming;
  const { lifecyclestage: _dropped, ...rest } = incoming;
  return rest;
}
