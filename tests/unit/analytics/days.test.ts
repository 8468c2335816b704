import { describe, expect, it } from "vitest";
import { dayEnd, dayKey, dayRange, daysOf, dayStart, shiftDay } from "../../../app/analytics/days";

const ZONES = [
  "UTC",
  "America/New_York",
  "Europe/Berlin",
  "Asia/Kathmandu",
  "Australia/Lord_Howe",
  "America/Santiago",
  "Pacific/Chatham",
  "America/St_Johns",
];

describe("shop-local days", () => {
  it.each(ZONES)(
    "GIVEN %s WHEN any day of 2026 begins THEN its first instant is that day and the instant before is the day before",
    (zone) => {
      for (const day of daysOf("2026-01-01", "2026-12-31")) {
        const start = dayStart(day, zone);
        expect(dayKey(start, zone)).toBe(day);
        expect(dayKey(start - 1, zone)).toBe(shiftDay(day, -1));
      }
    },
  );

  it("GIVEN New York WHEN clocks change THEN the days last 23 and 25 hours, and days start at local midnight otherwise", () => {
    expect(dayStart("2026-11-20", "America/New_York")).toBe(Date.parse("2026-11-20T05:00:00Z"));
    expect(dayEnd("2026-03-08", "America/New_York") - dayStart("2026-03-08", "America/New_York")).toBe(23 * 3_600_000);
    expect(dayEnd("2026-11-01", "America/New_York") - dayStart("2026-11-01", "America/New_York")).toBe(25 * 3_600_000);
    expect(dayRange("2026-11-01", "2026-11-02", "Asia/Kathmandu")).toEqual({
      gte: new Date("2026-10-31T18:15:00Z"),
      lt: new Date("2026-11-02T18:15:00Z"),
    });
  });
});
