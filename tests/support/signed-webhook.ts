/**
 * Webhook requests signed the way Shopify signs them: base64 HMAC-SHA256 of the raw body with
 * the app's secret, plus the X-Shopify-* headers. Independent of the library under test.
 */
import { createHmac, randomUUID } from "node:crypto";
import { API_SECRET_KEY, TEST_SHOP } from "@shopify/shopify-api/test-helpers";

export interface SignedWebhookOptions {
  topic: string;
  payload: unknown;
  shop?: string;
  webhookId?: string;
  secret?: string;
  apiVersion?: string;
  /** Header names to leave out, e.g. to test a missing X-Shopify-Topic. */
  omitHeaders?: string[];
  /** Replace the computed signature (a tampered request). */
  hmac?: string;
}

export function shopifyHmac(rawBody: string, secret = API_SECRET_KEY): string {
  return createHmac("sha256", secret).update(rawBody, "utf8").digest("base64");
}

export function signedWebhookRequest(path: string, options: SignedWebhookOptions): Request {
  const rawBody = JSON.stringify(options.payload);
  const headers: Record<string, string> = {
    "Content-Type": "application/json",
    "X-Shopify-Topic": options.topic,
    "X-Shopify-Hmac-Sha256": options.hmac ?? shopifyHmac(rawBody, options.secret),
    "X-Shopify-Shop-Domain": options.shop ?? TEST_SHOP,
    "X-Shopify-API-Version": options.apiVersion ?? "2026-10",
    "X-Shopify-Webhook-Id": options.webhookId ?? randomUUID(),
    "X-Shopify-Triggered-At": "2026-11-21T10:00:00.000Z",
    "X-Shopify-Event-Id": randomUUID(),
  };
  for (const name of options.omitHeaders ?? []) delete headers[name];
  return new Request(`https://my-test-app.myshopify.io${path}`, { method: "POST", headers, body: rawBody });
}
