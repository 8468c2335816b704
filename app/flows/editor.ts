/**
 * The flow editor's validation: a draft is checked with the same schema the storefront's config
 * is published with, and every problem is reported at the path of the field that has it
 * ("steps.1.text.en"), so the editor can show it beside that field, plus a sentence naming the
 * field in the merchant's words for the summary at the top.
 */
import type { z } from "zod";
import { problemsOf } from "../platform/validation/zod-errors";
import { flowSchema, type Flow } from "../../contract/widget-config";

export interface FieldError {
  /** Dotted path inside the flow ("prompt.en", "steps.0.code"); "" for the flow as a whole. */
  path: string;
  message: string;
  /** Where it is, for the summary: "Step 2 › Text (fr)". */
  where: string;
}

export type DraftResult =
  { ok: true; flow: Flow } | { ok: false; errors: FieldError[]; fieldErrors: Record<string, string> };

const FIELD_NAMES: Record<string, string> = {
  label: "Label",
  prompt: "Prompt",
  text: "Text",
  trigger: "Trigger",
  steps: "Steps",
  variants: "Variants",
  replies: "Quick replies",
  answer: "Answer",
  consentText: "Consent text",
  code: "Discount code",
  url: "Link",
  seconds: "Seconds",
  percent: "Scroll depth",
  atLeast: "Cart value",
  pageTypes: "Page types",
  pageHandles: "Page handles",
  weight: "Weight",
  options: "Options",
  field: "Lead field",
  limit: "How many products",
  quantity: "Quantity",
  variantId: "Variant id",
};

const LIST_ITEM: Record<string, string> = { steps: "Step", variants: "Variant", replies: "Reply", options: "Option" };

/** "steps.1.text.en" → "Step 2 › Text (en)". */
export function describePath(path: readonly PropertyKey[]): string {
  const parts: string[] = [];
  for (let i = 0; i < path.length; i += 1) {
    const key = String(path[i]);
    const next = path[i + 1];
    if (LIST_ITEM[key] && typeof next === "number") {
      parts.push(`${LIST_ITEM[key]} ${next + 1}`);
      i += 1;
    } else if (/^[a-z]{2}(-[A-Za-z]{2,4})?$/.test(key) && i > 0 && !FIELD_NAMES[key]) {
      parts[parts.length - 1] = `${parts[parts.length - 1] ?? ""} (${key})`;
    } else {
      parts.push(FIELD_NAMES[key] ?? key);
    }
  }
  return parts.length ? parts.join(" › ") : "The flow";
}

/** Zod's wording is for developers; these say what to do. */
function plainMessage(issue: z.core.$ZodIssue): string {
  if (issue.code === "invalid_type" && /received undefined/.test(issue.message)) return "Required";
  if (issue.code === "too_small" && issue.origin === "string") return "Required";
  if (issue.code === "too_big" && issue.origin === "string") return `At most ${String(issue.maximum)} characters`;
  if (issue.code === "too_big" && issue.origin === "array") return `At most ${String(issue.maximum)}`;
  if (issue.code === "too_small" && issue.origin === "array") return `At least ${String(issue.minimum)}`;
  if (issue.code === "too_small" && issue.origin === "number") return `At least ${String(issue.minimum)}`;
  if (issue.code === "too_big" && issue.origin === "number") return `At most ${String(issue.maximum)}`;
  if (issue.code === "invalid_union" && issue.path.at(-1) === "kind") return "Choose a kind";
  return issue.message;
}

export function validateFlowDraft(input: unknown): DraftResult {
  const result = flowSchema.safeParse(input);
  if (result.success) return { ok: true, flow: result.data };
  const issues = result.error.issues;
  const errors = problemsOf(result.error, { message: plainMessage }).map((problem, index) => ({
    ...problem,
    where: describePath(issues[index]?.path ?? []),
  }));
  const fieldErrors: Record<string, string> = {};
  for (const error of errors) fieldErrors[error.path] ??= error.message;
  return { ok: false, errors, fieldErrors };
}

/** The editor posts its draft as JSON text: text that is not JSON is a flow-level error. */
export function validateFlowDraftText(text: string): DraftResult {
  let input: unknown;
  try {
    input = JSON.parse(text);
  } catch {
    const error = { path: "", message: "The draft is not valid JSON", where: "The flow" };
    return { ok: false, errors: [error], fieldErrors: { "": error.message } };
  }
  return validateFlowDraft(input);
}
