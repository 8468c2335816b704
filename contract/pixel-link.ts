/**
 * Why: a web pixel's request cannot be signed by Shopify, so the app trusts only a token it issued
 * itself, through the signed app proxy, to one chat session. The widget keeps that token in the
 * visitor's localStorage under PIXEL_TOKEN_KEY; the ChatLift pixel (which Shopify loads only with
 * analytics consent) reads it there and sends it with the checkout it saw completed. Shared by the
 * widget, the pixel (types only: the pixel's bundle carries no validator) and the server.
 */
export const PIXEL_TOKEN_KEY = "chatlift:link";
/** The app proxy route that issues a token: POST { sessionId, visitorId } → { token, expiresAt }. */
export const PIXEL_TOKEN_PATH = "/apps/chatlift/link-token";
/** The app route the pixel posts to (sendBeacon: text/plain JSON, no preflight). */
export const PIXEL_LINK_PATH = "/pixel/link";
export const PIXEL_LINK_VERSION = 1;
/** A chat's token links its checkout for this long: the longest attribution window. */
export const PIXEL_TOKEN_TTL_MS = 30 * 86_400_000;
export const MAX_PIXEL_LINK_BYTES = 2048;

export interface PixelTokenRequest {
  sessionId: string;
  visitorId: string;
}

export interface PixelLinkRequest {
  v: typeof PIXEL_LINK_VERSION;
  /** The shop's myshopify domain, as the pixel's init data names it. */
  shop: string;
  token: string;
  /** checkout_completed: ties the order to the chat; consent: reports the visitor's choice only. */
  kind: "checkout_completed" | "consent";
  /** The pixel event's id: the same event sent twice is one link. */
  eventId: string;
  consent: { analytics: boolean; marketing: boolean };
  /** The storefront's `_ga` cookie, read by the pixel with consent; the server keeps only its client id. */
  ga?: string;
  orderId?: string;
  checkoutToken?: string;
}
