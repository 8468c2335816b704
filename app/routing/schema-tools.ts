/**
 * Shared pieces of the rule schemas: dispatch of tagged objects (a condition's `fact`, an
 * action's `type`) to one strict schema, keeping each error's exact path, and merchant-readable
 * messages for zod's issues ("must be a number", not "Invalid input: expected number").
 */
import { z } from "zod";

export type Issue = z.core.$ZodRawIssue;

export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

export function customIssue(path: PropertyKey[], message: string, input: unknown): Issue {
  return { code: "custom", path, message, input };
}

const TYPE_WORDS: Record<string, string> = {
  number: "a number",
  int: "a whole number",
  string: "text",
  boolean: "true or false",
  array: "a list",
  object: "an object",
  record: "an object",
};

const plural = (count: number | bigint, word: string) => `${count} ${word}${Number(count) === 1 ? "" : "s"}`;

export const friendlyError: z.core.$ZodErrorMap = (issue) => {
  switch (issue.code) {
    case "invalid_type":
      if (issue.input === undefined) return "is required";
      return `must be ${TYPE_WORDS[issue.expected] ?? issue.expected}`;
    case "too_small":
      if (issue.origin === "array") return `must have at least ${plural(issue.minimum, "item")}`;
      if (issue.origin === "string")
        return Number(issue.minimum) <= 1
          ? "must not be empty"
          : `must be at least ${plural(issue.minimum, "character")}`;
      return issue.inclusive === false ? `must be greater than ${issue.minimum}` : `must be at least ${issue.minimum}`;
    case "too_big":
      if (issue.origin === "array") return `must have at most ${plural(issue.maximum, "item")}`;
      if (issue.origin === "string") return `must be at most ${plural(issue.maximum, "character")}`;
      return issue.inclusive === false ? `must be less than ${issue.maximum}` : `must be at most ${issue.maximum}`;
    case "invalid_value":
      return issue.values.length === 1
        ? `must be ${JSON.stringify(issue.values[0])}`
        : `must be one of: ${issue.values.map(String).join(", ")}`;
    case "unrecognized_keys":
      return `unknown field${issue.keys.length === 1 ? "" : "s"}: ${issue.keys.join(", ")}`;
    default:
      return undefined;
  }
};

/**
 * Parses `input` with the schema its `tagKey` names. An unknown tag is one error naming the
 * tags allowed; a known one reports its schema's errors under `path`.
 */
export function parseTagged<Schemas extends Record<string, z.ZodType>>(
  input: unknown,
  tagKey: string,
  schemas: Schemas,
  path: PropertyKey[],
  issues: Issue[],
): z.output<Schemas[keyof Schemas]> | undefined {
  if (!isRecord(input)) return void issues.push(customIssue(path, "must be an object", input));
  const tag = input[tagKey];
  if (typeof tag !== "string" || !Object.hasOwn(schemas, tag)) {
    return void issues.push(customIssue([...path, tagKey], `must be one of: ${Object.keys(schemas).join(", ")}`, tag));
  }
  const parsed = (schemas[tag] as z.ZodType).safeParse(input, { error: friendlyError });
  if (parsed.success) return parsed.data as z.output<Schemas[keyof Schemas]>;
  for (const found of parsed.error.issues)
    issues.push({ ...(found as unknown as Issue), path: [...path, ...found.path], input: undefined });
  return undefined;
}

/** A schema whose parsing is done by hand (trees, tagged unions), its issues reported in place. */
export function handParsed<T>(parse: (input: unknown, issues: Issue[]) => T | undefined): z.ZodType<T> {
  return z.unknown().transform((input, ctx) => {
    const issues: Issue[] = [];
    const result = parse(input, issues);
    if (issues.length > 0 || result === undefined) {
      ctx.issues.push(...(issues.length ? issues : [customIssue([], "is invalid", input)]));
      return z.NEVER;
    }
    return result;
  }) as unknown as z.ZodType<T>;
}

/** `["rules", 2, "conditions", "any", 1, "value"]` → `rules[2].conditions.any[1].value`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const part of path) {
    if (typeof part === "number") out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out || "(root)";
}
