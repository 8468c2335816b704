/** The one action behind the three product webhook routes: authenticate (HMAC), record, 200. */
import { authenticate } from "../../shopify.server";
import { parseJsonLosslessly } from "../../attribution/orders/lossless-json";
import { normalizeProductTopic, receiveProductWebhook } from "./product-webhooks.server";

export async function productWebhookAction({ request }: { request: Request }): Promise<Response> {
  // The library parses with JSON.parse, which rounds ids past 2^53 (a delete body is only such an id):
  // the raw text is parsed again losslessly once the signature is known to be good.
  const raw = request.clone().text();
  const { shop, topic, webhookId } = await authenticate.webhook(request);
  const productTopic = normalizeProductTopic(topic);
  if (!productTopic) return Response.json({ error: `this route does not handle ${topic}` }, { status: 400 });
  const outcome = await receiveProductWebhook({
    shopDomain: shop,
    topic: productTopic,
    webhookId,
    body: parseJsonLosslessly(await raw),
  });
  if (outcome === "duplicate") console.info(`[webhook] ${topic} ${webhookId} for ${shop}: already received`);
  if (outcome === "not_installed")
    console.info(`[webhook] ${topic} ${webhookId} for ${shop}: ChatLift is not installed there, nothing stored`);
  return new Response(null, { status: 200 });
}
