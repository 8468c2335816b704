import { describe, expect, it } from "vitest";
import { republishFailure, storefrontIsBehind } from "../../../app/admin/settings/settings-storefront";
import { WidgetConfigPublishError } from "../../../app/integrations/shopify/widget-config.server";

const appearance = { accent: "#0b5fff", side: "left" as const, launcher: { en: "Ask us", de: "Frag uns" } };

describe("is the storefront behind the settings?", () => {
  it("no, when the last published config has the same holdout and appearance (label order aside)", () => {
    const published = {
      holdoutPercent: 10,
      appearance: { side: "left", launcher: { de: "Frag uns", en: "Ask us" }, accent: "#0b5fff" },
      flows: [],
    };
    expect(storefrontIsBehind(published, { holdoutPercent: 10, appearance, answersEnabled: true })).toBe(false);
    expect(
      storefrontIsBehind({ holdoutPercent: 10 }, { holdoutPercent: 10, appearance: null, answersEnabled: true }),
    ).toBe(false);
  });

  it("no, when answers are on and the config predates the answers switch (its widget shows the box); yes once they are off", () => {
    const wanted = { holdoutPercent: 10, appearance: null };
    expect(storefrontIsBehind({ holdoutPercent: 10 }, { ...wanted, answersEnabled: true })).toBe(false);
    expect(storefrontIsBehind({ holdoutPercent: 10 }, { ...wanted, answersEnabled: false })).toBe(true);
    expect(
      storefrontIsBehind({ holdoutPercent: 10, answers: { enabled: false } }, { ...wanted, answersEnabled: false }),
    ).toBe(false);
    expect(
      storefrontIsBehind({ holdoutPercent: 10, answers: { enabled: false } }, { ...wanted, answersEnabled: true }),
    ).toBe(true);
  });

  const published = { holdoutPercent: 10, appearance };
  const on = { answersEnabled: true };
  it.each([
    ["another holdout", published, { holdoutPercent: 20, appearance, ...on }],
    ["an appearance saved for the first time", { holdoutPercent: 10 }, { holdoutPercent: 10, appearance, ...on }],
    ["another accent", published, { holdoutPercent: 10, appearance: { ...appearance, accent: "#b00020" }, ...on }],
    ["another corner", published, { holdoutPercent: 10, appearance: { ...appearance, side: "right" as const }, ...on }],
    [
      "a label removed",
      published,
      { holdoutPercent: 10, appearance: { ...appearance, launcher: { en: "Ask us" } }, ...on },
    ],
  ])("yes, for %s", (_, last, wanted) => {
    expect(storefrontIsBehind(last, wanted)).toBe(true);
  });

  it("yes, when the published config is unreadable", () => {
    expect(storefrontIsBehind(null, { holdoutPercent: 10, appearance: null, answersEnabled: true })).toBe(true);
  });
});

describe("why a republish failed, in the merchant's words", () => {
  it("quotes Shopify's user errors", () => {
    const error = new WidgetConfigPublishError("Shopify refused the widget config", [
      { field: ["metafields", "0", "value"], message: "Value is too big", code: "INVALID_VALUE" },
    ]);
    expect(republishFailure(error)).toEqual({
      status: "failed",
      reason:
        "Shopify did not accept the publish, so nothing changed on the storefront: Shopify refused the widget config (Value is too big).",
    });
  });

  it("names an unexpected failure too, instead of losing the save to an error page", () => {
    expect(republishFailure(new TypeError("fetch failed"))).toEqual({
      status: "failed",
      reason: "The storefront was not updated: fetch failed.",
    });
  });
});
