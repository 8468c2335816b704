/**
 * How the chat behaves as a conversation, in Debian's Chromium (desktop user agent) on the storefront
 * harness: when it acknowledges, what Escape on a prompt does, whether three recommendation cards
 * and their actions fit a laptop screen, and what a finished flow leaves to click. Each of these was a
 * defect a shopper met (issue 17); screenshots go to artifacts/browser.
 */
import { mkdirSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, BrowserContext, Locator, Page } from "playwright-core";
import type { ChatEvent } from "../../contract/events";
import { starterConfig } from "../../app/flows/starter-config";
import { startStorefront, type Storefront } from "../../sandbox/storefront/server";
import { DESKTOP_CHROME } from "../../scripts/demo/config";
import { launchChromium } from "../../sandbox/browser/chromium";
import { ARTIFACTS, screenshotPath } from "../support/browser/chromium";

const LAPTOP = { width: 1440, height: 900 };
/** The English ack templates (extension locale "ack"): any of them counts as the acknowledgement. */
const ACKS = ["Good question.", "Got it.", "Sure thing."];

let browser: Browser;
let shop: Storefront;
const contexts: BrowserContext[] = [];
beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  browser = await launchChromium([`--user-agent=${DESKTOP_CHROME}`]);
  shop = await startStorefront({ config: starterConfig({ holdoutPercent: 0 }) });
});
afterAll(async () => {
  await Promise.all(contexts.map((context) => context.close()));
  await browser?.close();
  await shop?.close();
});

const widget = (page: Page) => page.locator("#chatlift-root");
const dialogOf = (page: Page) => widget(page).getByRole("dialog");
const events = (): ChatEvent[] => shop.batches.flatMap((entry) => entry.batch.events);

/** A new visitor (own storage) on the Linen Shirt page, at a laptop's viewport. */
async function visitor(): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: LAPTOP, userAgent: DESKTOP_CHROME });
  contexts.push(context);
  const page = await context.newPage();
  await page.goto(`${shop.url}/products/linen-shirt`);
  return { context, page };
}

async function promptOn(page: Page): Promise<Locator> {
  const prompt = widget(page).locator(".b");
  await expect.poll(() => prompt.isVisible(), { timeout: 6000 }).toBe(true);
  return prompt;
}

/** From the fit-help prompt to its three recommendation cards, by "Does it run small?". */
async function toRecommendations(page: Page): Promise<Locator> {
  await promptOn(page);
  await widget(page).getByRole("button", { name: "Yes, please" }).click();
  const dialog = dialogOf(page);
  await dialog.getByRole("button", { name: "Does it run small?" }).click();
  const cards = dialog.locator(".card");
  await expect.poll(() => cards.count(), { timeout: 5000 }).toBe(3);
  return cards;
}

/** The conversation log as the shopper reads it: who said what, in order. */
const transcript = (page: Page) =>
  dialogOf(page)
    .locator(".m > p")
    .evaluateAll((lines) => lines.map((line) => ({ me: line.classList.contains("me"), text: line.textContent ?? "" })));

