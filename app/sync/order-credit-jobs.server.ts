/**
 * Why: the HubSpot-order half of `hubspot.deal` (deal-jobs.server.ts runs it first): finds HubSpot's order
 * for the credited Shopify order, writes ChatLift's credit onto it and associates it with the shopper's
 * contact, and tells the deal half whether to create, only update, or leave the deal (order-credits.ts
 * says why each choice). Waiting for HubSpot's sync is a deferral (no attempt spent); missing scopes park
 * the job with the reason.
 */
import { CrmError } from "../integrations/hubspot/crm-port";
import { JobDeferral } from "../platform/jobs/backoff";
import type { ShopCrm } from "./shop-crm.server";
import { creditStep, orderCreditProperties, type OrderCredit } from "./order-credits";

export type CreditedOrderRef = { orderId: string; placedAt: Date; credit: OrderCredit; contactId?: string };

/** What the deal half does next: "create" (or update the deal there), or "update" only a deal there. */
export async function recordOnHubSpotOrder(
  shop: Pick<ShopCrm, "crm" | "creditRecord" | "ordersAccess">,
  order: CreditedOrderRef,
  now = new Date(),
): Promise<"create" | "update"> {
  const looks = shop.creditRecord !== "deals" && shop.ordersAccess.available;
  const synced = looks ? await shop.crm.findSyncedOrders([order.orderId]) : [];
  const step = creditStep({
    record: shop.creditRecord,
    access: shop.ordersAccess,
    synced: looks ? synced.length > 0 : null,
    placedAt: order.placedAt,
    now,
  });
  if (step.action === "wait") throw new JobDeferral(step.until, step.reason);
  if (step.action === "park") throw new CrmError("forbidden", step.reason);
  if (step.order) {
    const properties = orderCreditProperties(order.credit);
    await shop.crm.updateOrders(synced.map((found) => ({ hubspotOrderId: found.hubspotOrderId, properties })));
    const contactId = order.contactId;
    if (contactId)
      await shop.crm.associate(
        "orders",
        "contacts",
        synced.map((found) => ({ fromId: found.hubspotOrderId, toId: contactId })),
      );
  }
  return step.deal;
}
