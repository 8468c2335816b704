/**
 * A reconciled order (Admin GraphQL shape) → the order ChatLift stores, the same shape the
 * webhook path stores (order-payload.ts beside it), so both paths credit identically. It is attribution
 * logic, not the Shopify adapter's: the adapter holds the GraphQL documents (integrations/shopify/orders.graphql.ts).
 */
import { z } from "zod";
import { toMinorUnits } from "../money";
import { normalizeCode, normalizeEmail } from "../links";
import { CART_ATTRIBUTE, LINE_PROPERTY, decodeCartAttribute, decodeLineProperty } from "../../../contract/order-link";
import type { StoredOrder, Tracking } from "./types";

const money = z.object({ shopMoney: z.object({ amount: z.string(), currencyCode: z.string() }) });
const attribute = z.object({ key: z.string(), value: z.string().nullish() });
const ref = z.object({ id: z.string() }).nullish();

export const reconciledOrderSchema = z.object({
  id: z.string(),
  name: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  cancelledAt: z.string().nullish(),
  test: z.boolean(),
  email: z.string().nullish(),
  presentmentCurrencyCode: z.string().nullish(),
  customer: ref,
  customAttributes: z.array(attribute),
  discountCodes: z.array(z.string()),
  totalPriceSet: money,
  subtotalPriceSet: money.nullish(),
  lineItems: z.object({
    nodes: z.array(
      z.object({
        id: z.string(),
        title: z.string(),
        quantity: z.number().int(),
        product: ref,
        variant: ref,
        customAttributes: z.array(attribute),
        originalUnitPriceSet: money,
        discountAllocations: z.array(z.object({ allocatedAmountSet: money })),
      }),
    ),
  }),
  /** Absent from older answers: the stored fulfillment is then kept as it is. */
  displayFulfillmentStatus: z.string().nullish(),
  fulfillments: z
    .array(
      z.object({
        status: z.string(),
        displayStatus: z.string().nullish(),
        trackingInfo: z.array(z.object({ company: z.string().nullish(), number: z.string().nullish(), url: z.string().nullish() })),
      }),
    )
    .nullish(),
  refunds: z.array(
    z.object({
      id: z.string(),
      createdAt: z.string().nullish(),
      refundLineItems: z.object({
        nodes: z.array(z.object({ quantity: z.number().int(), lineItem: z.object({ id: z.string() }), subtotalSet: money })),
      }),
    }),
  ),
});

export type ReconciledOrder = z.infer<typeof reconciledOrderSchema>;

export function orderFromGraphql(node: ReconciledOrder): StoredOrder {
  const currency = node.totalPriceSet.shopMoney.currencyCode;
  const minor = (set: z.infer<typeof money>) => toMinorUnits(set.shopMoney.amount, currency);
  const cartAttribute = node.customAttributes.find((a) => a.key === CART_ATTRIBUTE)?.value ?? null;
  const link = decodeCartAttribute(cartAttribute);
  const lines = node.lineItems.nodes.map((line) => {
    const discounts = line.discountAllocations.reduce((sum, allocation) => sum + minor(allocation.allocatedAmountSet), 0);
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
    subtotalMinor: node.subtotalPriceSet ? minor(node.subtotalPriceSet) : lines.reduce((sum, line) => sum + line.netMinor, 0),
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
      lines: refund.refundLineItems.nodes.map((item) => ({ lineId: item.lineItem.id, quantity: item.quantity, amount: minor(item.subtotalSet) })),
      orderLevelAmount: 0,
    })),
    ...(node.displayFulfillmentStatus ? { fulfillment: fulfillmentOf(node) } : {}),
  };
}

/** GraphQL's display status in the webhook's words (fulfillment_status), so both paths store one vocabulary. */
const FULFILLMENT_STATUS: Record<string, string> = { FULFILLED: "fulfilled", PARTIALLY_FULFILLED: "partial", RESTOCKED: "restocked" };
const VOID_FULFILLMENTS = new Set(["CANCELLED", "ERROR", "FAILURE"]);

function fulfillmentOf(node: ReconciledOrder): NonNullable<StoredOrder["fulfillment"]> {
  const tracking: Tracking[] = [];
  for (const fulfillment of node.fulfillments ?? []) {
    if (VOID_FULFILLMENTS.has(fulfillment.status)) continue;
    const shipmentStatus = fulfillment.displayStatus?.toLowerCase() ?? null;
    for (const info of fulfillment.trackingInfo) {
      if (!info.number && !info.url) continue;
      tracking.push({ company: info.company || null, number: info.number || null, url: info.url || null, shipmentStatus });
    }
  }
  return { status: FULFILLMENT_STATUS[node.displayFulfillmentStatus ?? ""] ?? null, tracking };
}
