import type { ActionFunctionArgs } from "@remix-run/node";
import { receiveWebhook } from "../webhooks.server";
import { recordCustomerDataRequest } from "../privacy/compliance.server";
import { parseDataRequestBody } from "../privacy/data-request";

export async function action({ request }: ActionFunctionArgs) {
  const received = await receiveWebhook(request);
  if (!received.ok) return received.response;
  const { shop, topic, webhookId } = received.webhook;
  // The raw text, not the library's JSON.parse: customer and order ids past 2^53 stay exact.
  const parsed = parseDataRequestBody(received.rawBody);
  if (!parsed.ok) {
    return Response.json(
      { error: "customers/data_request payload names no customer", issues: parsed.problems },
      { status: 422 },
    );
  }
  const { firstDelivery } = await recordCustomerDataRequest(shop, webhookId, topic, parsed.request);
  console.info(`[webhook] ${topic} for ${shop}: ${firstDelivery ? "recorded" : "already recorded"}`);
  return new Response(null, { status: 200 });
}
