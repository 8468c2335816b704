/**
 * Which candidate chat sessions the order is tied to, and by which rule. A session matched by
 * several rules keeps the most certain one: that is the rule its credit names.
 */
import { RULES, type AttributionOrder, type ChatTouchpoint, type MicroConversion, type Rule } from "./types";

export interface SessionLink {
  session: ChatTouchpoint;
  rule: Rule;
  /** Lines this session added from chat (may be empty when a weaker rule links it). */
  lineIds: string[];
  /** The chat-issued code the order used, when that is (also) how they are tied. */
  discountCode: string | null;
  /** The latest micro-conversion strictly before the order: the session's touch. */
  lastTouch: MicroConversion | null;
}

export interface Linking {
  links: SessionLink[];
  /** Sessions the order itself names (line property, cart attribute) that were not given. */
  missingSessionIds: string[];
}

/** Trimmed and lower-cased: Shopify keeps emails as typed, the widget as entered. */
export function normalizeEmail(email: string | null | undefined): string | null {
  const trimmed = email?.trim().toLowerCase();
  return trimmed ? trimmed : null;
}

/** Discount codes are case-insensitive in Shopify. */
export function normalizeCode(code: string): string {
  return code.trim().toUpperCase();
}

/** "gid://shopify/Customer/42" and "42" are the same customer. */
export function normalizeCustomerId(id: string | null | undefined): string | null {
  if (!id) return null;
  const slash = id.lastIndexOf("/");
  return slash >= 0 ? id.slice(slash + 1) : id;
}

export function linkSessions(order: AttributionOrder, candidates: readonly ChatTouchpoint[]): Linking {
  const linesBySession = new Map<string, string[]>();
  for (const line of order.lines) {
    if (!line.chatSessionId) continue;
    const ids = linesBySession.get(line.chatSessionId);
    if (ids) ids.push(line.id);
    else linesBySession.set(line.chatSessionId, [line.id]);
  }
  const orderCodes = order.discountCodes.map(normalizeCode);
  const orderCustomer = normalizeCustomerId(order.customerId);
  const orderEmail = normalizeEmail(order.email);
  const cartSessionId = order.cartLink?.sessionId ?? null;

  const seen = new Set<string>();
  const links: SessionLink[] = [];
  for (const session of candidates) {
    // The caller may find one session through several queries; the first copy counts.
    if (seen.has(session.sessionId)) continue;
    seen.add(session.sessionId);

    const lineIds = linesBySession.get(session.sessionId) ?? [];
    const discountCode = orderCodes.length ? matchCode(orderCodes, session.discountCodes) : null;
    let rule: Rule | null = null;
    if (lineIds.length) rule = "line_item";
    else if (cartSessionId === session.sessionId) rule = "cart_attribute";
    else if (order.pixelSessionId === session.sessionId) rule = "pixel_checkout";
    else if (discountCode) rule = "discount_code";
    else if (orderCustomer && orderCustomer === normalizeCustomerId(session.customerId)) rule = "customer";
    else if (orderEmail && orderEmail === normalizeEmail(session.email)) rule = "email";
    if (!rule) continue;
    links.push({ session, rule, lineIds, discountCode, lastTouch: lastTouchBefore(session, order.createdAt) });
  }

  const missingSessionIds: string[] = [];
  const named = [cartSessionId, order.pixelSessionId ?? null].filter((id): id is string => id !== null);
  for (const id of [...linesBySession.keys(), ...named]) {
    if (!seen.has(id) && !missingSessionIds.includes(id)) missingSessionIds.push(id);
  }
  return { links, missingSessionIds };
}

function matchCode(orderCodes: readonly string[], issued: readonly string[]): string | null {
  for (const code of issued) {
    const normalized = normalizeCode(code);
    if (orderCodes.includes(normalized)) return normalized;
  }
  return null;
}

/** Strictly before: a micro-conversion logged after checkout cannot have led to it. */
function lastTouchBefore(session: ChatTouchpoint, orderAt: number): MicroConversion | null {
  let last: MicroConversion | null = null;
  for (const micro of session.microConversions) {
    if (micro.at < orderAt && (!last || micro.at > last.at)) last = micro;
  }
  return last;
}

/** The earliest micro-conversion inside [from, orderAt): the session's first touch in a window. */
export function firstTouchWithin(session: ChatTouchpoint, from: number, orderAt: number): number | null {
  let first: number | null = null;
  for (const micro of session.microConversions) {
    if (micro.at >= from && micro.at < orderAt && (first === null || micro.at < first)) first = micro.at;
  }
  return first;
}

export function rulePrecedence(rule: Rule): number {
  return RULES.indexOf(rule);
}
