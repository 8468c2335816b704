import { describe, expect, it } from "vitest";
import { attributeOrder } from "../../../app/attribution/engine";
import type { AttributionOrder, AttributionResult } from "../../../app/attribution/types";
import { aChatSession, aLine, anOrder, aRefund } from "../../support/builders/attribution";

const lastTouch7 = (result: AttributionResult) =>
  result.credits
    .filter((credit) => credit.model === "last_touch" && credit.windowDays === 7)
    .map((credit) => ({
      type: credit.type,
      amount: credit.amount,
      gross: credit.grossAmount,
      reducedBy: credit.reducedBy,
    }));

// GIVEN an order: Blue Tee $42.00 added from chat, Cap $58.00 not, one chat session
const session = aChatSession({ sessionId: "chat-refunds" });
const withRefunds = (fields: Partial<AttributionOrder>) =>
  anOrder({
    lines: [
      aLine({ id: "tee", title: "Blue Tee", net: 4200, chatSessionId: "chat-refunds" }),
      aLine({ id: "cap", title: "Cap", net: 5800 }),
    ],
    ...fields,
  });

describe("credit net of refunds and cancellations", () => {
  it("reduces the refunded credited line, line by line", () => {
    // GIVEN one of two tees refunded ($21.00)
    const order = withRefunds({ refunds: [aRefund({ lines: [{ lineId: "tee", quantity: 1, amount: 2100 }] })] });
    // WHEN attributed
    // THEN the direct credit drops to $21.00; the rest is untouched
    expect(lastTouch7(attributeOrder(order, [session]))).toEqual([
      { type: "direct", amount: 2100, gross: 4200, reducedBy: "refund" },
      { type: "assisted", amount: 5800, gross: 5800, reducedBy: null },
    ]);
  });

  it("leaves the direct credit alone when another line is refunded", () => {
    const order = withRefunds({ refunds: [aRefund({ lines: [{ lineId: "cap", quantity: 1, amount: 5800 }] })] });
    expect(lastTouch7(attributeOrder(order, [session]))).toEqual([
      { type: "direct", amount: 4200, gross: 4200, reducedBy: null },
      { type: "assisted", amount: 0, gross: 5800, reducedBy: "refund" },
    ]);
  });

  it("floors credit at zero when a refund is larger than the credited line", () => {
    // GIVEN a refund of $50.00 against the $42.00 tee (tax folded in by mistake)
    const order = withRefunds({ refunds: [aRefund({ lines: [{ lineId: "tee", quantity: 1, amount: 5000 }] })] });
    // THEN the tee's credit is 0, never negative, and the cap keeps its $58.00
    expect(lastTouch7(attributeOrder(order, [session]))).toEqual([
      { type: "direct", amount: 0, gross: 4200, reducedBy: "refund" },
      { type: "assisted", amount: 5800, gross: 5800, reducedBy: null },
    ]);
  });

  it("spreads order-level refunds pro rata, in whole cents that add up", () => {
    // GIVEN $33.33 refunded without naming a line, in two refunds
    const order = withRefunds({
      refunds: [aRefund({ id: "r1", orderLevelAmount: 3000 }), aRefund({ id: "r2", orderLevelAmount: 333 })],
    });
    // THEN 42% of it comes off the tee, 58% off the rest: 66.67 left in all
    const credits = lastTouch7(attributeOrder(order, [session]));
    expect(credits.map((c) => c.amount)).toEqual([2800, 3867]);
    expect(credits.reduce((total, c) => total + c.amount, 0)).toBe(10_000 - 3333);
  });

  it("credits nothing when refunds exceed the whole order", () => {
    const order = withRefunds({ refunds: [aRefund({ orderLevelAmount: 20_000 })] });
    expect(lastTouch7(attributeOrder(order, [session])).map((c) => c.amount)).toEqual([0, 0]);
  });

  it("treats a refund naming an unknown line as an order-level refund", () => {
    const order = withRefunds({
      refunds: [aRefund({ lines: [{ lineId: "added-by-edit", quantity: 1, amount: 1000 }] })],
    });
    expect(lastTouch7(attributeOrder(order, [session])).map((c) => c.amount)).toEqual([3780, 5220]);
  });

  it("keeps a cancelled order's credits at zero, with the reason", () => {
    // GIVEN the order was cancelled
    const order = withRefunds({ cancelledAt: Date.UTC(2026, 10, 21) });
    // WHEN attributed
    const result = attributeOrder(order, [session]);
    // THEN every credit is 0 and says cancellation; the gross stays for the audit
    expect(lastTouch7(result)).toEqual([
      { type: "direct", amount: 0, gross: 4200, reducedBy: "cancellation" },
      { type: "assisted", amount: 0, gross: 5800, reducedBy: "cancellation" },
    ]);
    expect(result.credits.every((credit) => credit.amount === 0)).toBe(true);
  });

  it("caps chat lines at the order when they claim more than its revenue", () => {
    // GIVEN inconsistent data: a $42.00 chat line in an order whose revenue is $30.00
    const order = withRefunds({ netRevenue: 3000 });
    // THEN the direct credit is the order's $30.00 and there is no rest to assist
    expect(lastTouch7(attributeOrder(order, [session]))).toEqual([
      { type: "direct", amount: 3000, gross: 3000, reducedBy: null },
    ]);
  });

  it("lets chat lines keep their own net when the order's revenue is below the lines' sum", () => {
    // GIVEN $100 of lines, but an order revenue of $80 (a discount the mapper did not allocate)
    const order = withRefunds({ netRevenue: 8000 });
    // THEN the tee keeps its $42.00 and the rest is what remains of the order
    expect(lastTouch7(attributeOrder(order, [session])).map((c) => c.amount)).toEqual([4200, 3800]);
  });

  it("credits in shop money whatever currency the buyer paid in", () => {
    // GIVEN a shop in USD and a buyer paying in EUR: amounts arrive in shop money
    const order = withRefunds({ presentmentCurrency: "EUR" });
    // WHEN attributed
    const credits = attributeOrder(order, [session]).credits;
    // THEN every credit is in USD for the shop money amount
    expect(new Set(credits.map((credit) => credit.currency))).toEqual(new Set(["USD"]));
    expect(lastTouch7(attributeOrder(order, [session])).map((c) => c.amount)).toEqual([4200, 5800]);
  });
});
