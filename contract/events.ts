/**
 * The storefront event format: the one contract between the widget (which imports these types
 * only, never zod) and the ingest route (which validates every field with these schemas).
 *
 * A batch is what the widget POSTs to the app proxy (/apps/chatlift/events): who (visitor,
 * arm), where (the page), and up to MAX_EVENTS_PER_BATCH events. Every event carries its own
 * client uuid (the idempotency key), its chat session, and the client clock.
 *
 * Change it only additively (new optional fields, new event types): widgets cached in
 * shoppers' browsers keep sending the old shape for days.
 */
import { z } from "zod";
import { ARMS } from "./order-link";

export { ARMS };

export const EVENT_FORMAT_VERSION = 1;
export const MAX_EVENTS_PER_BATCH = 50;
export const MAX_BATCH_BYTES = 64 * 1024;
/**
 * The largest amount (major units, shop currency) an event may carry: far past any cart, even in
 * currencies counted in thousands per dollar, yet in minor units (up to 4 decimals) still exact.
 */
export const MAX_MONEY_VALUE = 100_000_000_000;

export const PAGE_TYPES = [
  "home",
  "product",
  "collection",
  "cart",
  "search",
  "page",
  "blog",
  "article",
  "other",
] as const;
export const TRIGGER_KINDS = [
  "page_type",
  "dwell",
  "scroll_depth",
  "exit_intent",
  "cart_value",
  "returning_visitor",
  "manual",
] as const;
export const MICRO_CONVERSION_KINDS = [
  "fit_help",
  "recommendation_click",
  "add_to_cart",
  "email_capture",
  "coupon_applied",
  "qualifier",
  "demo_booked",
  "link_click",
  /** The shopper's own question answered from the shop's content (a source quoted, products shown, an order found). */
  "question_answered",
] as const;
export const ABANDON_REASONS = ["dismissed", "navigated", "idle"] as const;
/** The merchant's choice of satisfaction question: a 1–5 score or a thumbs down / up. */
export const CSAT_SCALES = ["five", "thumbs"] as const;
/** Why a handoff to a person was asked for: the shopper's choice, after an abstention, or a merchant's rule. */
export const HANDOFF_REASONS = ["asked", "abstained", "rule"] as const;
/** What the shop could offer when it was asked: a person now, or an answer later by email. */
export const HANDOFF_MODES = ["live", "offline"] as const;
/** What an answer to a free-text question is (contract/answers.ts re-exports it). */
export const ANSWER_KINDS = ["answer", "products", "clarify", "order_status", "abstain"] as const;

const id = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "letters, digits, _ or -, at most 64");
const sessionId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, "8 to 64 letters, digits, _ or -");
const shortText = z.string().max(256);
const currencyCode = z.string().regex(/^[A-Z]{3}$/, "an ISO 4217 currency code: three capital letters");

const eventBase = z.object({
  /** Client-generated uuid: the same event sent twice is stored once. */
  id: z.uuid(),
  sessionId,
  /** Client clock, milliseconds since the epoch; the server clamps it to a sane range. */
  occurredAt: z.number().int().nonnegative(),
  flowId: id.optional(),
  stepId: id.optional(),
  /** Experiment variant of the flow shown, when the flow is in an experiment. */
  variantId: id.optional(),
});

const utm = z.object({
  source: shortText.optional(),
  medium: shortText.optional(),
  campaign: shortText.optional(),
  term: shortText.optional(),
  content: shortText.optional(),
});

const answer = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("choice"), value: id }),
  z.object({ kind: z.literal("number"), value: z.number().finite() }),
]);