describe("storefront chat as a conversation", () => {
  it("GIVEN a shopper's reply that leads to a hard answer THEN the acknowledgement follows the shopper's turn, never the bot's own message", async () => {
    // GIVEN the fit-help flow, WHEN the shopper asks "Does it run small?" (the bot answers it, then recommends)
    const { page } = await visitor();
    await toRecommendations(page);

    // THEN the acknowledgement comes right after the shopper's question, before the bot's answer and the picks
    const lines = await transcript(page);
    const acks = lines.flatMap((line, index) => (ACKS.includes(line.text) ? [index] : []));
    expect(acks, JSON.stringify(lines)).toHaveLength(1);
    const at = acks[0]!;
    expect(lines[at - 1]).toEqual({ me: true, text: "Does it run small?" });
    expect(lines.slice(at + 1).map((line) => line.text)).toEqual([
      "This cut runs slightly small: most people take one size up.",
      "These fit true to size:",
    ]);
  });

  it("GIVEN a prompt WHEN the shopper presses Escape THEN it is dismissed for this session only and focus returns to the launcher", async () => {
    // GIVEN the fit-help prompt, with focus on its button
    const { context, page } = await visitor();
    const prompt = await promptOn(page);
    await widget(page).getByRole("button", { name: "Yes, please" }).focus();

    // WHEN the shopper presses Escape
    await page.keyboard.press("Escape");

    // THEN the prompt is gone and the launcher has the focus
    await expect.poll(() => prompt.isVisible()).toBe(false);
    const focused = await page.evaluate(() => {
      const host = document.getElementById("chatlift-root")!;
      return {
        host: document.activeElement === host,
        launcher: host.shadowRoot!.activeElement === host.shadowRoot!.querySelector("button.l"),
      };
    });
    expect(focused).toEqual({ host: true, launcher: true });
    await expect.poll(() => events().some((event) => event.type === "prompt_dismissed"), { timeout: 5000 }).toBe(true);

    // AND nothing keeps it away beyond the session: a new tab (a new session) prompts again
    const visitorRecord = await page.evaluate(() => JSON.parse(localStorage.getItem("chatlift")!));
    expect(visitorRecord.x).toEqual({});
    const next = await context.newPage();
    await next.goto(`${shop.url}/products/linen-shirt`);
    expect(await (await promptOn(next)).textContent()).toContain("Between two sizes?");
  });

  it("GIVEN three recommendation cards at 1440×900 THEN every card's button and the action row below them are fully visible", async () => {
    // GIVEN a laptop-sized window and the fit-help recommendations
    const { page } = await visitor();
    const cards = await toRecommendations(page);
    await page.screenshot({ path: screenshotPath("conversation-3-cards-1440x900") });

    // THEN each action button lies wholly inside the action area and the window, with nothing to scroll
    const actions = dialogOf(page).locator(".ac");
    const area = (await actions.boundingBox())!;
    const buttons = [
      ...(await cards.getByRole("button", { name: "Add to cart" }).all()),
      dialogOf(page).getByRole("button", { name: "Not what I meant" }),
      dialogOf(page).getByRole("button", { name: "Skip" }),
    ];
    expect(buttons).toHaveLength(5);
    for (const button of buttons) {
      const box = (await button.boundingBox())!;
      const label = await button.textContent();
      expect(box.y, `${label} top`).toBeGreaterThanOrEqual(area.y);
      expect(box.y + box.height, `${label} bottom`).toBeLessThanOrEqual(area.y + area.height);
      expect(box.x, `${label} left`).toBeGreaterThanOrEqual(area.x);
      expect(box.x + box.width, `${label} right`).toBeLessThanOrEqual(area.x + area.width);
      expect(box.y + box.height, `${label} in the window`).toBeLessThanOrEqual(LAPTOP.height);
    }
    expect(await actions.evaluate((node) => node.scrollHeight - node.clientHeight)).toBeLessThanOrEqual(0);
  });

  it("GIVEN a finished flow on a product page THEN it ends with options for this product and the text box, and they work", async () => {
    // GIVEN the fit-help flow run to its end: a recommendation added, the email step skipped
    const { page } = await visitor();
    const cards = await toRecommendations(page);
    const dialog = dialogOf(page);
    await cards.first().getByRole("button", { name: "Add to cart" }).click();
    await dialog.getByRole("textbox", { name: "Email address" }).waitFor({ timeout: 5000 });
    await dialog.getByRole("button", { name: "Skip" }).click();
    await expect
      .poll(async () => (await dialog.locator(".m").textContent()) ?? "")
      .toContain("Anything else I can help with?");

    // THEN there is something to click: recommendations for this product and questions about it, and the text box
    const offered = await dialog.locator(".ac button").allTextContents();
    expect(offered).toEqual([
      "See recommendations",
      "Does it run small?",
      "What is it made of?",
      "How do returns work?",
      "Talk to a person",
    ]);
    expect(await dialog.getByRole("textbox", { name: "Ask a question" }).isVisible()).toBe(true);
    await page.screenshot({ path: screenshotPath("conversation-finished-flow") });

    // WHEN the shopper picks "See recommendations" and adds one
    const adds = () => shop.cartRequests.filter((request) => request.path === "/cart/add.js").length;
    const addsBefore = adds();
    await dialog.getByRole("button", { name: "See recommendations" }).click();
    await expect.poll(() => cards.count(), { timeout: 5000 }).toBe(3);
    await cards.nth(1).getByRole("button", { name: "Add to cart" }).click();
    await expect.poll(adds, { timeout: 5000 }).toBe(addsBefore + 1);

    // THEN the add counts as a chat add to cart outside the finished flow, and the options come back
    await expect.poll(() => dialog.locator(".ac button").first().textContent()).toBe("See recommendations");
    await page.goto("about:blank");
    await expect
      .poll(
        () => events().filter((event) => event.type === "micro_conversion" && event.kind === "add_to_cart").length,
        {
          timeout: 5000,
        },
      )
      .toBe(2);
    const [inFlow, afterFlow] = events().filter(
      (event) => event.type === "micro_conversion" && event.kind === "add_to_cart",
    );
    expect(inFlow).toMatchObject({ flowId: "fit-help", stepId: "picks" });
    expect(afterFlow!.flowId).toBeUndefined();
    expect(afterFlow!.stepId).toBeUndefined();
    expect(shop.rejected).toEqual([]);
  });

  it("GIVEN the coupon flow for carts of 50 or more WHEN the chat is opened from the launcher THEN it is offered only to such a cart", async () => {
    // GIVEN an empty cart on the cart page
    const { page } = await visitor();
    await page.goto(`${shop.url}/cart`);
    const launcher = widget(page).locator("button.l");
    await launcher.waitFor({ state: "visible" });

    // WHEN the shopper opens the chat by hand THEN the coupon is not among its options
    await launcher.click();
    const dialog = dialogOf(page);
    await dialog.waitFor();
    await dialog.locator(".m > p").first().waitFor();
    expect(await dialog.getByRole("button", { name: "A discount for my order" }).count()).toBe(0);

    // WHEN the cart reaches 59.00 THEN the coupon is offered
    const added = await page.evaluate(async () => {
      const response = await fetch("/cart/add.js", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ items: [{ id: 44001001, quantity: 1 }] }),
      });
      return response.status;
    });
    expect(added).toBe(200);
    await page.goto(`${shop.url}/cart`);
    // The chat was open: it follows the shopper to the reloaded page, its options worked out for the cart now
    await dialog.getByRole("button", { name: "A discount for my order" }).waitFor();
  });

  it("GIVEN a German storefront THEN the starter flow speaks German from the prompt to its answer, as the widget's own texts do", async () => {
    const german = await startStorefront({ locale: "de", config: starterConfig({ holdoutPercent: 0 }) });
    try {
      const context = await browser.newContext({ viewport: LAPTOP, userAgent: DESKTOP_CHROME });
      contexts.push(context);
      const page = await context.newPage();
      await page.goto(`${german.url}/products/linen-shirt`);

      const prompt = await promptOn(page);
      expect(await prompt.textContent()).toContain("Zwischen zwei Größen? Ich helfe bei der Wahl.");
      await widget(page).getByRole("button", { name: "Ja, gern" }).click();
      const dialog = dialogOf(page);
      await dialog.getByRole("button", { name: "Fällt es klein aus?" }).click();
      await expect
        .poll(() => dialog.locator(".m").textContent())
        .toContain("Dieser Schnitt fällt etwas klein aus: die meisten nehmen eine Größe größer.");
      expect(await dialog.locator(".m").textContent()).not.toMatch(/runs slightly small|What would help most/);
    } finally {
      await german.close();
    }
  });
});
