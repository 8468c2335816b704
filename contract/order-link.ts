/**
 * How a storefront chat session is carried into the order, so attribution can find it.
 * Dependency-free: the widget bundles this file, the server parses with it.
 *
 * - The private cart attribute `__chatlift` (kept on the order's note_attributes, hidden at
 *   checkout) holds the chat session id and the visitor's arm, for both arms.
 * - The private line-item property `_chatlift` marks a line added from chat, with its session.
 */
export const CART_ATTRIBUTE = "__chatlift";
export const LINE_PROPERTY = "_chatlift";

export const ARMS = ["treatment", "holdout"] as const;
export type Arm = (typeof ARMS)[number];

export interface OrderLink {
  sessionId: string;
  arm: Arm;
}

const SESSION_ID = /^[A-Za-z0-9_-]{8,64}$/;

/** `<sessionId>.<t|h>`: short, because cart attributes travel with every cart request. */
export function encodeCartAttribute(link: OrderLink): string {
  return `${link.sessionId}.${link.arm === "holdout" ? "h" : "t"}`;
}

export function decodeCartAttribute(value: string | null | undefined): OrderLink | null {
  if (!value) return null;
  const dot = value.lastIndexOf(".");
  const sessionId = dot > 0 ? value.slice(0, dot) : "";
  const arm = value.slice(dot + 1);
  if (!SESSION_ID.test(sessionId) || (arm !== "t" && arm !== "h")) return null;
  return { sessionId, arm: arm === "h" ? "holdout" : "treatment" };
}

/** The line property holds the bare session id. */
export function decodeLineProperty(value: string | null | undefined): string | null {
  return value && SESSION_ID.test(value) ? value : null;
}
