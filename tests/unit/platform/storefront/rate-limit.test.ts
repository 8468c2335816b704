import { describe, expect, it } from "vitest";
import { RateLimiter } from "../../../../app/platform/storefront/rate-limit";

describe("RateLimiter", () => {
  it("GIVEN a burst spent THEN it refuses with the seconds until enough tokens are back", () => {
    const limiter = new RateLimiter({ burst: 100, perSecond: 10 });
    expect(limiter.take("v", 100, 0)).toEqual({ ok: true });
    expect(limiter.take("v", 50, 0)).toEqual({ ok: false, retryAfterS: 5 });
    expect(limiter.take("v", 50, 4_000)).toEqual({ ok: false, retryAfterS: 1 });
    expect(limiter.take("v", 50, 5_000)).toEqual({ ok: true });
  });

  it("GIVEN two keys THEN each has its own bucket", () => {
    const limiter = new RateLimiter({ burst: 10, perSecond: 1 });
    expect(limiter.take("a", 10, 0).ok).toBe(true);
    expect(limiter.take("b", 10, 0).ok).toBe(true);
    expect(limiter.take("a", 1, 0).ok).toBe(false);
  });

  it("GIVEN a refund THEN the tokens are back at once", () => {
    const limiter = new RateLimiter({ burst: 10, perSecond: 1 });
    limiter.take("a", 10, 0);
    limiter.refund("a", 10, 0);
    expect(limiter.take("a", 10, 0).ok).toBe(true);
  });

  it("GIVEN more keys than it keeps THEN refilled buckets are forgotten", () => {
    const limiter = new RateLimiter({ burst: 10, perSecond: 10 }, 100);
    for (let i = 0; i < 150; i += 1) limiter.take(`k${i}`, 1, 0);
    limiter.take("late", 1, 10_000);
    expect(limiter.size).toBe(1);
  });
});
