/**
 * Order webhooks (orders/create, orders/updated, orders/cancelled, refunds/create). Shopify
 * waits 5 s and retries, so a delivery is only recorded (by X-Shopify-Webhook-Id, once) and
 * enqueued in one transaction, then answered; the job does the work, idempotently, and a
 * payload that cannot be read is parked with its error and its body, so nothing is lost.
 */
import { z } from "zod";
import prisma, { type Tx } from "../../db.server";
import { attributeSavedOrderIn, attributeStoredOrderIn } from "../attribute-order.server";
import type { JobWriter } from "../../platform/jobs/queue.server";
import {
  gid,
  orderFromPayload,
  orderPayloadSchema,
  refundCurrency,
  refundFromPayload,
  refundPayloadSchema,
} from "./order-payload";
import { saveOrderIn, saveRefundIn } from "./orders.server";
import { enqueueRoutingForFacts } from "../../sync/outbox.server";

export const ORDER_WEBHOOK_JOB = "shopify.order-webhook";

export const ORDER_TOPICS = ["orders/create", "orders/updated", "orders/cancelled", "refunds/create"] as const;
export type OrderTopic = (typeof ORDER_TOPICS)[number];

const deliverySchema = z.object({
  shopDomain: z.string(),
  topic: z.enum(ORDER_TOPICS),
  webhookId: z.string(),
  body: z.unknown(),
});

export interface ProcessOutcome {
  orderId: string;
  stored: "created" | "updated" | "stale" | "refund" | "refund_before_order" | "refund_known" | "other_shop";
  credits: number | null;
}

/**
 * Stores the delivery's order or refund, re-attributes the order and (given the job's
 * `completeIn`) ends the job, all in ONE transaction: the credits are computed from the very
 * order this transaction stored (another worker's delivery of the same order waits for the
 * commit), and a webhook costs one commit instead of three.
 */
export async function processOrderWebhook(
  job: unknown,
  completeIn?: (tx: JobWriter) => Promise<void>,
): Promise<ProcessOutcome> {
  const delivery = deliverySchema.parse(job);
  if (delivery.topic === "refunds/create") {
    const payload = refundPayloadSchema.parse(delivery.body);
    const refund = refundFromPayload(payload, await currencyFor(delivery.shopDomain, payload));
    return prisma.$transaction(async (tx) => {
      const { orderStored, added, owner } = await saveRefundIn(tx, delivery.shopDomain, refund);
      if (owner) {
        refuseOtherShops(delivery, refund.orderId, owner);
        await completeIn?.(tx);
        return { orderId: refund.orderId, stored: "other_shop", credits: null };
      }
      const attributed = orderStored && added ? await attributeStoredOrderIn(tx, refund.orderId) : null;
      if (orderStored && added) await routeBuyerAgain(tx, delivery.shopDomain, refund.orderId);
      await completeIn?.(tx);
      const stored = !orderStored ? "refund_before_order" : !added ? "refund_known" : "refund";
      return { orderId: refund.orderId, stored, credits: attributed?.credits ?? null };
    });
  }
  const order = orderFromPayload(orderPayloadSchema.parse(delivery.body));
  const now = new Date();
  return prisma.$transaction(async (tx) => {
    // Any order this stores is credited below, in this transaction.
    const saved = await saveOrderIn(tx, delivery.shopDomain, order, "webhook", now);
    if (saved.order === "other_shop") {
      refuseOtherShops(delivery, order.id, saved.owner ?? "another shop");
      await completeIn?.(tx);
      return { orderId: order.id, stored: "other_shop", credits: null };
    }
    // Stored as the payload says (no refunds to net): credit it from the payload itself.
    const asPayload = saved.order !== "stale" && saved.refunded === false;
    const changed = saved.order !== "stale" || saved.refundsAdded > 0;
    const attributed = asPayload
      ? await attributeSavedOrderIn(tx, delivery.shopDomain, order, saved.order === "created", now)
      : changed
        ? await attributeStoredOrderIn(tx, order.id, now)
        : null;
    // A lead's orders are routing facts (orders, revenue): the buyer, if a lead, is routed again.
    if (changed && order.email) await enqueueRoutingForFacts(tx, delivery.shopDomain, [order.email], now);
    await completeIn?.(tx);
    return { orderId: order.id, stored: saved.order, credits: attributed?.credits ?? null };
  });
}

/**
 * Shopify's order ids are global: one already stored under another shop means this body was replayed
 * under a shop header it was not signed for (the header is outside the HMAC). Refused, not retried.
 */
function refuseOtherShops(delivery: z.infer<typeof deliverySchema>, orderId: string, owner: string): void {
  console.warn(
    `[webhook] ${delivery.topic} ${delivery.webhookId} for ${delivery.shopDomain} refused: ` +
      `order ${orderId} belongs to ${owner}; nothing stored`,
  );
}

/** A refund lowers the buyer's net revenue, a routing fact: the buyer, if a lead, is routed again. */
async function routeBuyerAgain(tx: Tx, shopDomain: string, orderId: string) {
  const order = await tx.order.findUnique({ where: { id: orderId, shopDomain }, select: { email: true } });
  if (order?.email) await enqueueRoutingForFacts(tx, shopDomain, [order.email]);
}

/** A refund's amounts are in the shop currency; an empty refund names none, so ask the order or shop. */
async function currencyFor(shopDomain: string, payload: z.infer<typeof refundPayloadSchema>): Promise<string> {
  const fromPayload = refundCurrency(payload);
  if (fromPayload) return fromPayload;
  const order = await prisma.order.findUnique({
    where: { id: gid("Order", payload.order_id) as string, shopDomain },
    select: { currency: true },
  });
  const shop = order
    ? null
    : await prisma.shop.findUnique({ where: { domain: shopDomain }, select: { currency: true } });
  return order?.currency ?? shop?.currency ?? "USD";
}
