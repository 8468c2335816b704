/**
 * Chat actions update the theme (issue 17), in Debian's Chromium on the storefront harness: after an add
 * to cart or a code from the chat, the theme's cart count, drawer and cart page change without a reload.
 * The harness theme answers the Section Rendering API as Shopify does (sandbox/storefront/sections.ts);
 * a second theme has no cart sections and only listens for the cart events, which must reach it.
 */
import { mkdirSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { starterConfig } from "../../app/flows/starter-config";
import { DESKTOP_CHROME } from "../../scripts/demo/config";
import { launchChromium } from "../../sandbox/browser/chromium";
import { startStorefront, type Storefront } from "../../sandbox/storefront/server";
import type { ThemeCart } from "../../sandbox/storefront/render";
import { ARTIFACTS, screenshotPath } from "../support/browser/chromium";

/** The cart events the widget dispatches for the common themes (widget/ui/theme-cart.ts). */
const CART_EVENTS = ["cart:update", "cart:refresh", "cart:build", "theme:cart:refresh", "cart:updated"];

let browser: Browser;
const shops: Storefront[] = [];
beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  browser = await launchChromium([`--user-agent=${DESKTOP_CHROME}`]);
});
afterAll(async () => {
  await browser?.close();
  await Promise.all(shops.map((shop) => shop.close()));
});

async function aShop(themeCart: ThemeCart): Promise<Storefront> {
  const shop = await startStorefront({ config: starterConfig({ holdoutPercent: 0 }), themeCart });
  shops.push(shop);
  return shop;
}

/**
 * A shopper's page that records, from before the theme's scripts run, every cart event heard on document
 * (with the item count its detail carries), and with `dawn` Dawn's PubSub globals and what they were given.
 */
async function shopperPage(dawn: boolean): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, userAgent: DESKTOP_CHROME });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  await page.addInitScript(
    ({ names, dawn }) => {
      const heard: [string, unknown][] = [];
      (window as unknown as { heard: typeof heard }).heard = heard;
      for (const name of names)
        document.addEventListener(name, (event) =>
          heard.push([name, (event as CustomEvent<{ cart?: { item_count: number } }>).detail?.cart?.item_count]),
        );
      // Dawn's assets/constants.js and assets/pubsub.js: classic scripts' globals.
      if (dawn)
        (0, eval)(
          `var PUB_SUB_EVENTS = { cartUpdate: "cart-update" };
           function publish(name, data) { (window.published = window.published || []).push([name, data.source, data.cartData.item_count]); }`,
        );
    },
    { names: CART_EVENTS, dawn },
  );
  return { page, errors };
}

const chat = (page: Page) => page.locator("#chatlift-root");
const dialogOf = (page: Page) => chat(page).getByRole("dialog");
const logText = async (page: Page) => (await dialogOf(page).getByRole("log").textContent()) ?? "";
const heard = (page: Page) => page.evaluate(() => (window as unknown as { heard: [string, unknown][] }).heard);
/** Set on the page now: still there later only if the page was not reloaded. */
const markPage = (page: Page) => page.evaluate(() => ((window as unknown as { marker: number }).marker = 1));
const stillSamePage = (page: Page) => page.evaluate(() => (window as unknown as { marker?: number }).marker === 1);

/** Opens the chat from the launcher and adds the first fit-help pick (Oxford Shirt M, €65) to the cart. */
async function addFromChat(page: Page) {
  await chat(page).getByRole("button", { name: "Open chat" }).click();
  await dialogOf(page).getByRole("button", { name: "Help with sizing" }).click();
  await dialogOf(page).getByRole("button", { name: "Does it run small?" }).click();
  const cards = dialogOf(page).locator(".card");
  await expect.poll(() => cards.count(), { timeout: 5000 }).toBe(3);
  await cards.first().getByRole("button", { name: "Add to cart" }).click();
  await expect.poll(() => logText(page), { timeout: 5000 }).toContain("Added to your cart.");
}

