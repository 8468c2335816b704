/**
 * App proxy requests signed the way Shopify signs them: the query's `k=v` pairs (without
 * `signature`) sorted by key and joined with no separator, hex HMAC-SHA256 with the app's
 * secret, sent as `signature`. Independent of the library under test.
 */
import { createHmac } from "node:crypto";
import { API_SECRET_KEY, APP_URL, TEST_SHOP } from "@shopify/shopify-api/test-helpers";

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

export function signedProxyRequest(options: SignedProxyOptions = {}): Request {
  const body = options.body === undefined || typeof options.body === "string" ? options.body : JSON.stringify(options.body);
  const url = `${APP_URL}${options.path ?? "/apps/chatlift/events"}?${signedProxyQuery(options).toString()}`;
  return new Request(url, {
    method: options.method ?? "POST",
    headers: {
      "Content-Type": "application/json",
      "User-Agent": options.userAgent ?? "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36",
      ...options.headers,
    },
    body,
  });
}
