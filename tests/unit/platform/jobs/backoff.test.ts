import { describe, expect, it } from "vitest";
import { describeError, retryDelayMs } from "../../../../app/platform/jobs/backoff";

describe("retryDelayMs", () => {
  it.each([
    [1, 0, 2_500],
    [1, 1, 5_000],
    [2, 0, 5_000],
    [3, 1, 20_000],
    [20, 0, 1_800_000],
    [20, 1, 3_600_000],
  ])("GIVEN attempt %i and a random draw of %d THEN it waits %i ms", (attempt, draw, expected) => {
    expect(retryDelayMs(attempt, () => draw)).toBe(expected);
  });

  it("GIVEN any draw THEN the delay stays in the upper half of the exponential ceiling", () => {
    for (const draw of [0, 0.25, 0.5, 0.999]) {
      const delay = retryDelayMs(4, () => draw);
      expect(delay).toBeGreaterThanOrEqual(20_000);
      expect(delay).toBeLessThanOrEqual(40_000);
    }
  });
});

describe("describeError", () => {
  it("GIVEN a long error THEN it keeps its name and the first 2,000 characters", () => {
    const text = describeError(new TypeError("x".repeat(5_000)));
    expect(text.startsWith("TypeError: xxx")).toBe(true);
    expect(text).toHaveLength(2_001);
  });
});
