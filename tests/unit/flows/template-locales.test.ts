/**
 * A German, French or Spanish shopper reads a template's flow in their language: every text of every flow
 * template (the starter config's flows included) is written in the four languages the widget's own texts have.
 */
import { readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { FLOW_TEMPLATES } from "../../../app/flows/templates";
import { starterConfig } from "../../../app/flows/starter-config";
import { projectRoot } from "../../support/database";

/** The languages of the extension's storefront locale files (en.default.json is en; *.schema.json are the editor's). */
const WIDGET_LANGUAGES = readdirSync(path.join(projectRoot, "extensions/chatlift/locales"))
  .filter((file) => !file.includes(".schema."))
  .map((file) => file.split(".")[0]!)
  .sort();

/** Every localized text (an object with an `en` string) inside a value, with where it is. */
function localizedTexts(value: unknown, at: string): { at: string; text: Record<string, unknown> }[] {
  if (!value || typeof value !== "object") return [];
  if (!Array.isArray(value) && typeof (value as Record<string, unknown>).en === "string")
    return [{ at, text: value as Record<string, unknown> }];
  return Object.entries(value).flatMap(([key, inner]) => localizedTexts(inner, `${at}.${key}`));
}

describe("flow templates in every widget language", () => {
  it("GIVEN the widget's locale files THEN they are English, French, German and Spanish", () => {
    expect(WIDGET_LANGUAGES).toEqual(["de", "en", "es", "fr"]);
  });

  it.each([
    ...FLOW_TEMPLATES.map((template) => [template.key, template.flow] as const),
    ["starter config", starterConfig()] as const,
  ])("GIVEN %s THEN every text is written in each of them, none empty", (name, flow) => {
    const texts = localizedTexts(flow, name);
    expect(texts.length).toBeGreaterThan(0);
    for (const { at, text } of texts) {
      expect(Object.keys(text).sort(), at).toEqual(WIDGET_LANGUAGES);
      for (const language of WIDGET_LANGUAGES) expect(String(text[language]).trim(), `${at}.${language}`).not.toBe("");
    }
  });
});
