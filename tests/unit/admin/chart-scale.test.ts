/** The dashboard charts' axes carry values (issue 17): round ticks and dated marks. */
import { describe, expect, it } from "vitest";
import { dayTickIndexes, intervalDomain, niceTicks } from "../../../app/admin/dashboard/chart-scale";

describe("chart scale", () => {
  it.each([
    [37, 4, false, [0, 10, 20, 30, 40]],
    [80, 4, false, [0, 20, 40, 60, 80]],
    [0.3, 4, false, [0, 0.1, 0.2, 0.3]],
    [2, 4, true, [0, 1, 2]],
    [0, 4, true, [0, 1]],
    [1234, 4, false, [0, 500, 1000, 1500]],
  ])("GIVEN a peak of %s WHEN ticked THEN %j", (max, count, integer, expected) => {
    expect(niceTicks(max, count, integer)).toEqual(expected);
  });

  it("GIVEN 30 days WHEN marked THEN five marks from the first to the last day", () => {
    expect(dayTickIndexes(30)).toEqual([0, 7, 15, 22, 29]);
    expect(dayTickIndexes(3)).toEqual([0, 1, 2]);
    expect(dayTickIndexes(0)).toEqual([]);
  });

  it("GIVEN an interval all above zero WHEN given a domain THEN zero stays in view", () => {
    const [low, high] = intervalDomain([0.02, 0.08, 0.05]);
    expect(low).toBeLessThan(0);
    expect(high).toBeGreaterThan(0.08);
  });
});
