/**
 * The widget in a real browser (Debian's Chromium), on the storefront harness that renders the
 * real app embed Liquid and answers Shopify's AJAX endpoints. Screenshots go to artifacts/browser.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import type { ChatEvent } from "../../contract/events";
import { decodeCartAttribute } from "../../contract/order-link";
import { starterConfig } from "../../app/flows/starter-config";
import { startStorefront, type Storefront } from "../../sandbox/storefront/server";
import { launchChromium, screenshotPath } from "../support/browser/chromium";

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

const widget = (page: Page) => page.locator("#chatlift-root");
const events = (shop: Storefront): ChatEvent[] => shop.batches.flatMap((entry) => entry.batch.events);
const attributeUpdates = (shop: Storefront) =>
  shop.cartRequests.filter(
    (request) => request.path === "/cart/update.js" && (request.body as { attributes?: object }).attributes,
  );

/** Leaving the page fires pagehide: the widget hands what is left to sendBeacon. */
async function leave(page: Page, shop: Storefront, expectedEvents: number) {
  await page.goto("about:blank");
  await expect.poll(() => events(shop).length, { timeout: 5000 }).toBeGreaterThanOrEqual(expectedEvents);
}

describe("storefront widget, treatment visitor", () => {
  let shop: Storefront;
  beforeAll(async () => {
    shop = await startStorefront({ config: starterConfig({ holdoutPercent: 0 }) });
  });
  afterAll(() => shop?.close());

  it("runs fit help with recommendations, add to cart, email capture and a coupon, and reports every step", async () => {
    // GIVEN a new visitor on a product page
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));
    await page.goto(`${shop.url}/products/linen-shirt`);

    // WHEN the dwell trigger fires: the fit-help prompt appears, with no request made before it
    const prompt = widget(page).locator(".b");
    await expect.poll(() => prompt.isVisible(), { timeout: 6000 }).toBe(true);
    expect(await prompt.textContent()).toContain("Between two sizes?");
    expect(shop.cartRequests).toEqual([]);
    await page.screenshot({ path: screenshotPath("1-prompt") });

    // AND the visitor accepts and asks whether it runs small
    await widget(page).getByRole("button", { name: "Yes, please" }).click();
    const dialog = widget(page).getByRole("dialog");
    await expect.poll(() => dialog.isVisible()).toBe(true);
    await dialog.getByRole("button", { name: "Does it run small?" }).click();

    // THEN the widget acknowledges, checks, and shows recommendations
    const cards = dialog.locator(".card");
    await expect.poll(() => cards.count(), { timeout: 5000 }).toBe(3);
    expect(await dialog.locator(".m").textContent()).toContain("runs slightly small");
    // THEN each card asks the CDN for its image at the card's size, never the original
    const sources = await cards
      .locator("img")
      .evaluateAll((images) => images.map((image) => image.getAttribute("src")));
    expect(sources).toHaveLength(3);
    for (const src of sources) expect(new URL(src!).searchParams.get("width")).toBe("160");
    await page.screenshot({ path: screenshotPath("2-recommendations") });

    // WHEN the visitor adds the first recommendation
    await cards.first().getByRole("button", { name: "Add to cart" }).click();
    await expect
      .poll(() => dialog.getByRole("textbox", { name: "Email address" }).isVisible(), { timeout: 5000 })
      .toBe(true);

    // THEN the cart line carries the chat session in its private property
    const add = shop.cartRequests.find((request) => request.path === "/cart/add.js")!;
    const line = (add.body as { items: { id: number; properties: Record<string, string> }[] }).items[0]!;
    expect(line.id).toBe(44002002); // Oxford Shirt, M: its first available size
    const sessionId = line.properties._chatlift!;
    expect(sessionId).toMatch(/^[0-9a-f-]{36}$/);

    // WHEN the visitor gives an email: first without ticking consent, then with it
    await dialog.getByRole("textbox", { name: "Email address" }).fill("ana@example.com");
    await dialog.getByRole("button", { name: "Send" }).click();
    expect(await dialog.getByRole("alert").textContent()).toContain("tick the box");
    await dialog.getByRole("checkbox").check();
    await dialog.getByRole("button", { name: "Send" }).click();
    await expect.poll(async () => (await dialog.locator(".m").textContent()) ?? "").toContain("Thank you!");
    await page.screenshot({ path: screenshotPath("3-email") });
    await dialog.getByRole("button", { name: "Close chat" }).click();

    // AND goes to the cart: the cart-value trigger offers a coupon, which the visitor applies
    await page.goto(`${shop.url}/cart`);
    await expect.poll(() => prompt.isVisible(), { timeout: 6000 }).toBe(true);
    await widget(page).getByRole("button", { name: "Yes, please" }).click();
    await dialog.getByRole("button", { name: "Apply code CHAT10" }).click();
    await expect
      .poll(async () => (await dialog.locator(".m").textContent()) ?? "", { timeout: 5000 })
      .toContain("Code CHAT10 is applied");
    await page.screenshot({ path: screenshotPath("4-coupon") });
    await leave(page, shop, 17);
    await context.close();

    // THEN the cart carries the coupon and, set once, the private attribute with session and arm
    const cart = [...shop.carts.values()].find((candidate) => candidate.lines.length)!;
    expect(cart.codes).toEqual(["CHAT10"]);
    expect(decodeCartAttribute(cart.attributes.__chatlift)).toEqual({ sessionId, arm: "treatment" });
    expect(attributeUpdates(shop)).toHaveLength(1);

    // AND every event reached the endpoint once, valid, in order, in one session
    expect(shop.rejected).toEqual([]);
    const all = events(shop);
    expect(new Set(all.map((event) => event.id)).size).toBe(all.length);
    expect(new Set(all.map((event) => event.sessionId))).toEqual(new Set([sessionId]));
    expect(all.map((event) => event.occurredAt)).toEqual(
      [...all.map((event) => event.occurredAt)].sort((a, b) => a - b),
    );
    expect(shop.batches.every((entry) => entry.batch.arm === "treatment" && entry.batch.events.length <= 50)).toBe(
      true,
    );
    const described = all.map((event) =>
      event.type === "micro_conversion" ? `${event.type}:${event.kind}` : event.type,
    );
    expect(described).toEqual([
      "session_started",
      "prompt_shown",
      "chat_opened",
      "flow_started",
      "step_viewed",
      "step_answered",
      "micro_conversion:fit_help",
      "flow_completed",
      "step_viewed",
      "micro_conversion:add_to_cart",
      "step_viewed",
      "micro_conversion:email_capture",
      "prompt_shown",
      "chat_opened",
      "flow_started",
      "step_viewed",
      "micro_conversion:coupon_applied",
      "flow_completed",
    ]);
    const email = all.find((event) => event.type === "micro_conversion" && event.kind === "email_capture");
    expect(email).toMatchObject({
      email: "ana@example.com",
      consent: { granted: true, text: "Yes, email me fit tips and offers. I can unsubscribe at any time." },
      flowId: "fit-help",
      stepId: "email",
    });
    const coupon = all.find((event) => event.type === "micro_conversion" && event.kind === "coupon_applied");
    expect(coupon).toMatchObject({ code: "CHAT10", flowId: "cart-coupon", stepId: "code" });
    expect(coupon?.variantId).toMatch(/^ten-off/);
    expect(errors).toEqual([]);
  });
});

