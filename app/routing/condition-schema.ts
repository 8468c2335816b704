/**
 * Rule conditions as the merchant writes them: a tree of all / any / not over typed facts.
 * Leaves are strict (a misspelt field is an error, not a condition that silently never
 * matches); the tree is parsed by hand so that every error keeps its exact path, e.g.
 * `rules[2].conditions.any[1].value`.
 */
import { z } from "zod";
import { customIssue as issue, handParsed, isRecord, parseTagged, type Issue } from "./schema-tools";
import { MICRO_CONVERSION_KINDS, PAGE_TYPES } from "../../contract/events";

export const NUMBER_OPS = ["eq", "neq", "gt", "gte", "lt", "lte"] as const;
export const TEXT_OPS = ["equals", "contains", "starts_with", "ends_with", "present", "absent"] as const;
export const UTM_FIELDS = ["source", "medium", "campaign"] as const;
export const CONSENT_STATES = ["granted", "withdrawn", "none"] as const;
export const EMAIL_KINDS = ["captured", "business", "free_mail"] as const;
export const MAX_CONDITION_DEPTH = 6;

export type NumberOp = (typeof NUMBER_OPS)[number];
export type TextOp = (typeof TEXT_OPS)[number];

const numberOp = z.enum(NUMBER_OPS);
const days = z.number().int().min(1).max(3650);
const token = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "letters, digits, _ or -, at most 64");
const text = z.string().trim().min(1).max(256);
const list = <T extends z.ZodType>(item: T) => z.array(item).min(1).max(200);

const textOp = z.enum(TEXT_OPS);
const textValues = list(text).optional();

/** Text comparisons: `present` / `absent` take no values, the others match any of `values`. */
function refineTextMatch(leaf: { op: TextOp; values?: string[] }, ctx: z.RefinementCtx): void {
  const needsValues = leaf.op !== "present" && leaf.op !== "absent";
  if (needsValues && !leaf.values)
    ctx.addIssue({ code: "custom", path: ["values"], message: `is required for "${leaf.op}"` });
  if (!needsValues && leaf.values)
    ctx.addIssue({ code: "custom", path: ["values"], message: `must be left out for "${leaf.op}"` });
}

export const LEAF_SCHEMAS = {
  micro_conversion: z.strictObject({
    fact: z.literal("micro_conversion"),
    kind: z.enum([...MICRO_CONVERSION_KINDS, "any"]),
    op: numberOp.default("gte"),
    count: z.number().int().min(0).max(10_000).default(1),
    withinDays: days.optional(),
  }),
  intent_score: z.strictObject({ fact: z.literal("intent_score"), op: numberOp, value: z.number().min(0).max(100) }),
  qualified: z.strictObject({ fact: z.literal("qualified"), is: z.boolean().default(true) }),
  page_visited: z
    .strictObject({
      fact: z.literal("page_visited"),
      pageTypes: list(z.enum(PAGE_TYPES)).optional(),
      handles: list(text).optional(),
      withinDays: days.optional(),
    })
    .refine((leaf) => leaf.pageTypes || leaf.handles, {
      message: "needs pageTypes, handles or both",
      path: ["pageTypes"],
    }),
  product: z.strictObject({ fact: z.literal("product"), productIds: list(text) }),
  collection: z.strictObject({ fact: z.literal("collection"), collections: list(text) }),
  cart_value: z.strictObject({ fact: z.literal("cart_value"), op: numberOp, value: z.number().min(0).max(1e9) }),
  order_count: z.strictObject({
    fact: z.literal("order_count"),
    op: numberOp,
    value: z.number().int().min(0).max(1e6),
  }),
  order_revenue: z.strictObject({ fact: z.literal("order_revenue"), op: numberOp, value: z.number().min(0).max(1e9) }),
  country: z.strictObject({
    fact: z.literal("country"),
    op: z.enum(["in", "not_in"]),
    countries: list(z.string().regex(/^[A-Z]{2}$/, "a two-letter ISO country code in capitals, e.g. DE")),
  }),
  utm: z
    .strictObject({ fact: z.literal("utm"), field: z.enum(UTM_FIELDS), op: textOp, values: textValues })
    .superRefine(refineTextMatch),
  consent: z.strictObject({ fact: z.literal("consent"), state: z.enum(CONSENT_STATES) }),
  email: z.strictObject({ fact: z.literal("email"), is: z.enum(EMAIL_KINDS) }),
  handoff_requested: z.strictObject({ fact: z.literal("handoff_requested"), is: z.boolean().default(true) }),
  email_domain: z
    .strictObject({ fact: z.literal("email_domain"), op: textOp, values: textValues })
    .superRefine(refineTextMatch),
  qualifier: z
    .strictObject({
      fact: z.literal("qualifier"),
      question: token,
      op: z.enum([...NUMBER_OPS, "is_any_of", "answered"]),
      value: z.number().finite().optional(),
      choices: list(token).optional(),
    })
    .superRefine((leaf, ctx) => {
      const numeric = (NUMBER_OPS as readonly string[]).includes(leaf.op);
      if (numeric && leaf.value === undefined)
        ctx.addIssue({ code: "custom", path: ["value"], message: `is required for "${leaf.op}"` });
      if (!numeric && leaf.value !== undefined)
        ctx.addIssue({ code: "custom", path: ["value"], message: `must be left out for "${leaf.op}"` });
      if (leaf.op === "is_any_of" && !leaf.choices)
        ctx.addIssue({ code: "custom", path: ["choices"], message: 'is required for "is_any_of"' });
      if (leaf.op !== "is_any_of" && leaf.choices)
        ctx.addIssue({ code: "custom", path: ["choices"], message: `must be left out for "${leaf.op}"` });
    }),
} as const;

