import { describe, expect, it } from "vitest";
import { attributeOrder } from "../../../app/attribution/engine";
import { AttributionInputError } from "../../../app/attribution/validate";
import type { AttributionResult, Model, WindowDays } from "../../../app/attribution/types";
import { aChatSession, aLine, aMicro, anOrder, daysBefore, hoursBefore } from "../../support/builders/attribution";

const pick = (result: AttributionResult, model: Model = "last_touch", windowDays: WindowDays = 7) =>
  result.credits.filter((credit) => credit.model === model && credit.windowDays === windowDays);

describe("attribution rules of falling certainty", () => {
  it("credits lines carrying _chatlift directly, for those lines' net revenue only", () => {
    // GIVEN an order of $42 (added from chat) + $58 (not)
    const session = aChatSession({ sessionId: "chat-line-1" });
    const order = anOrder({
      lines: [
        aLine({ id: "L1", title: "Blue Tee", net: 4200, chatSessionId: "chat-line-1" }),
        aLine({ id: "L2", net: 5800 }),
      ],
    });
    // WHEN attributed
    const credits = pick(attributeOrder(order, [session]));
    // THEN the tee is direct; the rest of the order is assisted to the same session
    expect(credits.map((c) => [c.rule, c.type, c.amount, c.confidence])).toEqual([
      ["line_item", "direct", 4200, 1],
      ["line_item", "assisted", 5800, 1],
    ]);
    expect(credits[0]?.basis.lineIds).toEqual(["L1"]);
  });

  it.each([
    ["cart_attribute", { cartLink: { sessionId: "chat-linked", arm: "treatment" as const } }, {}, 0.9],
    ["pixel_checkout", { pixelSessionId: "chat-linked" }, {}, 0.85],
    ["discount_code", { discountCodes: ["chat10"] }, { discountCodes: ["CHAT10"] }, 0.75],
    ["customer", { customerId: "gid://shopify/Customer/77" }, { customerId: "77" }, 0.6],
    ["email", { email: " Ann@Example.com" }, { email: "ann@example.com" }, 0.5],
  ])("links the whole order by the %s rule, as assisted credit", (rule, orderFields, sessionFields, confidence) => {
    // GIVEN an order and a session tied only by this rule
    const session = aChatSession({ sessionId: "chat-linked", ...sessionFields });
    const order = anOrder({ lines: [aLine({ net: 12_345 })], ...orderFields });
    // WHEN attributed
    const credits = pick(attributeOrder(order, [session]));
    // THEN the whole order is credited once, naming the rule and its confidence
    expect(credits).toHaveLength(1);
    expect(credits[0]).toMatchObject({
      rule,
      type: "assisted",
      amount: 12_345,
      grossAmount: 12_345,
      confidence,
      share: 1,
    });
  });

  it("names a session matched by several rules by its most certain one", () => {
    // GIVEN a session that is the cart's session, the customer's and the email's
    const session = aChatSession({ sessionId: "chat-many", customerId: "5", email: "a@b.co" });
    const order = anOrder({ cartLink: { sessionId: "chat-many", arm: "treatment" }, customerId: "5", email: "a@b.co" });
    // WHEN attributed
    const [credit] = pick(attributeOrder(order, [session]));
    // THEN the credit names the cart attribute
    expect(credit?.rule).toBe("cart_attribute");
  });

  it("ranks the pixel's checkout link between the cart attribute and the discount code", () => {
    // GIVEN one session the pixel names that also issued the order's code, another the cart names
    const pixel = aChatSession({ sessionId: "chat-pixel", discountCodes: ["CHAT10"] });
    const cart = aChatSession({ sessionId: "chat-cart" });
    const order = anOrder({ pixelSessionId: "chat-pixel", discountCodes: ["chat10"] });
    // WHEN attributed: the pixel outranks the code
    expect(pick(attributeOrder(order, [pixel]))[0]?.rule).toBe("pixel_checkout");
    // THEN a session both the cart attribute and the pixel name is credited by the cart attribute
    const both = pick(
      attributeOrder({ ...order, cartLink: { sessionId: "chat-pixel", arm: "treatment" } }, [pixel, cart]),
    );
    expect(both.map((credit) => credit.rule)).toEqual(["cart_attribute"]);
  });

  it("ignores sessions no rule ties to the order", () => {
    // GIVEN a session of another customer
    const session = aChatSession({ customerId: "other" });
    const order = anOrder({ customerId: "mine" });
    // WHEN attributed
    const result = attributeOrder(order, [session]);
    // THEN nothing is credited and nothing is excluded (it was never linked)
    expect(result.credits).toEqual([]);
    expect(result.excluded).toEqual([]);
  });

  it("never credits a holdout session, and says so", () => {
    // GIVEN a holdout visitor who opened chat by hand and added a line from it
    const session = aChatSession({ sessionId: "chat-holdout", arm: "holdout" });
    const order = anOrder({
      cartLink: { sessionId: "chat-holdout", arm: "holdout" },
      lines: [aLine({ chatSessionId: "chat-holdout" })],
    });
    // WHEN attributed
    const result = attributeOrder(order, [session]);
    // THEN no credit; the exclusion names the reason
    expect(result.credits).toEqual([]);
    expect(result.excluded).toEqual([{ sessionId: "chat-holdout", rule: "line_item", reason: "holdout" }]);
  });

  it("counts a session only with a micro-conversion before the order", () => {
    // GIVEN a session whose only micro-conversion came after checkout (order before the session's touch)
    const session = aChatSession({
      sessionId: "chat-late",
      microConversions: [aMicro("add_to_cart", hoursBefore(-1))],
    });
    const order = anOrder({ cartLink: { sessionId: "chat-late", arm: "treatment" } });
    // WHEN attributed
    const result = attributeOrder(order, [session]);
    // THEN no credit in any window
    expect(result.credits).toEqual([]);
    expect(result.excluded).toEqual([
      { sessionId: "chat-late", rule: "cart_attribute", reason: "no_micro_conversion_before_order" },
    ]);
  });

  it("counts a micro-conversion at the very instant of the order as after it", () => {
    // GIVEN a micro-conversion stamped with the order's own time
    const session = aChatSession({ microConversions: [aMicro("fit_help", hoursBefore(0))] });
    const order = anOrder({ cartLink: { sessionId: session.sessionId, arm: "treatment" } });
    // WHEN / THEN
    expect(attributeOrder(order, [session]).credits).toEqual([]);
  });

  it("reports sessions the order names that were not among the candidates", () => {
    // GIVEN an order naming two sessions nobody loaded
    const order = anOrder({
      lines: [aLine({ chatSessionId: "chat-gone-1" })],
      cartLink: { sessionId: "chat-gone-2", arm: "treatment" },
    });
    // WHEN attributed without candidates
    const result = attributeOrder(order, []);
    // THEN they are listed for the reconciliation pass
    expect(result.missingSessionIds).toEqual(["chat-gone-1", "chat-gone-2"]);
  });

  it("uses the first copy when the caller passes one session twice", () => {
    // GIVEN the same session found by the customer and the email query
    const session = aChatSession({ customerId: "9", email: "x@y.z" });
    const order = anOrder({ customerId: "9", email: "x@y.z" });
    // WHEN attributed
    const credits = pick(attributeOrder(order, [session, { ...session }]));
    // THEN it is credited once
    expect(credits).toHaveLength(1);
  });

  it.each([
    ["a fractional amount", { netRevenue: 10.5 }, /netRevenue 10.5/],
    ["a negative line", { lines: [aLine({ id: "bad", net: -1 })], netRevenue: 0 }, /line bad net -1/],
    ["a repeated line id", { lines: [aLine({ id: "x" }), aLine({ id: "x" })] }, /line x appears twice/],
    ["an unknown currency", { currency: "XYZW" }, /unknown currency/],
  ])("refuses an order with %s by name", (_label, fields, message) => {
    // GIVEN a malformed order
    const order = anOrder(fields);
    // WHEN / THEN the error says what is wrong
    expect(() => attributeOrder(order, [])).toThrow(message);
  });

  it("refuses a candidate micro-conversion without a time", () => {
    const session = aChatSession({ microConversions: [aMicro("fit_help", Number.NaN)] });
    expect(() => attributeOrder(anOrder(), [session])).toThrow(AttributionInputError);
  });

  it("keeps the session's touch time as evidence for the sentence", () => {
    const session = aChatSession({
      microConversions: [aMicro("fit_help", daysBefore(5)), aMicro("recommendation_click", daysBefore(3))],
    });
    const order = anOrder({ cartLink: { sessionId: session.sessionId, arm: "treatment" } });
    const [credit] = pick(attributeOrder(order, [session]));
    expect(credit?.basis).toMatchObject({ touchAt: daysBefore(3), touchKind: "recommendation_click" });
  });
});
