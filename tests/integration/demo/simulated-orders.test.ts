/**
 * The demo's simulated orders used to be Shopify's example order (USD, a "Red Leather Coat") in a EUR shirt
 * shop, its coat line marked as added from chat: the audit then said a coat "was added from chat". Every
 * simulated order now holds what the visitor's cart held: products of the demo storefront's catalog at their
 * prices, in the shop's currency, and a chat line only where the visit's own add-to-cart event put it.
 * Read the way the app reads an orders/create body (orderPayloadSchema, orderFromPayload).
 */
import { describe, expect, it } from "vitest";
import { orderFromPayload, orderPayloadSchema } from "../../../app/attribution/orders/order-payload";
import { SHOP } from "../../../sandbox/shop-content/shop";
import { PRODUCTS } from "../../../sandbox/storefront/catalog";
import { HarnessCart } from "../../../sandbox/storefront/cart";
import { demoOrder } from "../../../scripts/demo/orders";
import { planVisits } from "../../../scripts/demo/simulate";
import { NOW } from "../../support/clock";

/** The demo's published arms as the seed makes them: a 30 % holdout, the fit-help experiment's two variants. */
const ARMS = {
  salt: "demo-salt-0001",
  holdoutPercent: 30,
  fitHelpVariants: [
    { id: "control", weight: 50 },
    { id: "friendlier", weight: 50 },
  ],
};

const catalog = new Map(
  PRODUCTS.flatMap((product) => product.variants.map((variant) => [variant.id, { product, variant }] as const)),
);

const gidNumber = (gid: string | null) => Number(gid?.split("/").pop());

describe("the demo's simulated orders", () => {
  const visits = planVisits(ARMS, {
    visitors: 200,
    browserVisitors: 3,
    startedAt: NOW.getTime() - 30 * 60_000,
    placedAt: NOW,
  });
  const buyers = visits.filter((visit) => visit.order);

  it("GIVEN 200 visitors WHEN their orders are made THEN there are orders with and without a chat line", () => {
    expect(visits).toHaveLength(197);
    const stored = buyers.map((visit) => orderFromPayload(orderPayloadSchema.parse(visit.order)));
    expect(stored.filter((order) => order.lines.some((line) => line.chatSessionId)).length).toBeGreaterThan(5);
    expect(stored.filter((order) => order.lines.every((line) => !line.chatSessionId)).length).toBeGreaterThan(5);
  });

  it("GIVEN every simulated order THEN each line is a product of the demo catalog at its price, in the shop's currency", () => {
    expect(SHOP.currencyCode).toBe(new HarnessCart("any").currency);
    for (const visit of buyers) {
      const order = orderFromPayload(orderPayloadSchema.parse(visit.order));
      expect(order.currency).toBe(SHOP.currencyCode);
      expect(order.presentmentCurrency).toBe(SHOP.currencyCode);
      // No amount anywhere in the body is in another currency (the example order's USD, say).
      const codes = JSON.stringify(visit.order).match(/"currency(?:_code)?":"[A-Z]{3}"/g) ?? [];
      expect(new Set(codes.map((code) => code.slice(-4, -1)))).toEqual(new Set([SHOP.currencyCode]));
      for (const line of order.lines) {
        const sold = catalog.get(gidNumber(line.productVariantId));
        expect(sold, `${line.title} is not sold by the demo storefront`).toBeDefined();
        expect(gidNumber(line.productId)).toBe(sold!.product.id);
        expect(line.title).toBe(sold!.product.title);
        expect(line.netMinor).toBe(sold!.variant.price * line.quantity);
      }
      expect(order.subtotalMinor).toBe(order.lines.reduce((sum, line) => sum + line.netMinor, 0));
    }
  });

  it("GIVEN an order with a chat line THEN that visit's add-to-cart event added that very product in that session", () => {
    for (const visit of buyers) {
      const order = orderFromPayload(orderPayloadSchema.parse(visit.order));
      const added = visit.events.filter(
        (event) => event.type === "micro_conversion" && event.kind === "add_to_cart",
      ) as Array<{ sessionId: string; productVariantId?: string; productId?: string }>;
      for (const line of order.lines.filter((candidate) => candidate.chatSessionId)) {
        expect(line.chatSessionId).toBe(visit.sessionId);
        expect(added.map((event) => [event.sessionId, event.productVariantId])).toContainEqual([
          visit.sessionId,
          String(gidNumber(line.productVariantId)),
        ]);
      }
      // The cart attribute names the visit's own session and arm.
      expect(order.chatSessionId).toBe(visit.sessionId);
      expect(order.arm).toBe(visit.arm);
    }
  });

  it("GIVEN a cart the widget filled WHEN the browser visitor's order is made THEN it holds those lines and links", () => {
    // GIVEN the harness cart after a chat add (the pick, with the widget's line property) and the shopper's own shirt
    const cart = new HarnessCart("token");
    cart.add(44002002, 1, { _chatlift: "session-b" });
    cart.add(44001003, 2);
    cart.update({ attributes: { __chatlift: "session-b.t" } });

    const order = orderFromPayload(
      orderPayloadSchema.parse(
        demoOrder({
          lines: cart.lines,
          placedAt: NOW,
          email: "ana@harbor-demo.example",
          cartAttribute: cart.attributes.__chatlift,
        }),
      ),
    );

    expect(order.lines.map((line) => [line.title, line.quantity, line.netMinor, line.chatSessionId])).toEqual([
      ["Oxford Shirt", 1, 6500, "session-b"],
      ["Linen Shirt", 2, 11800, null],
    ]);
    expect(order).toMatchObject({
      currency: "EUR",
      chatSessionId: "session-b",
      arm: "treatment",
      subtotalMinor: 18300,
    });
  });

  it("GIVEN a variant the demo storefront does not sell THEN no order is made of it", () => {
    expect(() => demoOrder({ lines: [{ variantId: 1071823173, quantity: 1 }], placedAt: NOW })).toThrow(
      "variant 1071823173 is not in the demo shop's catalog",
    );
  });
});
