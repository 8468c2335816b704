/** Appearance and data settings, pure: contrast, stored values that no longer fit, time zone names. */
import { describe, expect, it } from "vitest";
import {
  appearanceForWidgetConfig,
  appearanceFromStored,
  contrastWithWhite,
  DEFAULT_APPEARANCE,
} from "../../../app/flows/appearance";
import { dataSettingsFromRow, ianaTimeZone } from "../../../app/admin/settings/settings-data";

describe("widget appearance", () => {
  it.each([
    ["#000000", 21],
    ["#ffffff", 1],
    ["#767676", 4.54],
  ])("white on %s has a contrast of %d:1", (hex, ratio) => {
    expect(contrastWithWhite(hex)).toBeCloseTo(ratio, 1);
  });

  it.each([
    [null],
    ["not json"],
    ['"a string"'],
    ['{"accentColor":"#fafafa","position":"left"}'],
    ['{"accentColor":"#123456","position":"middle"}'],
  ])("falls back to the defaults for stored %s", (stored) => {
    expect(appearanceFromStored(stored)).toEqual(DEFAULT_APPEARANCE);
  });

  it("publishes nothing until the merchant saved an appearance, so the theme editor's settings keep applying", () => {
    expect(appearanceForWidgetConfig(null)).toBeNull();
    expect(
      appearanceForWidgetConfig('{"accentColor":"#123456","position":"left","launcherLabels":{"fr":"Parlons"}}'),
    ).toEqual({ accent: "#123456", side: "left", launcher: { fr: "Parlons" }, csat: "thumbs" });
  });
});

describe("data settings", () => {
  it.each([
    ["America/New_York", "America/New_York"],
    ["utc", "UTC"],
    ["+05:30", null],
    ["EST5EDT; DROP", null],
    ["Nowhere/City", null],
  ])("time zone %s is read as %s", (name, expected) => {
    expect(ianaTimeZone(name)).toBe(expected);
  });

  it("falls back to 395 days in UTC for stored values that no longer fit", () => {
    expect(dataSettingsFromRow({ retentionDays: 7, timeZone: "Mars/Base" })).toEqual({
      retentionDays: 395,
      timeZone: "UTC",
    });
    expect(dataSettingsFromRow(null)).toEqual({ retentionDays: 395, timeZone: "UTC" });
  });
});
