import { describe, expect, it } from "vitest";
import { starterConfig } from "../../app/flows/starter-config";
import { widgetConfigSchema } from "../../contract/widget-config";

describe("widget config model", () => {
  it("accepts the starter config and fills defaults", () => {
    const config = widgetConfigSchema.parse(starterConfig());
    expect(config.flows.map((flow) => flow.id)).toEqual(["fit-help", "cart-coupon", "demo"]);
    expect(config.flows[0]!.enabled).toBe(true);
  });

  it.each([
    ["more than three steps", (c: ReturnType<typeof starterConfig>) => c.flows[0]!.steps.push(...c.flows[2]!.steps)],
    [
      "a reply to an unknown step",
      (c: ReturnType<typeof starterConfig>) =>
        ((c.flows[0]!.steps[0] as { replies: { next?: string }[] }).replies[0]!.next = "nowhere"),
    ],
    ["two goals", (c: ReturnType<typeof starterConfig>) => ((c.flows[0]!.steps[1] as { goal?: boolean }).goal = true)],
    ["a holdout over 100%", (c: ReturnType<typeof starterConfig>) => (c.holdoutPercent = 120)],
    [
      "a javascript: link",
      (c: ReturnType<typeof starterConfig>) => ((c.flows[2]!.steps[1] as { url: string }).url = "javascript:alert(1)"),
    ],
    [
      "an email step without consent text",
      (c: ReturnType<typeof starterConfig>) => delete (c.flows[0]!.steps[2] as { consentText?: unknown }).consentText,
    ],
  ])("rejects %s with a clear error", (_, spoil) => {
    const config = starterConfig();
    spoil(config);
    const result = widgetConfigSchema.safeParse(config);
    expect(result.success).toBe(false);
    expect(result.error?.issues.length).toBeGreaterThan(0);
  });
});
