/**
 * The page context the app embed renders (and the widget sends with every batch as is) must be
 * what the ingest's schema accepts, with and without a storefront country.
 */
import { describe, expect, it } from "vitest";
import { pageContextSchema } from "../../contract/events";
import { HarnessCart } from "../../sandbox/storefront/cart";
import { createRenderer } from "../../sandbox/storefront/render";
import { aConfig } from "../support/builders/widget";

async function pageContextOf(country?: string): Promise<Record<string, unknown>> {
  const html = await createRenderer()({
    template: "index",
    pageType: "index",
    path: "/",
    title: "Home",
    locale: "de",
    country,
    cart: new HarnessCart("t").json(),
    config: aConfig(),
    consent: "none",
    embed: true,
  });
  return (
    JSON.parse(/<script type="application\/json" id="chatlift-data">(.*?)<\/script>/s.exec(html)![1]!) as {
      page: Record<string, unknown>;
    }
  ).page;
}

describe("the page context in the app embed", () => {
  it("GIVEN a storefront in Germany's market THEN the page names the country, in the form ingest accepts", async () => {
    const page = await pageContextOf("DE");

    expect(page).toEqual({ type: "home", path: "/", locale: "de", country: "DE" });
    expect(pageContextSchema.safeParse(page).success).toBe(true);
  });

  it("GIVEN no country THEN the page leaves it out rather than sending null", async () => {
    const page = await pageContextOf(undefined);

    expect(page).not.toHaveProperty("country");
    expect(pageContextSchema.safeParse(page).success).toBe(true);
  });
});
