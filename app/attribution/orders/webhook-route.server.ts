/** The one action behind the four order webhook routes: authenticate, record, 200. */
import { authenticate } from "../../shopify.server";
import { parseJsonLosslessly } from "./lossless-json";
import { normalizeTopic, receiveOrderWebhook } from "./order-webhooks.server";

export async function orderWebhookAction({ request }: { request: Request }): Promise<Response> {
  // The library parses the body with JSON.parse (ids beyond 2^53 would be rounded); the raw
  // text is kept to parse it again losslessly once the signature is known to be good.
  const raw = request.clone().text();
  const { shop, topic, webhookId } = await authenticate.webhook(request);
  const orderTopic = normalizeTopic(topic);
  if (!orderTopic) return Response.json({ error: `this route does not handle ${topic}` }, { status: 400 });
  const outcome = await receiveOrderWebhook({
    shopDomain: shop,
    topic: orderTopic,
    webhookId,
    body: parseJsonLosslessly(await raw),
  });
  if (outcome === "duplicate") console.info(`[webhook] ${topic} ${webhookId} for ${shop}: already received`);
  if (outcome === "not_installed")
    console.info(`[webhook] ${topic} ${webhookId} for ${shop}: ChatLift is not installed there, nothing stored`);
  return new Response(null, { status: 200 });
}
