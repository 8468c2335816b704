import { describe, expect, it } from "vitest";
import {
  orderNameCandidates,
  orderNotFoundText,
  orderStatusText,
  orderStatusView,
  verifyOrderClaim,
  type OrderClaim,
  type OrderOnFile,
} from "../../../app/answers/order-status";

function anOrder(overrides: Partial<OrderOnFile> = {}): OrderOnFile {
  return {
    id: "gid://shopify/Order/450789469",
    name: "#1001",
    email: "ann.lee@example.com",
    customerId: "gid://shopify/Customer/207119551",
    placedAt: new Date("2026-11-20T10:00:00.000Z"),
    cancelledAt: null,
    fulfillmentStatus: "fulfilled",
    tracking: [
      {
        company: "UPS",
        number: "1Z999AA10123456784",
        url: "https://www.ups.com/track?tracknum=1Z999AA10123456784",
        shipmentStatus: "in_transit",
      },
    ],
    ...overrides,
  };
}

describe("orderNameCandidates", () => {
  it.each([
    ["1001", ["1001", "#1001"]],
    ["#1001", ["#1001", "1001"]],
    [" # 1001 ", ["# 1001", "#1001", "1001"]],
    ["cl-1001", ["cl-1001", "#cl-1001", "#CL-1001", "CL-1001"]],
  ])("GIVEN the shopper typed %j THEN the stored names tried are %j", (typed, names) => {
    expect(orderNameCandidates(typed)).toEqual(names);
  });

  it("GIVEN only a # THEN nothing is tried", () => {
    expect(orderNameCandidates(" # ")).toEqual([]);
  });
});

describe("verifyOrderClaim", () => {
  const order = anOrder();

  it("GIVEN the number's order and the email on it (any case, spaces) THEN the order is proven", () => {
    expect(verifyOrderClaim([order], { number: "1001", email: "  Ann.Lee@Example.COM " })).toBe(order);
  });

  it("GIVEN the logged-in customer who owns the order THEN it is proven without an email", () => {
    expect(verifyOrderClaim([order], { number: "1001", customerId: "gid://shopify/Customer/207119551" })).toBe(order);
  });

  it.each<[string, OrderClaim, Partial<OrderOnFile>]>([
    ["another email", { number: "1001", email: "someone@example.com" }, {}],
    ["no email and no customer", { number: "1001" }, {}],
    ["an empty email against an order without one", { number: "1001", email: "" }, { email: null }],
    ["another logged-in customer", { number: "1001", customerId: "gid://shopify/Customer/1" }, {}],
    ["no customer against a guest order", { number: "1001", customerId: null }, { customerId: null }],
  ])("GIVEN %s THEN nothing is proven", (_label, claim, stored) => {
    expect(verifyOrderClaim([anOrder(stored)], claim)).toBeNull();
  });

  it("GIVEN no order with the number THEN nothing is proven, exactly as for a wrong email", () => {
    expect(verifyOrderClaim([], { number: "9999", email: "ann.lee@example.com" })).toBeNull();
  });

  it("GIVEN two stored orders answering to the number THEN only the one whose email matches is proven", () => {
    const other = anOrder({ id: "gid://shopify/Order/2", email: "bob@example.com", customerId: null });
    expect(verifyOrderClaim([other, order], { number: "1001", email: "ann.lee@example.com" })).toBe(order);
  });
});

describe("what a proven order reveals", () => {
  it("GIVEN a shipped order THEN the text names it, its day, carrier, tracking number and link, and nothing else", () => {
    const { text, locale } = orderStatusText(orderStatusView(anOrder()), "en-GB");
    expect(locale).toBe("en-GB");
    expect(text).toBe(
      "Order #1001 (placed 2026-11-20) has shipped. Tracking: UPS 1Z999AA10123456784 (https://www.ups.com/track?tracknum=1Z999AA10123456784).",
    );
    expect(text).not.toMatch(/ann|example\.com|207119551/i);
  });

  it.each([
    [{ fulfillmentStatus: null, tracking: [] }, "unfulfilled", "Order #1001 (placed 2026-11-20) has not shipped yet."],
    [{ fulfillmentStatus: "partial" }, "partially_fulfilled", "Part of order #1001"],
    [
      { tracking: [{ company: "DHL", number: "123", url: null, shipmentStatus: "delivered" }] },
      "delivered",
      "Order #1001 has been delivered. Tracking: DHL 123.",
    ],
    [{ cancelledAt: new Date("2026-11-21T00:00:00Z") }, "cancelled", "Order #1001 was cancelled."],
    [{ fulfillmentStatus: "restocked" }, "returned", "The items of order #1001 were returned."],
  ])("GIVEN %j THEN its state is %s", (overrides, state, start) => {
    const view = orderStatusView(anOrder(overrides as Partial<OrderOnFile>));
    expect(view.state).toBe(state);
    expect(orderStatusText(view, "en").text.startsWith(start)).toBe(true);
  });

  it("GIVEN a tracking link that is not http(s) THEN it is not shown as a link", () => {
    const view = orderStatusView(
      anOrder({ tracking: [{ company: "X", number: "1", url: "javascript:alert(1)", shipmentStatus: null }] }),
    );
    expect(view.tracking[0]!.url).toBeNull();
  });

  it("GIVEN a German shopper THEN the status is in German; GIVEN a language ChatLift does not speak THEN in English, saying so by its locale", () => {
    expect(orderStatusText(orderStatusView(anOrder()), "de-CH")).toMatchObject({
      locale: "de-CH",
      text: expect.stringMatching(/^Die Bestellung #1001 \(vom 2026-11-20\) wurde versandt\./),
    });
    expect(orderNotFoundText("fi")).toMatchObject({
      locale: "en",
      text: expect.stringMatching(/^I could not find an order/),
    });
  });
});
