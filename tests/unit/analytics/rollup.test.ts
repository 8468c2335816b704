import { describe, expect, it } from "vitest";
import { microBounceRate, microConversionRate, medianTimeToMicro, flowFunnels } from "../../../app/analytics/metrics";
import {
  addOrderCredits,
  addSession,
  applySessionChange,
  emptyRollup,
  mergeRollups,
  summarizeRollup,
} from "../../../app/analytics/rollup";
import { dayKey } from "../../../app/analytics/days";
import { sessionFacts } from "../../../app/analytics/session-facts";
import { attributeOrder } from "../../../app/attribution/engine";
import { aChatSession, aLine, anOrder, aRefund } from "../../support/builders/attribution";
import { EVENTS } from "../../support/builders/analytics-events";

describe("daily rollups", () => {
  const sessions = sessionFacts(EVENTS);

  it("gives the same additive metrics as the exact computation, across merged days", () => {
    // GIVEN one rollup per session's day, merged
    const days = sessions.map((facts) => addSession(emptyRollup(dayKey(facts.startedAt, "UTC"), facts.arm), facts));
    const period = days.reduce(mergeRollups);
    // WHEN summarized
    const summary = summarizeRollup(period, { fit: ["size", "fit"] });
    // THEN it equals the metrics computed from the raw facts
    const exact = microConversionRate(sessions);
    expect(period).toMatchObject({ from: "2026-11-01", to: "2026-11-02", arm: "treatment", sessions: 4 });
    expect(summary.microConversionsPerSession).toBe(exact.perSession);
    expect(summary.shareOfSessionsWithMicro).toBe(exact.shareOfSessions);
    expect(summary.microBounceRate).toBe(microBounceRate(sessions).rate);
    expect(summary.medianTimeToMicro).toBe(medianTimeToMicro(sessions));
    expect(summary.funnels).toEqual(flowFunnels(sessions, { fit: ["size", "fit"] }));
    expect(period.microByKind).toEqual({ add_to_cart: 1, email_capture: 1 });
  });

  it("updates a day incrementally when a session gains events", () => {
    // GIVEN s3 counted as a bounce, then it converts
    const [before] = sessionFacts(EVENTS.filter((e) => e.sessionId === "s3"));
    const [after] = sessionFacts([
      ...EVENTS.filter((e) => e.sessionId === "s3"),
      { ...EVENTS[5]!, sessionId: "s3", visitorId: "v2" },
    ]);
    const day = addSession(emptyRollup("2026-11-01", "treatment"), before!);
    // WHEN the change is applied
    applySessionChange(day, before!, after!);
    // THEN it equals a rollup built from the new facts alone
    expect(day).toEqual(addSession(emptyRollup("2026-11-01", "treatment"), after!));
    expect(day.microBounces).toBe(0);
  });

  it("keeps credited revenue per model and window, and re-attribution replaces it", () => {
    // GIVEN an order credited $42.00 direct + $58.00 assisted
    const session = aChatSession({ sessionId: "chat-rollup-1" });
    const order = anOrder({
      lines: [aLine({ net: 4200, chatSessionId: "chat-rollup-1" }), aLine({ id: "cap", net: 5800 })],
    });
    const first = attributeOrder(order, [session]).credits;
    const day = addOrderCredits(emptyRollup("2026-11-20", "all"), first);
    expect(day.credited["last_touch:7"]).toEqual({ orders: 1, direct: 4200, assisted: 5800 });
    // WHEN the cap is refunded and the order re-attributed
    const refunded = attributeOrder(
      { ...order, refunds: [aRefund({ lines: [{ lineId: "cap", quantity: 1, amount: 5800 }] })] },
      [session],
    ).credits;
    addOrderCredits(day, first, -1);
    addOrderCredits(day, refunded, 1);
    // THEN the day holds only the new credit; a cancellation removes the order from the count
    expect(day.credited["linear:30"]).toEqual({ orders: 1, direct: 4200, assisted: 0 });
    addOrderCredits(day, refunded, -1);
    addOrderCredits(day, attributeOrder({ ...order, cancelledAt: order.createdAt + 1 }, [session]).credits, 1);
    expect(day.credited["first_touch:14"]).toEqual({ orders: 0, direct: 0, assisted: 0 });
    expect(summarizeRollup(day).revenuePerEngagedSession["first_touch:14"]).toBe(0);
  });

  it("merges arms into all and keeps the widest period", () => {
    const merged = mergeRollups(emptyRollup("2026-11-03", "treatment"), emptyRollup("2026-11-01", "holdout"));
    expect(merged).toMatchObject({ from: "2026-11-01", to: "2026-11-03", arm: "all" });
  });

  it("assigns days in the shop's time zone", () => {
    const lateEvening = Date.UTC(2026, 10, 2, 3);
    expect(dayKey(lateEvening, "UTC")).toBe("2026-11-02");
    expect(dayKey(lateEvening, "America/New_York")).toBe("2026-11-01");
  });
});
