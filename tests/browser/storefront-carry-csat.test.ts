/**
 * Why: two promises of issue #16 a shopper can see, in Debian's Chromium on the storefront harness: the chat
 * follows the shopper to the next page of the same visit (open, with what was said), and a conversation that
 * converted ends with one CSAT tap, on the merchant's scale, recorded once however the visit goes on.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import type { ChatEvent } from "../../contract/events";
import { starterConfig } from "../../app/flows/starter-config";
import { startStorefront, type Storefront } from "../../sandbox/storefront/server";
import { DESKTOP_CHROME } from "../../scripts/demo/config";
import { launchChromium } from "../../sandbox/browser/chromium";

let browser: Browser;
const shops: Storefront[] = [];
const contexts: BrowserContext[] = [];
beforeAll(async () => {
  browser = await launchChromium([`--user-agent=${DESKTOP_CHROME}`]);
});
afterAll(async () => {
  await Promise.all(contexts.map((context) => context.close()));
  await browser?.close();
  await Promise.all(shops.map((shop) => shop.close()));
});

const widget = (page: Page) => page.locator("#chatlift-root");
const dialogOf = (page: Page) => widget(page).getByRole("dialog");
const eventsOf = (shop: Storefront): ChatEvent[] => shop.batches.flatMap((entry) => entry.batch.events);
const lines = (page: Page) =>
  dialogOf(page)
    .locator(".m > p")
    .evaluateAll((all) => all.map((line) => `${line.className}: ${line.textContent}`));

async function shopWith(csat: "five" | "thumbs"): Promise<Storefront> {
  const appearance = { accent: "#1a1a1a", side: "right" as const, launcher: {}, csat };
  const shop = await startStorefront({ config: { ...starterConfig({ holdoutPercent: 0 }), appearance } });
  shops.push(shop);
  return shop;
}

/** A new visitor runs fit help to its end: a recommendation added (a conversion), the email step skipped. */
async function convertedConversation(shop: Storefront): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, userAgent: DESKTOP_CHROME });
  contexts.push(context);
  const page = await context.newPage();
  await page.goto(`${shop.url}/products/linen-shirt`);
  const prompt = widget(page).locator(".b");
  await expect.poll(() => prompt.isVisible(), { timeout: 6000 }).toBe(true);
  await widget(page).getByRole("button", { name: "Yes, please" }).click();
  const dialog = dialogOf(page);
  await dialog.getByRole("button", { name: "Does it run small?" }).click();
  const cards = dialog.locator(".card");
  await expect.poll(() => cards.count(), { timeout: 5000 }).toBe(3);
  await cards.first().getByRole("button", { name: "Add to cart" }).click();
  await dialog.getByRole("textbox", { name: "Email address" }).waitFor({ timeout: 5000 });
  await dialog.getByRole("button", { name: "Skip" }).click();
  return { context, page };
}

describe("the conversation across pages, and its CSAT tap", () => {
  it("GIVEN a converted conversation WHEN the shopper taps 👍 and goes to the cart page THEN the chat is open there with its lines, and one csat_given was recorded", async () => {
    // GIVEN the thumbs scale and fit help run to its end
    const shop = await shopWith("thumbs");
    const { context, page } = await convertedConversation(shop);
    const dialog = dialogOf(page);

    // THEN the end offers the one tap
    const rating = dialog.getByRole("button", { name: "👍" });
    await rating.waitFor({ timeout: 5000 });
    expect(await dialog.locator(".m").textContent()).toContain("How did we do?");

    // WHEN the shopper taps it
    await rating.click();
    expect(await dialog.locator(".m").textContent()).toContain("Thanks for telling us.");
    const before = await lines(page);
    const opensBefore = eventsOf(shop).filter((event) => event.type === "chat_opened").length;

    // AND goes on to the cart page in the same tab
    await page.goto(`${shop.url}/cart`);

    // THEN the chat is open again, with the same lines and no second open counted, and no second CSAT offered
    await expect.poll(() => dialogOf(page).isVisible(), { timeout: 6000 }).toBe(true);
    expect(await lines(page)).toEqual(before);
    expect(before.join("\n")).toContain("me: Does it run small?");
    expect(await dialogOf(page).locator(".m").textContent()).not.toContain("How did we do?");
    // The focus stays with the page: the chat reopened by itself, nobody clicked into it
    expect(await page.evaluate(() => document.activeElement === document.body)).toBe(true);

    // AND the rating reached the events endpoint exactly once, valid by the contract
    await expect
      .poll(() => eventsOf(shop).filter((event) => event.type === "csat_given").length, { timeout: 6000 })
      .toBe(1);
    const csat = eventsOf(shop).filter((event) => event.type === "csat_given");
    expect(csat.map(({ scale, score, thumbs }) => ({ scale, score, thumbs }))).toEqual([
      { scale: "thumbs", score: undefined, thumbs: 1 },
    ]);
    expect(eventsOf(shop).filter((event) => event.type === "chat_opened")).toHaveLength(opensBefore);
    expect(shop.rejected).toEqual([]);

    // AND another tab (another session) starts clean
    const other = await context.newPage();
    await other.goto(`${shop.url}/cart`);
    await widget(other).getByRole("button", { name: "Open chat" }).waitFor({ timeout: 6000 });
    expect(await dialogOf(other).isVisible()).toBe(false);
  });

  it("GIVEN the 1–5 scale WHEN the shopper taps 4 THEN csat_given carries score 4, and a closed chat stays closed on the next page", async () => {
    const shop = await shopWith("five");
    const { page } = await convertedConversation(shop);
    const dialog = dialogOf(page);
    await dialog.getByRole("button", { name: "4", exact: true }).click();
    await dialog.getByRole("button", { name: "Close chat" }).click();

    await page.goto(`${shop.url}/cart`);
    await widget(page).getByRole("button", { name: "Open chat" }).waitFor({ timeout: 6000 });
    expect(await dialogOf(page).isVisible()).toBe(false);
    // Opened by hand, it shows what was said before instead of a new greeting
    await widget(page).getByRole("button", { name: "Open chat" }).click();
    await expect.poll(async () => (await lines(page)).join("\n"), { timeout: 5000 }).toContain("Does it run small?");

    await expect
      .poll(() => eventsOf(shop).filter((event) => event.type === "csat_given").length, { timeout: 6000 })
      .toBe(1);
    const [csat] = eventsOf(shop).filter((event) => event.type === "csat_given");
    expect(csat).toMatchObject({ scale: "five", score: 4 });
  });
});
