import { describe, expect, it } from "vitest";
import {
  conversionToMacro,
  flowFunnels,
  medianTimeToMicro,
  microBounceRate,
  microConversionRate,
  repeatEngagementRate,
  revenuePerEngagedSession,
} from "../../../app/analytics/metrics";
import { sessionFacts } from "../../../app/analytics/session-facts";
import { EVENTS, S, T0 } from "../../support/builders/analytics-events";
import { DAY } from "../../support/clock";

describe("micro-conversion metrics", () => {
  // events arrive out of order; the facts do not care
  const sessions = sessionFacts([...EVENTS].reverse());

  it("micro-conversion rate per session and share of sessions with one", () => {
    expect(microConversionRate(sessions)).toEqual({
      sessions: 4,
      microConversions: 2,
      perSession: 0.5,
      sessionsWithMicro: 2,
      shareOfSessions: 0.5,
    });
  });

  it("median time to micro-conversion from opening chat", () => {
    // 30 s (s1) and 90 s (s2)
    expect(medianTimeToMicro(sessions)).toBe(60 * S);
    expect(medianTimeToMicro([])).toBeNull();
  });

  it("micro bounce rate: opened chat, left without a micro-conversion", () => {
    expect(microBounceRate(sessions)).toEqual({ opened: 3, bounced: 1, rate: 1 / 3 });
  });

  it("repeat engagement: engaged visitors with two engaged sessions or more", () => {
    expect(repeatEngagementRate(sessions)).toEqual({ engagedVisitors: 2, repeatVisitors: 1, rate: 0.5 });
  });

  it("revenue per engaged session counts credits of engaged sessions only", () => {
    const credits = [
      { sessionId: "s1", amount: 4200 },
      { sessionId: "s4", amount: 999 },
    ];
    expect(revenuePerEngagedSession(sessions, credits)).toEqual({
      engagedSessions: 3,
      revenue: 4200,
      perSession: 1400,
    });
  });

  it("conversion to macro within 7, 14, 30 days, leaving out windows still open", () => {
    // GIVEN v1 first micro-converted at T0 + 40 s and bought 10 days later; v2 and v3 never micro-converted
    const purchases = [
      { visitorId: "v1", at: T0 + 10 * DAY },
      { visitorId: "v3", at: T0 + DAY },
    ];
    // WHEN judged 20 days later: the 30-day window is still open
    expect(conversionToMacro(sessions, purchases, T0 + 20 * DAY)).toEqual([
      { days: 7, microConverters: 1, buyers: 0, share: 0 },
      { days: 14, microConverters: 1, buyers: 1, share: 1 },
      { days: 30, microConverters: 0, buyers: 0, share: 0 },
    ]);
  });

  it("each flow's step funnel with drop-off per step", () => {
    expect(flowFunnels(sessions, { fit: ["size", "fit"] })).toEqual([
      {
        flowId: "fit",
        started: 2,
        completed: 1,
        completionRate: 0.5,
        steps: [
          { stepId: "size", reached: 2, dropOff: 0.5 },
          { stepId: "fit", reached: 1, dropOff: 0 },
        ],
      },
    ]);
    // without a defined order, the wider step comes first
    expect(flowFunnels(sessions)[0]?.steps.map((s) => s.stepId)).toEqual(["size", "fit"]);
  });
});
