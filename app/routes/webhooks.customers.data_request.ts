import type { ActionFunctionArgs } from "@remix-run/node";
import { receiveWebhook } from "../webhooks.server";
import { recordCustomerDataRequest } from "../privacy/compliance.server";

export async function action({ request }: ActionFunctionArgs) {
  const received = await receiveWebhook(request);
  if (!received.ok) return received.response;
  const { shop, topic, webhookId } = received.webhook;
  const { firstDelivery } = await recordCustomerDataRequest(shop, webhookId, topic);
  console.info(`[webhook] ${topic} for ${shop}: ${firstDelivery ? "recorded" : "already recorded"}`);
  return new Response(null, { status: 200 });
}
