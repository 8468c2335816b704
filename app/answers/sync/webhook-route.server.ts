/** The one action behind the three product webhook routes: authenticate (HMAC), record, 200. */
import { queuedWebhookAction } from "../../webhooks.server";
import { PRODUCT_TOPICS } from "./product-webhooks.server";
import { PRODUCT_WEBHOOK_JOB } from "./sync-state.server";

export const productWebhookAction = queuedWebhookAction(PRODUCT_TOPICS, PRODUCT_WEBHOOK_JOB);
