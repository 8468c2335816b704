/**
 * Why: enumeration options are where a stale portal and ChatLift disagree, so the sandbox keeps
 * them as HubSpot does (displayOrder, hidden and description as last written, never renumbered)
 * and checks option lists the way HubSpot's OpenAPI specs declare them. The CRM properties
 * endpoints are checked against the SDK's models (model-check.ts); the event-definition endpoints
 * have no SDK class, so their `OptionInput` (events spec: displayOrder, hidden, label and value
 * required; description optional) is checked here.
 */
import type { PropertyOption } from "./store";

/** Options as HubSpot returns them: every field present; an option never ordered keeps its place. */
export function publicOptions(options: PropertyOption[] | undefined) {
  return (options ?? []).map((option, index) => ({
    label: option.label,
    value: option.value,
    description: option.description ?? "",
    displayOrder: option.displayOrder ?? index,
    hidden: option.hidden ?? false,
  }));
}

/** Just the fields HubSpot stores of an option input (the rest was refused before). */
export function storedOptions(options: PropertyOption[]): PropertyOption[] {
  return options.map(({ label, value, displayOrder, hidden, description }) => ({
    label,
    value,
    ...(displayOrder === undefined ? {} : { displayOrder }),
    ...(hidden === undefined ? {} : { hidden }),
    ...(description === undefined ? {} : { description }),
  }));
}

type Field = { type: "string" | "integer" | "boolean"; required: boolean };

/** The events spec's OptionInput. */
const EVENT_OPTION_INPUT: Record<string, Field> = {
  label: { type: "string", required: true },
  value: { type: "string", required: true },
  displayOrder: { type: "integer", required: true },
  hidden: { type: "boolean", required: true },
  description: { type: "string", required: false },
};

/** The events spec's ExternalBehavioralEventPropertyDefinitionPatch (nothing required; options checked apart). */
const EVENT_PROPERTY_PATCH: Record<string, Field> = {
  label: { type: "string", required: false },
  description: { type: "string", required: false },
};

function fieldProblems(value: unknown, fields: Record<string, Field>, at: string, extra: string[] = []): string[] {
  const where = (key: string) => (at ? `${at}.${key}` : key);
  if (typeof value !== "object" || value === null || Array.isArray(value))
    return [`${at || "body"}: expected an object`];
  const record = value as Record<string, unknown>;
  const problems = Object.keys(record)
    .filter((key) => !(key in fields) && !extra.includes(key))
    .map((key) => `Unrecognized field "${where(key)}"`);
  for (const [key, field] of Object.entries(fields)) {
    const found = record[key];
    if (found === undefined || found === null) {
      if (field.required) problems.push(`${where(key)}: required field is missing`);
      continue;
    }
    const fits = field.type === "integer" ? Number.isInteger(found) : typeof found === field.type;
    if (!fits) problems.push(`${where(key)}: expected ${field.type === "integer" ? "an integer" : `a ${field.type}`}`);
  }
  return problems;
}

/** Problems with a PATCH /events/v3/event-definitions/{eventName}/property/{propertyName} body; empty when it conforms. */
export function eventPropertyPatchProblems(body: unknown): string[] {
  const problems = fieldProblems(body, EVENT_PROPERTY_PATCH, "", ["options"]);
  const options = (body as { options?: unknown } | null)?.options;
  if (problems.length || options === undefined || options === null) return problems;
  if (!Array.isArray(options)) return ["options: expected an array"];
  return options.flatMap((option, index) => fieldProblems(option, EVENT_OPTION_INPUT, `options[${index}]`));
}
