import type { ActionFunctionArgs } from "@remix-run/node";
import { receiveWebhook } from "../webhooks.server";
import { redactShop } from "../privacy/compliance.server";

export async function action({ request }: ActionFunctionArgs) {
  const received = await receiveWebhook(request);
  if (!received.ok) return received.response;
  const { shop, topic } = received.webhook;
  // Idempotent: a retry after a successful first attempt finds nothing left and still succeeds.
  const report = await redactShop(shop);
  console.info(`[webhook] ${topic} for ${shop}: deleted ${JSON.stringify(report.deleted)}`);
  return new Response(null, { status: 200 });
}
