// Shopify delivers at least once and retries for hours: the delivery is recorded once and
// processed by a job (app/attribution/orders/order-webhooks.server.ts), so this answers within the 5 s limit.
import { orderWebhookAction } from "../attribution/orders/webhook-route.server";

export const action = orderWebhookAction;
