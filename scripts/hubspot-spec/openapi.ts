/**
 * HubSpot's published OpenAPI files (HubSpot/HubSpot-public-api-spec-collection), read from a folder
 * the caller fetched: never from the repository (its licence allows reading and checking, not copying).
 * Finds the operation a recorded request was sent to and checks the body against its request schema,
 * the subset of JSON Schema HubSpot's files use (types, required, properties, additionalProperties,
 * enum, items, $ref, allOf/anyOf/oneOf). No validator library: the dependencies the repo has do not
 * include one, and this subset is small.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

type Schema = Record<string, unknown>;
type Document = {
  paths?: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, Schema> };
};
type Operation = {
  requestBody?: { content?: Record<string, { schema?: Schema }>; required?: boolean };
  security?: Array<Record<string, string[]>>;
  parameters?: Array<{ name: string; in: string; required?: boolean }>;
};

export type SpecOperation = {
  file: string;
  method: string;
  template: string;
  pattern: RegExp;
  literalChars: number;
  operation: Operation;
  document: Document;
};

function jsonFiles(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const full = path.join(folder, name);
    if (statSync(full).isDirectory()) return jsonFiles(full);
    return name.endsWith(".json") ? [full] : [];
  });
}

/**
 * Every operation of every OpenAPI file under `folder` (Postman collections beside them are skipped);
 * with `version`, only the files of that rollout (…/Rollouts/<id>/<version>/…).
 */
export function loadOperations(folder: string, version?: string): SpecOperation[] {
  const operations: SpecOperation[] = [];
  for (const file of jsonFiles(folder)) {
    if (version && !path.relative(folder, file).split(path.sep).includes(version)) continue;
    let document: Document & { openapi?: string };
    try {
      document = JSON.parse(readFileSync(file, "utf8")) as Document & { openapi?: string };
    } catch {
      continue;
    }
    if (!document.openapi || !document.paths) continue;
    for (const [template, methods] of Object.entries(document.paths)) {
      const source = template
        .split(/\{[^}]+\}/)
        .map((part) => part.replace(/[.*+?^$()|[\]\\]/g, "\\$&"))
        .join("[^/]+");
      for (const [method, operation] of Object.entries(methods)) {
        if (!["get", "post", "put", "patch", "delete"].includes(method)) continue;
        operations.push({
          file: path.relative(folder, file),
          method: method.toUpperCase(),
          template,
          pattern: new RegExp(`^${source}/?$`),
          literalChars: template.replace(/\{[^}]+\}/g, "").length,
          operation,
          document,
        });
      }
    }
  }
  return operations;
}

/** HubSpot's object type ids for the standard objects ChatLift writes. */
const OBJECT_TYPE_IDS: Record<string, string> = {
  contacts: "0-1",
  companies: "0-2",
  deals: "0-3",
  tickets: "0-5",
  tasks: "0-27",
  notes: "0-46",
};

/** The operations a request matches, most specific first (the most literal characters in the template). */
export function operationsFor(operations: SpecOperation[], method: string, requestPath: string): SpecOperation[] {
  // Some files name a standard object by its type id (Deals: /crm/objects/2026-03/0-3/…): the same endpoint.
  const byTypeId = requestPath.replace(
    /^(\/crm\/(?:v\d+\/objects|objects\/\d{4}-\d{2})\/)([a-z_]+)(?=\/|$)/,
    (whole, prefix: string, name: string) => (OBJECT_TYPE_IDS[name] ? `${prefix}${OBJECT_TYPE_IDS[name]}` : whole),
  );
  const found = operations.filter(
    (op) => op.method === method && (op.pattern.test(requestPath) || op.pattern.test(byTypeId)),
  );
  const best = Math.max(...found.map((op) => op.literalChars));
  return found.filter((op) => op.literalChars === best);
}

/** The scope sets the operation accepts (any one set suffices). */
export function scopeSets(operation: SpecOperation): string[][] {
  return (operation.operation.security ?? []).map((entry) => Object.values(entry).flat());
}

function resolve(document: Document, schema: Schema): Schema {
  let current = schema;
  for (let hops = 0; typeof current.$ref === "string" && hops < 20; hops += 1) {
    const name = (current.$ref as string).replace("#/components/schemas/", "");
    current = document.components?.schemas?.[name] ?? {};
  }
  return current;
}

function typeOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  return typeof value;
}

/** Problems of `value` against `schema`, each naming where in the body it is. */
export function checkValue(document: Document, raw: Schema, value: unknown, at = "body"): string[] {
  const schema = resolve(document, raw);
  if (Array.isArray(schema.allOf))
    return (schema.allOf as Schema[]).flatMap((part) => checkValue(document, part, value, at));
  for (const key of ["anyOf", "oneOf"] as const) {
    const options = schema[key];
    if (Array.isArray(options)) {
      const results = (options as Schema[]).map((part) => checkValue(document, part, value, at));
      return results.some((problems) => problems.length === 0) ? [] : [`${at}: matches none of ${key}`];
    }
  }
  if (value === null && schema.nullable) return [];
  const type = schema.type as string | undefined;
  const actual = typeOf(value);
  if (type && !(type === actual || (type === "number" && actual === "integer")))
    return [`${at}: expected ${type}, got ${actual}`];
  if (Array.isArray(schema.enum) && !schema.enum.includes(value))
    return [`${at}: ${JSON.stringify(value)} is not one of ${JSON.stringify(schema.enum)}`];
  if (actual === "array" && schema.items)
    return (value as unknown[]).flatMap((item, index) =>
      checkValue(document, schema.items as Schema, item, `${at}[${index}]`),
    );
  if (actual !== "object") return [];
  const object = value as Record<string, unknown>;
  const problems: string[] = [];
  for (const name of (schema.required as string[] | undefined) ?? [])
    if (!(name in object)) problems.push(`${at}.${name}: required by the spec, missing`);
  const properties = (schema.properties as Record<string, Schema> | undefined) ?? {};
  for (const [name, item] of Object.entries(object)) {
    if (properties[name]) problems.push(...checkValue(document, properties[name], item, `${at}.${name}`));
    else if (schema.additionalProperties === false || (schema.properties && schema.additionalProperties === undefined))
      problems.push(`${at}.${name}: not in the spec`);
    else if (typeof schema.additionalProperties === "object")
      problems.push(...checkValue(document, schema.additionalProperties as Schema, item, `${at}.${name}`));
  }
  return problems;
}

/** Problems of a request body against the operation's request schema (JSON bodies only). */
export function checkBody(operation: SpecOperation, body: unknown): string[] {
  const content = operation.operation.requestBody?.content;
  const schema = content?.["application/json"]?.schema;
  if (!schema) return body === undefined || content ? [] : ["body: the operation takes none"];
  if (body === undefined) return operation.operation.requestBody?.required ? ["body: required, missing"] : [];
  return checkValue(operation.document, schema, body);
}
