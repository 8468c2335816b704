/**
 * The one action behind each group of queued webhook routes (orders, refunds, products): the library
 * checks the HMAC, platform/jobs records the delivery once and queues its job, Shopify gets its 200.
 */
import { parseJsonLosslessly } from "./platform/jobs/lossless-json";
import { receiveQueuedWebhook, topicAmong } from "./platform/jobs/queued-webhooks.server";
import { authenticate } from "./shopify.server";

/** The one action behind a group of webhook routes: authenticate (HMAC), record and queue, 200. */
export function queuedWebhookAction(topics: readonly string[], jobKind: string) {
  return async function action({ request }: { request: Request }): Promise<Response> {
    // The library parses with JSON.parse, which rounds ids past 2^53: the raw text is parsed again
    // losslessly once the signature is known to be good.
    const raw = request.clone().text();
    const { shop, topic, webhookId } = await authenticate.webhook(request);
    const known = topicAmong(topics, topic);
    if (!known) return Response.json({ error: `this route does not handle ${topic}` }, { status: 400 });
    const body = parseJsonLosslessly(await raw);
    const outcome = await receiveQueuedWebhook(jobKind, { shopDomain: shop, topic: known, webhookId, body });
    if (outcome === "duplicate") console.info(`[webhook] ${topic} ${webhookId} for ${shop}: already received`);
    if (outcome === "not_installed")
      console.info(`[webhook] ${topic} ${webhookId} for ${shop}: ChatLift is not installed there, nothing stored`);
    return new Response(null, { status: 200 });
  };
}
