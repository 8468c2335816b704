/**
 * Shopify's order and refund webhook bodies (REST shape) → the order ChatLift stores. Only the
 * fields attribution needs are read; money comes from the `*_set.shop_money` amounts (the
 * shop's currency, whatever the buyer paid in), ids are kept as gids.
 */
import { z } from "zod";
import { toMinorUnits } from "../money";
import { normalizeCode, normalizeEmail } from "../links";
import { CART_ATTRIBUTE, LINE_PROPERTY, decodeCartAttribute, decodeLineProperty } from "../../../contract/order-link";
import type { StoredOrder, StoredRefund, Tracking } from "./types";

const id = z.union([z.string(), z.number()]).transform(String);
/**
 * Refused here, by name, rather than deep in the job: an amount that is not a plain decimal or has
 * more than 12 digits before the point (past any order, and past what minor units hold exactly).
 */
const amount = z
  .union([z.string(), z.number()])
  .transform((value) => String(value).trim())
  .refine((value) => /^-?\d{1,12}(\.\d{1,20})?$/.test(value), "a decimal amount, at most 12 digits before the point");
const currencyCode = z.string().regex(/^[A-Z]{3}$/, "an ISO 4217 currency code");
const money = z.object({ amount, currency_code: currencyCode });
const moneySet = z.object({ shop_money: money, presentment_money: money.nullish() });
const nameValue = z.object({
  name: z.string(),
  value: z
    .union([z.string(), z.number()])
    .nullish()
    .transform((v) => (v == null ? null : String(v))),
});
const timestamp = z.string().refine((value) => !Number.isNaN(Date.parse(value)), "not a date-time");

const refundSchema = z.object({
  id,
  admin_graphql_api_id: z.string().optional(),
  order_id: id,
  created_at: timestamp,
  refund_line_items: z
    .array(
      z.object({
        line_item_id: id,
        quantity: z.number().int().nonnegative(),
        subtotal_set: moneySet,
        line_item: z.object({ admin_graphql_api_id: z.string().optional() }).nullish(),
      }),
    )
    .default([]),
  order_adjustments: z
    .array(
      z.object({
        kind: z.string().nullish(),
        amount_set: moneySet.nullish(),
        amount: amount.nullish(),
      }),
    )
    .default([]),
});

export const orderPayloadSchema = z.object({
  id,
  admin_graphql_api_id: z.string().optional(),
  name: z.string(),
  created_at: timestamp,
  updated_at: timestamp,
  cancelled_at: timestamp.nullish(),
  currency: currencyCode.optional(),
  presentment_currency: currencyCode.nullish(),
  test: z.boolean().optional(),
  email: z.string().nullish(),
  contact_email: z.string().nullish(),
  customer: z.object({ id, admin_graphql_api_id: z.string().optional() }).nullish(),
  total_price_set: moneySet,
  subtotal_price_set: moneySet,
  note_attributes: z.array(nameValue).nullish(),
  discount_codes: z.array(z.object({ code: z.string() })).nullish(),
  line_items: z.array(
    z.object({
      id,
      admin_graphql_api_id: z.string().optional(),
      title: z.string(),
      product_id: id.nullish(),
      variant_id: id.nullish(),
      quantity: z.number().int().nonnegative(),
      price_set: moneySet,
      properties: z.array(nameValue).nullish(),
      discount_allocations: z.array(z.object({ amount_set: moneySet })).nullish(),
    }),
  ),
  refunds: z.array(refundSchema).nullish(),
  /** null until something ships; "partial", "fulfilled", "restocked". */
  fulfillment_status: z.string().nullish(),
  fulfillments: z
    .array(
      z.object({
        /** pending | open | success | cancelled | error | failure */
        status: z.string().nullish(),
        shipment_status: z.string().nullish(),
        tracking_company: z.string().nullish(),
        tracking_number: z.string().nullish(),
        tracking_numbers: z.array(z.string()).nullish(),
        tracking_url: z.string().nullish(),
        tracking_urls: z.array(z.string()).nullish(),
      }),
    )
    .nullish(),
});

export type OrderPayload = z.infer<typeof orderPayloadSchema>;
export type RefundPayload = z.infer<typeof refundSchema>;
export const refundPayloadSchema = refundSchema;

export const gid = (type: string, value: string | null | undefined): string | null => {
  if (value == null || value === "") return null;
  return value.startsWith("gid://") ? value : `gid://shopify/${type}/${value}`;
};

