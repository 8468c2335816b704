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

describe("orderPayloadSchema, money at the edge", () => {
  const order = () => webhookFixture<Record<string, unknown>>("orders-create.guest-three-items");
  const withTotal = (amount: unknown, currency_code = "USD") => ({
    ...order(),
    total_price_set: { shop_money: { amount, currency_code }, presentment_money: { amount, currency_code } },
  });

  it.each([
    ["a 21-digit amount", "100000000000000000000"],
    ["an amount JSON wrote in exponent form", 1e21],
    ["an amount that is not a number", "12,00"],
  ])("GIVEN %s THEN the payload is refused naming the amount", (_what, amount) => {
    const parsed = orderPayloadSchema.safeParse(withTotal(amount));

    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((issue) => issue.path.join("."))).toContain("total_price_set.shop_money.amount");
  });

  it("GIVEN a currency code that is not ISO-shaped THEN the payload is refused naming it", () => {
    const parsed = orderPayloadSchema.safeParse(withTotal("12.00", "us$"));

    expect(parsed.error?.issues.map((issue) => issue.path.join("."))).toContain(
      "total_price_set.shop_money.currency_code",
    );
  });

  it("GIVEN money as strings with 12 digits before the point THEN it converts exactly", () => {
    const parsed = orderPayloadSchema.parse(withTotal(" 999999999999.99 "));

    expect(orderFromPayload(parsed).totalMinor).toBe(99_999_999_999_999);
  });
});
