// Shopify delivers at least once, out of order, and retries for hours: the delivery is recorded once and
// processed by a job (app/answers/sync/product-webhooks.server.ts), so this answers within the 5 s limit.
import { productWebhookAction } from "../answers/sync/webhook-route.server";

export const action = productWebhookAction;
