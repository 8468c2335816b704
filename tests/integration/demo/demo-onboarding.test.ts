/**
 * Which start may point the onboarding checklist away from the shop's own domain: only the demo's own (its
 * per-start secret), to the storefront it runs. A production start keeps the theme editor and storefront links,
 * whatever CHATLIFT_DEMO_STOREFRONT says.
 */
import { describe, expect, it } from "vitest";
import { loadOnboarding } from "../../../app/admin/onboarding/onboarding.server";

const SHOP = "onboarding-demo.myshopify.com";
const STOREFRONT = "http://127.0.0.1:4100/products/linen-shirt";
const DEMO = { CHATLIFT_DEMO: "1", CHATLIFT_DEMO_SECRET: "s".repeat(64), CHATLIFT_DEMO_STOREFRONT: STOREFRONT };

const linksOf = async (env: Record<string, string | undefined>) =>
  Object.fromEntries((await loadOnboarding(SHOP, "api-key", env)).map((step) => [step.id, step.action?.url]));

describe("the checklist's storefront links", () => {
  it("GIVEN the demo's start WHEN the checklist loads THEN the embed and storefront steps open the demo storefront", async () => {
    const links = await linksOf(DEMO);
    expect(links.embed).toBe(STOREFRONT);
    expect(links.first_event).toBe(STOREFRONT);
    expect(links.flow).toBe("/app/flows");
  });

  it.each([
    ["a production start", { CHATLIFT_DEMO_STOREFRONT: STOREFRONT }],
    ["a demo flag without its secret", { CHATLIFT_DEMO: "1", CHATLIFT_DEMO_STOREFRONT: STOREFRONT }],
    ["a storefront that is no web address", { ...DEMO, CHATLIFT_DEMO_STOREFRONT: "javascript:alert(1)" }],
  ])("GIVEN %s WHEN the checklist loads THEN it links to the shop's own domain", async (_, env) => {
    const links = await linksOf(env);
    expect(links.embed).toMatch(new RegExp(`^https://${SHOP}/admin/themes/current/editor`));
    expect(links.first_event).toBe(`https://${SHOP}`);
  });
});