export type LeafFact = keyof typeof LEAF_SCHEMAS;
export const LEAF_FACTS = Object.keys(LEAF_SCHEMAS) as LeafFact[];
export type LeafCondition = { [F in LeafFact]: z.output<(typeof LEAF_SCHEMAS)[F]> }[LeafFact];
export type LeafOf<F extends LeafFact> = z.output<(typeof LEAF_SCHEMAS)[F]>;

export type Condition = { all: Condition[] } | { any: Condition[] } | { not: Condition } | LeafCondition;

/** Parses one condition tree, pushing every problem with its path; undefined when any was found. */
function parseCondition(input: unknown, path: PropertyKey[], depth: number, issues: Issue[]): Condition | undefined {
  if (!isRecord(input))
    return void issues.push(
      issue(path, "must be an object: { all: [...] }, { any: [...] }, { not: {...} } or { fact: ... }", input),
    );
  const keys = Object.keys(input);
  const combinator = keys.find((key) => key === "all" || key === "any" || key === "not");
  if (combinator) {
    if (keys.length > 1)
      return void issues.push(
        issue(
          path,
          `"${combinator}" must stand alone, found also: ${keys.filter((k) => k !== combinator).join(", ")}`,
          input,
        ),
      );
    if (depth >= MAX_CONDITION_DEPTH)
      return void issues.push(issue(path, `conditions nest at most ${MAX_CONDITION_DEPTH} deep`, input));
    const inner = input[combinator];
    if (combinator === "not") {
      const child = parseCondition(inner, [...path, "not"], depth + 1, issues);
      return child && { not: child };
    }
    if (!Array.isArray(inner))
      return void issues.push(issue([...path, combinator], "must be a list of conditions", inner));
    if (combinator === "any" && inner.length === 0)
      return void issues.push(issue([...path, combinator], "must have at least 1 condition", inner));
    const before = issues.length;
    const children = inner.map((child, index) =>
      parseCondition(child, [...path, combinator, index], depth + 1, issues),
    );
    if (issues.length > before) return undefined;
    return combinator === "all" ? { all: children as Condition[] } : { any: children as Condition[] };
  }
  return parseTagged(input, "fact", LEAF_SCHEMAS, path, issues) as LeafCondition | undefined;
}

export const conditionSchema: z.ZodType<Condition> = handParsed((input, issues) =>
  parseCondition(input, [], 0, issues),
);
