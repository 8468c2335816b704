/**
 * Shopify's mandatory privacy webhooks. Each handler is idempotent (Shopify retries, and may
 * deliver the same request twice) and deletes only what ChatLift holds for the subject.
 *
 * What ChatLift holds grows with the product: when a model gains customer- or shop-keyed data,
 * the matching delete below must grow with it (tests/integration/compliance-webhooks.test.ts
 * checks every table).
 */
import prisma from "../db.server";
import { isUniqueViolation } from "../db/errors";

export interface RedactionReport {
  /** Rows deleted, by table, so the audit log says exactly what was erased. */
  deleted: Record<string, number>;
}

export interface CustomerRef {
  id?: string | number | null;
  email?: string | null;
}

/** shop/redact: everything of the shop goes, 48 hours after uninstall. */
export async function redactShop(shopDomain: string): Promise<RedactionReport> {
  const [sessions, deliveries, shops] = await prisma.$transaction([
    prisma.session.deleteMany({ where: { shop: shopDomain } }),
    prisma.webhookDelivery.deleteMany({ where: { shopDomain } }),
    prisma.shop.deleteMany({ where: { domain: shopDomain } }),
  ]);
  return { deleted: { Session: sessions.count, WebhookDelivery: deliveries.count, Shop: shops.count } };
}

/**
 * customers/redact: the customer's chat data. So far ChatLift stores nothing keyed by a
 * customer (chat sessions and leads arrive with capture and attribution), so there is
 * nothing to delete yet; the report says so explicitly rather than pretending.
 */
export async function redactCustomer(_shopDomain: string, _customer: CustomerRef): Promise<RedactionReport> {
  return { deleted: {} };
}

/**
 * customers/data_request: Shopify asks the app to hand the merchant what it holds for a
 * customer. The request is recorded once (by webhook id) so it can be answered from the admin.
 */
export async function recordCustomerDataRequest(
  shopDomain: string,
  webhookId: string,
  topic: string,
): Promise<{ firstDelivery: boolean }> {
  try {
    await prisma.webhookDelivery.create({ data: { webhookId, shopDomain, topic } });
    return { firstDelivery: true };
  } catch (error) {
    if (isUniqueViolation(error)) return { firstDelivery: false };
    throw error;
  }
}
