/**
 * Order webhooks (orders/create, orders/updated, orders/cancelled, refunds/create). Shopify
 * waits 5 s and retries, so a delivery is only recorded (by X-Shopify-Webhook-Id, once) and
 * enqueued in one transaction, then answered; the job does the work, idempotently, and a
 * payload that cannot be read is parked with its error and its body, so nothing is lost.
 */
import { z } from "zod";
import prisma from "../db.server";
import { isUniqueViolation } from "../db/errors";
import { attributeStoredOrder } from "../attribution/attribute-order.server";
import { enqueueJob } from "../jobs/queue.server";
import { wakeJobRunners } from "../jobs/runner.server";
import { gid, orderFromPayload, orderPayloadSchema, refundCurrency, refundFromPayload, refundPayloadSchema } from "./order-payload";
import { saveOrder, saveRefund } from "./orders.server";

export const ORDER_WEBHOOK_JOB = "shopify.order-webhook";

export const ORDER_TOPICS = ["orders/create", "orders/updated", "orders/cancelled", "refunds/create"] as const;
export type OrderTopic = (typeof ORDER_TOPICS)[number];

/** The library reports topics as GraphQL enums (ORDERS_CREATE); Shopify's headers say orders/create. */
export function normalizeTopic(topic: string): OrderTopic | null {
  const lower = topic.toLowerCase();
  const slashed = lower.includes("/") ? lower : lower.replace("_", "/");
  return (ORDER_TOPICS as readonly string[]).includes(slashed) ? (slashed as OrderTopic) : null;
}

export interface OrderDelivery {
  shopDomain: string;
  topic: OrderTopic;
  webhookId: string;
  body: unknown;
}

export type ReceiveOutcome = "recorded" | "duplicate" | "not_installed";

/**
 * Records and enqueues a delivery; a delivery already recorded is acknowledged and dropped, and
 * so is one for a shop that never installed ChatLift or has uninstalled it: its orders are not
 * ours to keep, and answering anything but 2xx would only make Shopify retry for hours.
 */
export async function receiveOrderWebhook(delivery: OrderDelivery): Promise<ReceiveOutcome> {
  try {
    const outcome = await prisma.$transaction(async (tx) => {
      const shop = await tx.shop.findUnique({ where: { domain: delivery.shopDomain }, select: { uninstalledAt: true } });
      if (!shop || shop.uninstalledAt) return "not_installed" as const;
      await tx.webhookDelivery.create({ data: { webhookId: delivery.webhookId, shopDomain: delivery.shopDomain, topic: delivery.topic } });
      await enqueueJob(tx, { kind: ORDER_WEBHOOK_JOB, payload: delivery });
      return "recorded" as const;
    });
    // The merchant's credit should not wait for the runner's next poll.
    if (outcome === "recorded") wakeJobRunners();
    return outcome;
  } catch (error) {
    if (isUniqueViolation(error)) return "duplicate";
    throw error;
  }
}

const deliverySchema = z.object({
  shopDomain: z.string(),
  topic: z.enum(ORDER_TOPICS),
  webhookId: z.string(),
  body: z.unknown(),
});

export interface ProcessOutcome {
  orderId: string;
  stored: "created" | "updated" | "stale" | "refund" | "refund_before_order" | "refund_known";
  credits: number | null;
}

export async function processOrderWebhook(job: unknown): Promise<ProcessOutcome> {
  const delivery = deliverySchema.parse(job);
  if (delivery.topic === "refunds/create") {
    const payload = refundPayloadSchema.parse(delivery.body);
    const refund = refundFromPayload(payload, await currencyFor(delivery.shopDomain, payload));
    const { orderStored, added } = await saveRefund(delivery.shopDomain, refund);
    if (!orderStored) return { orderId: refund.orderId, stored: "refund_before_order", credits: null };
    if (!added) return { orderId: refund.orderId, stored: "refund_known", credits: null };
    const attributed = await attributeStoredOrder(refund.orderId);
    return { orderId: refund.orderId, stored: "refund", credits: attributed.credits };
  }
  const order = orderFromPayload(orderPayloadSchema.parse(delivery.body));
  const saved = await saveOrder(delivery.shopDomain, order, "webhook");
  const changed = saved.order !== "stale" || saved.refundsAdded > 0;
  const attributed = changed ? await attributeStoredOrder(order.id) : null;
  return { orderId: order.id, stored: saved.order, credits: attributed?.credits ?? null };
}

/** A refund's amounts are in the shop currency; an empty refund names none, so ask the order or shop. */
async function currencyFor(shopDomain: string, payload: z.infer<typeof refundPayloadSchema>): Promise<string> {
  const fromPayload = refundCurrency(payload);
  if (fromPayload) return fromPayload;
  const order = await prisma.order.findUnique({ where: { id: gid("Order", payload.order_id) as string }, select: { currency: true } });
  const shop = order ? null : await prisma.shop.findUnique({ where: { domain: shopDomain }, select: { currency: true } });
  return order?.currency ?? shop?.currency ?? "USD";
}
