import { describe, expect, it } from "vitest";
import { attributeOrder } from "../../../app/attribution/engine";
import { explain, relative } from "../../../app/attribution/explain";
import type { AttributionOrder, ChatTouchpoint, Model, WindowDays } from "../../../app/attribution/types";
import {
  aChatSession,
  aLine,
  aMicro,
  anOrder,
  aRefund,
  daysBefore,
  hoursBefore,
} from "../../support/builders/attribution";

function sentences(
  order: AttributionOrder,
  sessions: ChatTouchpoint[],
  model: Model = "last_touch",
  windowDays: WindowDays = 7,
) {
  return attributeOrder(order, sessions)
    .credits.filter((credit) => credit.model === model && credit.windowDays === windowDays)
    .map((credit) => explain(order, credit));
}

describe("explain(order, credit): the merchant's sentence", () => {
  const session = aChatSession({ sessionId: "chat-7f3a9c21" });
  const tee = aLine({ id: "tee", title: "Blue Tee", net: 4200, chatSessionId: "chat-7f3a9c21" });

  it("explains a direct line credit and the rest of the order", () => {
    // GIVEN the tee added from chat 2 days before the order, and a cap
    const order = anOrder({ lines: [tee, aLine({ title: "Cap", net: 1500 })] });
    // WHEN explained
    // THEN
    expect(sentences(order, [session])).toEqual([
      "Credited $42.00 because the Blue Tee line was added from chat session chat-7f3a9c21 2 days before the order; last-touch, 7-day window.",
      "Credited $15.00 for the rest of the order (assisted) because chat session chat-7f3a9c21 added the Blue Tee line to it, whose last micro-conversion (an add to cart) was 2 days before the order; last-touch, 7-day window.",
    ]);
  });

  it("names several lines and a last touch other than the add to cart", () => {
    const busy = aChatSession({
      sessionId: "chat-7f3a9c21",
      microConversions: [aMicro("add_to_cart", daysBefore(3)), aMicro("fit_help", hoursBefore(5))],
    });
    const order = anOrder({ lines: [tee, aLine({ title: "Red Cap", net: 800, chatSessionId: "chat-7f3a9c21" })] });
    expect(sentences(order, [busy], "first_touch", 30)).toEqual([
      "Credited $50.00 because the Blue Tee and Red Cap lines were added from chat session chat-7f3a9c21, whose last micro-conversion (fit help) was 5 hours before the order; first-touch, 30-day window.",
    ]);
  });

  it.each([
    [
      { cartLink: { sessionId: "chat-7f3a9c21", arm: "treatment" as const } },
      {},
      "the order's cart carried chat session chat-7f3a9c21",
    ],
    [
      { discountCodes: ["welcome10"] },
      { discountCodes: ["WELCOME10"] },
      "the order used the code WELCOME10, issued in chat session chat-7f3a9c21",
    ],
    [{ customerId: "42" }, { customerId: "42" }, "the logged-in customer had chat session chat-7f3a9c21"],
    [
      { email: "ann@example.com" },
      { email: "ann@example.com" },
      "the order's email was captured in chat session chat-7f3a9c21",
    ],
  ])("explains an order-level link %j", (orderFields, sessionFields, because) => {
    const linked = {
      ...session,
      ...sessionFields,
      microConversions: [aMicro("recommendation_click", hoursBefore(30))],
    };
    const order = anOrder({ lines: [aLine({ net: 9900 })], ...orderFields });
    expect(sentences(order, [linked])).toEqual([
      `Credited $99.00 (assisted) because ${because}, whose last micro-conversion (a recommendation click) was 1 day before the order; last-touch, 7-day window.`,
    ]);
  });

  it("explains a linear share", () => {
    const other = aChatSession({
      sessionId: "chat-other-01",
      customerId: "1",
      microConversions: [aMicro("email_capture", daysBefore(9))],
    });
    const order = anOrder({
      customerId: "1",
      cartLink: { sessionId: "chat-7f3a9c21", arm: "treatment" },
      lines: [aLine({ net: 1000 })],
    });
    expect(sentences(order, [session, other], "linear", 14)).toEqual([
      "Credited $5.00 (assisted) because the logged-in customer had chat session chat-other-01, whose last micro-conversion (an email capture) was 9 days before the order; linear, shared equally by 2 chat sessions, 14-day window.",
      "Credited $5.00 (assisted) because the order's cart carried chat session chat-7f3a9c21, whose last micro-conversion (an add to cart) was 2 days before the order; linear, shared equally by 2 chat sessions, 14-day window.",
    ]);
  });

  it("says what refunds took off", () => {
    const order = anOrder({
      lines: [tee],
      refunds: [aRefund({ lines: [{ lineId: "tee", quantity: 1, amount: 1000 }] })],
    });
    expect(sentences(order, [session])).toEqual([
      "Credited $32.00 ($42.00 before refunds) because the Blue Tee line was added from chat session chat-7f3a9c21 2 days before the order; last-touch, 7-day window.",
    ]);
  });

  it("says a cancelled order earns nothing", () => {
    const order = anOrder({ lines: [tee], cancelledAt: hoursBefore(-2) });
    expect(sentences(order, [session])).toEqual([
      "No credit: the order was cancelled. It had been credited $42.00 because the Blue Tee line was added from chat session chat-7f3a9c21 2 days before the order; last-touch, 7-day window.",
    ]);
  });

  it("formats money in the shop currency, not the buyer's", () => {
    // GIVEN a shop in Japanese yen, the buyer paying in euros
    const order = anOrder({ currency: "JPY", presentmentCurrency: "EUR", lines: [{ ...tee, net: 4200 }] });
    // THEN the sentence speaks yen
    expect(sentences(order, [session])[0]).toMatch(/^Credited ¥4,200 because/);
  });

  it("explains every credit the engine can produce", () => {
    const order = anOrder({ customerId: "1", email: "a@b.c", discountCodes: ["X"], lines: [tee, aLine()] });
    const sessions = [
      session,
      aChatSession({ sessionId: "chat-2-aaaaa", customerId: "1", discountCodes: ["x"], email: "a@b.c" }),
    ];
    for (const credit of attributeOrder(order, sessions).credits) {
      expect(explain(order, credit)).toMatch(
        /^Credited \$\d+\.\d\d .*because .+; (last-touch|first-touch|linear).*, \d+-day window\.$/,
      );
    }
  });

  it.each([
    [30_000, "less than a minute"],
    [60_000, "1 minute"],
    [59 * 60_000, "59 minutes"],
    [3_600_000, "1 hour"],
    [86_400_000 - 1, "23 hours"],
    [2 * 86_400_000 + 5, "2 days"],
  ])("says %i ms as %s", (ms, text) => {
    expect(relative(ms)).toBe(text);
  });
});
