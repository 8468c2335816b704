/**
 * The launcher's look from the admin's Settings, end to end: the settings action (real session
 * token) republishes the widget config to the Admin API stand-in, the storefront harness renders
 * the real app embed Liquid from that metafield, and Debian's Chromium shows the launcher.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Locator, Page } from "playwright-core";
import prisma from "../../app/db.server";
import { action as settingsAction } from "../../app/routes/app.settings";
import { startStorefront, type Storefront } from "../../sandbox/storefront/server";
import { formPost } from "../support/http/signed-requests";
import { domainOf, storeOfflineSession } from "../support/builders/sessions";
import { routeArgs } from "../support/http/responses";
import { adminApiStandIn, publishedConfig } from "../support/builders/flows";
import { unwrap } from "../support/http/responses";
import { publishFirstFlow } from "../support/builders/published-flow";
import { launchChromium, screenshotPath } from "../support/browser/chromium";

const HARBOR = "harbor-supply";
const VIEWPORT = { width: 1280, height: 800 };

interface LauncherLook {
  background: string;
  left: number;
  right: number;
}

async function lookOf(element: Locator): Promise<LauncherLook> {
  const box = (await element.boundingBox())!;
  const background = await element.evaluate((node) => getComputedStyle(node).backgroundColor);
  return { background, left: Math.round(box.x), right: Math.round(VIEWPORT.width - box.x - box.width) };
}

describe("storefront launcher, with the appearance the merchant saved in Settings", () => {
  let browser: Browser;
  let api: Awaited<ReturnType<typeof adminApiStandIn>>;
  let shop: Storefront;
  beforeAll(async () => {
    browser = await launchChromium();
    api = await adminApiStandIn();
    await storeOfflineSession(prisma, HARBOR);
    await publishFirstFlow(HARBOR);
    // A German storefront that renders whatever the admin last wrote to the metafield.
    shop = await startStorefront({ locale: "de", configSource: () => publishedConfig(api.state, domainOf(HARBOR)) });
  });
  afterAll(async () => {
    await shop?.close();
    await api?.close();
    await browser?.close();
  });

  const launcherOn = async (page: Page) => {
    await page.goto(`${shop.url}/products/linen-shirt`);
    const launcher = page.locator("#chatlift-root").locator("button.l");
    await launcher.waitFor({ state: "visible" });
    return launcher;
  };

  it("moves, recolours and relabels the launcher, and opens the chat on its side", async () => {
    // Reduced motion: the panel is in place at once, so the screenshot shows it settled.
    const context = await browser.newContext({ viewport: VIEWPORT, reducedMotion: "reduce" });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));

    // GIVEN the first flow was published before any appearance was saved: the theme editor's defaults
    const before = await launcherOn(page);
    expect(await before.getAttribute("aria-label")).toBe("Chat öffnen");
    expect(await lookOf(before)).toMatchObject({ background: "rgb(26, 26, 26)", right: 20 });

    // WHEN the merchant saves a blue launcher, bottom left, worded in English and German
    const fields = {
      intent: "appearance",
      accentColor: "#0B5FFF",
      position: "left",
      label_en: "Ask us",
      label_de: "Frag uns",
      label_es: "",
      label_fr: "",
    };
    const saved = unwrap(await settingsAction(routeArgs(await formPost(HARBOR, "/app/settings", fields))));
    expect(saved.body).toMatchObject({ saved: true, storefront: { status: "updated" } });

    // THEN the next page view shows it: colour, corner and the German label
    const after = await launcherOn(page);
    expect(await lookOf(after)).toMatchObject({ background: "rgb(11, 95, 255)", left: 20 });
    expect(await page.locator("#chatlift-root").getByRole("button", { name: "Frag uns" }).isVisible()).toBe(true);
    await page.screenshot({ path: screenshotPath("appearance-launcher-left") });

    // AND the chat the launcher opens sits on the same side
    await after.click();
    const panel = page.locator("#chatlift-root").getByRole("dialog");
    await expect.poll(() => panel.isVisible(), { timeout: 5000 }).toBe(true);
    const panelBox = (await panel.boundingBox())!;
    expect(panelBox.x + panelBox.width).toBeLessThan(VIEWPORT.width / 2);
    await page.screenshot({ path: screenshotPath("appearance-chat-left") });
    expect(errors).toEqual([]);
    await context.close();
  });
});
