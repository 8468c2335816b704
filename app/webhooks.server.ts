/**
 * How every webhook route receives Shopify's delivery, and the one action behind each group of queued
 * webhook routes (orders, refunds, products). The body is read once and bounded before the HMAC check
 * (an unsigned 64 MiB post must cost nothing); a signed body that is not JSON is acknowledged and
 * dead-lettered (a 5xx would make Shopify retry it for hours); platform/jobs records a queued delivery
 * once and queues its job (its text cleaned of what PostgreSQL refuses), and Shopify gets its 200.
 */
import { parseJsonLosslessly } from "./platform/jobs/lossless-json";
import { cleanStrings } from "./platform/validation/clean-text";
import { MAX_JSON_DEPTH, nestsDeeperThan } from "./platform/validation/json-depth";
import { receiveQueuedWebhook, topicAmong } from "./platform/jobs/queued-webhooks.server";
import { notJsonReason, recordDeadLetter } from "./platform/jobs/dead-letters.server";
import { describeBytes, readBodyWithin } from "./platform/storefront/body.server";
import { authenticate } from "./shopify.server";

/**
 * Shopify's largest bodies (an order with hundreds of lines, a product with many variants) stay
 * well under 2 MB; anything past this is refused before it is held in memory.
 */
export const MAX_WEBHOOK_BYTES = 5 * 1024 * 1024;

type WebhookContext = Awaited<ReturnType<(typeof authenticate)["webhook"]>>;

export type ReceivedWebhook =
  { ok: true; webhook: WebhookContext; rawBody: string; eventId: string | null } | { ok: false; response: Response };

/** The authenticated delivery, or the answer to give instead (405, 413, 401, 400, or 200 for a dead letter). */
export async function receiveWebhook(request: Request): Promise<ReceivedWebhook> {
  if (request.method !== "POST") return { ok: true, ...(await authenticated(request, "")) };
  const rawBody = await readBodyWithin(request, MAX_WEBHOOK_BYTES);
  if (rawBody === null) {
    const error = `a webhook body is at most ${describeBytes(MAX_WEBHOOK_BYTES)} (${MAX_WEBHOOK_BYTES} bytes): nothing stored`;
    return { ok: false, response: Response.json({ error }, { status: 413 }) };
  }
  // The library reads the body again: it gets the bounded copy, its framing headers dropped.
  const headers = new Headers(request.headers);
  for (const name of ["content-length", "transfer-encoding"]) headers.delete(name);
  const signed = new Request(request.url, { method: "POST", headers, body: rawBody });
  let received: Awaited<ReturnType<typeof authenticated>>;
  try {
    received = await authenticated(signed, rawBody);
  } catch (error) {
    // The library parses only after the HMAC has passed: a SyntaxError means a signed, unreadable body.
    if (!(error instanceof SyntaxError)) throw error;
    return { ok: false, response: await deadLetter(headers, notJsonReason(error, rawBody), rawBody) };
  }
  // Signed, but nested past anything Shopify sends: reading it further would overflow the stack (a 500).
  if (nestsDeeperThan(rawBody))
    return {
      ok: false,
      response: await deadLetter(headers, `JSON nested deeper than ${MAX_JSON_DEPTH} levels`, rawBody),
    };
  return { ok: true, ...received };
}

/** A signed delivery that cannot be read: acknowledged (a retry would not read better) and kept with its reason. */
async function deadLetter(headers: Headers, reason: string, rawBody: string): Promise<Response> {
  const letter = {
    shopDomain: headers.get("x-shopify-shop-domain") ?? "",
    topic: headers.get("x-shopify-topic") ?? "",
    webhookId: headers.get("x-shopify-webhook-id") ?? "",
    eventId: headers.get("x-shopify-event-id"),
    reason,
    rawBody,
  };
  const outcome = await recordDeadLetter(letter);
  console.warn(
    `[webhook] ${letter.topic} ${letter.webhookId} for ${letter.shopDomain}: ${letter.reason}; ` +
      `acknowledged and ${outcome === "recorded" ? "kept as a dead letter" : "already kept"}`,
  );
  return new Response(null, { status: 200 });
}

async function authenticated(request: Request, rawBody: string) {
  const webhook = await authenticate.webhook(request);
  return { webhook, rawBody, eventId: request.headers.get("x-shopify-event-id") };
}

/** The one action behind a group of webhook routes: authenticate (HMAC), record and queue, 200. */
export function queuedWebhookAction(topics: readonly string[], jobKind: string) {
  return async function action({ request }: { request: Request }): Promise<Response> {
    const received = await receiveWebhook(request);
    if (!received.ok) return received.response;
    const { shop, topic, webhookId } = received.webhook;
    const known = topicAmong(topics, topic);
    if (!known) return Response.json({ error: `this route does not handle ${topic}` }, { status: 400 });
    // The library parses with JSON.parse, which rounds ids past 2^53: the raw text is parsed again losslessly,
    // and its text cleaned as the proxy's is, so a title holding a NUL is stored (cleaned) on either database.
    const body = cleanStrings(parseJsonLosslessly(received.rawBody));
    const outcome = await receiveQueuedWebhook(
      jobKind,
      { shopDomain: shop, topic: known, webhookId, body },
      received.eventId,
    );
    if (outcome === "duplicate") console.info(`[webhook] ${topic} ${webhookId} for ${shop}: already received`);
    if (outcome === "not_installed")
      console.info(`[webhook] ${topic} ${webhookId} for ${shop}: ChatLift is not installed there, nothing stored`);
    return new Response(null, { status: 200 });
  };
}
