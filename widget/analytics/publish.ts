/**
 * What the analytics bundle uses of the page: Shopify's analytics object as a theme has it (`publish` of
 * custom events, which web pixels receive through `all_custom_events`), and its own storage key. Types and
 * one name only, so tests and the bundle agree without importing the bundle (which runs on load).
 */
export interface ShopifyAnalytics {
  publish(name: string, data: Record<string, unknown>): unknown;
}

/** sessionStorage: the chat session the stored pixel token belongs to (asked for once per session). */
export const TOKEN_SESSION_KEY = "chatlift_l";
