/**
 * The editor's changes to a draft, as pure functions over plain JSON: set a field by its path,
 * set or clear one language of a text, add a step or a variant. The draft may be invalid while
 * the merchant types; validation (editor.ts) says where.
 */
import { MAX_FLOW_STEPS, type StepKind } from "../../contract/widget-config";

export type Draft = Record<string, unknown>;
export type Path = readonly (string | number)[];

export function getAt(value: unknown, path: Path): unknown {
  return path.reduce<unknown>(
    (node, key) => (node && typeof node === "object" ? (node as Record<string | number, unknown>)[key] : undefined),
    value,
  );
}

/** A copy of `value` with `path` set (undefined removes the key); missing objects are created. */
export function setAt<T>(value: T, path: Path, next: unknown): T {
  if (!path.length) return next as T;
  const [key, ...rest] = path as [string | number, ...(string | number)[]];
  const node: unknown = value;
  const copy: Record<string | number, unknown> | unknown[] = Array.isArray(node)
    ? [...node]
    : { ...(node && typeof node === "object" ? (node as object) : {}) };
  const child = setAt((copy as Record<string | number, unknown>)[key], rest, next);
  if (child === undefined && !Array.isArray(copy)) delete (copy as Record<string | number, unknown>)[key];
  else (copy as Record<string | number, unknown>)[key] = child;
  return copy as T;
}

/** One language of a text; clearing it removes that language (other languages stay). */
export function setText(draft: Draft, path: Path, locale: string, text: string): Draft {
  const texts = { ...((getAt(draft, path) as Record<string, string> | undefined) ?? {}) };
  if (text === "") delete texts[locale];
  else texts[locale] = text;
  return setAt(draft, path, texts);
}

/** The languages the draft has texts in, the default first. */
export function localesOf(draft: Draft, defaultLocale = "en"): string[] {
  const found = new Set<string>([defaultLocale]);
  const visit = (node: unknown, key?: string) => {
    if (Array.isArray(node)) node.forEach((item) => visit(item));
    else if (node && typeof node === "object") {
      const entries = Object.entries(node as Record<string, unknown>);
      const localized = ["label", "prompt", "text", "answer", "consentText"].includes(key ?? "");
      if (localized) entries.forEach(([locale]) => found.add(locale));
      else entries.forEach(([childKey, child]) => visit(child, childKey));
    }
  };
  visit(draft);
  return [...found];
}

const STEP_DEFAULTS: Record<StepKind, Draft> = {
  message: { replies: [] },
  recommendations: { intent: "related", limit: 3 },
  add_to_cart: { quantity: 1 },
  email_capture: { consentText: {} },
  coupon: { code: "" },
  qualifier: { field: "answer", input: { type: "number", min: 0, max: 1000 } },
  link: { url: "/pages/contact", label: {}, conversion: "link_click" },
};

export const STEP_KINDS = Object.keys(STEP_DEFAULTS) as StepKind[];

const listAt = (draft: Draft, path: Path): Draft[] => {
  const list = getAt(draft, path);
  return Array.isArray(list) ? (list as Draft[]) : [];
};

/** Adds a step to the flow's steps, or to a variant's own steps (`path`), up to three. */
export function addStep(draft: Draft, kind: StepKind, path: Path = ["steps"]): Draft {
  const steps = listAt(draft, path);
  if (steps.length >= MAX_FLOW_STEPS) return draft;
  const ids = new Set(steps.map((step) => step.id));
  let n = steps.length + 1;
  while (ids.has(`step-${n}`)) n += 1;
  return setAt(draft, path, [
    ...steps,
    { id: `step-${n}`, kind, goal: false, text: {}, ...structuredClone(STEP_DEFAULTS[kind]) },
  ]);
}

export function removeAt(draft: Draft, path: Path, index: number): Draft {
  return setAt(
    draft,
    path,
    listAt(draft, path).filter((_, at) => at !== index),
  );
}

/** Marks one step as the goal (the flow's micro-conversion), or none. */
export function setGoal(draft: Draft, stepId: string | null, path: Path = ["steps"]): Draft {
  return setAt(
    draft,
    path,
    listAt(draft, path).map((step) => ({ ...step, goal: step.id === stepId })),
  );
}

/** A variant gets its own steps (a copy of the flow's, to change), or goes back to the flow's. */
export function setOwnSteps(draft: Draft, variantIndex: number, own: boolean): Draft {
  return setAt(draft, ["variants", variantIndex, "steps"], own ? structuredClone(listAt(draft, ["steps"])) : undefined);
}

export function addVariant(draft: Draft): Draft {
  const variants = Array.isArray(draft.variants) ? (draft.variants as Draft[]) : [];
  const ids = new Set(variants.map((variant) => variant.id));
  let n = variants.length + 1;
  while (ids.has(`variant-${n}`)) n += 1;
  return { ...draft, variants: [...variants, { id: `variant-${n}`, weight: 1 }] };
}

/** What a number field holds: a number when it reads as one, else the text (validation says why). */
export function numberOrText(text: string): number | string | undefined {
  if (text.trim() === "") return undefined;
  const value = Number(text);
  return Number.isFinite(value) ? value : text;
}
