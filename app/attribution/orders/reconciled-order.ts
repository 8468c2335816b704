/**
 * A reconciled order (Admin GraphQL shape) → the order ChatLift stores, the same shape the
 * webhook path stores (order-payload.ts beside it), so both paths credit identically. It is attribution
 * logic, not the Shopify adapter's: the adapter holds the GraphQL documents and the shapes of their answers
 * (integrations/shopify/orders.graphql.ts); the reconciliation joins the pages of one order into this shape.
 */
import { z } from "zod";
import {
  reconciledLineSchema,
  reconciledRefundLineSchema,
  reconcileOrderNodeSchema,
} from "../../integrations/shopify/orders.graphql";
import { toMinorUnits } from "../money";
import { normalizeCode, normalizeEmail } from "../links";
import { CART_ATTRIBUTE, LINE_PROPERTY, decodeCartAttribute, decodeLineProperty } from "../../../contract/order-link";
import type { StoredOrder, Tracking } from "./types";

/** An order with every line and every refund's lines, once the reconciliation has read them all. */
export const reconciledOrderSchema = reconcileOrderNodeSchema.extend({
  lineItems: z.object({ nodes: z.array(reconciledLineSchema) }),
  refunds: z.array(
    z.object({
      id: z.string(),
      createdAt: z.string().nullish(),
      refundLineItems: z.object({ nodes: z.array(reconciledRefundLineSchema) }),
    }),
  ),
});

export type ReconciledOrder = z.infer<typeof reconciledOrderSchema>;

export function orderFromGraphql(node: ReconciledOrder): StoredOrder {
  const currency = node.totalPriceSet.shopMoney.currencyCode;
  const minor = (set: ReconciledOrder["totalPriceSet"]) => toMinorUnits(set.shopMoney.amount, currency);
  const cartAttribute = node.customAttributes.find((a) => a.key === CART_ATTRIBUTE)?.value ?? null;
  const link = decodeCartAttribute(cartAttribute);
  const lines = node.lineItems.nodes.map((line) => {
    const discounts = line.discountAllocations.reduce(
      (sum, allocation) => sum + minor(allocation.allocatedAmountSet),
      0,
    );
    return {
      id: line.id,
      title: line.title,
      productId: line.product?.id ?? null,
      productVariantId: line.variant?.id ?? null,
      quantity: line.quantity,
      netMinor: Math.max(0, minor(line.originalUnitPriceSet) * line.quantity - discounts),
      chatSessionId: decodeLineProperty(line.customAttributes.find((a) => a.key === LINE_PROPERTY)?.value),
    };
  });
  return {
    id: node.id,
    name: node.name,
    placedAt: new Date(node.createdAt),
    shopifyUpdatedAt: new Date(node.updatedAt),
    cancelledAt: node.cancelledAt ? new Date(node.cancelledAt) : null,
    currency,
    presentmentCurrency: node.presentmentCurrencyCode ?? null,
    totalMinor: minor(node.totalPriceSet),
    subtotalMinor: node.subtotalPriceSet
      ? minor(node.subtotalPriceSet)
      : lines.reduce((sum, line) => sum + line.netMinor, 0),
    customerId: node.customer?.id ?? null,
    email: normalizeEmail(node.email),
    chatliftAttribute: cartAttribute,
    chatSessionId: link?.sessionId ?? null,
    arm: link?.arm ?? null,
    discountCodes: node.discountCodes.map(normalizeCode),
    test: node.test,
    lines,
    refunds: node.refunds.map((refund) => ({
      id: refund.id,
      orderId: node.id,
      createdAt: new Date(refund.createdAt ?? node.updatedAt),
      lines: refund.refundLineItems.nodes.map((item) => ({
        lineId: item.lineItem.id,
        quantity: item.quantity,
        amount: minor(item.subtotalSet),
      })),
      orderLevelAmount: 0,
    })),
    ...(node.displayFulfillmentStatus ? { fulfillment: fulfillmentOf(node) } : {}),
  };
}

/** GraphQL's display status in the webhook's words (fulfillment_status), so both paths store one vocabulary. */
const FULFILLMENT_STATUS: Record<string, string> = {
  FULFILLED: "fulfilled",
  PARTIALLY_FULFILLED: "partial",
  RESTOCKED: "restocked",
};
const VOID_FULFILLMENTS = new Set(["CANCELLED", "ERROR", "FAILURE"]);

function fulfillmentOf(node: ReconciledOrder): NonNullable<StoredOrder["fulfillment"]> {
  const tracking: Tracking[] = [];
  for (const fulfillment of node.fulfillments ?? []) {
    if (VOID_FULFILLMENTS.has(fulfillment.status)) continue;
    const shipmentStatus = fulfillment.displayStatus?.toLowerCase() ?? null;
    for (const info of fulfillment.trackingInfo) {
      if (!info.number && !info.url) continue;
      tracking.push({
        company: info.company || null,
        number: info.number || null,
        url: info.url || null,
        shipmentStatus,
      });
    }
  }
  return { status: FULFILLMENT_STATUS[node.displayFulfillmentStatus ?? ""] ?? null, tracking };
}
