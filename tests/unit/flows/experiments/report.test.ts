import { describe, expect, it } from "vitest";
import { experimentReport, type VariantCounts } from "../../../../app/flows/experiments/report";
import { parseExperimentForm, refuseMove } from "../../../../app/flows/experiments/experiment";

const counts = (
  variantId: string,
  sessions: number,
  microSessions: number,
  revenueMinor = 0,
  revenueSquaresMinor = 0,
): VariantCounts => ({ variantId, sessions, microSessions, revenueMinor, revenueSquaresMinor });
const split = [
  { variantId: "control", weight: 1 },
  { variantId: "urgent", weight: 1 },
];

describe("experiment report", () => {
  it("keeps collecting while the sample is short, and says how many sessions remain", () => {
    // GIVEN 10% vs 12% after 1,000 sessions each, planning for a 20% relative change
    const report = experimentReport([counts("control", 1000, 100), counts("urgent", 1000, 120)], {
      controlVariantId: "control",
      split,
      minimumDetectableEffect: 0.2,
    });
    // THEN each variant needs 3,841 sessions (see stats.test.ts), 2,841 still
    expect(report.verdict).toBe("collecting");
    expect(report.variants.map((variant) => variant.sessionsStillNeeded)).toEqual([2841, 2841]);
    expect(report.summary).toBe("Collecting data: about 2,841 more sessions per variant to detect a 20% change.");
    const urgent = report.variants[1]!;
    expect(urgent.microConversionRate).toBeCloseTo(0.12, 12);
    expect(urgent.vsControl!.relativeLift).toBeCloseTo(0.2, 12);
    expect(urgent.vsControl!.probabilityToBeatControl).toBeCloseTo(0.9231834389731917, 9);
    expect(report.variants[0]!.vsControl).toBeNull();
  });

  it("names a winner once the sample is complete and the difference is significant", () => {
    const report = experimentReport(
      [counts("control", 4000, 400, 400_000, 80_000_000), counts("urgent", 4000, 520, 520_000, 104_000_000)],
      { controlVariantId: "control", split, minimumDetectableEffect: 0.2 },
    );
    expect(report.verdict).toBe("winner");
    expect(report.leader).toBe("urgent");
    expect(report.variants[1]!.revenuePerSessionMinor).toBe(130);
    expect(report.variants[1]!.vsControl!.revenuePerSessionDifferenceMinor).toBe(30);
  });

  it("splits α between challengers (Bonferroni) in an A/B/n test", () => {
    const three = [...split, { variantId: "short", weight: 1 }];
    const report = experimentReport([], { controlVariantId: "control", split: three, minimumDetectableEffect: 0.1 });
    expect(report.alpha).toBeCloseTo(0.025, 12);
    expect(report.verdict).toBe("collecting");
    expect(report.summary).toMatch(/control needs micro-conversions/);
    expect(report.variants.map((variant) => variant.sessions)).toEqual([0, 0, 0]);
  });

  it("finds no clear winner when a complete sample shows no difference", () => {
    const report = experimentReport([counts("control", 5000, 500), counts("urgent", 5000, 505)], {
      controlVariantId: "control",
      split,
      minimumDetectableEffect: 0.2,
    });
    expect(report.verdict).toBe("no_clear_winner");
  });
});

describe("the create-experiment form", () => {
  const base = {
    name: "Urgency test",
    flowId: "cart-coupon",
    controlVariantId: "ten-off",
    minimumDetectableEffect: "10",
  };

  it("turns the form into a plan with the traffic split", () => {
    const result = parseExperimentForm(
      { ...base, "weight.ten-off": "50", "weight.ten-off-urgent": "50", "weight.other": "0" },
      ["ten-off", "ten-off-urgent", "other"],
    );
    expect(result).toEqual({
      ok: true,
      plan: {
        name: "Urgency test",
        flowId: "cart-coupon",
        controlVariantId: "ten-off",
        minimumDetectableEffect: 0.1,
        split: [
          { variantId: "ten-off", weight: 50 },
          { variantId: "ten-off-urgent", weight: 50 },
        ],
      },
    });
  });

  it.each([
    [{ name: " " }, {}, "name", "Name the experiment"],
    [{ minimumDetectableEffect: "ten" }, {}, "minimumDetectableEffect", "Enter a percentage, e.g. 10"],
    [{}, { "weight.ten-off-urgent": "0" }, "split", "Give at least two variants a share of the traffic"],
    [{}, { "weight.ten-off-urgent": "150" }, "weight.ten-off-urgent", "A whole number from 0 to 100"],
    [
      { controlVariantId: "ten-off-urgent" },
      { "weight.ten-off-urgent": "", "weight.other": "10" },
      "controlVariantId",
      "The control must be one of the variants in the test",
    ],
  ])("refuses %o %o at %s", (change, weights, field, message) => {
    const result = parseExperimentForm(
      { ...base, "weight.ten-off": "50", "weight.ten-off-urgent": "50", ...change, ...weights },
      ["ten-off", "ten-off-urgent", "other"],
    );
    expect(result.ok).toBe(false);
    expect(!result.ok && result.fieldErrors[field]).toBe(message);
  });

  it("explains that a flow without variants cannot be tested", () => {
    const result = parseExperimentForm(base, []);
    expect(!result.ok && result.fieldErrors.flowId).toBe(
      "This flow has no variants: add at least two in the flow editor first",
    );
  });

  it.each([
    ["start", "draft", false, null],
    ["start", "running", false, "The experiment is already running."],
    ["stop", "draft", false, "The experiment has not started."],
    ["declare_winner", "draft", false, "Start the experiment before declaring a winner."],
    ["declare_winner", "stopped", false, null],
    ["declare_winner", "stopped", true, "This experiment already has a winner."],
  ] as const)("%s from %s (winner: %s) → %s", (move, status, hasWinner, expected) => {
    expect(refuseMove(move, status, hasWinner)).toBe(expected);
  });
});
