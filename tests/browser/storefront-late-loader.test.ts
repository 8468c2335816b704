/**
 * The loader starts after the load event (so it stays out of Lighthouse's simulated LCP, issue 17),
 * and what the shopper did before it ran still counts: dwell time from navigation, a scroll to the
 * bottom and back, an exit through the top edge. Debian's Chromium with a desktop user agent on the
 * storefront harness; a held image holds the page's load event until the test lets it go.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import type { WidgetConfigInput } from "../../contract/widget-config";
import { starterConfig } from "../../app/flows/starter-config";
import { startStorefront, type Storefront } from "../../sandbox/storefront/server";
import { DESKTOP_CHROME } from "../../scripts/demo/config";
import { launchChromium } from "../../sandbox/browser/chromium";

const HELD_IMAGE = "/__held-image.svg";
const FIT_HELP = "Between two sizes? I can help you choose.";
const TEAM = "Buying for a team? Let's find the right plan.";

let browser: Browser;
const contexts: BrowserContext[] = [];
const shops: Storefront[] = [];
beforeAll(async () => {
  browser = await launchChromium([`--user-agent=${DESKTOP_CHROME}`]);
});
afterAll(async () => {
  await Promise.all(contexts.map((context) => context.close()));
  await Promise.all(shops.map((shop) => shop.close()));
  await browser?.close();
});

async function storefront(config: WidgetConfigInput): Promise<Storefront> {
  const shop = await startStorefront({ config });
  shops.push(shop);
  return shop;
}

/**
 * A new desktop visitor on `path`, whose page carries one more image that the test holds: the load
 * event waits for it. Returns once the DOM is ready (the embed's starter has run), load still pending.
 */
async function heldVisit(shop: Storefront, path: string) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, userAgent: DESKTOP_CHROME });
  contexts.push(context);
  const page = await context.newPage();
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(`${shop.url}${path}`, async (route) => {
    const response = await route.fetch();
    const html = (await response.text()).replace(
      "</body>",
      `<img src="${HELD_IMAGE}" alt="" width="1" height="1"></body>`,
    );
    await route.fulfill({ response, body: html });
  });
  await page.route(`**${HELD_IMAGE}`, async (route) => {
    await held;
    await route.fulfill({ contentType: "image/svg+xml", body: '<svg xmlns="http://www.w3.org/2000/svg"/>' });
  });
  const loaderRequests: string[] = [];
  page.on("request", (request) => {
    if (request.url().includes("/cdn/assets/chatlift.js")) loaderRequests.push(request.url());
  });
  await page.goto(`${shop.url}${path}`, { waitUntil: "domcontentloaded" });
  expect(await page.evaluate(() => document.readyState)).not.toBe("complete");
  return { page, release, loaderRequests };
}

/** When (ms since navigation) the prompt became visible; polls every 50 ms in the page. */
async function promptShownAt(page: Page): Promise<number> {
  const shown = await page.waitForFunction(
    () => {
      const prompt = document.getElementById("chatlift-root")?.shadowRoot?.querySelector<HTMLElement>(".b");
      return prompt && !prompt.hidden && prompt.getClientRects().length ? performance.now() : 0;
    },
    undefined,
    { polling: 50, timeout: 8000 },
  );
  return (await shown.jsonValue()) as number;
}

/** The load event's end and the loader's request start, both in ms since navigation. */
const timings = (page: Page) =>
  page.evaluate(() => ({
    loadEnd: (performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming).loadEventEnd,
    loaderStart: performance.getEntriesByType("resource").find((entry) => entry.name.includes("/chatlift.js"))
      ?.startTime,
  }));

const promptText = (page: Page) => page.locator("#chatlift-root").locator(".b").textContent({ timeout: 2000 });

describe("the loader starts after the load event and loses no early trigger", () => {
  it("GIVEN a 2 s dwell rule and a page whose load event takes 3 s WHEN the shopper stays THEN the loader is requested only after load and prompts without waiting the 2 s again (the dwell counts from navigation)", async () => {
    const shop = await storefront(starterConfig({ holdoutPercent: 0 }));
    const { page, release, loaderRequests } = await heldVisit(shop, "/products/linen-shirt");

    // WHEN the shopper has dwelt past the rule's 2 s before the page has loaded
    await page.waitForTimeout(3000);
    // THEN nothing of the loader was requested yet
    expect(loaderRequests).toEqual([]);
    release();

    // THEN the prompt shows, without a further 2 s wait from the loader's start (which comes a second after load)
    const shownAt = await promptShownAt(page);
    expect(await promptText(page)).toContain(FIT_HELP);
    const { loadEnd, loaderStart } = await timings(page);
    expect(loaderRequests).toHaveLength(1);
    expect(loaderStart).toBeGreaterThanOrEqual(loadEnd);
    expect(shownAt - loaderStart!).toBeLessThan(1500);
  });

  it("GIVEN a 50 % scroll rule WHEN the shopper scrolls to the bottom and back to the top before the load event THEN the prompt still shows once the loader runs", async () => {
    const shop = await storefront(starterConfig({ holdoutPercent: 0 }));
    const { page, release, loaderRequests } = await heldVisit(shop, "/pages/pricing");

    // WHEN the shopper scrolls down and back up while the page is still loading
    await page.evaluate(() => scrollTo(0, document.documentElement.scrollHeight));
    await page.waitForFunction(() => scrollY > 0);
    await page.evaluate(() => scrollTo(0, 0));
    await page.waitForFunction(() => scrollY === 0);
    await page.waitForTimeout(300);
    expect(loaderRequests).toEqual([]);
    release();

    // THEN the scroll rule fires once the loader has run, with the shopper back at the top
    await promptShownAt(page);
    expect(await promptText(page)).toContain(TEAM);
    expect(await page.evaluate(() => scrollY)).toBe(0);
    const { loadEnd, loaderStart } = await timings(page);
    expect(loaderStart).toBeGreaterThanOrEqual(loadEnd);
  });

  it("GIVEN an exit-intent rule WHEN the pointer leaves through the top edge before the load event THEN the prompt shows once the loader runs", async () => {
    const base = starterConfig({ holdoutPercent: 0 });
    const flows = base.flows.map((flow) =>
      flow.id === "fit-help"
        ? { ...flow, trigger: { kind: "exit_intent" as const, pageTypes: ["product" as const], pageHandles: [] } }
        : flow,
    );
    const shop = await storefront({ ...base, flows } as WidgetConfigInput);
    const { page, release, loaderRequests } = await heldVisit(shop, "/products/linen-shirt");

    // WHEN the pointer leaves the document through its top edge while the page is still loading
    await page.mouse.move(640, 300);
    await page.evaluate(() =>
      document.documentElement.dispatchEvent(new MouseEvent("mouseout", { clientX: 640, clientY: -1, bubbles: true })),
    );
    expect(loaderRequests).toEqual([]);
    release();

    // THEN the exit-intent prompt shows once the loader has run
    await promptShownAt(page);
    expect(await promptText(page)).toContain(FIT_HELP);
    const { loadEnd, loaderStart } = await timings(page);
    expect(loaderStart).toBeGreaterThanOrEqual(loadEnd);
  });
});
