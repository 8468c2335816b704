/**
 * Why: "where is my order?" reveals an order's status only to the person who placed it. The shopper
 * proves it with the order number AND the email on the order, or the app proxy names the logged-in
 * customer who owns it. A wrong email, a wrong number and an order of someone else all get the very
 * same answer, so trying numbers teaches nothing. What is revealed is the least that answers the
 * question: the order's name, whether and how it shipped, and the carriers' tracking; never the
 * email, the address, the items or the amounts.
 */
import { createHash, timingSafeEqual } from "node:crypto";
import { languageOf } from "./documents";

export interface TrackingOnFile {
  company: string | null;
  number: string | null;
  url: string | null;
  shipmentStatus: string | null;
}

/** An order as ChatLift stored it from Shopify's order webhooks. */
export interface OrderOnFile {
  id: string;
  name: string;
  email: string | null;
  customerId: string | null;
  placedAt: Date;
  cancelledAt: Date | null;
  fulfillmentStatus: string | null;
  tracking: TrackingOnFile[];
}

/** What the shopper (or the proxy) claims: the number and email typed, the logged-in customer's gid. */
export interface OrderClaim {
  number?: string;
  email?: string;
  customerId?: string | null;
}

/**
 * The stored names an order number may be typed as: Shopify names orders "#1001" (a shop may add a
 * prefix or suffix, which the shopper then types as the confirmation shows it).
 */
export function orderNameCandidates(typed: string): string[] {
  const plain = typed.trim().replace(/^#\s*/, "");
  if (!plain) return [];
  const names = new Set([typed.trim(), `#${plain}`, plain, `#${plain.toUpperCase()}`, plain.toUpperCase()]);
  return [...names];
}

const digest = (text: string) => createHash("sha256").update(text, "utf8").digest();
/** Compared in constant time, so how long a refusal takes says nothing about how close the guess was. */
const sameSecret = (a: string, b: string) => timingSafeEqual(digest(a), digest(b));
const normalEmail = (email: string | null | undefined) => email?.trim().toLowerCase() ?? "";

/**
 * The order the claim proves access to, or null. Every candidate is checked the same way (an email
 * compared in constant time even when there is no order), so "no such order" and "not your order"
 * cost the same and answer the same.
 */
export function verifyOrderClaim(candidates: readonly OrderOnFile[], claim: OrderClaim): OrderOnFile | null {
  const typed = normalEmail(claim.email);
  let proven: OrderOnFile | null = null;
  for (const order of candidates.length ? candidates : [null]) {
    const onFile = normalEmail(order?.email);
    const emailMatches = sameSecret(typed, onFile) && typed !== "" && onFile !== "";
    const ownerMatches = Boolean(order && claim.customerId && order.customerId === claim.customerId);
    if (order && (emailMatches || ownerMatches) && !proven) proven = order;
  }
  return proven;
}

export type OrderState = "cancelled" | "unfulfilled" | "partially_fulfilled" | "fulfilled" | "delivered" | "returned";

/** What the shopper may see of a proven order. */
export interface OrderStatusView {
  id: string;
  name: string;
  placedOn: string;
  state: OrderState;
  /** Only http(s) links: a tracking URL is shown as a link, and anything else is not a carrier's page. */
  tracking: TrackingOnFile[];
}

export function orderStatusView(order: OrderOnFile): OrderStatusView {
  const tracking = order.tracking.map((parcel) => ({
    ...parcel,
    url: parcel.url && /^https?:\/\//i.test(parcel.url) ? parcel.url : null,
  }));
  return {
    id: order.id,
    name: order.name,
    placedOn: order.placedAt.toISOString().slice(0, 10),
    state: stateOf(order),
    tracking,
  };
}

function stateOf(order: OrderOnFile): OrderState {
  if (order.cancelledAt) return "cancelled";
  if (order.fulfillmentStatus === "restocked") return "returned";
  if (order.fulfillmentStatus === "fulfilled") {
    const delivered =
      order.tracking.length > 0 && order.tracking.every((parcel) => parcel.shipmentStatus === "delivered");
    return delivered ? "delivered" : "fulfilled";
  }
  if (order.fulfillmentStatus === "partial") return "partially_fulfilled";
  return "unfulfilled";
}

interface OrderWords {
  state: Record<OrderState, (name: string, placedOn: string) => string>;
  parcel: (parcel: TrackingOnFile) => string;
  notFound: string;
}

const WORDS: Record<string, OrderWords> = {
  en: {
    state: {
      cancelled: (name) => `Order ${name} was cancelled.`,
      unfulfilled: (name, on) => `Order ${name} (placed ${on}) has not shipped yet.`,
      partially_fulfilled: (name, on) => `Part of order ${name} (placed ${on}) has shipped; the rest follows.`,
      fulfilled: (name, on) => `Order ${name} (placed ${on}) has shipped.`,
      delivered: (name) => `Order ${name} has been delivered.`,
      returned: (name) => `The items of order ${name} were returned.`,
    },
    parcel: (parcel) =>
      `Tracking: ${[parcel.company, parcel.number].filter(Boolean).join(" ")}${parcel.url ? ` (${parcel.url})` : ""}.`,
    notFound:
      "I could not find an order with that number and email. Please check both: the number is in your order " +
      "confirmation (for example #1001), with the email you ordered with.",
  },
  de: {
    state: {
      cancelled: (name) => `Die Bestellung ${name} wurde storniert.`,
      unfulfilled: (name, on) => `Die Bestellung ${name} (vom ${on}) wurde noch nicht versandt.`,
      partially_fulfilled: (name, on) => `Ein Teil der Bestellung ${name} (vom ${on}) ist unterwegs; der Rest folgt.`,
      fulfilled: (name, on) => `Die Bestellung ${name} (vom ${on}) wurde versandt.`,
      delivered: (name) => `Die Bestellung ${name} wurde zugestellt.`,
      returned: (name) => `Die Artikel der Bestellung ${name} wurden zurückgesandt.`,
    },
    parcel: (parcel) =>
      `Sendungsverfolgung: ${[parcel.company, parcel.number].filter(Boolean).join(" ")}${parcel.url ? ` (${parcel.url})` : ""}.`,
    notFound:
      "Ich konnte keine Bestellung mit dieser Nummer und E-Mail-Adresse finden. Bitte prüfen Sie beide: Die Nummer " +
      "steht in Ihrer Bestellbestätigung (zum Beispiel #1001), zusammen mit der E-Mail-Adresse Ihrer Bestellung.",
  },
};

/** The words for a locale, and the locale they are in (English when ChatLift does not speak it). */
export function orderWordsFor(locale: string): { words: OrderWords; locale: string } {
  const code = languageOf(locale);
  return WORDS[code] ? { words: WORDS[code], locale } : { words: WORDS.en!, locale: "en" };
}

export function orderStatusText(view: OrderStatusView, locale: string): { text: string; locale: string } {
  const { words, locale: used } = orderWordsFor(locale);
  const parcels = view.state === "cancelled" || view.state === "returned" ? [] : view.tracking.map(words.parcel);
  return { text: [words.state[view.state](view.name, view.placedOn), ...parcels].join(" "), locale: used };
}

/** The one answer for an unknown order, a wrong email and someone else's order alike. */
export function orderNotFoundText(locale: string): { text: string; locale: string } {
  const { words, locale: used } = orderWordsFor(locale);
  return { text: words.notFound, locale: used };
}