describe("chat actions update the theme's cart", () => {
  it("GIVEN a theme whose cart count, drawer and cart page are sections WHEN the shopper adds to cart and applies a code from the chat THEN count, drawer and cart page change without a reload", async () => {
    const shop = await aShop("sections");
    const { page, errors } = await shopperPage(true);
    await page.goto(`${shop.url}/products/linen-shirt`);
    await markPage(page);
    const count = page.locator("#cart-icon-bubble #cart-count");
    expect(await count.textContent()).toBe("0");

    // WHEN the shopper adds a pick from the chat
    await addFromChat(page);

    // THEN the header's count and the drawer show the line, on the same page
    await expect.poll(() => count.textContent()).toBe("1");
    expect(await page.locator("#CartDrawer .cart-lines").textContent()).toContain("Oxford Shirt - M × 1");
    expect(await stillSamePage(page)).toBe(true);
    // AND the add asked for the sections the page has (Dawn's count and the drawer), in this page's context
    const add = shop.cartRequests.find((request) => request.path === "/cart/add.js")!;
    expect(add.body).toMatchObject({ sections: "cart-icon-bubble,cart-drawer", sections_url: "/products/linen-shirt" });
    // AND every cart event was heard once with the new cart, and Dawn's PubSub got its cart-update
    expect(await heard(page)).toEqual(CART_EVENTS.map((name) => [name, 1]));
    expect(await page.evaluate(() => (window as unknown as { published: unknown }).published)).toEqual([
      ["cart-update", "chatlift", 1],
    ]);
    await page.screenshot({ path: screenshotPath("theme-cart-1-count") });

    // WHEN the shopper, on the cart page, takes the discount from the chat
    await page.goto(`${shop.url}/cart`);
    await markPage(page);
    const cartPage = page.locator("#shopify-section-template--harbor__main-cart");
    expect(await cartPage.locator(".cart-total").textContent()).toBe("Total: €65.00");
    // The chat was open on the product page: it follows the shopper here, open
    await dialogOf(page).getByRole("button", { name: "A discount for my order" }).click();
    await dialogOf(page).getByRole("button", { name: "Apply code CHAT10" }).click();
    await expect.poll(() => logText(page), { timeout: 5000 }).toContain("Code CHAT10 is applied");

    // THEN the cart page shows the code and the new total, the drawer too, without a reload
    await expect.poll(() => cartPage.locator(".cart-discount").textContent()).toBe("Code CHAT10: −€6.50");
    expect(await cartPage.locator(".cart-total").textContent()).toBe("Total: €58.50");
    expect(await page.locator("#CartDrawer .cart-total").textContent()).toBe("Total: €58.50");
    expect(await stillSamePage(page)).toBe(true);
    const update = shop.cartRequests.find(
      (request) => request.path === "/cart/update.js" && "discount" in (request.body as object),
    )!;
    expect(update.body).toMatchObject({
      discount: "CHAT10",
      sections: "cart-icon-bubble,template--harbor__main-cart,cart-drawer",
      sections_url: "/cart",
    });
    await expect.poll(() => heard(page)).toEqual(CART_EVENTS.map((name) => [name, 1]));
    await page.screenshot({ path: screenshotPath("theme-cart-2-code") });
    expect(errors).toEqual([]);
  });

  it("GIVEN a theme without cart sections nor Dawn's PubSub WHEN the shopper adds to cart from the chat THEN the theme still hears the cart events (its count follows them) and nothing breaks", async () => {
    const shop = await aShop("none");
    const { page, errors } = await shopperPage(false);
    await page.goto(`${shop.url}/products/linen-shirt`);
    await markPage(page);
    expect(await page.locator("#cart-icon-bubble").count()).toBe(0);

    await addFromChat(page);

    // THEN the events reached the theme, whose own cart:refresh listener updates its count
    await expect.poll(() => heard(page)).toEqual(CART_EVENTS.map((name) => [name, 1]));
    await expect.poll(() => page.locator("#cart-count").textContent()).toBe("1");
    expect(await stillSamePage(page)).toBe(true);
    // AND Shopify answered null for the sections this theme lacks: the chat went on (email step), no error
    expect(shop.cartRequests.find((request) => request.path === "/cart/add.js")!.body as object).toMatchObject({
      sections: "cart-icon-bubble",
    });
    await expect
      .poll(() => dialogOf(page).getByRole("textbox", { name: "Email address" }).isVisible(), { timeout: 5000 })
      .toBe(true);
    expect(errors).toEqual([]);
  });
});
