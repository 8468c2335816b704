import { describe, expect, it } from "vitest";
import {
  availableNow,
  costOf,
  isThrottledAnswer,
  waitBeforeRequestMs,
  type BucketReading,
} from "../../../../app/integrations/shopify/throttle";
import { NOW_MS } from "../../../support/clock";

/** A standard plan's bucket as Shopify reports it (2,000 points, 100 restored per second), at NOW. */
const reading = (currentlyAvailable: number, restoreRate = 100, maximumAvailable = 2000): BucketReading => ({
  status: { maximumAvailable, currentlyAvailable, restoreRate },
  atMs: NOW_MS,
});

describe("pacing by the cost throttle", () => {
  it("GIVEN no reading yet WHEN a request is due THEN it is sent at once (its answer teaches the bucket)", () => {
    expect(waitBeforeRequestMs(null, 900, NOW_MS)).toBe(0);
  });

  it("GIVEN a bucket that can pay the next request THEN there is no wait", () => {
    expect(waitBeforeRequestMs(reading(900), 893, NOW_MS)).toBe(0);
  });

  it("GIVEN 118 points left and a 202-point request THEN it waits until 84 more points are restored", () => {
    // (202 - 118) / 50 per second = 1.68 s: the throttled answer Shopify's forum shows, paced instead of refused.
    expect(waitBeforeRequestMs(reading(118, 50, 1000), 202, NOW_MS)).toBe(1680);
  });

  it("GIVEN a reading taken 2 s ago WHEN the bucket has refilled meanwhile THEN only the rest is waited for", () => {
    expect(availableNow(reading(100), NOW_MS + 2000)).toBe(300);
    expect(waitBeforeRequestMs(reading(100), 500, NOW_MS + 2000)).toBe(2000);
  });

  it("GIVEN a long pause THEN the bucket counts as full, never fuller", () => {
    expect(availableNow(reading(0), NOW_MS + 3_600_000)).toBe(2000);
  });

  it("GIVEN a request dearer than the whole bucket THEN it is refused as a query to split, not waited for forever", () => {
    expect(() => waitBeforeRequestMs(reading(0, 50, 1000), 1200, NOW_MS)).toThrow(/can never run/);
  });

  it("GIVEN a fractional wait THEN it is rounded up (never sent a millisecond early)", () => {
    expect(waitBeforeRequestMs(reading(0, 3), 1, NOW_MS)).toBe(334);
  });
});

describe("reading Shopify's answers", () => {
  const throttled = {
    errors: [
      {
        message: "Throttled",
        extensions: { code: "THROTTLED", documentation: "https://shopify.dev/api/usage/rate-limits" },
      },
    ],
    extensions: {
      cost: {
        requestedQueryCost: 202,
        actualQueryCost: null,
        throttleStatus: { maximumAvailable: 1000, currentlyAvailable: 118, restoreRate: 50 },
      },
    },
  };

  it("GIVEN a THROTTLED answer THEN it is recognised, with its cost report", () => {
    expect(isThrottledAnswer(throttled)).toBe(true);
    expect(costOf(throttled)?.throttleStatus?.currentlyAvailable).toBe(118);
  });

  it("GIVEN the library's thrown error body (the list under errors.graphQLErrors) THEN it is recognised too", () => {
    const wrapped = {
      errors: {
        networkStatusCode: 200,
        message: "GraphQL Client: An error occurred while fetching from the API.",
        graphQLErrors: throttled.errors,
        response: {},
      },
      extensions: throttled.extensions,
    };
    expect(isThrottledAnswer(wrapped)).toBe(true);
    expect(
      isThrottledAnswer({
        errors: { graphQLErrors: [{ message: "Access denied", extensions: { code: "ACCESS_DENIED" } }] },
      }),
    ).toBe(false);
  });

  it("GIVEN another error or a good answer THEN it is not taken for throttling", () => {
    expect(
      isThrottledAnswer({ errors: [{ message: "Field 'x' doesn't exist", extensions: { code: "undefinedField" } }] }),
    ).toBe(false);
    expect(isThrottledAnswer({ data: { shop: { name: "x" } } })).toBe(false);
    expect(costOf({ data: {} })).toBeNull();
  });
});
