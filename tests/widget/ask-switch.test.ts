/**
 * The merchant's answers switch on the storefront (the built chatlift-ui.js in Debian's Chromium, on the
 * storefront harness): off, the open chat has no question box and no suggested questions, and the flows'
 * menu stays; on, or in a config published before the switch existed, both are there.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { starterConfig } from "../../app/flows/starter-config";
import type { WidgetConfigInput } from "../../contract/widget-config";
import { startStorefront, type Storefront } from "../../sandbox/storefront/server";
import { launchChromium, screenshotPath } from "../support/browser/chromium";

const CHIPS = ["Does it run small?", "What is it made of?", "How do returns work?"];

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

const chat = (page: Page) => page.locator("#chatlift-root").getByRole("dialog");

/** A holdout visitor (no prompt) opens the chat by hand on the linen shirt's page. */
async function openedChat(config: WidgetConfigInput, screenshot: string) {
  const asked: string[] = [];
  const shop: Storefront = await startStorefront({
    config,
    answers: async ({ body }) => (asked.push(body), { status: 500, body: "{}" }),
  });
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  await page.goto(`${shop.url}/products/linen-shirt`);
  await page.locator("#chatlift-root").getByRole("button", { name: "Open chat" }).click();
  // The flows' menu is there either way: the chat is open and rendered.
  await expect.poll(() => chat(page).getByRole("button", { name: "Help with sizing" }).isVisible()).toBe(true);
  await page.screenshot({ path: screenshotPath(screenshot) });
  const seen = {
    boxes: await chat(page).getByRole("textbox").count(),
    askButtons: await chat(page).getByRole("button", { name: "Ask", exact: true }).count(),
    chips: (await Promise.all(CHIPS.map((chip) => chat(page).getByRole("button", { name: chip }).count()))).reduce(
      (sum, count) => sum + count,
    ),
    forms: await chat(page).locator("form.ask").count(),
  };
  await context.close();
  await shop.close();
  return { seen, asked, errors };
}

describe("the answers switch in the open chat", () => {
  it("GIVEN answers switched off THEN there is no question box, no Ask button and no suggested question, and nothing is asked", async () => {
    const { seen, asked, errors } = await openedChat(
      starterConfig({ holdoutPercent: 100, answers: { enabled: false } }),
      "ask-switch-off",
    );

    expect(seen).toEqual({ boxes: 0, askButtons: 0, chips: 0, forms: 0 });
    expect(asked).toEqual([]);
    expect(errors).toEqual([]);
  });

  it.each([
    ["answers switched on", { answers: { enabled: true } }],
    ["a config published before the switch existed", {}],
  ])("GIVEN %s THEN the question box, its Ask button and the suggested questions are there", async (_, switched) => {
    const { seen, errors } = await openedChat(
      starterConfig({ holdoutPercent: 100, ...switched }),
      `ask-switch-on-${Object.keys(switched).length}`,
    );

    expect(seen).toEqual({ boxes: 1, askButtons: 1, chips: CHIPS.length, forms: 1 });
    expect(errors).toEqual([]);
  });
});
