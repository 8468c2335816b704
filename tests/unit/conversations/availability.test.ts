/**
 * Availability in the shop's own clock: business hours read in the shop's time zone across both
 * daylight-saving changes, the "I'm online" switch and its expiry, and the promised answer time.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  answerBy,
  businessHoursSchema,
  liveNow,
  nextOpening,
  parseDayHours,
  wallInstant,
  withinHours,
  type Availability,
  type BusinessHours,
} from "../../../app/conversations/availability";
import { freezeClock, HOUR, MINUTE, NOW_MS } from "../../support/clock";

const WEEKDAYS_9_TO_5: BusinessHours = {
  mon: [["09:00", "17:00"]],
  tue: [["09:00", "17:00"]],
  wed: [["09:00", "17:00"]],
  thu: [["09:00", "17:00"]],
  fri: [
    ["09:00", "12:30"],
    ["13:30", "17:00"],
  ],
};

const anAvailability = (overrides: Partial<Availability> = {}): Availability => ({
  onlineUntil: null,
  hours: WEEKDAYS_9_TO_5,
  waitSeconds: 120,
  replyWithinHours: 24,
  ...overrides,
});

afterEach(() => vi.useRealTimers());

describe("business hours in the shop's time zone", () => {
  it("GIVEN Friday 13:00 in Berlin (NOW) WHEN read in Berlin THEN it is the lunch break; in New York 07:00 is before opening", () => {
    freezeClock();
    const now = Date.now();
    expect(withinHours(WEEKDAYS_9_TO_5, now, "Europe/Berlin")).toBe(false);
    expect(withinHours(WEEKDAYS_9_TO_5, now + HOUR, "Europe/Berlin")).toBe(true);
    expect(withinHours(WEEKDAYS_9_TO_5, now, "America/New_York")).toBe(false);
    expect(new Date(nextOpening(WEEKDAYS_9_TO_5, now, "America/New_York")!).toISOString()).toBe(
      "2026-11-20T14:00:00.000Z",
    );
  });

  it("GIVEN Berlin's spring-forward Sunday WHEN the team opens Monday 09:00 THEN that is 07:00 UTC (CEST), not 08:00", () => {
    // Sunday 29 March 2026 02:00 CET → 03:00 CEST.
    const saturdayNight = Date.parse("2026-03-28T22:00:00Z");
    expect(new Date(nextOpening(WEEKDAYS_9_TO_5, saturdayNight, "Europe/Berlin")!).toISOString()).toBe(
      "2026-03-30T07:00:00.000Z",
    );
    expect(withinHours(WEEKDAYS_9_TO_5, Date.parse("2026-03-30T07:00:00Z"), "Europe/Berlin")).toBe(true);
    expect(withinHours(WEEKDAYS_9_TO_5, Date.parse("2026-03-30T06:59:00Z"), "Europe/Berlin")).toBe(false);
  });

  it("GIVEN New York's fall-back Sunday WHEN hours are read on the Monday after THEN 09:00 is 14:00 UTC (EST), the Friday before 13:00 UTC (EDT)", () => {
    // Sunday 1 November 2026 02:00 EDT → 01:00 EST.
    expect(withinHours(WEEKDAYS_9_TO_5, Date.parse("2026-10-30T13:00:00Z"), "America/New_York")).toBe(true);
    expect(withinHours(WEEKDAYS_9_TO_5, Date.parse("2026-11-02T13:30:00Z"), "America/New_York")).toBe(false);
    expect(withinHours(WEEKDAYS_9_TO_5, Date.parse("2026-11-02T14:00:00Z"), "America/New_York")).toBe(true);
  });

  it("GIVEN a time the clock shows twice or skips WHEN turned into an instant THEN the first showing, or moved forward by the gap", () => {
    expect(new Date(wallInstant("2026-11-01", 90, "America/New_York")).toISOString()).toBe("2026-11-01T05:30:00.000Z");
    expect(new Date(wallInstant("2026-03-29", 150, "Europe/Berlin")).toISOString()).toBe("2026-03-29T01:30:00.000Z");
    expect(new Date(wallInstant("2026-07-01", 0, "Asia/Tokyo")).toISOString()).toBe("2026-06-30T15:00:00.000Z");
  });

  it("GIVEN hours to midnight on Saturday WHEN asked at 23:59 local THEN open; at midnight closed (Sunday has none)", () => {
    const hours: BusinessHours = { sat: [["18:00", "24:00"]] };
    expect(withinHours(hours, Date.parse("2026-11-21T22:59:00Z"), "Europe/Berlin")).toBe(true);
    expect(withinHours(hours, Date.parse("2026-11-21T23:00:00Z"), "Europe/Berlin")).toBe(false);
  });
});

describe("who can answer now", () => {
  it("GIVEN the switch on over lunch WHEN asked at 13:00 THEN online; at 13:20 it ran out (closed); at 13:45 the hours say live", () => {
    const availability = anAvailability({ onlineUntil: NOW_MS + 15 * MINUTE });
    expect(liveNow(availability, NOW_MS, "Europe/Berlin")).toBe("online");
    expect(liveNow(availability, NOW_MS + 20 * MINUTE, "Europe/Berlin")).toBe("closed");
    expect(liveNow(availability, NOW_MS + 45 * MINUTE, "Europe/Berlin")).toBe("hours");
  });

  it("GIVEN no hours and the switch off THEN closed, and the answer is promised within the merchant's hours", () => {
    const availability = anAvailability({ hours: null, replyWithinHours: 4 });
    expect(liveNow(availability, NOW_MS, "Europe/Berlin")).toBe("closed");
    expect(answerBy(availability, NOW_MS, "Europe/Berlin")).toBe(NOW_MS + 4 * HOUR);
  });

  it("GIVEN the lunch break on Friday WHEN an email is left THEN the answer is promised by the afternoon's closing; on Saturday by Monday's", () => {
    expect(new Date(answerBy(anAvailability(), NOW_MS, "Europe/Berlin")).toISOString()).toBe(
      "2026-11-20T16:00:00.000Z",
    );
    const saturday = Date.parse("2026-11-21T10:00:00Z");
    expect(new Date(answerBy(anAvailability(), saturday, "Europe/Berlin")).toISOString()).toBe(
      "2026-11-23T16:00:00.000Z",
    );
  });
});

describe("hours as the merchant types them", () => {
  it("GIVEN '9:00-12:30, 13:30 – 17:00' THEN two intervals, zero-padded", () => {
    expect(parseDayHours("9:00-12:30, 13:30 – 17:00")).toEqual([
      ["09:00", "12:30"],
      ["13:30", "17:00"],
    ]);
    expect(parseDayHours(" ")).toEqual([]);
  });

  it("GIVEN a closing before the opening, an overlap, or a 25th hour THEN each is refused with its reason", () => {
    const problems = (hours: unknown) =>
      businessHoursSchema.safeParse(hours).error?.issues.map((issue) => issue.message) ?? [];
    expect(problems({ mon: [["17:00", "09:00"]] })).toEqual(["opens before it closes"]);
    expect(
      problems({
        tue: [
          ["09:00", "13:00"],
          ["12:00", "17:00"],
        ],
      }),
    ).toEqual(["opening times overlap"]);
    expect(problems({ wed: [["25:00", "26:00"]] })[0]).toMatch(/24-hour clock/);
    expect(problems(WEEKDAYS_9_TO_5)).toEqual([]);
  });
});
