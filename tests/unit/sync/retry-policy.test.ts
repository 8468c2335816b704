import { describe, expect, it } from "vitest";
import { backoffDelayMs, DEFAULT_RETRY, nextDailyReset, nextStep } from "../../../app/sync/retry-policy";
import { NOW } from "../../support/clock";

const context = (random = 0.5, timeZone = "UTC") => ({ now: NOW, timeZone, random: () => random });

describe("backoff with jitter", () => {
  it.each([
    [1, 0, 1000],
    [1, 0.999, 1999],
    [3, 0, 4000],
    [3, 0.5, 6000],
  ])("GIVEN attempt %i and random %f THEN the delay is %i ms", (attempt, random, expected) => {
    expect(backoffDelayMs(attempt, { baseDelayMs: 2000, maxDelayMs: 60_000 }, () => random)).toBe(expected);
  });

  it("GIVEN many attempts THEN the delay never passes the cap", () => {
    expect(backoffDelayMs(40, { baseDelayMs: 2000, maxDelayMs: 60_000 }, () => 0.999)).toBeLessThanOrEqual(60_000);
  });
});

describe("what happens after a failure", () => {
  it("GIVEN a server error on attempt 2 THEN it is retried after the jittered backoff", () => {
    expect(nextStep({ kind: "server", message: "502" }, 2, context(0))).toEqual({
      action: "retry",
      at: new Date(NOW.getTime() + 2000),
    });
  });

  it("GIVEN a ten-secondly 429 THEN the retry waits about one window", () => {
    const step = nextStep({ kind: "rate_limited", message: "429" }, 1, context(0));
    expect(step).toEqual({ action: "retry", at: new Date(NOW.getTime() + 10_000) });
  });

  it("GIVEN bad data THEN the job is parked at once with HubSpot's message", () => {
    expect(nextStep({ kind: "validation", message: "Email address x is invalid" }, 1, context())).toEqual({
      action: "park",
      reason: "validation: Email address x is invalid",
    });
  });

  it("GIVEN the last allowed attempt fails THEN the job is parked", () => {
    const step = nextStep({ kind: "timeout", message: "no answer" }, DEFAULT_RETRY.maxAttempts, context());
    expect(step).toEqual({
      action: "park",
      reason: `gave up after ${DEFAULT_RETRY.maxAttempts} attempts: timeout: no answer`,
    });
  });

  it("GIVEN a DAILY 429 THEN the account pauses until a minute after midnight in its time zone", () => {
    const step = nextStep({ kind: "daily_limit", message: "daily" }, 1, context(0.5, "America/New_York"));
    // 12:00 UTC on 20 November 2026 is 07:00 in New York (EST, UTC-5); midnight there is 05:00 UTC.
    expect(step).toEqual({ action: "pause_account", until: new Date("2026-11-21T05:01:00.000Z") });
  });
});

describe("daily reset", () => {
  it.each([
    ["UTC", "2026-11-21T00:00:00.000Z"],
    ["Europe/Berlin", "2026-11-20T23:00:00.000Z"],
    // 21:00 in Tokyo: its midnight comes before UTC's.
    ["Asia/Tokyo", "2026-11-20T15:00:00.000Z"],
  ])("GIVEN time zone %s THEN the next reset is %s", (timeZone, expected) => {
    expect(nextDailyReset(NOW, timeZone).toISOString()).toBe(expected);
  });

  it("GIVEN the day clocks go forward THEN midnight uses the offset in force at midnight", () => {
    // Instants of their own: New York springs forward on 8 March 2026 at 02:00; the midnight after 7 March is still EST.
    expect(nextDailyReset(new Date("2026-03-07T20:00:00.000Z"), "America/New_York").toISOString()).toBe(
      "2026-03-08T05:00:00.000Z",
    );
    expect(nextDailyReset(new Date("2026-03-08T12:00:00.000Z"), "America/New_York").toISOString()).toBe(
      "2026-03-09T04:00:00.000Z",
    );
  });
});
