/**
 * Checks a request body against the SDK's own generated model classes, so the sandbox rejects
 * exactly what HubSpot's schema would: a missing required field, a wrong type, a value outside an
 * enum, or a field the model does not know. Types come from each class's `attributeTypeMap`;
 * whether a field is required is only written in the class's `.d.ts` (`'name'?:` is optional),
 * so that file is read once per model.
 *
 * The sandbox is test infrastructure: it reads the SDK's codegen folder directly, which is why it
 * is the one place besides the adapter that loads @hubspot/api-client files.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

const require = createRequire(import.meta.url);
const codegenRoot = path.join(path.dirname(require.resolve("@hubspot/api-client/package.json")), "lib", "codegen");

type Attribute = { name: string; baseName: string; type: string };
type ModelClass = { getAttributeTypeMap(): Attribute[] };
type LoadedModel = { attributes: Attribute[]; required: Set<string> };

/** A codegen module, e.g. "crm/contacts", "crm/properties", "events/send". */
export type CodegenModule = string;

const cache = new Map<string, LoadedModel | null>();
const enumCache = new Map<string, string[] | null>();

function modelFile(module: CodegenModule, name: string, ext: ".js" | ".d.ts"): string {
  return path.join(codegenRoot, module, "models", `${name}${ext}`);
}

function loadModel(module: CodegenModule, name: string): LoadedModel | null {
  const key = `${module}:${name}`;
  if (cache.has(key)) return cache.get(key) ?? null;
  let loaded: LoadedModel | null = null;
  try {
    const exported = require(modelFile(module, name, ".js")) as Record<string, ModelClass | undefined>;
    const model = exported[name];
    if (model && typeof model.getAttributeTypeMap === "function") {
      const declaration = readFileSync(modelFile(module, name, ".d.ts"), "utf8");
      const required = new Set<string>();
      for (const match of declaration.matchAll(/^\s+'([^']+)'(\?)?:/gm)) {
        if (!match[2] && match[1]) required.add(match[1]);
      }
      loaded = { attributes: model.getAttributeTypeMap(), required };
    }
  } catch {
    loaded = null;
  }
  cache.set(key, loaded);
  return loaded;
}

/** Enum types are exported beside their model: `PropertyCreateTypeEnum` lives in PropertyCreate.js. */
function loadEnum(module: CodegenModule, type: string): string[] | null {
  const key = `${module}:${type}`;
  if (enumCache.has(key)) return enumCache.get(key) ?? null;
  let values: string[] | null = null;
  for (let cut = type.length - "Enum".length; cut > 0 && !values; cut -= 1) {
    try {
      const exported = require(modelFile(module, type.slice(0, cut), ".js")) as Record<string, unknown>;
      const found = exported[type];
      if (found && typeof found === "object") values = Object.values(found as Record<string, string>);
    } catch {
      // not this prefix; try a shorter one
    }
  }
  enumCache.set(key, values);
  return values;
}

function describe(value: unknown): string {
  if (value === null) return "null";
  return Array.isArray(value) ? "array" : typeof value;
}

function checkValue(module: CodegenModule, type: string, value: unknown, at: string, problems: string[]): void {
  const arrayMatch = /^Array<(.+)>$/.exec(type);
  if (arrayMatch?.[1]) {
    if (!Array.isArray(value)) return void problems.push(`${at}: expected an array, got ${describe(value)}`);
    value.forEach((item, index) => checkValue(module, arrayMatch[1] as string, item, `${at}[${index}]`, problems));
    return;
  }
  const mapMatch = /^\{ \[key: string\]: (.+); \}$/.exec(type);
  if (mapMatch?.[1]) {
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
      return void problems.push(`${at}: expected an object, got ${describe(value)}`);
    }
    for (const [key, item] of Object.entries(value)) checkValue(module, mapMatch[1], item, `${at}.${key}`, problems);
    return;
  }
  switch (type) {
    case "string":
      if (typeof value !== "string") problems.push(`${at}: expected a string, got ${describe(value)}`);
      return;
    case "number":
      if (typeof value !== "number" || !Number.isFinite(value))
        problems.push(`${at}: expected a number, got ${describe(value)}`);
      return;
    case "boolean":
      if (typeof value !== "boolean") problems.push(`${at}: expected a boolean, got ${describe(value)}`);
      return;
    case "Date":
      if (typeof value !== "string" || Number.isNaN(Date.parse(value)))
        problems.push(`${at}: expected an ISO date-time`);
      return;
    case "any":
      return;
  }
  if (type.endsWith("Enum")) {
    const values = loadEnum(module, type);
    if (values && !values.includes(value as string))
      problems.push(`${at}: ${JSON.stringify(value)} is not one of ${values.join(", ")}`);
    return;
  }
  const problemsBefore = problems.length;
  checkModel(module, type, value, at, problems);
  if (problems.length === problemsBefore && !loadModel(module, type)) {
    throw new Error(`model ${module}/${type} not found in @hubspot/api-client`);
  }
}

function checkModel(module: CodegenModule, name: string, value: unknown, at: string, problems: string[]): void {
  const model = loadModel(module, name);
  if (!model) return;
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    problems.push(`${at || "body"}: expected an object, got ${describe(value)}`);
    return;
  }
  const record = value as Record<string, unknown>;
  const known = new Set(model.attributes.map((attribute) => attribute.baseName));
  for (const key of Object.keys(record)) {
    if (!known.has(key)) problems.push(`Unrecognized field "${at ? `${at}.` : ""}${key}"`);
  }
  for (const attribute of model.attributes) {
    const field = record[attribute.baseName];
    const where = at ? `${at}.${attribute.baseName}` : attribute.baseName;
    if (field === undefined || field === null) {
      if (model.required.has(attribute.name)) problems.push(`${where}: required field is missing`);
      continue;
    }
    checkValue(module, attribute.type, field, where, problems);
  }
}

/** Problems found in `body` read as the SDK model `module/name`; empty when it conforms. */
export function checkAgainstModel(module: CodegenModule, name: string, body: unknown): string[] {
  if (!loadModel(module, name)) throw new Error(`model ${module}/${name} not found in @hubspot/api-client`);
  const problems: string[] = [];
  checkModel(module, name, body, "", problems);
  return problems;
}
