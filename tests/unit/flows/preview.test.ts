import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { previewConfig, previewDocument } from "../../../app/flows/preview";
import { launcherMarkup, readPreviewAssets } from "../../../app/flows/preview.server";
import { findTemplate } from "../../../app/flows/templates";
import { flowSchema } from "../../../contract/widget-config";
import { projectRoot } from "../../support/database";

const coupon = flowSchema.parse(findTemplate("coupon_offer")!.flow);

describe("the live preview", () => {
  it("shows the draft at once: page trigger, no holdout, no experiment split", () => {
    const config = previewConfig(coupon, "fr");
    expect(config).toMatchObject({
      holdoutPercent: 0,
      defaultLocale: "fr",
      flows: [{ id: "cart-coupon", trigger: { kind: "page_type", pageTypes: [] }, variants: [] }],
    });
    expect(config.flows[0]!.steps).toEqual(coupon.steps);
  });

  it("runs the committed widget build with the embed's own launcher and the locale's texts", async () => {
    const assets = (await readPreviewAssets(path.join(projectRoot, "extensions/chatlift")))!;
    const loader = readFileSync(path.join(projectRoot, "extensions/chatlift/assets/chatlift.js"), "utf8");
    expect(assets.loader).toBe(loader);
    expect(assets.launcher).toMatch(
      /^<template shadowrootmode="open">[\s\S]*<button class="l" type="button" hidden aria-label="Open chat"><\/button>\s*<\/template>$/,
    );
    expect(assets.texts.fr!.open).not.toBe(assets.texts.en!.open);

    const html = previewDocument(coupon, assets, "fr");
    const data = JSON.parse(/<script type="application\/json" id="chatlift-data">(.*?)<\/script>/s.exec(html)![1]!);
    expect(data.config.flows[0].prompt.fr).toBe("Votre panier a droit à 10 % de remise.");
    expect(data.t).toEqual(assets.texts.fr);
    expect(Buffer.from(data.ui.replace("data:text/javascript;base64,", ""), "base64").toString("utf8")).toBe(assets.ui);
    expect(html).toContain(`<div id="chatlift-root" style="--a: #1a1a1a">${assets.launcher}</div>`);
  });

  it("keeps merchant text from closing the data script", () => {
    const html = previewDocument(
      { ...coupon, prompt: { en: "</script><img src=x onerror=alert(1)>" } },
      { loader: "", ui: "", launcher: "", texts: {} },
      "en",
    );
    expect(html).not.toContain("</script><img");
    expect(html).toContain("\\u003c/script>\\u003cimg");
  });

  it("refuses an embed whose launcher holds Liquid it does not know", () => {
    expect(() => launcherMarkup('<template shadowrootmode="open"><b>{{ shop.name }}</b></template>', "Open")).toThrow(
      /Liquid the preview does not know/,
    );
    expect(
      launcherMarkup(
        '<template shadowrootmode="open"><i style="{{ side }}: 0">{{ open_label | escape }}</i></template>',
        'Say "hi"',
      ),
    ).toBe('<template shadowrootmode="open"><i style="right: 0">Say &quot;hi&quot;</i></template>');
  });
});
