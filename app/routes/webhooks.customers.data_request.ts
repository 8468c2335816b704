import type { ActionFunctionArgs } from "@remix-run/node";
import { authenticate } from "../shopify.server";
import { recordCustomerDataRequest } from "../privacy/compliance.server";

export async function action({ request }: ActionFunctionArgs) {
  const { shop, topic, webhookId } = await authenticate.webhook(request);
  const { firstDelivery } = await recordCustomerDataRequest(shop, webhookId, topic);
  console.info(`[webhook] ${topic} for ${shop}: ${firstDelivery ? "recorded" : "already recorded"}`);
  return new Response(null, { status: 200 });
}
