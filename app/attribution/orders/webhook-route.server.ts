/** The one action behind the four order webhook routes: authenticate, record, 200. */
import { queuedWebhookAction } from "../../webhooks.server";
import { ORDER_TOPICS, ORDER_WEBHOOK_JOB } from "./order-webhooks.server";

export const orderWebhookAction = queuedWebhookAction(ORDER_TOPICS, ORDER_WEBHOOK_JOB);
