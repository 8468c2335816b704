import { describe, expect, it } from "vitest";
import type { MicroConversionKind } from "../../../contract/events";
import { scoringSchema } from "../../../app/routing/rule-schema";
import { DEFAULT_SCORING, scoreLead } from "../../../app/routing/scoring";
import { aLead, daysAgo } from "../../support/builders/routing-rules";
import { DAY, NOW_MS } from "../../support/clock";

const conversions = (...list: Array<[MicroConversionKind, number]>) => list.map(([kind, at]) => ({ kind, at }));
const config = (input: Record<string, unknown>) => scoringSchema.parse(input);

describe("lead scoring with time decay (frozen clock)", () => {
  it.each([
    ["today: full weight", 0, 40],
    ["one half-life ago: half", 14, 20],
    ["two half-lives ago: a quarter", 28, 10],
    ["seven days ago: 40 × 0.5^(7/14)", 7, Math.round(40 * 0.5 ** 0.5)],
    ["a year ago: nearly nothing", 365, 0],
  ])("a demo booked %s", (_name, age, expected) => {
    // GIVEN a demo (weight 40, half-life 14 days) booked `age` days before now
    const lead = aLead({ microConversions: conversions(["demo_booked", daysAgo(age)]) });
    // WHEN scored
    const result = scoreLead(lead, DEFAULT_SCORING, NOW_MS);
    // THEN its points decay by half per half-life
    expect(result.score).toBe(expected);
  });

  it("adds kinds, keeps each contribution for the explanation, most recent first", () => {
    const lead = aLead({ microConversions: conversions(["fit_help", daysAgo(14)], ["add_to_cart", NOW_MS]) });
    const result = scoreLead(lead, config({ weights: { fit_help: 30 } }), NOW_MS);
    expect(result.score).toBe(35); // 20 (add to cart, today) + 30 / 2 (fit help, one half-life ago)
    expect(result.contributions.map((c) => [c.kind, c.weight, c.ageDays, c.decay, c.points])).toEqual([
      ["add_to_cart", 20, 0, 1, 20],
      ["fit_help", 30, 14, 0.5, 15],
    ]);
  });

  it("counts only the most recent few of a kind, and none of a kind weighted 0", () => {
    const clicks = Array.from(
      { length: 10 },
      (_, i) => ["add_to_cart", NOW_MS - i * 1000] as [MicroConversionKind, number],
    );
    const lead = aLead({ microConversions: conversions(...clicks, ["link_click", NOW_MS]) });
    const result = scoreLead(lead, config({ maxPerKind: 2, weights: { link_click: 0 } }), NOW_MS);
    expect(result.score).toBe(40);
    expect(result.ignored).toBe(9);
  });

  it("caps the score at 100 and never rewards a clock running ahead", () => {
    const lead = aLead({
      microConversions: conversions(
        ["demo_booked", NOW_MS + 3 * DAY],
        ["demo_booked", NOW_MS],
        ["demo_booked", NOW_MS],
        ["email_capture", NOW_MS],
      ),
    });
    const result = scoreLead(lead, DEFAULT_SCORING, NOW_MS);
    expect(result.contributions[0]).toMatchObject({ ageDays: 0, points: 40 });
    expect(result.score).toBe(100);
  });

  it.each([
    [49, false],
    [50, true],
  ])("is qualified at the threshold: score %i → %s", (weight, qualified) => {
    const lead = aLead({ microConversions: conversions(["demo_booked", NOW_MS]) });
    const result = scoreLead(lead, config({ weights: { demo_booked: weight }, qualifiedThreshold: 50 }), NOW_MS);
    expect(result).toMatchObject({ score: weight, qualified, threshold: 50 });
  });
});
