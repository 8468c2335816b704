/**
 * Webhooks whose work runs as a job (orders, refunds, products). Shopify waits 5 s and retries for
 * hours, so a delivery is only recorded (once by X-Shopify-Webhook-Id, and once by X-Shopify-Event-Id,
 * Shopify's guidance: the same event may come again under a new delivery id) and enqueued in one
 * transaction, then answered 200; the job does the work, idempotently. A repeated delivery, or one
 * for a shop that never installed ChatLift or has uninstalled it, is acknowledged and dropped:
 * anything but 2xx would only make Shopify retry.
 */
import prisma from "../../db.server";
import { isUniqueViolation } from "../db/errors";
import { enqueueJob } from "./queue.server";
import { wakeJobRunners } from "./runner.server";

/** What the job receives: the shop, Shopify's topic (orders/create), the delivery id and the body. */
export interface QueuedDelivery<Topic extends string = string> {
  shopDomain: string;
  topic: Topic;
  webhookId: string;
  body: unknown;
}

export type ReceiveOutcome = "recorded" | "duplicate" | "not_installed";

/** The library reports topics as GraphQL enums (ORDERS_CREATE); Shopify's headers say orders/create. */
export function topicAmong<Topic extends string>(topics: readonly Topic[], topic: string): Topic | null {
  const lower = topic.toLowerCase();
  const slashed = lower.includes("/") ? lower : lower.replace("_", "/");
  return (topics as readonly string[]).includes(slashed) ? (slashed as Topic) : null;
}

export async function receiveQueuedWebhook(
  jobKind: string,
  delivery: QueuedDelivery,
  eventId: string | null = null,
): Promise<ReceiveOutcome> {
  try {
    const outcome = await prisma.$transaction(async (tx) => {
      const shop = await tx.shop.findUnique({
        where: { domain: delivery.shopDomain },
        select: { uninstalledAt: true },
      });
      if (!shop || shop.uninstalledAt) return "not_installed" as const;
      await tx.webhookDelivery.create({
        data: { webhookId: delivery.webhookId, shopDomain: delivery.shopDomain, topic: delivery.topic, eventId },
        select: { webhookId: true },
      });
      await enqueueJob(tx, { kind: jobKind, payload: delivery });
      return "recorded" as const;
    });
    // The work (a merchant's credit, a product's answers) should not wait for the runner's next poll.
    if (outcome === "recorded") wakeJobRunners();
    return outcome;
  } catch (error) {
    if (isUniqueViolation(error)) return "duplicate";
    throw error;
  }
}
