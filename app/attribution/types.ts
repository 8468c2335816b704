/**
 * The attribution engine's own vocabulary. The order webhook / reconciliation services map
 * Shopify payloads and database rows onto these shapes; the engine never sees either.
 *
 * Money is always an integer number of minor units (cents) of the SHOP currency: sums of
 * floats drift, and a credit must add up to the cent. Times are milliseconds since the epoch,
 * always passed in (the engine never reads a clock).
 */
import type { Arm, OrderLink } from "../../contract/order-link";
import type { MicroConversionKind } from "../../contract/events";

export type { Arm, OrderLink, MicroConversionKind };

/** Integer minor units of the shop currency (e.g. 4200 = $42.00). */
export type Minor = number;
/** Milliseconds since the epoch. */
export type Instant = number;

export const DAY_MS = 86_400_000;

/** Rules of falling certainty: the index in this list is the order of precedence. */
export const RULES = ["line_item", "cart_attribute", "pixel_checkout", "discount_code", "customer", "email"] as const;
export type Rule = (typeof RULES)[number];

/**
 * How sure we are that the chat session and the order belong together, per rule. A line
 * property is written by the widget on the very line it added; the cart attribute is written
 * by the same browser session; a chat-issued code can be shared beyond its session; a
 * logged-in customer or a captured email proves the person, not that this visit led to this
 * order.
 */
export const RULE_CONFIDENCE: Readonly<Record<Rule, number>> = {
  line_item: 1,
  cart_attribute: 0.9,
  // The ChatLift web pixel saw this checkout complete in the browser that holds the session's
  // app-signed token: as sure as the cart attribute about the browser, but a token outlives one cart.
  pixel_checkout: 0.85,
  discount_code: 0.75,
  customer: 0.6,
  email: 0.5,
};

export const MODELS = ["last_touch", "first_touch", "linear"] as const;
export type Model = (typeof MODELS)[number];

export const WINDOWS = [1, 7, 14, 30] as const;
export type WindowDays = (typeof WINDOWS)[number];

export const CREDIT_TYPES = ["direct", "assisted"] as const;
export type CreditType = (typeof CREDIT_TYPES)[number];

export interface OrderLine {
  /** Shopify line item id (numeric string or gid); refunds name lines by it. */
  id: string;
  title: string;
  quantity: number;
  /** Price × quantity minus the line's discount allocations, before refunds, shop money. */
  net: Minor;
  /** Decoded `_chatlift` property (decodeLineProperty): the session that added this line. */
  chatSessionId: string | null;
}

export interface RefundLine {
  lineId: string;
  quantity: number;
  /** Merchandise amount refunded for this line (subtotal, without tax), shop money. */
  amount: Minor;
}

export interface Refund {
  id: string;
  createdAt: Instant;
  lines: RefundLine[];
  /**
   * Merchandise money refunded without naming a line (e.g. a goodwill refund, a refund
   * discrepancy), shop money, positive. Shipping and tax refunds do not belong here: credit
   * is drawn from merchandise revenue only.
   */
  orderLevelAmount: Minor;
}

export interface AttributionOrder {
  /** Shopify order gid. */
  id: string;
  createdAt: Instant;
  /** Shop currency (ISO 4217): every Minor amount of the order is in it. */
  currency: string;
  /** What the buyer paid in; shown for information only, never used for sums. */
  presentmentCurrency: string;
  lines: OrderLine[];
  /** Decoded `__chatlift` note attribute (decodeCartAttribute). */
  cartLink: OrderLink | null;
  /** The session the ChatLift pixel tied this order's checkout to (a verified PixelLink), if any. */
  pixelSessionId?: string | null;
  discountCodes: string[];
  customerId: string | null;
  email: string | null;
  cancelledAt: Instant | null;
  refunds: Refund[];
  /**
   * Merchandise revenue before refunds (Shopify `subtotal_price_set.shop_money`: lines after
   * discounts, without shipping; tax as the shop prices it). Credit is drawn from this.
   */
  netRevenue: Minor;
}

export interface MicroConversion {
  kind: MicroConversionKind;
  at: Instant;
  productId?: string;
  productVariantId?: string;
}

/** A chat session that may have led to the order (the caller pre-selects candidates). */
export interface ChatTouchpoint {
  sessionId: string;
  arm: Arm;
  visitorId: string;
  startedAt: Instant;
  /** The logged-in customer seen in the session (app proxy `logged_in_customer_id`). */
  customerId: string | null;
  /** Email captured in chat with consent. */
  email: string | null;
  /** Discount codes the chat issued in this session. */
  discountCodes: string[];
  microConversions: MicroConversion[];
}

/** What ties the credited session to the order: enough for explain() without a database. */
export interface CreditBasis {
  /** The session's latest micro-conversion before the order (the "touch"). */
  touchAt: Instant;
  touchKind: MicroConversionKind;
  /** line_item direct credits: the credited lines. */
  lineIds: string[];
  /** discount_code: the chat-issued code the order used. */
  discountCode: string | null;
  /** linear: how many sessions share the pool. */
  sessionsSharing: number;
}

export type CreditReduction = "refund" | "cancellation" | null;

export interface Credit {
  orderId: string;
  sessionId: string;
  rule: Rule;
  model: Model;
  windowDays: WindowDays;
  type: CreditType;
  confidence: number;
  /** After refunds and cancellation; never negative. */
  amount: Minor;
  /** Before refunds and cancellation (what the order's creation earned). */
  grossAmount: Minor;
  /** Why amount < grossAmount, if it is. */
  reducedBy: CreditReduction;
  /** This session's share of its pool: 1 for lines and single-touch models, 1/n for linear. */
  share: number;
  currency: string;
  basis: CreditBasis;
}

export type ExclusionReason = "holdout" | "no_micro_conversion_before_order" | "outside_every_window";

/** A session linked to the order that earns no credit in any window, and why. */
export interface Exclusion {
  sessionId: string;
  rule: Rule;
  reason: ExclusionReason;
}

export interface AttributionResult {
  orderId: string;
  credits: Credit[];
  excluded: Exclusion[];
  /** Sessions the order names (line property, cart attribute) that were not among the candidates. */
  missingSessionIds: string[];
}
