/**
 * The lift card says what the numbers say (issue 17): "pts" is explained, and an interval clear
 * of zero on a small sample is an early sign, never "too small to say" beside it.
 */
import { describe, expect, it } from "vitest";
import { lift, type ArmOutcome } from "../../../app/analytics/lift";
import { liftStatement } from "../../../app/admin/dashboard/lift-wording";

const arm = (visitors: number, convertingVisitors: number): ArmOutcome => ({
  visitors,
  convertingVisitors,
  revenue: { n: visitors, sum: convertingVisitors * 5000, sumOfSquares: convertingVisitors * 5000 * 5000 },
});

describe("lift wording", () => {
  it("GIVEN 30 of 60 treatment and 2 of 60 holdout visitors converting WHEN worded THEN it is an early sign of a lift, with the interval above zero", () => {
    const report = lift(arm(60, 30), arm(60, 2));
    expect(report.conversionRate.interval.lower).toBeGreaterThan(0);
    expect(report.tooSmallToSay).toBe(true);

    const statement = liftStatement(report);

    expect(statement.badge).toEqual({ tone: "attention", label: "Early sign of a lift" });
    expect(statement.headline).toBe("+46.7 pts");
    expect(statement.interval).toMatch(/^95% interval \+\d+\.\d pts to \+\d+\.\d pts: entirely above zero\.$/);
    expect(statement.caution).toBe(
      "Too few visitors to trust the interval yet: treatment has 60 visitors (needs 100); holdout has 60 visitors (needs 100); holdout has 2 converting visitors (needs 10).",
    );
    expect(JSON.stringify(statement)).not.toMatch(/too small to say/i);
  });

  it("GIVEN a small sample whose interval includes zero WHEN worded THEN it says there are too few visitors to say", () => {
    const statement = liftStatement(lift(arm(50, 5), arm(50, 4)));
    expect(statement.badge.label).toBe("Too few visitors to say");
    expect(statement.interval).toMatch(/it includes zero, so no difference is as plausible as the one measured\.$/);
  });

  it("GIVEN any report WHEN worded THEN the rates are given and pts explained as percentage points", () => {
    const statement = liftStatement(lift(arm(700, 560), arm(800, 480)));
    expect(statement.rates).toBe(
      "Treatment visitors converted at 80.0%, holdout visitors at 60.0%; pts are percentage points, the difference of the two rates.",
    );
    expect(statement.badge).toEqual({ tone: "success", label: "Chat lifts conversion" });
    expect(statement.caution).toBeNull();
  });

  it("GIVEN a large sample whose interval straddles zero WHEN worded THEN no clear difference", () => {
    expect(liftStatement(lift(arm(1000, 100), arm(1000, 98))).badge.label).toBe("No clear difference yet");
  });

  it("GIVEN a drop on a large sample WHEN worded THEN chat lowers conversion", () => {
    expect(liftStatement(lift(arm(1000, 50), arm(1000, 150))).badge).toEqual({
      tone: "critical",
      label: "Chat lowers conversion",
    });
  });
});