export const chatEventSchema = z.discriminatedUnion("type", [
  eventBase.extend({
    type: z.literal("session_started"),
    landingPath: z.string().max(2048),
    referrer: z.string().max(2048).optional(),
    utm: utm.optional(),
    returning: z.boolean(),
  }),
  eventBase.extend({ type: z.literal("prompt_shown"), trigger: z.enum(TRIGGER_KINDS) }),
  eventBase.extend({ type: z.literal("prompt_dismissed"), trigger: z.enum(TRIGGER_KINDS).optional() }),
  eventBase.extend({ type: z.literal("chat_opened"), by: z.enum(["prompt", "launcher"]) }),
  eventBase.extend({ type: z.literal("flow_started"), trigger: z.enum(TRIGGER_KINDS) }),
  eventBase.extend({ type: z.literal("step_viewed") }),
  eventBase.extend({ type: z.literal("step_answered"), answer }),
  eventBase.extend({
    type: z.literal("micro_conversion"),
    kind: z.enum(MICRO_CONVERSION_KINDS),
    /** Shopify product and variant ids (numeric strings, or gids) the conversion concerns. */
    productId: z.string().max(64).optional(),
    productVariantId: z.string().max(64).optional(),
    quantity: z.number().int().positive().max(1000).optional(),
    /** In shop currency, e.g. the added line's price or the cart value. */
    value: z.number().finite().nonnegative().max(MAX_MONEY_VALUE).optional(),
    /** ISO 4217, e.g. "EUR": the cart's currency as Shopify names it. */
    currency: currencyCode.optional(),
    /** email_capture only, and only with consent given: the widget never sends one without. */
    email: z.email().max(254).optional(),
    consent: z.object({ granted: z.literal(true), text: z.string().min(1).max(1000) }).optional(),
    /** coupon_applied: the discount code offered in chat. */
    code: z.string().max(64).optional(),
    answer: answer.optional(),
  }),
  eventBase.extend({ type: z.literal("flow_completed") }),
  eventBase.extend({ type: z.literal("flow_abandoned"), reason: z.enum(ABANDON_REASONS) }),
  /** The shopper's thumbs up or down on an answer: answerId is the Answer's `id`, kind and sources what it showed. */
  eventBase.extend({
    type: z.literal("answer_feedback"),
    helpful: z.boolean(),
    answerId: z.uuid().optional(),
    kind: z.enum(ANSWER_KINDS).optional(),
    sourceIds: z.array(z.string().max(160)).max(20).optional(),
  }),
  /**
   * The shopper's one tap at a conversation's end: `score` 1–5 on the "five" scale, `thumbs` 0 (down) or 1 (up) on
   * "thumbs", exactly the one the scale names. Counted once per conversation (the first), however often sent.
   */
  eventBase
    .extend({
      type: z.literal("csat_given"),
      scale: z.enum(CSAT_SCALES),
      score: z.number().int().min(1).max(5).optional(),
      thumbs: z.union([z.literal(0), z.literal(1)]).optional(),
    })
    .refine(
      (event) =>
        event.scale === "five"
          ? event.score !== undefined && event.thumbs === undefined
          : event.thumbs !== undefined && event.score === undefined,
      {
        error: 'a "five" rating carries a score from 1 to 5, a "thumbs" rating thumbs 0 or 1, and nothing else',
      },
    ),
]);

/**
 * Events the answers route records itself, never accepted from a widget's batch: the question is
 * stored only as the server redacted it (emails and phone numbers removed), and what was shown
 * is what the server answered, not what a client claims.
 */
/**
 * Whether the merchant's optional language model rephrased a shown answer, or why the shopper got the extractive
 * answer instead (its output named a fact the sources do not, it was too slow, the daily cap was reached, it
 * failed, it said nothing). Absent when no model is switched on or the answer was not eligible.
 */
export const REPHRASING_OUTCOMES = [
  "rephrased",
  "verifier_rejected",
  "timeout",
  "cap_reached",
  "provider_error",
  "empty",
] as const;
export type RephrasingOutcome = (typeof REPHRASING_OUTCOMES)[number];

