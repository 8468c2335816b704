import { describe, expect, it } from "vitest";
import type { PageContext } from "../../contract/events";
import {
  candidateFlows,
  capsAllow,
  DISMISS_DAYS,
  holdsNow,
  isExitIntent,
  mayPrompt,
  pageMatches,
  scrollDepth,
} from "../../widget/core/triggers";
import { aConfig, aFlow, aSession, aVisitor } from "../support/builders/widget";
import { NOW_MS } from "../support/clock";

const page = (overrides: Partial<PageContext> = {}): PageContext => ({
  type: "product",
  path: "/products/linen-shirt",
  handle: "linen-shirt",
  ...overrides,
});

describe("triggers", () => {
  it.each([
    ["fit-help", page(), true],
    ["fit-help", page({ type: "cart", path: "/cart", handle: undefined }), false],
    ["demo", page({ type: "page", handle: "pricing", path: "/pages/pricing" }), true],
    ["demo", page({ type: "page", handle: "about", path: "/pages/about" }), false],
    ["cart-coupon", page({ type: "cart" }), true],
  ] as const)("flow %s on %o may run: %s", (flowId, where, expected) => {
    expect(pageMatches(aFlow(flowId).trigger, where)).toBe(expected);
  });

  it("lists the flows that may run on a page, in the merchant's order", () => {
    expect(candidateFlows(aConfig(), page()).map((flow) => flow.id)).toEqual(["fit-help"]);
  });

  it.each([
    [{ kind: "page_type" }, { returning: false, cartValue: 0 }, true],
    [{ kind: "returning_visitor" }, { returning: false, cartValue: 0 }, false],
    [{ kind: "returning_visitor" }, { returning: true, cartValue: 0 }, true],
    [{ kind: "cart_value", atLeast: 50 }, { returning: false, cartValue: 49.99 }, false],
    [{ kind: "cart_value", atLeast: 50 }, { returning: false, cartValue: 50 }, true],
    [{ kind: "dwell", seconds: 5 }, { returning: true, cartValue: 100 }, false],
  ])("%o holds for %o: %s", (trigger, facts, expected) => {
    expect(holdsNow({ pageTypes: [], pageHandles: [], ...trigger } as never, facts)).toBe(expected);
  });

  it("measures scroll depth and desktop exit intent", () => {
    expect(scrollDepth(0, 800, 1600)).toBe(50);
    expect(scrollDepth(800, 800, 1600)).toBe(100);
    expect(scrollDepth(0, 800, 600)).toBeGreaterThanOrEqual(100);
    expect(isExitIntent({ clientY: 0, relatedTarget: null })).toBe(true);
    expect(isExitIntent({ clientY: 0, relatedTarget: {} })).toBe(false);
    expect(isExitIntent({ clientY: 40, relatedTarget: null })).toBe(false);
  });
});

describe("caps and dismissals", () => {
  const config = aConfig({ caps: { perSession: 2, perDay: 3 } });
  const flow = aFlow("fit-help", config);

  it("allows prompts until the session or the day cap is reached", () => {
    expect(capsAllow(config, aVisitor({ n: 0 }), aSession({ n: 1 }))).toBe(true);
    expect(capsAllow(config, aVisitor({ n: 1 }), aSession({ n: 2 }))).toBe(false);
    expect(capsAllow(config, aVisitor({ n: 3 }), aSession({ n: 0 }))).toBe(false);
  });

  it("prompts a flow once per session", () => {
    expect(mayPrompt(flow, aVisitor(), aSession(), NOW_MS)).toBe(true);
    expect(mayPrompt(flow, aVisitor(), aSession({ f: ["fit-help"] }), NOW_MS)).toBe(false);
  });

  it(`remembers a dismissal for ${DISMISS_DAYS} days`, () => {
    const dismissedAt = NOW_MS - (DISMISS_DAYS - 1) * 86_400_000;
    expect(mayPrompt(flow, aVisitor({ x: { "fit-help": dismissedAt } }), aSession(), NOW_MS)).toBe(false);
    expect(mayPrompt(flow, aVisitor({ x: { "fit-help": dismissedAt } }), aSession(), NOW_MS + 2 * 86_400_000)).toBe(
      true,
    );
  });

  it("never prompts a disabled flow", () => {
    expect(mayPrompt({ ...flow, enabled: false }, aVisitor(), aSession(), NOW_MS)).toBe(false);
  });
});
