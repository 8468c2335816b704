/**
 * Why: merchants tie chat micro-conversions to revenue in their own analytics only if every tool
 * receives the same names and properties, and a chat tool that forwards what shoppers type leaks
 * personal data into ad and analytics accounts. This is the one specification of what ChatLift
 * exports (the README's event table is written from it): each stored event type, the name it is
 * exported under, the GA4 recommended event it maps to, and the only properties it may carry.
 * Anything not listed here is never exported; the never-exported names are refused outright.
 * It lives in contract/ because two sides apply it: the server's exports (GA4, Mixpanel, the row
 * export) and the widget's analytics bundle, which publishes the same events to Shopify's pixels.
 * Whether a free-form value holds contact details is the caller's to say (the server redacts; the
 * storefront, without a redactor, publishes no free-form value at all).
 */

/** Property names that never leave ChatLift, whatever an event carries: contact details, typed text, customer ids. */
export const NEVER_EXPORTED = [
  "email",
  "phone",
  "question",
  "text",
  "message",
  "sourceTitles",
  "consent",
  "customerId",
  "customer_id",
  "name",
  "note",
] as const;

/**
 * How a property's value is checked before it leaves: ids and enums come from the widget's own
 * vocabulary; a path or label is free-form enough to hold an email or phone number by accident, so
 * it is dropped when it looks like one.
 */
export type PropertyKind = "id" | "enum" | "number" | "boolean" | "path" | "label";

export interface EventSpec {
  /** The stored event type (contract/events.ts, or the handoff events of #16). */
  source: string;
  /** micro_conversion only: which kind. */
  microKind?: string;
  /** The name in Mixpanel and ChatLift's own exports. */
  name: string;
  /** The GA4 event: a recommended one where GA4 has one, else the ChatLift name. */
  ga4: string;
  /** Exported property → where it comes from in the stored event's data and what it is. */
  properties: Record<string, { from: string; kind: PropertyKind }>;
  /** Why the mapping, for the README table. */
  note: string;
}

/** Properties every exported event carries, when the stored event has them. */
export const COMMON_PROPERTIES = {
  flow_id: { from: "flowId", kind: "id" },
  step_id: { from: "stepId", kind: "id" },
  variant_id: { from: "variantId", kind: "id" },
} as const;

const micro = (microKind: string, name: string, ga4: string, note: string, properties: EventSpec["properties"] = {}) =>
  ({ source: "micro_conversion", microKind, name, ga4, properties, note }) satisfies EventSpec;

/** An event GA4 has no recommended event for: exported as `chat_<type>` under that name everywhere. */
const own = (source: string, properties: EventSpec["properties"] = {}, note = ""): EventSpec => {
  const name = source.startsWith("chat_") ? source : `chat_${source}`;
  return { source, name, ga4: name, properties, note };
};

/** Property maps several events share. */
const TRIGGER = { trigger: { from: "trigger", kind: "enum" } } as const;
const MONEY = { currency: { from: "currency", kind: "enum" }, value: { from: "value", kind: "number" } } as const;
const LOCALE = { locale: { from: "locale", kind: "enum" } } as const;
const REASON = { reason: { from: "reason", kind: "enum" } } as const;

export const EVENT_SPECS: readonly EventSpec[] = [
  own(
    "session_started",
    {
      landing_page: { from: "landingPath", kind: "path" },
      returning: { from: "returning", kind: "boolean" },
      utm_source: { from: "utm.source", kind: "label" },
      utm_medium: { from: "utm.medium", kind: "label" },
      utm_campaign: { from: "utm.campaign", kind: "label" },
    },
    "landing page without its query string",
  ),
  own("prompt_shown", TRIGGER),
  own("prompt_dismissed", TRIGGER),
  own("chat_opened", { opened_by: { from: "by", kind: "enum" } }),
  own("flow_started", TRIGGER),
  own("step_viewed"),
  own(
    "step_answered",
    { answer: { from: "answer.value", kind: "id" } },
    "the chosen option's id or the number given, never typed text",
  ),
  micro("add_to_cart", "chat_add_to_cart", "add_to_cart", "with items (product, variant, quantity, price)", MONEY),
  micro(
    "email_capture",
    "chat_lead",
    "generate_lead",
    "only when the email was given with consent; the email never",
    MONEY,
  ),
  micro(
    "coupon_applied",
    "chat_coupon_applied",
    "select_promotion",
    "promotion_id is the flow, coupon the code offered in chat",
    { coupon: { from: "code", kind: "label" } },
  ),
  ...(["fit_help", "recommendation_click", "qualifier", "demo_booked", "link_click", "question_answered"] as const).map(
    (kind) =>
      micro(kind, "chat_micro_conversion", "chat_micro_conversion", "kind names the micro-conversion", {
        kind: { from: "kind", kind: "enum" },
        product_id: { from: "productId", kind: "id" },
      }),
  ),
  own("flow_completed"),
  own("flow_abandoned", REASON),
  own(
    "question_asked",
    { ...LOCALE, page_type: { from: "pageType", kind: "enum" }, repair: { from: "repair", kind: "boolean" } },
    "the question itself never",
  ),
  own(
    "answer_shown",
    { answer_kind: { from: "kind", kind: "enum" }, ...LOCALE, rephrasing: { from: "rephrasing", kind: "enum" } },
    "the answer's text never",
  ),
  own("answer_abstained", LOCALE),
  own("answer_feedback", {
    helpful: { from: "helpful", kind: "boolean" },
    answer_kind: { from: "kind", kind: "enum" },
  }),
  own("handoff_requested", { ...REASON, mode: { from: "mode", kind: "enum" } }),
  own("handoff_message", { from: { from: "from", kind: "enum" } }, "who wrote, never what"),
  own("handoff_closed"),
  own("csat_given", {
    score: { from: "score", kind: "number" },
    thumbs: { from: "thumbs", kind: "number" },
    scale: { from: "scale", kind: "enum" },
  }),
];

