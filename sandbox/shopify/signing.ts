/**
 * Requests signed the way Shopify signs them, for everything that plays Shopify against the app
 * (the demo's storefront proxy and order webhooks, the benches, the tests). Written from Shopify's
 * docs, independent of the library under test:
 * - app proxy: the query's `k=v` pairs (without `signature`) sorted by key and joined with no
 *   separator, hex HMAC-SHA256 with the app's secret, sent as `signature`;
 * - webhooks: base64 HMAC-SHA256 of the raw body with the app's secret, plus the X-Shopify-* headers.
 */
import { createHmac, randomUUID } from "node:crypto";
import { API_SECRET_KEY, TEST_SHOP } from "@shopify/shopify-api/test-helpers";

export interface SignedProxyOptions {
  body?: string | unknown;
  shop?: string;
  /** Path of the app's route; Shopify forwards /apps/chatlift/* here. */
  path?: string;
  loggedInCustomerId?: string;
  /** Seconds since the epoch; defaults to the (frozen) clock. */
  timestamp?: number;
  secret?: string;
  /** Replace the computed signature (a forged request). */
  signature?: string;
  userAgent?: string;
  method?: string;
  headers?: Record<string, string>;
}

export function appProxySignature(params: Record<string, string>, secret = API_SECRET_KEY): string {
  const message = Object.keys(params)
    .sort()
    .map((key) => `${key}=${params[key]}`)
    .join("");
  return createHmac("sha256", secret).update(message, "utf8").digest("hex");
}

export function signedProxyQuery(options: SignedProxyOptions = {}): URLSearchParams {
  const params: Record<string, string> = {
    shop: options.shop ?? TEST_SHOP,
    logged_in_customer_id: options.loggedInCustomerId ?? "",
    path_prefix: "/apps/chatlift",
    timestamp: String(options.timestamp ?? Math.floor(Date.now() / 1000)),
  };
  return new URLSearchParams({ ...params, signature: options.signature ?? appProxySignature(params, options.secret) });
}

export interface SignedWebhookOptions {
  topic: string;
  payload: unknown;
  shop?: string;
  webhookId?: string;
  /** X-Shopify-Event-Id; a fresh one per request unless given (a redelivered event keeps its id). */
  eventId?: string;
  secret?: string;
  apiVersion?: string;
  /** Header names to leave out, e.g. to test a missing X-Shopify-Topic. */
  omitHeaders?: string[];
  /** Replace the computed signature (a tampered request). */
  hmac?: string;
  /** The body as Shopify's own text, sent as is instead of `payload` (its ids past 2^53 intact). */
  rawBody?: string;
}

export function shopifyHmac(rawBody: string, secret = API_SECRET_KEY): string {
  return createHmac("sha256", secret).update(rawBody, "utf8").digest("base64");
}

export function signedWebhookRequest(path: string, options: SignedWebhookOptions): Request {
  const rawBody = options.rawBody ?? JSON.stringify(options.payload);
  const headers: Record<string, string> = {
    "Content-Type": "application/json",
    "X-Shopify-Topic": options.topic,
    "X-Shopify-Hmac-Sha256": options.hmac ?? shopifyHmac(rawBody, options.secret),
    "X-Shopify-Shop-Domain": options.shop ?? TEST_SHOP,
    "X-Shopify-API-Version": options.apiVersion ?? "2026-10",
    "X-Shopify-Webhook-Id": options.webhookId ?? randomUUID(),
    "X-Shopify-Triggered-At": new Date().toISOString(),
    "X-Shopify-Event-Id": options.eventId ?? randomUUID(),
  };
  for (const name of options.omitHeaders ?? []) delete headers[name];
  return new Request(`https://my-test-app.myshopify.io${path}`, { method: "POST", headers, body: rawBody });
}
