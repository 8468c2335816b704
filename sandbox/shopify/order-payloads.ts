/**
 * Order, refund and reconciliation-order bodies as Shopify sends them, from Shopify's own examples
 * (fixtures/webhooks), shaped per call: what the demo posts and the tests build on.
 */
import { webhookFixture } from "./fixture-files";

type Json = Record<string, unknown>;
type Line = Json & { properties: Array<{ name: string; value: string }>; admin_graphql_api_id: string };

let orderCounter = 0;
/** Ids differ from run to run: PostgreSQL test runs share one database. */
const RUN_OFFSET = Math.floor(Math.random() * 1_000_000) * 1_000;

/** The three-line guest order, with an id of its own and placed at `placedAt`. */
export function anOrderPayload(
  placedAt: Date,
  overrides: Json = {},
): Json & { line_items: Line[]; admin_graphql_api_id: string } {
  orderCounter += 1;
  const order = webhookFixture<Json & { line_items: Line[]; admin_graphql_api_id: string }>(
    "orders-create.guest-three-items",
  );
  const id = 5_000_000_000 + RUN_OFFSET + orderCounter;
  // Line ids are global in Shopify: each order gets lines of its own.
  const lines = order.line_items.map((line, i) => ({
    ...line,
    id: id * 10 + i,
    admin_graphql_api_id: `gid://shopify/LineItem/${id * 10 + i}`,
  }));
  return {
    ...order,
    id,
    admin_graphql_api_id: `gid://shopify/Order/${id}`,
    line_items: lines,
    name: `#${1000 + orderCounter}`,
    created_at: placedAt.toISOString(),
    updated_at: placedAt.toISOString(),
    ...overrides,
  };
}

/** The private cart attribute the widget sets: the order came from this chat session. */
export function withCartAttribute<T extends Json>(order: T, sessionId: string, arm: "t" | "h" = "t"): T {
  return { ...order, note_attributes: [{ name: "__chatlift", value: `${sessionId}.${arm}` }] };
}

/** The private line property the widget sets on a line it added. */
export function withChatLine<T extends Json & { line_items: Line[] }>(order: T, index: number, sessionId: string): T {
  const lines = order.line_items.map((line, i) =>
    i === index ? { ...line, properties: [{ name: "_chatlift", value: sessionId }] } : line,
  );
  return { ...order, line_items: lines };
}

/** A refund of one line of `order`, its subtotal in shop money. */
export function aRefundPayload(
  order: Json & { line_items: Line[]; admin_graphql_api_id: string },
  lineIndex: number,
  createdAt: Date,
  amount: string,
): Json {
  const refund = webhookFixture<Json>("refunds-create");
  const line = order.line_items[lineIndex] as Line;
  const orderId = order.admin_graphql_api_id.split("/").pop();
  const money = { amount, currency_code: "USD" };
  return {
    ...refund,
    id: Number(orderId) + 7,
    admin_graphql_api_id: `gid://shopify/Refund/${Number(orderId) + 7}`,
    order_id: Number(orderId),
    created_at: createdAt.toISOString(),
    order_adjustments: [],
    refund_line_items: [
      {
        id: 1,
        quantity: 1,
        line_item_id: line.id,
        subtotal: Number(amount),
        subtotal_set: { shop_money: money, presentment_money: money },
        line_item: { ...line },
      },
    ],
  };
}

/** An order as the reconciliation's Admin GraphQL query returns it. */
export function aGraphqlOrder(n: number, placedAt: Date, overrides: Json = {}): Json {
  const usd = (amount: string) => ({ shopMoney: { amount, currencyCode: "USD" } });
  return {
    id: `gid://shopify/Order/${7_000_000_000 + RUN_OFFSET + n}`,
    name: `#R${n}`,
    createdAt: placedAt.toISOString(),
    updatedAt: placedAt.toISOString(),
    cancelledAt: null,
    test: false,
    email: "Shopper@Example.com",
    presentmentCurrencyCode: "EUR",
    customer: { id: "gid://shopify/Customer/42" },
    customAttributes: [],
    discountCodes: [],
    totalPriceSet: usd("54.00"),
    subtotalPriceSet: usd("50.00"),
    lineItems: {
      nodes: [
        {
          id: `gid://shopify/LineItem/${70_000_000_000 + RUN_OFFSET + n}`,
          title: "Linen shirt",
          quantity: 2,
          product: { id: "gid://shopify/Product/1" },
          variant: { id: "gid://shopify/ProductVariant/2" },
          customAttributes: [],
          originalUnitPriceSet: usd("30.00"),
          discountAllocations: [{ allocatedAmountSet: usd("10.00") }],
        },
      ],
    },
    displayFulfillmentStatus: "UNFULFILLED",
    fulfillments: [],
    refunds: [],
    ...overrides,
  };
}
