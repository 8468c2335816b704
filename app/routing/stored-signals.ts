/**
 * Lead facts that capture stores only as paths and event JSON, read back into the engine's
 * terms. Pure, so the DB step stays a list of queries and these rules are tested by tables.
 */
import { PAGE_TYPES, type PageType } from "../../contract/events";
import type { Minor, QualifierAnswer } from "./facts";

/** A storefront path's page type and handle, as Shopify's URL scheme names them. */
export function pageOfPath(path: string): { type: PageType; handle?: string } {
  const clean = (path.split(/[?#]/)[0] ?? "").replace(/\/+$/, "").toLowerCase();
  // Markets prefix paths with a locale (/fr, /en-ca): the page is what follows it.
  const parts = clean.split("/").filter(Boolean);
  if (parts.length > 1 && /^[a-z]{2}(-[a-z]{2})?$/.test(parts[0] as string) && SECTIONS.has(parts[1] as string))
    parts.shift();
  if (parts.length === 0) return { type: "home" };
  const [first, second, third] = parts as [string, string | undefined, string | undefined];
  if (first === "cart") return { type: "cart" };
  if (first === "search") return { type: "search" };
  if (first === "blogs")
    return third ? { type: "article", handle: third } : second ? { type: "blog", handle: second } : { type: "blog" };
  // /collections/shirts/products/linen: a product reached through a collection.
  if (first === "collections" && parts[2] === "products" && parts[3]) return { type: "product", handle: parts[3] };
  const type = PATH_TYPES[first];
  if (type) return second ? { type, handle: second } : { type };
  return { type: "other" };
}

const PATH_TYPES: Record<string, PageType> = { products: "product", collections: "collection", pages: "page" };
const SECTIONS = new Set(["products", "collections", "pages", "cart", "search", "blogs"]);

export const isPageType = (type: string | null | undefined): type is PageType =>
  typeof type === "string" && (PAGE_TYPES as readonly string[]).includes(type);

/** The collection handle a product-in-collection path also names (/collections/shirts/products/linen → shirts). */
export function collectionOfPath(path: string): string | undefined {
  const found = /^\/(?:[a-z]{2}(?:-[a-z]{2})?\/)?collections\/([^/?#]+)/i.exec(path);
  return found?.[1]?.toLowerCase();
}

export type AnswerEvent = { flowId: string | null; stepId: string | null; data: string | null; at: number };

/**
 * Which lead fact each qualifier step answers, by `flowId/stepId`, from widget configs (oldest
 * first, so the latest publication wins): events name the step ("team"), rules name the
 * qualifier's field ("team_size"). Read loosely: a config this cannot read adds nothing.
 */
export function qualifierFieldsOf(configs: readonly unknown[]): Map<string, string> {
  const fields = new Map<string, string>();
  const stepsOf = (holder: unknown): unknown[] => (isObject(holder) && Array.isArray(holder.steps) ? holder.steps : []);
  for (const config of configs) {
    const flows = isObject(config) && Array.isArray(config.flows) ? config.flows : [];
    for (const flow of flows) {
      if (!isObject(flow) || typeof flow.id !== "string") continue;
      const variants = Array.isArray(flow.variants) ? flow.variants : [];
      for (const step of [...stepsOf(flow), ...variants.flatMap(stepsOf)]) {
        if (
          isObject(step) &&
          step.kind === "qualifier" &&
          typeof step.id === "string" &&
          typeof step.field === "string"
        )
          fields.set(`${flow.id}/${step.id}`, step.field);
      }
    }
  }
  return fields;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * Qualifier answers from `step_answered` and qualifier micro-conversion events, by question: the
 * field the event names, else the field its flow's qualifier step answers, else the step id.
 * The latest answer wins.
 */
export function qualifierAnswersOf(
  events: readonly AnswerEvent[],
  fields: ReadonlyMap<string, string> = new Map(),
): Record<string, QualifierAnswer> {
  const answers: Record<string, QualifierAnswer> = {};
  for (const event of [...events].sort((a, b) => a.at - b.at)) {
    const data = parseData(event.data);
    const answer = readAnswer(data?.answer);
    if (!answer) continue;
    const question =
      typeof data?.field === "string" ? data.field : (fields.get(`${event.flowId}/${event.stepId}`) ?? event.stepId);
    if (question) answers[question] = answer;
  }
  return answers;
}

function parseData(text: string | null): Record<string, unknown> | undefined {
  if (!text) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return isObject(value) ? value : undefined;
  } catch {
    return undefined; // a row written by an older capture: no answer in it
  }
}

function readAnswer(value: unknown): QualifierAnswer | undefined {
  if (!value || typeof value !== "object") return undefined;
  const { kind, value: answer } = value as { kind?: unknown; value?: unknown };
  if (kind === "number" && typeof answer === "number" && Number.isFinite(answer)) return { kind, value: answer };
  if (kind === "choice" && typeof answer === "string") return { kind, value: answer };
  return undefined;
}

export type CartAdd = { sessionId: string; at: number; valueMinor: Minor | null };

/**
 * The cart value chat knows of: the lines added from chat in the latest session that added any
 * (the widget reports each added line's value, not the whole cart). Undefined without one.
 */
export function cartValueOf(adds: readonly CartAdd[]): Minor | undefined {
  const priced = adds.filter((add) => add.valueMinor !== null);
  if (!priced.length) return undefined;
  const latest = priced.reduce((a, b) => (b.at > a.at ? b : a)).sessionId;
  return priced.filter((add) => add.sessionId === latest).reduce((sum, add) => sum + (add.valueMinor as number), 0);
}
