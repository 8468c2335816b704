import { describe, expect, it } from "vitest";
import { buildWidgetConfig, experimentBlocks, PublishConflict } from "../../../app/flows/publish-config";
import { starterConfig } from "../../../app/flows/starter-config";
import { flowSchema, widgetConfigSchema } from "../../../contract/widget-config";

const starter = widgetConfigSchema.parse(starterConfig());
const coupon = starter.flows.find((flow) => flow.id === "cart-coupon")!;
const fit = starter.flows.find((flow) => flow.id === "fit-help")!;

describe("the published widget config", () => {
  it("carries the published flows with the shop's salt and holdout, and no variants without a running experiment", () => {
    // GIVEN two published flows, one of which defines variants, and no experiment running
    const config = buildWidgetConfig({
      salt: "shop-salt-123",
      holdoutPercent: 15,
      flows: [fit, coupon],
      experiments: [],
    });
    // THEN the config is what the widget reads (its own schema) and nobody is split
    expect(widgetConfigSchema.parse(config)).toEqual(config);
    expect(config).toMatchObject({
      v: 1,
      salt: "shop-salt-123",
      holdoutPercent: 15,
      caps: { perSession: 2, perDay: 4 },
      defaultLocale: "en",
    });
    expect(config.flows.map((flow) => [flow.id, flow.variants])).toEqual([
      ["fit-help", []],
      ["cart-coupon", []],
    ]);
  });

  it("splits a flow's visitors with the running experiment's weights, over its variants only", () => {
    const config = buildWidgetConfig({
      salt: "shop-salt-123",
      holdoutPercent: 10,
      flows: [coupon],
      experiments: [
        {
          flowId: "cart-coupon",
          variants: [
            { variantId: "ten-off", weight: 30 },
            { variantId: "ten-off-urgent", weight: 70 },
          ],
        },
      ],
    });
    expect(config.flows[0]!.variants).toEqual([
      { id: "ten-off", weight: 30 },
      {
        id: "ten-off-urgent",
        weight: 70,
        prompt: {
          en: "10% off your cart, today only.",
          fr: "10 % sur votre panier, aujourd'hui seulement.",
          de: "10 % auf Ihren Warenkorb, nur heute.",
          es: "10 % en tu carrito, solo hoy.",
        },
      },
    ]);
  });

  it("leaves turned-off flows out", () => {
    const config = buildWidgetConfig({
      salt: "shop-salt-123",
      holdoutPercent: 10,
      flows: [{ ...fit, enabled: false }, coupon],
      experiments: [],
    });
    expect(config.flows.map((flow) => flow.id)).toEqual(["cart-coupon"]);
  });

  it("refuses to publish an experiment over a variant the flow lost", () => {
    const withoutUrgent = flowSchema.parse({ ...coupon, variants: [{ id: "ten-off", weight: 1 }] });
    const running = {
      flowId: "cart-coupon",
      variants: [
        { variantId: "ten-off", weight: 1 },
        { variantId: "ten-off-urgent", weight: 1 },
      ],
    };
    expect(() =>
      buildWidgetConfig({ salt: "shop-salt-123", holdoutPercent: 10, flows: [withoutUrgent], experiments: [running] }),
    ).toThrow(PublishConflict);
    expect(experimentBlocks(withoutUrgent, running)).toBe(
      "A running experiment tests variant ten-off-urgent: keep it in the flow, or stop the experiment first.",
    );
    expect(experimentBlocks(coupon, running)).toBeNull();
    expect(experimentBlocks({ ...coupon, enabled: false }, running)).toBe(
      "A running experiment tests this flow: stop the experiment before turning the flow off.",
    );
  });
});

describe("the launcher's appearance in the published config", () => {
  const appearance = { accent: "#0b5fff", side: "left" as const, launcher: { en: "Ask us", de: "Frag uns" } };

  it("carries the appearance from Settings when the shop saved one", () => {
    const config = buildWidgetConfig({
      salt: "shop-salt-123",
      holdoutPercent: 10,
      flows: [fit],
      experiments: [],
      appearance,
    });
    expect(config.appearance).toEqual(appearance);
    expect(widgetConfigSchema.parse(JSON.parse(JSON.stringify(config)))).toEqual(config);
  });

  it("leaves it out otherwise, and the widget still reads a config published before it existed", () => {
    const config = buildWidgetConfig({ salt: "shop-salt-123", holdoutPercent: 10, flows: [fit], experiments: [] });
    expect("appearance" in config).toBe(false);
    expect(widgetConfigSchema.parse(starterConfig()).appearance).toBeUndefined();
  });

  it("carries the answers switch (on unless the merchant turned it off); a config from before the switch still parses", () => {
    const base = { salt: "shop-salt-123", holdoutPercent: 10, flows: [fit], experiments: [] };
    expect(buildWidgetConfig({ ...base, answersEnabled: false }).answers).toEqual({ enabled: false });
    expect(buildWidgetConfig({ ...base, answersEnabled: true }).answers).toEqual({ enabled: true });
    expect(buildWidgetConfig(base).answers).toEqual({ enabled: true });
    expect(widgetConfigSchema.parse(starterConfig()).answers).toBeUndefined();
  });

  it.each([
    [{ ...appearance, accent: "#0B5FFF" }, "appearance.accent"],
    [{ ...appearance, side: "top" }, "appearance.side"],
    [{ ...appearance, launcher: { en: " " } }, "appearance.launcher.en"],
    [{ ...appearance, launcher: { english: "Ask" } }, "appearance.launcher.english"],
  ])("refuses an appearance the Liquid could not use: %o", (bad, path) => {
    const input = {
      salt: "shop-salt-123",
      holdoutPercent: 10,
      flows: [fit],
      experiments: [],
      appearance: bad as typeof appearance,
    };
    expect(() => buildWidgetConfig(input)).toThrow(`The storefront config would be invalid (${path}: `);
  });
});

describe("what cannot be published", () => {
  it("refuses more flows than the storefront takes, with a sentence instead of a crash", () => {
    const many = Array.from({ length: 21 }, (_, index) => ({ ...fit, id: `fit-${index}` }));
    expect(() =>
      buildWidgetConfig({ salt: "shop-salt-123", holdoutPercent: 10, flows: many, experiments: [] }),
    ).toThrow("At most 20 flows can be on the storefront at once: turn one off first.");
  });

  it("names the field when the whole config would be invalid", () => {
    expect(() => buildWidgetConfig({ salt: "short", holdoutPercent: 10, flows: [fit], experiments: [] })).toThrow(
      /^The storefront config would be invalid \(salt: /,
    );
  });
});