export const answerEventSchema = z.discriminatedUnion("type", [
  eventBase.extend({
    type: z.literal("question_asked"),
    /** Redacted before it is stored: no email address or phone number survives. */
    question: z.string().max(1000),
    locale: z.string().max(35),
    pageType: z.enum(PAGE_TYPES),
    /** Asked again with "not what I meant": the sources already shown were left out (a repair). */
    repair: z.literal(true).optional(),
    productId: z.string().max(64).optional(),
  }),
  /** The event's own id is the answer's id (Answer.id), which answer_feedback names. */
  eventBase.extend({
    type: z.literal("answer_shown"),
    kind: z.enum(ANSWER_KINDS).exclude(["abstain"]),
    sourceIds: z.array(z.string().max(160)).max(20),
    /** What the shopper read and the titles of its sources, for the transcript; never kept for order status. */
    text: z.string().max(4000).optional(),
    sourceTitles: z.array(z.string().max(300)).max(20).optional(),
    locale: z.string().max(35),
    rephrasing: z.enum(REPHRASING_OUTCOMES).optional(),
  }),
  eventBase.extend({ type: z.literal("answer_abstained"), locale: z.string().max(35) }),
]);

/**
 * Events the handoff route records itself (app/conversations/handoff.server.ts): when a shopper asked
 * for a person and what the shop could offer, who spoke (never what: the texts live in the handoff's
 * own table, HandoffMessage, which privacy requests and retention cover), and the end.
 */
export const handoffEventSchema = z.discriminatedUnion("type", [
  eventBase.extend({
    type: z.literal("handoff_requested"),
    reason: z.enum(HANDOFF_REASONS),
    mode: z.enum(HANDOFF_MODES),
  }),
  eventBase.extend({ type: z.literal("handoff_message"), from: z.enum(["shopper", "staff"]) }),
  eventBase.extend({ type: z.literal("handoff_closed") }),
]);

export const pageContextSchema = z.object({
  type: z.enum(PAGE_TYPES),
  path: z.string().max(2048),
  /** The page, product or collection handle, when there is one (e.g. "pricing"). */
  handle: z.string().max(256).optional(),
  productId: z.string().max(64).optional(),
  locale: z.string().max(16).optional(),
  /** The storefront's country (Liquid `localization.country.iso_code`): the visitor's market. */
  country: z
    .string()
    .regex(/^[A-Z]{2}$/, "a two-letter ISO country code in capitals")
    .optional(),
});

export const eventBatchSchema = z.object({
  v: z.literal(EVENT_FORMAT_VERSION),
  visitorId: sessionId,
  arm: z.enum(ARMS),
  page: pageContextSchema,
  /** Client clock when the batch was sent, to estimate the client's clock skew. */
  sentAt: z.number().int().nonnegative(),
  events: z.array(chatEventSchema).min(1).max(MAX_EVENTS_PER_BATCH),
});

/** The events route's answer to a stored batch; `handoff`: the merchant's rules offer "Talk to a person" now. */
export interface BatchAnswer {
  accepted: number;
  duplicates: number;
  handoff?: true;
}

export type ChatEvent = z.infer<typeof chatEventSchema>;
export type ChatEventType = ChatEvent["type"];
export type EventBatch = z.infer<typeof eventBatchSchema>;
export type PageContext = z.infer<typeof pageContextSchema>;
export type PageType = (typeof PAGE_TYPES)[number];
export type TriggerKind = (typeof TRIGGER_KINDS)[number];
export type MicroConversionKind = (typeof MICRO_CONVERSION_KINDS)[number];
export type CsatScale = (typeof CSAT_SCALES)[number];
export type EventOf<T extends ChatEventType> = Extract<ChatEvent, { type: T }>;
export type AnswerEvent = z.infer<typeof answerEventSchema>;
export type HandoffEvent = z.infer<typeof handoffEventSchema>;
/** Every event a chat session's log can hold: the widget's, the answers route's and the handoff route's. */
export type RecordedEvent = ChatEvent | AnswerEvent | HandoffEvent;

/**
 * The shopper's turns: a session holding one of these is a conversation, not only a prompt seen. The latest one
 * orders the Conversations page (ChatSession.lastChatAt; the migration that added it backfills with this list),
 * and the rollups count conversations by it.
 */
export const CONVERSATION_EVENT_TYPES: readonly RecordedEvent["type"][] = [
  "chat_opened",
  "flow_started",
  "question_asked",
  "step_answered",
  "handoff_requested",
  "handoff_message",
];
