import { describe, expect, it } from "vitest";
import { armOutcomes, lift, type ArmOutcome } from "../../../app/analytics/lift";
import { newcombeInterval } from "../../../app/analytics/stats";

const arm = (visitors: number, convertingVisitors: number, sum: number, sumOfSquares: number): ArmOutcome => ({
  visitors,
  convertingVisitors,
  revenue: { n: visitors, sum, sumOfSquares },
});

describe("holdout lift", () => {
  it("reports rates, differences, relative lift and 95% intervals", () => {
    // GIVEN 56 of 70 treatment visitors and 48 of 80 holdout visitors converting (Newcombe's example (a)),
    // scaled up so the sample is large enough: 560/700 vs 480/800
    const report = lift(arm(700, 560, 560 * 5000, 560 * 5000 * 5000), arm(800, 480, 480 * 5000, 480 * 5000 * 5000));
    // THEN
    expect(report.treatment).toMatchObject({ conversionRate: 0.8, revenue: 2_800_000, revenuePerVisitor: 4000 });
    expect(report.holdout).toMatchObject({ conversionRate: 0.6, revenue: 2_400_000, revenuePerVisitor: 3000 });
    expect(report.conversionRate.difference).toBeCloseTo(0.2, 12);
    expect(report.conversionRate.relative).toBeCloseTo(1 / 3, 12);
    expect(report.conversionRate.interval).toEqual(newcombeInterval(560, 700, 480, 800));
    expect(report.revenuePerVisitor.difference).toBe(1000);
    expect(report.revenuePerVisitor.relative).toBeCloseTo(1 / 3, 12);
    expect(report.revenuePerVisitor.interval.lower).toBeGreaterThan(0);
    expect(report.revenuePerVisitor.interval.upper).toBeGreaterThan(1000);
    expect(report).toMatchObject({ tooSmallToSay: false, reasons: [], verdict: "lift" });
  });

  it.each([
    [arm(99, 20, 0, 0), arm(500, 50, 0, 0), ["treatment has 99 visitors (needs 100)"]],
    [arm(500, 50, 0, 0), arm(500, 9, 0, 0), ["holdout has 9 converting visitors (needs 10)"]],
    [
      arm(0, 0, 0, 0),
      arm(0, 0, 0, 0),
      [
        "treatment has 0 visitors (needs 100)",
        "treatment has 0 converting visitors (needs 10)",
        "holdout has 0 visitors (needs 100)",
        "holdout has 0 converting visitors (needs 10)",
      ],
    ],
  ])("says it is too small to say, and why", (treatment, holdout, reasons) => {
    const report = lift(treatment, holdout);
    expect(report).toMatchObject({ tooSmallToSay: true, reasons, verdict: "too_small_to_say" });
  });

  it("has no relative lift when the holdout converts nobody", () => {
    expect(lift(arm(200, 10, 0, 0), arm(200, 0, 0, 0)).conversionRate.relative).toBeNull();
  });

  it.each([
    [arm(1000, 100, 0, 0), arm(1000, 100, 0, 0), "no_clear_difference"],
    [arm(1000, 50, 0, 0), arm(1000, 100, 0, 0), "drop"],
  ])("reads the conversion interval: %#", (treatment, holdout, verdict) => {
    expect(lift(treatment, holdout).verdict).toBe(verdict);
  });
});

describe("arm outcomes from visitors and purchases", () => {
  it("counts each visitor once, sums their net revenue, skips cancelled orders", () => {
    // GIVEN three treatment visitors and two holdout visitors; t1 buys twice, h1 cancels
    const visitors = [
      { visitorId: "t1", arm: "treatment" as const },
      { visitorId: "t2", arm: "treatment" as const },
      { visitorId: "t3", arm: "treatment" as const },
      { visitorId: "h1", arm: "holdout" as const },
      { visitorId: "h2", arm: "holdout" as const },
      { visitorId: "t1", arm: "holdout" as const },
    ];
    const purchases = [
      { visitorId: "t1", revenue: 1000, cancelled: false },
      { visitorId: "t1", revenue: 500, cancelled: false },
      { visitorId: "t3", revenue: 200, cancelled: false },
      { visitorId: "h1", revenue: 9000, cancelled: true },
      { visitorId: "h2", revenue: 300, cancelled: false },
      { visitorId: "stranger", revenue: 100, cancelled: false },
    ];
    // WHEN
    const outcomes = armOutcomes(visitors, purchases);
    // THEN
    expect(outcomes).toEqual({
      treatment: {
        visitors: 3,
        convertingVisitors: 2,
        revenue: { n: 3, sum: 1700, sumOfSquares: 1500 ** 2 + 200 ** 2 },
      },
      holdout: { visitors: 2, convertingVisitors: 1, revenue: { n: 2, sum: 300, sumOfSquares: 300 ** 2 } },
      unmatchedPurchases: 1,
    });
  });
});
