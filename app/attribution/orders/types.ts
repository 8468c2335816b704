/** An order as ChatLift stores it: ids as gids, money as integer minor units of shop currency. */
export interface StoredOrderLine {
  id: string;
  title: string;
  productId: string | null;
  productVariantId: string | null;
  quantity: number;
  /** Price × quantity minus the line's discounts. */
  netMinor: number;
  /** The `_chatlift` line property: the chat session the line was added from. */
  chatSessionId: string | null;
}

export interface StoredRefund {
  id: string;
  orderId: string;
  createdAt: Date;
  lines: Array<{ lineId: string; quantity: number; amount: number }>;
  /** Merchandise refunded without naming a line, positive. */
  orderLevelAmount: number;
}

/** One parcel's tracking, as the order's fulfillments name it. */
export interface Tracking {
  company: string | null;
  number: string | null;
  url: string | null;
  /** Shopify's shipment_status: in_transit, out_for_delivery, delivered … (null when the carrier says nothing). */
  shipmentStatus: string | null;
}

export interface StoredOrder {
  id: string;
  name: string;
  placedAt: Date;
  shopifyUpdatedAt: Date;
  cancelledAt: Date | null;
  currency: string;
  presentmentCurrency: string | null;
  totalMinor: number;
  subtotalMinor: number;
  customerId: string | null;
  email: string | null;
  chatliftAttribute: string | null;
  chatSessionId: string | null;
  arm: string | null;
  discountCodes: string[];
  test: boolean;
  lines: StoredOrderLine[];
  /** Refunds the payload carries (orders/updated lists them); refunds/create adds them one by one. */
  refunds: StoredRefund[];
  /** What has shipped, for "where is my order?"; absent when the source does not say (it is then kept as stored). */
  fulfillment?: { status: string | null; tracking: Tracking[] };
}

export type OrderSource = "webhook" | "reconciliation";
