import { describe, expect, it } from "vitest";
import {
  orderFromPayload,
  orderPayloadSchema,
  refundFromPayload,
  refundPayloadSchema,
} from "../../../app/attribution/orders/order-payload";
import { parseJsonLosslessly } from "../../../app/platform/jobs/lossless-json";
import { webhookFixture } from "../../../sandbox/shopify/fixture-files";

describe("orderFromPayload (Shopify's full example order)", () => {
  const order = orderFromPayload(orderPayloadSchema.parse(webhookFixture("orders-create.full")));

  it("keeps ids as gids and money in shop-currency minor units", () => {
    expect(order).toMatchObject({
      id: "gid://shopify/Order/450789469",
      currency: "USD",
      totalMinor: 59894,
      subtotalMinor: 59700,
      customerId: "gid://shopify/Customer/207119551",
      email: "bob.norman@mail.example.com",
      discountCodes: ["TENOFF"],
    });
    expect(order.lines.map((line) => [line.id, line.netMinor])).toEqual([
      ["gid://shopify/LineItem/466157049", 19566],
      ["gid://shopify/LineItem/518995019", 19567],
      ["gid://shopify/LineItem/703073504", 19567],
    ]);
  });

  it("reads the refunds the order carries, line by line", () => {
    expect(order.refunds).toHaveLength(1);
    expect(order.refunds[0]?.id).toBe("gid://shopify/Refund/509562969");
  });
});

describe("refundFromPayload", () => {
  it("names the order and lines by gid, amounts from subtotal_set.shop_money", () => {
    const refund = refundFromPayload(refundPayloadSchema.parse(webhookFixture("refunds-create")), "USD");
    expect(refund).toMatchObject({
      id: "gid://shopify/Refund/509562969",
      orderId: "gid://shopify/Order/450789469",
      lines: [
        { lineId: "gid://shopify/LineItem/703073504", quantity: 1, amount: 19566 },
        { lineId: "gid://shopify/LineItem/466157049", quantity: 1, amount: 19567 },
      ],
      orderLevelAmount: 0,
    });
  });
});

describe("parseJsonLosslessly", () => {
  it("keeps integers beyond 2^53 exact, as strings, and leaves the rest as JSON.parse does", () => {
    expect(parseJsonLosslessly('{"id":12345678901234567891,"n":42,"x":1.5,"s":"12345678901234567891"}')).toEqual({
      id: "12345678901234567891",
      n: 42,
      x: 1.5,
      s: "12345678901234567891",
    });
  });
});
