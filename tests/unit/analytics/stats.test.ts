import { describe, expect, it } from "vitest";
import {
  newcombeInterval,
  normalCdf,
  normalQuantile,
  studentTCdf,
  studentTQuantile,
  welchInterval,
  wilsonInterval,
} from "../../../app/analytics/stats";

describe("distributions (reference values from SciPy 1.17)", () => {
  it.each([
    [1, 0.8413447460685429],
    [-4, 3.167124183311986e-5],
    [-8.5, 9.47953482220325e-18],
    [0, 0.5],
  ])("normal CDF at %d", (x, expected) => {
    expect(normalCdf(x)).toBeCloseTo(expected, 14);
    expect(Math.abs(normalCdf(x) - expected) / expected).toBeLessThan(1e-9);
  });

  it("normal 97.5% quantile", () => {
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963984540054, 12);
  });

  it.each([
    [0.975, 1, 12.706204736174694],
    [0.975, 2.5, 3.5746548420036817],
    [0.975, 10, 2.228138851986274],
    [0.975, 30, 2.0422724563012378],
    [0.995, 4, 4.604094871349992],
    [0.975, 1000, 1.9623390808264083],
    [0.025, 7, -2.3646242515927844],
  ])("Student t quantile p=%d df=%d", (p, df, expected) => {
    expect(studentTQuantile(p, df)).toBeCloseTo(expected, 9);
  });

  it("Student t CDF with fractional degrees of freedom", () => {
    expect(studentTCdf(-2, 3.3)).toBeCloseTo(0.0654794322197247, 12);
  });

  it("refuses impossible probabilities", () => {
    expect(() => normalQuantile(1)).toThrow(RangeError);
    expect(() => studentTQuantile(0.5, 0)).toThrow(RangeError);
  });
});

describe("Newcombe's hybrid score interval (Newcombe 1998, Table II, method 10)", () => {
  it.each([
    // [x1, n1, x2, n2, lower, upper] as published
    [56, 70, 48, 80, 0.0524, 0.3339],
    [9, 10, 3, 10, 0.1705, 0.809],
    [6, 7, 2, 7, 0.0582, 0.8062],
    [5, 56, 0, 29, -0.0381, 0.1926],
    [0, 10, 0, 20, -0.1611, 0.2775],
    [10, 10, 0, 20, 0.6791, 1.0],
  ])("%i/%i − %i/%i → %d to %d", (x1, n1, x2, n2, lower, upper) => {
    const interval = newcombeInterval(x1, n1, x2, n2);
    expect(interval.lower).toBeCloseTo(lower, 4);
    expect(interval.upper).toBeCloseTo(upper, 4);
  });

  it("builds on Wilson intervals that stay inside [0, 1]", () => {
    expect(wilsonInterval(0, 10)).toEqual({ lower: 0, upper: expect.closeTo(0.2775, 4) });
    expect(wilsonInterval(0, 0)).toEqual({ lower: 0, upper: 1 });
  });
});

describe("Welch's t interval (reference: scipy.stats.ttest_ind(equal_var=False))", () => {
  it("matches SciPy on zero-heavy revenue data", () => {
    // GIVEN revenue per visitor samples (15 and 12 visitors) as sums
    const a = { n: 15, sum: 158.5, sumOfSquares: 11_606.25 };
    const b = { n: 12, sum: 25, sumOfSquares: 425 };
    // WHEN
    const result = welchInterval(a, b);
    // THEN
    expect(result.difference).toBeCloseTo(8.483333333333333, 12);
    expect(result.degreesOfFreedom).toBeCloseTo(15.651516845940465, 9);
    expect(result.lower).toBeCloseTo(-6.551491410103539, 8);
    expect(result.upper).toBeCloseTo(23.518158076770206, 8);
  });

  it("collapses to the point when there is no variance to measure", () => {
    const result = welchInterval({ n: 1, sum: 5, sumOfSquares: 25 }, { n: 3, sum: 0, sumOfSquares: 0 });
    expect(result).toMatchObject({ difference: 5, lower: 5, upper: 5 });
  });
});
