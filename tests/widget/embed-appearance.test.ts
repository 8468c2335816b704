/**
 * The app embed's Liquid (rendered by the storefront harness's LiquidJS, with Shopify's objects)
 * choosing the launcher's look: the published config's appearance over the block settings.
 */
import { describe, expect, it } from "vitest";
import { HarnessCart } from "../../sandbox/storefront/cart";
import { createRenderer } from "../../sandbox/storefront/render";
import { aConfig } from "../support/builders/widget";

const appearance = { accent: "#0b5fff", side: "left" as const, launcher: { en: "Ask us", de: "Frag uns" } };

async function launcherOf(locale: string, config = aConfig(), settings: Record<string, unknown> = {}) {
  const html = await createRenderer()({
    template: "index",
    pageType: "index",
    path: "/",
    title: "Home",
    locale,
    cart: new HarnessCart("t").json(),
    config,
    consent: "none",
    embed: true,
    settings,
  });
  const data = JSON.parse(/<script type="application\/json" id="chatlift-data">(.*?)<\/script>/s.exec(html)![1]!) as {
    s: { side: string };
    config: { appearance?: unknown };
  };
  return {
    accent: /id="chatlift-root" style="--a: ([^"]*)"/.exec(html)?.[1],
    corner: /\.l \{ position: fixed; bottom: 20px; (\w+): 20px;/.exec(html)?.[1],
    label: /<button class="l"[^>]*aria-label="([^"]*)"/.exec(html)?.[1],
    side: data.s.side,
  };
}

describe("the launcher's look in the app embed", () => {
  it("follows the block settings while the config has no appearance", async () => {
    expect(await launcherOf("fr", aConfig(), { accent_color: "#224466", position: "left" })).toEqual({
      accent: "#224466",
      corner: "left",
      label: "Ouvrir le chat",
      side: "left",
    });
  });

  it("prefers the published appearance: colour, corner (CSS and the widget's side) and the locale's label", async () => {
    const config = { ...aConfig(), appearance };
    expect(await launcherOf("de", config, { accent_color: "#224466", position: "right" })).toEqual({
      accent: "#0b5fff",
      corner: "left",
      label: "Frag uns",
      side: "left",
    });
  });

  it("takes a regional locale's language label, and keeps the extension's text for a language the merchant left empty", async () => {
    const config = { ...aConfig(), appearance };
    expect((await launcherOf("de-CH", config)).label).toBe("Frag uns");
    expect((await launcherOf("fr", config)).label).toBe("Ouvrir le chat");
  });

  it("escapes a label in the attribute", async () => {
    const config = { ...aConfig(), appearance: { ...appearance, launcher: { en: `Say "hi" <now>` } } };
    // Shopify writes &quot;, LiquidJS &#34;: either keeps the attribute closed.
    expect((await launcherOf("en", config)).label).toMatch(/^Say &(quot|#34);hi&(quot|#34); &lt;now&gt;$/);
  });
});