export function orderFromPayload(payload: OrderPayload): StoredOrder {
  const currency = payload.subtotal_price_set.shop_money.currency_code;
  const minor = (set: z.infer<typeof moneySet>) => toMinorUnits(set.shop_money.amount, currency);
  const orderId = payload.admin_graphql_api_id ?? (gid("Order", payload.id) as string);
  const cartAttribute = payload.note_attributes?.find((attribute) => attribute.name === CART_ATTRIBUTE)?.value ?? null;
  const link = decodeCartAttribute(cartAttribute);
  return {
    id: orderId,
    name: payload.name,
    placedAt: new Date(payload.created_at),
    shopifyUpdatedAt: new Date(payload.updated_at),
    cancelledAt: payload.cancelled_at ? new Date(payload.cancelled_at) : null,
    currency,
    presentmentCurrency:
      payload.total_price_set.presentment_money?.currency_code ?? payload.presentment_currency ?? null,
    totalMinor: minor(payload.total_price_set),
    subtotalMinor: minor(payload.subtotal_price_set),
    customerId: payload.customer
      ? (payload.customer.admin_graphql_api_id ?? gid("Customer", payload.customer.id))
      : null,
    email: normalizeEmail(payload.email ?? payload.contact_email),
    chatliftAttribute: cartAttribute,
    chatSessionId: link?.sessionId ?? null,
    arm: link?.arm ?? null,
    discountCodes: (payload.discount_codes ?? []).map((code) => normalizeCode(code.code)),
    test: payload.test ?? false,
    lines: payload.line_items.map((line) => {
      const discounts = (line.discount_allocations ?? []).reduce(
        (sum, allocation) => sum + minor(allocation.amount_set),
        0,
      );
      return {
        id: line.admin_graphql_api_id ?? (gid("LineItem", line.id) as string),
        title: line.title,
        productId: gid("Product", line.product_id),
        productVariantId: gid("ProductVariant", line.variant_id),
        quantity: line.quantity,
        netMinor: Math.max(0, minor(line.price_set) * line.quantity - discounts),
        chatSessionId: decodeLineProperty(line.properties?.find((property) => property.name === LINE_PROPERTY)?.value),
      };
    }),
    refunds: (payload.refunds ?? []).map((refund) => refundFromPayload(refund, currency)),
    fulfillment: { status: payload.fulfillment_status ?? null, tracking: trackingOf(payload.fulfillments ?? []) },
  };
}

/** Fulfillments that failed or were cancelled track nothing the shopper will receive. */
const VOID_FULFILLMENTS = new Set(["cancelled", "error", "failure"]);

/**
 * Every parcel's tracking, oldest fulfillment first: a fulfillment may ship in several parcels
 * (tracking_numbers and tracking_urls pair by position; the singular fields are the first).
 */
export function trackingOf(fulfillments: NonNullable<OrderPayload["fulfillments"]>): Tracking[] {
  const tracking: Tracking[] = [];
  for (const fulfillment of fulfillments) {
    if (VOID_FULFILLMENTS.has(fulfillment.status ?? "")) continue;
    const numbers = fulfillment.tracking_numbers?.length
      ? fulfillment.tracking_numbers
      : [fulfillment.tracking_number ?? null];
    const urls = fulfillment.tracking_urls?.length ? fulfillment.tracking_urls : [fulfillment.tracking_url ?? null];
    for (let i = 0; i < Math.max(numbers.length, urls.length); i += 1) {
      const number = numbers[i] || null;
      const url = urls[i] || null;
      if (!number && !url) continue;
      tracking.push({
        company: fulfillment.tracking_company || null,
        number,
        url,
        shipmentStatus: fulfillment.shipment_status || null,
      });
    }
  }
  return tracking;
}

/**
 * Merchandise refunded: each line's subtotal, plus refund discrepancies (an amount refunded
 * beyond what the lines account for, which Shopify reports as a negative adjustment).
 * Shipping refunds are not merchandise and reduce no credit.
 */
export function refundFromPayload(payload: RefundPayload, currency: string): StoredRefund {
  const lines = payload.refund_line_items.map((line) => ({
    lineId: line.line_item?.admin_graphql_api_id ?? (gid("LineItem", line.line_item_id) as string),
    quantity: line.quantity,
    amount: toMinorUnits(line.subtotal_set.shop_money.amount, currency),
  }));
  let orderLevelAmount = 0;
  for (const adjustment of payload.order_adjustments) {
    if (adjustment.kind !== "refund_discrepancy") continue;
    const amount = adjustment.amount_set ? adjustment.amount_set.shop_money.amount : adjustment.amount;
    if (amount == null) continue;
    const minorUnits = toMinorUnits(String(amount), currency);
    if (minorUnits < 0) orderLevelAmount += -minorUnits;
  }
  return {
    id: payload.admin_graphql_api_id ?? (gid("Refund", payload.id) as string),
    orderId: gid("Order", payload.order_id) as string,
    createdAt: new Date(payload.created_at),
    lines,
    orderLevelAmount,
  };
}

/** The currency a refund payload's amounts are in (the shop's), from its first amount. */
export function refundCurrency(payload: RefundPayload): string | null {
  return (
    payload.refund_line_items[0]?.subtotal_set.shop_money.currency_code ??
    payload.order_adjustments[0]?.amount_set?.shop_money.currency_code ??
    null
  );
}
