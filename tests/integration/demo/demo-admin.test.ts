/**
 * The demo as a person meets it, over HTTP against the running demo (the real app, its admin front, the
 * storefront harness): the onboarding links go to the demo's storefront, not to the demo shop's myshopify domain
 * that exists nowhere; a reload or a deep link of an admin page opens that page, not Shopify's login; and the
 * simulated orders hold the storefront's own products in the shop's currency. CHATLIFT_DEMO_NO_BUILD=1 serves
 * the existing build.
 */
import { getJwt } from "@shopify/shopify-api/test-helpers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DESKTOP_CHROME, EPHEMERAL_PORTS, DEMO_STORE } from "../../../scripts/demo/config";
import { simulate } from "../../../scripts/demo/simulate";
import { startDemoStack, type DemoStack } from "../../../scripts/demo/stack";
import { SHOP } from "../../../sandbox/shop-content/shop";
import { PRODUCTS } from "../../../sandbox/storefront/catalog";

let stack: DemoStack;
beforeAll(async () => {
  stack = await startDemoStack({
    ports: EPHEMERAL_PORTS,
    database: { url: process.env.DATABASE_URL as string },
    reuseBuild: process.env.CHATLIFT_DEMO_NO_BUILD === "1",
  });
}, 300_000);
afterAll(async () => {
  await stack?.stop();
});

/** A browser's page load: follows the front's and the app's redirects, and says where it ended. */
async function load(address: string): Promise<{ status: number; url: URL; html: string; hops: string[] }> {
  const hops: string[] = [];
  let url = new URL(address);
  for (let hop = 0; hop < 6; hop += 1) {
    const response = await fetch(url, {
      redirect: "manual",
      headers: { "User-Agent": DESKTOP_CHROME, Accept: "text/html", "Sec-Fetch-Dest": "document" },
    });
    const location = response.headers.get("location");
    if (response.status >= 300 && response.status < 400 && location) {
      hops.push(location);
      url = new URL(location, url);
      if (url.origin !== new URL(stack.admin.url).origin) return { status: response.status, url, html: "", hops };
      continue;
    }
    return { status: response.status, url, html: await response.text(), hops };
  }
  throw new Error(`too many redirects: ${hops.join(" → ")}`);
}

const hrefs = (html: string) =>
  [...html.matchAll(/href="([^"]+)"/g)].map((match) => match[1]!.replaceAll("&amp;", "&"));

describe("the demo's admin", () => {
  it("GIVEN the demo WHEN the merchant opens the checklist THEN its storefront links lead to the demo storefront", async () => {
    const home = await load(`${stack.admin.url}/`);

    expect(home.status).toBe(200);
    expect(home.html).toContain("Set up ChatLift");
    const links = hrefs(home.html);
    expect(links).toContain(stack.urls.storefront);
    expect(links.filter((href) => href.includes(".myshopify.com"))).toEqual([]);
    expect((await fetch(stack.urls.storefront)).status).toBe(200);
  }, 60_000);

  it("GIVEN an admin page's address WHEN it is opened directly (deep link) THEN that page shows, not a login", async () => {
    const dashboard = await load(`${stack.admin.url}/app/dashboard`);

    expect(dashboard.status).toBe(200);
    expect(dashboard.url.origin).toBe(new URL(stack.admin.url).origin);
    expect(dashboard.url.pathname).toBe("/app/dashboard");
    expect(dashboard.html).toContain("Is chat making money");
    expect(dashboard.hops.join(" ")).not.toMatch(/auth\/login|admin\.shopify\.com/);
  }, 60_000);

  it("GIVEN a page loaded an hour ago WHEN it is reloaded with its expired token THEN the same page and query show", async () => {
    const past = Date.now() / 1000 - 7200;
    const { token } = await getJwt(DEMO_STORE, stack.secrets.apiKey, stack.secrets.apiSecret, {
      exp: past + 3600,
      nbf: past,
      iat: past,
    });
    const stale = new URL("/app/orders", stack.admin.url);
    stale.search = new URLSearchParams({ window: "any", embedded: "1", shop: stack.shop, id_token: token }).toString();

    const reloaded = await load(stale.href);

    expect(reloaded.status).toBe(200);
    expect(reloaded.url.pathname).toBe("/app/orders");
    expect(reloaded.url.searchParams.get("window")).toBe("any");
    expect(reloaded.url.searchParams.get("id_token")).not.toBe(token);
    expect(reloaded.html).toContain("Order audit");
  }, 60_000);

  it("GIVEN the demo shop WHEN something sends the browser to Shopify's login THEN it lands on the admin home instead", async () => {
    const login = await load(`${stack.admin.url}/auth/login`);

    expect(login.status).toBe(200);
    expect(login.url.pathname).toBe("/app");
  }, 60_000);
});

describe("the demo's simulated orders, as the app stored them", () => {
  it("GIVEN 40 simulated visitors WHEN their orders arrive THEN every line is a storefront product, in the shop's currency", async () => {
    const { default: prisma } = await import("../../../app/db.server");
    const report = await simulate(stack, { visitors: 40, browserVisitors: 0, log: () => undefined });
    expect(report.orders).toBeGreaterThan(0);

    await expect
      .poll(() => prisma.order.count({ where: { shopDomain: stack.shop } }), { timeout: 30_000 })
      .toBe(report.orders);
    const orders = await prisma.order.findMany({ where: { shopDomain: stack.shop }, include: { lines: true } });
    const titles = new Set(PRODUCTS.map((product) => product.title));
    expect(new Set(orders.map((order) => order.currency))).toEqual(new Set([SHOP.currencyCode]));
    for (const line of orders.flatMap((order) => order.lines)) expect(titles).toContain(line.title);

    // AND the audit's sentences name only products chat really added
    await expect
      .poll(() => prisma.credit.count({ where: { shopDomain: stack.shop, rule: "line_item" } }), { timeout: 30_000 })
      .toBeGreaterThan(0);
    const credits = await prisma.credit.findMany({ where: { shopDomain: stack.shop } });
    expect(new Set(credits.map((credit) => credit.currency))).toEqual(new Set([SHOP.currencyCode]));
    expect(credits.map((credit) => credit.explanation).join("\n")).not.toMatch(/Coat|\$/);
  }, 120_000);
});