describe("storefront widget, holdout visitor", () => {
  let shop: Storefront;
  beforeAll(async () => {
    shop = await startStorefront({ config: starterConfig({ holdoutPercent: 100 }) });
  });
  afterAll(() => shop?.close());

  it("shows no prompt, still links the cart to the session, and is tracked", async () => {
    // GIVEN a holdout visitor on a product page, past the fit-help dwell time
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${shop.url}/products/linen-shirt`);
    await page.waitForTimeout(3000);

    // THEN no prompt shows, but the launcher is there (holdout visitors may open chat by hand)
    expect(await widget(page).locator(".b").count()).toBe(0);
    expect(await widget(page).getByRole("button", { name: "Open chat" }).isVisible()).toBe(true);
    await page.screenshot({ path: screenshotPath("5-holdout") });

    // WHEN the visitor adds to cart with the theme's own button
    await page.locator("#theme-add").click();

    // THEN the cart gets the private attribute, once, marked holdout
    await expect.poll(() => attributeUpdates(shop).length, { timeout: 5000 }).toBe(1);
    const cart = [...shop.carts.values()].find((candidate) => candidate.lines.length)!;
    const link = decodeCartAttribute(cart.attributes.__chatlift);
    expect(link?.arm).toBe("holdout");

    // AND the session is reported (by beacon on leaving) with the same session id
    await leave(page, shop, 1);
    await context.close();
    expect(events(shop).map((event) => event.type)).toEqual(["session_started"]);
    expect(events(shop)[0]!.sessionId).toBe(link?.sessionId);
    expect(shop.batches[0]!.batch.arm).toBe("holdout");
    expect(attributeUpdates(shop)).toHaveLength(1);
  });
});

describe("storefront widget without analytics consent", () => {
  let shop: Storefront;
  beforeAll(async () => {
    shop = await startStorefront({ config: starterConfig({ holdoutPercent: 0 }), consent: "denied" });
  });
  afterAll(() => shop?.close());

  it("sends no events and sets no cart attribute", async () => {
    // GIVEN a visitor who has not given analytics consent where it is required
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${shop.url}/products/linen-shirt`);

    // WHEN the prompt shows, the visitor adds to cart, and leaves
    await expect.poll(() => widget(page).locator(".b").isVisible(), { timeout: 6000 }).toBe(true);
    await page.locator("#theme-add").click();
    await expect.poll(() => shop.cartRequests.filter((request) => request.path === "/cart/add.js").length).toBe(1);
    await page.waitForTimeout(1500);
    await page.goto("about:blank");
    await page.waitForTimeout(500);
    await context.close();

    // THEN nothing was sent and the cart has no ChatLift attribute
    expect(shop.batches).toEqual([]);
    expect(attributeUpdates(shop)).toEqual([]);
  });
  it("leaves the email step out, its question too, when the visitor has not consented", async () => {
    // GIVEN a visitor without analytics consent in the fit-help flow
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${shop.url}/products/linen-shirt`);
    const prompt = widget(page).locator(".b");
    await expect.poll(() => prompt.isVisible(), { timeout: 6000 }).toBe(true);
    await widget(page).getByRole("button", { name: "Yes, please" }).click();
    const dialog = widget(page).getByRole("dialog");
    await dialog.getByRole("button", { name: "Does it run small?" }).click();
    const cards = dialog.locator(".card");
    await expect.poll(() => cards.count(), { timeout: 5000 }).toBe(3);

    // WHEN the visitor adds a recommendation (the email step comes next)
    const adds = () => shop.cartRequests.filter((request) => request.path === "/cart/add.js").length;
    const addsBefore = adds();
    await cards.first().getByRole("button", { name: "Add to cart" }).click();
    await expect.poll(adds).toBe(addsBefore + 1);

    // THEN the flow ends without asking for an email: no question, no field
    await expect
      .poll(async () => (await dialog.locator(".m").textContent()) ?? "", { timeout: 5000 })
      .toContain("Anything else");
    expect(await dialog.locator(".m").textContent()).not.toContain("Want fit tips and restock alerts?");
    expect(await dialog.getByRole("textbox", { name: "Email address" }).count()).toBe(0);
    await context.close();
  });
});
