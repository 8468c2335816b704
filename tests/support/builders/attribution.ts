/**
 * Builders for the attribution engine's inputs. Every time is relative to ORDER_AT, the frozen
 * clock, so tests read "2 days before the order" instead of epoch numbers.
 */
import type {
  AttributionOrder,
  ChatTouchpoint,
  MicroConversion,
  MicroConversionKind,
  OrderLine,
  Refund,
} from "../../../app/attribution/types";
import { DAY, HOUR, NOW_MS } from "../clock";

/** The order is placed at the frozen now. */
export const ORDER_AT = NOW_MS;

export const daysBefore = (days: number, at = ORDER_AT) => at - days * DAY;
export const hoursBefore = (hours: number, at = ORDER_AT) => at - hours * HOUR;

let nextLine = 1;

export function aLine(overrides: Partial<OrderLine> = {}): OrderLine {
  const id = overrides.id ?? `line-${nextLine++}`;
  return { id, title: `Product ${id}`, quantity: 1, net: 1000, chatSessionId: null, ...overrides };
}

/** netRevenue defaults to the lines' sum, as Shopify's subtotal is when discounts are allocated. */
export function anOrder(overrides: Partial<AttributionOrder> = {}): AttributionOrder {
  const lines = overrides.lines ?? [aLine()];
  return {
    id: "gid://shopify/Order/1001",
    createdAt: ORDER_AT,
    currency: "USD",
    presentmentCurrency: "USD",
    cartLink: null,
    discountCodes: [],
    customerId: null,
    email: null,
    cancelledAt: null,
    refunds: [],
    netRevenue: lines.reduce((total, line) => total + line.net, 0),
    ...overrides,
    lines,
  };
}

export function aMicro(kind: MicroConversionKind, at: number, extra: Partial<MicroConversion> = {}): MicroConversion {
  return { kind, at, ...extra };
}

export function aChatSession(overrides: Partial<ChatTouchpoint> = {}): ChatTouchpoint {
  return {
    sessionId: "session-0001",
    arm: "treatment",
    visitorId: "visitor-0001",
    startedAt: daysBefore(2) - HOUR,
    customerId: null,
    email: null,
    discountCodes: [],
    microConversions: [aMicro("add_to_cart", daysBefore(2))],
    ...overrides,
  };
}

export function aRefund(overrides: Partial<Refund> = {}): Refund {
  return { id: "refund-1", createdAt: ORDER_AT + 3 * DAY, lines: [], orderLevelAmount: 0, ...overrides };
}
