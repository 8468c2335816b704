import { describe, expect, it } from "vitest";
import {
  compareMeans,
  probabilityToBeat,
  sampleSizePerVariant,
  twoProportionTest,
} from "../../../../app/flows/experiments/stats";

describe("probability a variant beats the control (Beta posteriors, uniform priors)", () => {
  it("is 2/3 for Beta(2,1) against Beta(1,1), worked out by hand: ∫ 2x · x dx", () => {
    // GIVEN a control with no data (Beta(1,1)) and a variant with one success in one trial (Beta(2,1))
    // THEN P(p_B > p_A) = ∫₀¹ 2x · x dx = 2/3
    expect(probabilityToBeat({ successes: 0, trials: 0 }, { successes: 1, trials: 1 })).toBeCloseTo(2 / 3, 12);
  });

  it.each([
    // reference: Evan Miller's sum evaluated with Python's math.lgamma, and (first row) a
    // 200,000-point numerical integration of f_A · (1 − F_B) giving 0.92318344.
    [{ successes: 100, trials: 1000 }, { successes: 120, trials: 1000 }, 0.9231834389731917],
    [{ successes: 30, trials: 500 }, { successes: 45, trials: 500 }, 0.9635578134968453],
  ])("matches the reference for %o vs %o", (control, variant, expected) => {
    expect(probabilityToBeat(control, variant)).toBeCloseTo(expected, 9);
  });

  it("is one half for identical data, and the two directions add up to one", () => {
    expect(probabilityToBeat({ successes: 10, trials: 100 }, { successes: 10, trials: 100 })).toBeCloseTo(0.5, 10);
    const ab = probabilityToBeat({ successes: 40, trials: 900 }, { successes: 55, trials: 910 });
    const ba = probabilityToBeat({ successes: 55, trials: 910 }, { successes: 40, trials: 900 });
    expect(ab + ba).toBeCloseTo(1, 9);
  });

  it("stays finite and near 1 for large samples with a clear difference", () => {
    const p = probabilityToBeat({ successes: 5_000, trials: 100_000 }, { successes: 5_600, trials: 100_000 });
    expect(p).toBeGreaterThan(0.999999);
    expect(p).toBeLessThanOrEqual(1);
  });
});

describe("two-proportion z-test", () => {
  it("200/1000 vs 250/1000: z = 2.6774, two-sided p = 0.00742 (pooled; Python erfc reference)", () => {
    const test = twoProportionTest({ successes: 200, trials: 1000 }, { successes: 250, trials: 1000 });
    expect(test.difference).toBeCloseTo(0.05, 12);
    expect(test.z).toBeCloseTo(2.6773977630083294, 9);
    expect(test.pValue).toBeCloseTo(0.007419649261025679, 9);
  });

  it("says nothing (p = 1) without data", () => {
    expect(twoProportionTest({ successes: 0, trials: 0 }, { successes: 0, trials: 0 }).pValue).toBe(1);
  });
});

describe("sample size per variant", () => {
  it("10% → 12% (a 20% relative change) at α = 0.05 and 80% power needs 3,841 sessions per variant (Fleiss)", () => {
    expect(sampleSizePerVariant(0.1, 0.2)).toBe(3841);
  });

  it("needs more for a smaller effect and a stricter α", () => {
    expect(sampleSizePerVariant(0.1, 0.1)!).toBeGreaterThan(3841);
    expect(sampleSizePerVariant(0.1, 0.2, 0.025)!).toBeGreaterThan(3841);
  });

  it("cannot plan from a zero baseline", () => {
    expect(sampleSizePerVariant(0, 0.1)).toBeNull();
  });
});

describe("revenue per session", () => {
  it("compares means with Welch's interval and the chance the variant earns more", () => {
    // GIVEN control: 4 sessions earning 0, 0, 10, 30; variant: 4 sessions earning 10, 20, 30, 40
    const control = { n: 4, sum: 40, sumOfSquares: 0 + 0 + 100 + 900 };
    const variant = { n: 4, sum: 100, sumOfSquares: 100 + 400 + 900 + 1600 };
    const result = compareMeans(control, variant);
    // THEN the difference is 25 − 10 = 15; variances 200 and 166.67 give se = √(200/4 + 166.67/4) = 9.5743, Φ(15 / 9.5743) = 0.94141
    expect(result.difference).toBe(15);
    expect(result.probabilityHigher).toBeCloseTo(0.9414074564009309, 9);
    expect(result.lower).toBeLessThan(15);
    expect(result.upper).toBeGreaterThan(15);
  });
});