/** An event as stored (ChatEvent row with its data parsed), with what only the session knows. */
export interface StoredEvent {
  id: string;
  sessionId: string;
  type: string;
  flowId: string | null;
  stepId: string | null;
  variantId: string | null;
  microKind: string | null;
  occurredAt: Date;
  data: Record<string, unknown> | null;
  /** email_capture: the session holds an email given with consent. */
  emailConsented: boolean;
}

export type ExportValue = string | number | boolean;

export interface ExportItem {
  item_id: string;
  item_variant?: string;
  quantity?: number;
  price?: number;
}

export interface ExportedEvent {
  id: string;
  sessionId: string;
  occurredAt: Date;
  name: string;
  ga4: string;
  properties: Record<string, ExportValue>;
  /** add_to_cart, select_promotion: GA4's items array. */
  items?: ExportItem[];
}

/** GA4 drops string values past 100 characters; a longer path is cut, not lost. */
const MAX_VALUE_CHARS = 100;

function specOf(event: StoredEvent): EventSpec | undefined {
  return EVENT_SPECS.find(
    (spec) => spec.source === event.type && (spec.microKind === undefined || spec.microKind === event.microKind),
  );
}

function read(source: Record<string, unknown>, path: string): unknown {
  return path.split(".").reduce<unknown>((value, key) => (value as Record<string, unknown> | undefined)?.[key], source);
}

/** True when a free-form text holds an email address or phone number (it is then not exported). */
export type ContactCheck = (text: string) => boolean;

/** The value as it may leave, or undefined when it may not. */
export function exportableValue(value: unknown, kind: PropertyKind, hasContact: ContactCheck): ExportValue | undefined {
  if (kind === "number") return typeof value === "number" && Number.isFinite(value) ? value : undefined;
  if (kind === "boolean") return typeof value === "boolean" ? value : undefined;
  if (typeof value === "number" && kind === "id") return value;
  if (typeof value !== "string" || value === "") return undefined;
  let text = kind === "path" ? (value.split(/[?#]/)[0] ?? "") : value;
  // A path or label holding an email or phone number is dropped whole: half a phone number is still one.
  if ((kind === "path" || kind === "label") && hasContact(text)) return undefined;
  if (text.includes("@")) return undefined;
  text = text.slice(0, MAX_VALUE_CHARS);
  return text;
}

function itemsOf(
  event: StoredEvent,
  data: Record<string, unknown>,
  hasContact: ContactCheck,
): ExportItem[] | undefined {
  if (event.microKind !== "add_to_cart" && event.microKind !== "coupon_applied") return undefined;
  const productId = exportableValue(data.productId, "id", hasContact);
  if (productId === undefined) return event.microKind === "add_to_cart" ? [] : undefined;
  const item: ExportItem = { item_id: String(productId) };
  const variant = exportableValue(data.productVariantId, "id", hasContact);
  if (variant !== undefined) item.item_variant = String(variant);
  if (typeof data.quantity === "number") item.quantity = data.quantity;
  const value = exportableValue(data.value, "number", hasContact);
  if (value !== undefined && typeof data.quantity === "number" && data.quantity > 0)
    item.price = Math.round(((value as number) / data.quantity) * 100) / 100;
  return [item];
}

/**
 * The event as it is exported, or null when the specification does not export it (an unknown type,
 * an email capture without consent). Only the specified properties are read; never-exported names
 * cannot be specified (tests/unit/analytics/export/event-spec.test.ts holds that) and are refused here too.
 */
export function toExportedEvent(event: StoredEvent, hasContact: ContactCheck): ExportedEvent | null {
  const spec = specOf(event);
  if (!spec) return null;
  if (event.microKind === "email_capture" && !event.emailConsented) return null;
  const data: Record<string, unknown> = { ...event.data, flowId: event.flowId, stepId: event.stepId };
  data.variantId = event.variantId;
  data.kind ??= event.microKind;
  const properties: Record<string, ExportValue> = {};
  for (const [name, { from, kind }] of Object.entries({ ...COMMON_PROPERTIES, ...spec.properties })) {
    if (isNeverExported(name) || isNeverExported(from)) throw new Error(`${name} is never exported`);
    const value = exportableValue(read(data, from), kind, hasContact);
    if (value !== undefined) properties[name] = value;
  }
  const exported: ExportedEvent = {
    id: event.id,
    sessionId: event.sessionId,
    occurredAt: event.occurredAt,
    name: spec.name,
    ga4: spec.ga4,
    properties,
  };
  if (spec.ga4 === "select_promotion") properties.promotion_id = event.flowId ?? "chat";
  const items = itemsOf(event, data, hasContact);
  if (items) exported.items = items;
  return exported;
}

export function isNeverExported(name: string): boolean {
  const bare = (name.split(".")[0] ?? name).toLowerCase();
  return NEVER_EXPORTED.some((never) => never.toLowerCase() === bare);
}
