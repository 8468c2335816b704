import type { ActionFunctionArgs } from "@remix-run/node";
import { receiveWebhook } from "../webhooks.server";
import { recordUninstall } from "../platform/shops/shop-lifecycle.server";

export async function action({ request }: ActionFunctionArgs) {
  const received = await receiveWebhook(request);
  if (!received.ok) return received.response;
  const { shop, topic } = received.webhook;
  // Shopify retries until it gets a 200 and may deliver twice, sometimes after the sessions are
  // already gone (a previous attempt, or shop/redact): deleting nothing is still a success.
  const { sessionsDeleted } = await recordUninstall(shop);
  console.info(`[webhook] ${topic} for ${shop}: ${sessionsDeleted} session(s) deleted`);
  return new Response(null, { status: 200 });
}
