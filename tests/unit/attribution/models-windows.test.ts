import { describe, expect, it } from "vitest";
import { attributeOrder } from "../../../app/attribution/engine";
import { MODELS, WINDOWS, type AttributionResult, type Model, type WindowDays } from "../../../app/attribution/types";
import { aChatSession, aLine, aMicro, anOrder, daysBefore, hoursBefore } from "../../support/builders/attribution";

const pick = (result: AttributionResult, model: Model, windowDays: WindowDays) =>
  result.credits
    .filter((credit) => credit.model === model && credit.windowDays === windowDays)
    .map((credit) => [credit.sessionId, credit.amount]);

describe("attribution windows", () => {
  it.each([
    [hoursBefore(23), [1, 7, 14, 30]],
    [daysBefore(1), [1, 7, 14, 30]],
    [daysBefore(1) - 1, [7, 14, 30]],
    [daysBefore(7), [7, 14, 30]],
    [daysBefore(10), [14, 30]],
    [daysBefore(30), [30]],
  ])("a micro-conversion at %i counts in windows %j (bounds inclusive)", (at, expected) => {
    // GIVEN one session tied by the customer, touched at `at`
    const session = aChatSession({ customerId: "c1", microConversions: [aMicro("fit_help", at)] });
    const order = anOrder({ customerId: "c1" });
    // WHEN attributed
    const result = attributeOrder(order, [session]);
    // THEN it is credited in exactly the windows that reach back far enough, for every model
    for (const windowDays of WINDOWS) {
      for (const model of MODELS) {
        expect(pick(result, model, windowDays)).toEqual(expected.includes(windowDays) ? [["session-0001", 1000]] : []);
      }
    }
  });

  it("excludes a session whose touches are all older than the longest window", () => {
    // GIVEN a session touched 31 days before the order (outside the window)
    const session = aChatSession({ customerId: "c1", microConversions: [aMicro("fit_help", daysBefore(31))] });
    // WHEN attributed
    const result = attributeOrder(anOrder({ customerId: "c1" }), [session]);
    // THEN no credit, and the reason
    expect(result.credits).toEqual([]);
    expect(result.excluded).toEqual([{ sessionId: "session-0001", rule: "customer", reason: "outside_every_window" }]);
  });

  it("attributes only the windows and models the shop asked for", () => {
    const session = aChatSession({ customerId: "c1" });
    const result = attributeOrder(anOrder({ customerId: "c1" }), [session], { models: ["linear"], windows: [7] });
    expect(result.credits.map((c) => [c.model, c.windowDays])).toEqual([["linear", 7]]);
  });
});

