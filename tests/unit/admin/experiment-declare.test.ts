/**
 * "Declare winner" is offered only where the result backs it (issue 17): not at a 98% chance
 * mid-test, not when nothing differs (p = 0.98), never on the control.
 */
import { describe, expect, it } from "vitest";
import { experimentReport, type VariantCounts } from "../../../app/flows/experiments/report";
import { declarableWinner, refusedDeclaration, whyNoWinner } from "../../../app/admin/experiments/declare";

const counts = (variantId: string, sessions: number, microSessions: number): VariantCounts => ({
  variantId,
  sessions,
  microSessions,
  revenueMinor: microSessions * 2500,
  revenueSquaresMinor: microSessions * 2500 * 2500,
});
const options = (minimumDetectableEffect: number) => ({
  controlVariantId: "ten-off",
  split: [
    { variantId: "ten-off", weight: 50 },
    { variantId: "ten-off-urgent", weight: 50 },
  ],
  minimumDetectableEffect,
});
const running = { status: "running", winnerVariantId: null };

describe("declaring an experiment's winner", () => {
  it("GIVEN a challenger with a 98% chance to beat the control before the planned sample is in WHEN offered THEN no winner", () => {
    const report = experimentReport([counts("ten-off", 100, 20), counts("ten-off-urgent", 100, 32)], options(0.1));
    expect(report.variants[1]!.vsControl!.probabilityToBeatControl).toBeGreaterThan(0.97);

    expect(declarableWinner(report, running)).toBeNull();
    expect(whyNoWinner(report, running)).toMatch(/^No winner to declare yet/);
  });

  it("GIVEN the planned sample in and no difference (p = 0.98) WHEN offered THEN no winner", () => {
    const report = experimentReport([counts("ten-off", 2000, 400), counts("ten-off-urgent", 2000, 400)], options(0.5));
    expect(report.variants[1]!.vsControl!.pValue).toBeGreaterThan(0.95);

    expect(declarableWinner(report, running)).toBeNull();
    expect(whyNoWinner(report, running)).toBe(
      "No variant differs clearly from the control: stop the experiment and keep the published flow.",
    );
  });

  it("GIVEN the control beats the challenger on the planned sample WHEN offered THEN no winner: the control is kept by stopping", () => {
    const report = experimentReport([counts("ten-off", 2000, 600), counts("ten-off-urgent", 2000, 400)], options(0.5));
    expect(report).toMatchObject({ verdict: "winner", leader: "ten-off" });

    expect(declarableWinner(report, running)).toBeNull();
    expect(whyNoWinner(report, running)).toMatch(/^The control beats every challenger/);
  });

  it("GIVEN a challenger significantly better on the planned sample WHEN offered THEN it, and only it, can be declared", () => {
    const report = experimentReport([counts("ten-off", 90, 18), counts("ten-off-urgent", 90, 45)], options(1));
    expect(report).toMatchObject({ verdict: "winner", leader: "ten-off-urgent" });

    expect(declarableWinner(report, running)).toBe("ten-off-urgent");
    expect(whyNoWinner(report, running)).toBeNull();
    expect(declarableWinner(report, { status: "draft", winnerVariantId: null })).toBeNull();
    expect(declarableWinner(report, { status: "stopped", winnerVariantId: "ten-off-urgent" })).toBeNull();
  });

  it("GIVEN a declaration posted anyway WHEN the server checks it THEN only the backed challenger passes, each refusal says why", () => {
    const won = experimentReport([counts("ten-off", 90, 18), counts("ten-off-urgent", 90, 45)], options(1));
    const early = experimentReport([counts("ten-off", 100, 20), counts("ten-off-urgent", 100, 32)], options(0.1));
    const experiment = { ...running, controlVariantId: "ten-off" };

    expect(refusedDeclaration(won, experiment, "ten-off-urgent")).toBeNull();
    expect(refusedDeclaration(won, experiment, "ten-off")).toMatch(/^ten-off is the control/);
    expect(refusedDeclaration(early, experiment, "ten-off-urgent")).toMatch(/^No winner to declare yet/);
    // A draft or an experiment already decided is the experiment service's refusal, in its own words.
    expect(refusedDeclaration(won, { ...experiment, status: "draft" }, "ten-off")).toBeNull();
  });
});
