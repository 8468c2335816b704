/**
 * What a finished job keeps of its payload. A queued webhook's job carries Shopify's whole body
 * (an order's customer, email, phone, addresses) because processing reads it; once the job is done
 * nothing reads it again, so only the delivery's identity stays: shop, topic and webhook id (to
 * match it with Shopify's delivery log) and the ids in the body naming what it was about (the
 * order, refund or product). A job that fails keeps its body: a person may retry it once parked.
 * Other jobs' payloads hold ids only and are kept as they are.
 */
import { parseJsonLosslessly } from "./lossless-json";

const IDENTITY = ["id", "order_id", "admin_graphql_api_id"] as const;

/** The payload to keep once the job is done, or undefined to keep it unchanged. */
export function finishedPayload(payload: string): string | undefined {
  // Most jobs carry a few ids: no need to parse them.
  if (!payload.includes('"body"')) return undefined;
  let parsed: unknown;
  try {
    parsed = parseJsonLosslessly(payload);
  } catch {
    return undefined;
  }
  if (!parsed || typeof parsed !== "object" || !("body" in parsed)) return undefined;
  const { body, ...delivery } = parsed as { body: unknown } & Record<string, unknown>;
  const about: Record<string, unknown> = {};
  if (body && typeof body === "object") {
    for (const key of IDENTITY) {
      const value = (body as Record<string, unknown>)[key];
      if (typeof value === "string" || typeof value === "number") about[key] = value;
    }
  }
  return JSON.stringify({ ...delivery, body: about });
}
