/**
 * The free-text contract between the widget and the answers route: what a shopper's question
 * looks like on the wire, and what comes back. The widget imports these types only (never zod);
 * the route validates every field with these schemas.
 *
 * Every answer names its sources: an answer with no source is not an answer, it is an abstention.
 * Change it only additively: widgets cached in shoppers' browsers keep the old shape for days.
 */
import { z } from "zod";
import { ANSWER_KINDS, ARMS, PAGE_TYPES } from "./events";

/** The whole request body: a question is short; anything longer is not a question to answer. */
export const MAX_QUESTION_BYTES = 2 * 1024;
export const MAX_QUESTION_CHARS = 500;

export { ANSWER_KINDS };
export const SOURCE_TYPES = ["product", "policy", "page", "faq", "order"] as const;

const opaqueId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, "8 to 64 letters, digits, _ or -");

export const questionSchema = z.object({
  sessionId: opaqueId,
  visitorId: opaqueId,
  question: z
    .string()
    .trim()
    .min(1, "ask something")
    .max(MAX_QUESTION_CHARS, `at most ${MAX_QUESTION_CHARS} characters`),
  /** The storefront's language ("en", "de-CH"); answers come in it when the shop has content in it. */
  locale: z.string().regex(/^[A-Za-z]{2,3}([-_][A-Za-z0-9]{2,8})*$/, "a language tag such as en or de-CH"),
  page: z.object({
    type: z.enum(PAGE_TYPES),
    handle: z.string().max(255).optional(),
    /** Shopify's numeric product id or its gid, on product pages: "does it run small?" is about it. */
    productId: z.string().max(64).optional(),
  }),
  /** The repair path: "not what I meant" asks again, skipping the sources already shown. */
  excludeSourceIds: z.array(z.string().max(128)).max(20).optional(),
  /** The order-status exchange: the shopper's order number and the email on that order. */
  order: z.object({ number: z.string().trim().min(1).max(32), email: z.string().trim().max(254) }).optional(),
  /** The visitor's arm, as the widget assigned it: a question may open the chat session before its first batch. */
  arm: z.enum(ARMS).optional(),
});
export type Question = z.infer<typeof questionSchema>;

export interface AnswerSource {
  type: (typeof SOURCE_TYPES)[number];
  id: string;
  title: string;
  url: string | null;
}

/** A product card the widget can add to the cart (with the `_chatlift` line property, as flows do). */
export interface ProductCard {
  id: string;
  title: string;
  url: string | null;
  /** As stored from the shop's data, in its currency: never read from prose. */
  price: string;
  compareAtPrice: string | null;
  currencyCode: string;
  /** The product's featured image, sized down for the card (never the full-size original). */
  imageUrl: string | null;
  /** The image's alt text as the merchant wrote it; absent or null: the card's title says it all. */
  imageAlt?: string | null;
  /** Variants the shopper can buy now; the first is the default for "add to cart". */
  variants: { id: string; title: string; available: boolean }[];
}

export interface Answer {
  /** The answer's id: the widget's answer_feedback event names it. */
  id?: string;
  kind: (typeof ANSWER_KINDS)[number];
  /** The quoted text (or the question asked back, or the honest "I don't know"). */
  text: string;
  sources: AnswerSource[];
  products?: ProductCard[];
  /** Clarify: the choices; abstain: questions the shop can answer; both as buttons. */
  suggestions?: string[];
  /** The language the text is in; differs from the question's when the shop has no content in it. */
  locale: string;
  /** Present when the shop's content was not in the shopper's language and the answer says so. */
  fallbackFromLocale?: string;
  /** One of the merchant's rules offers a person to this conversation now: the widget shows "Talk to a person". */
  handoff?: true;
}