describe("attribution models with two sessions competing", () => {
  // GIVEN two sessions of the same customer: an early one (10 and 3 days before) and a late one (1 hour before)
  const early = aChatSession({
    sessionId: "chat-early",
    customerId: "c1",
    microConversions: [aMicro("fit_help", daysBefore(10)), aMicro("recommendation_click", daysBefore(3))],
  });
  const late = aChatSession({
    sessionId: "chat-late",
    email: "c@d.e",
    microConversions: [aMicro("email_capture", hoursBefore(1))],
  });
  const order = anOrder({ customerId: "c1", email: "c@d.e", lines: [aLine({ net: 10_001 })] });
  // WHEN attributed
  const result = attributeOrder(order, [early, late]);

  it.each([
    ["last_touch", 7, [["chat-late", 10_001]]],
    ["first_touch", 7, [["chat-early", 10_001]]],
    ["first_touch", 1, [["chat-late", 10_001]]],
    ["linear", 1, [["chat-late", 10_001]]],
    // the leftover cent goes to the earlier touch, so the parts add up to the order
    [
      "linear",
      7,
      [
        ["chat-early", 5001],
        ["chat-late", 5000],
      ],
    ],
    [
      "linear",
      30,
      [
        ["chat-early", 5001],
        ["chat-late", 5000],
      ],
    ],
  ] as const)("%s, %i-day window: %j", (model, windowDays, expected) => {
    // THEN
    expect(pick(result, model, windowDays)).toEqual(expected);
  });

  it("first touch uses the earliest micro-conversion inside the window, not before it", () => {
    // GIVEN the early session's first touch (10 days) falls outside 7 days but its second (3 days) inside;
    // a third session touched 5 days before the order wins first touch in the 7-day window
    const middle = aChatSession({
      sessionId: "chat-middle",
      customerId: "c1",
      microConversions: [aMicro("qualifier", daysBefore(5))],
    });
    const three = attributeOrder(order, [early, late, middle]);
    expect(pick(three, "first_touch", 7)).toEqual([["chat-middle", 10_001]]);
    expect(pick(three, "first_touch", 14)).toEqual([["chat-early", 10_001]]);
  });

  it("linear shares sum exactly to the order and record each share", () => {
    const credits = result.credits.filter((c) => c.model === "linear" && c.windowDays === 14);
    expect(credits.reduce((total, c) => total + c.amount, 0)).toBe(10_001);
    expect(credits.map((c) => [c.share, c.basis.sessionsSharing])).toEqual([
      [0.5, 2],
      [0.5, 2],
    ]);
  });

  it("breaks a tie in touch time by the more certain rule", () => {
    // GIVEN two sessions touched at the same instant, one by email, one by the cart attribute
    const at = hoursBefore(2);
    const byEmail = aChatSession({
      sessionId: "chat-aaaa",
      email: "c@d.e",
      microConversions: [aMicro("fit_help", at)],
    });
    const byCart = aChatSession({ sessionId: "chat-zzzz", microConversions: [aMicro("fit_help", at)] });
    const tied = anOrder({ email: "c@d.e", cartLink: { sessionId: "chat-zzzz", arm: "treatment" } });
    // WHEN attributed
    const tiedResult = attributeOrder(tied, [byEmail, byCart]);
    // THEN both single-touch models pick the cart attribute session
    expect(pick(tiedResult, "last_touch", 1)).toEqual([["chat-zzzz", 1000]]);
    expect(pick(tiedResult, "first_touch", 1)).toEqual([["chat-zzzz", 1000]]);
  });

  it("counts each order once per model and window: credits never exceed its net revenue", () => {
    // GIVEN lines from two sessions plus customer and email links
    const a = aChatSession({ sessionId: "chat-a-001", microConversions: [aMicro("add_to_cart", hoursBefore(20))] });
    const b = aChatSession({
      sessionId: "chat-b-001",
      customerId: "c9",
      microConversions: [aMicro("add_to_cart", daysBefore(6))],
    });
    const c = aChatSession({
      sessionId: "chat-c-001",
      email: "z@z.z",
      microConversions: [aMicro("fit_help", daysBefore(12))],
    });
    const busy = anOrder({
      customerId: "c9",
      email: "z@z.z",
      lines: [
        aLine({ net: 333, chatSessionId: "chat-a-001" }),
        aLine({ net: 667, chatSessionId: "chat-b-001" }),
        aLine({ net: 1000 }),
      ],
    });
    const busyResult = attributeOrder(busy, [a, b, c]);
    for (const model of MODELS) {
      for (const windowDays of WINDOWS) {
        const total = busyResult.credits
          .filter((x) => x.model === model && x.windowDays === windowDays)
          .reduce((sum, x) => sum + x.amount, 0);
        // THEN every window credits the whole $20.00 exactly once (in 1 day, b's line falls into the rest)
        expect(total).toBe(2000);
      }
    }
    // and the lines stay with the session that added them whatever the model
    expect(pick(busyResult, "last_touch", 1)).toEqual([
      ["chat-a-001", 333],
      ["chat-a-001", 1667],
    ]);
    expect(pick(busyResult, "first_touch", 14)).toEqual([
      ["chat-a-001", 333],
      ["chat-b-001", 667],
      ["chat-c-001", 1000],
    ]);
  });
});
