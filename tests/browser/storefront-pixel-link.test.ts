/**
 * The storefront half of the pixel link, in the real widget (Debian's Chromium) on the storefront harness.
 * Shopify's own scripts cannot load offline, so the page gets what a theme has from them: `Shopify.analytics`
 * (its `publish` handing custom events to the ChatLift pixel's own code, extensions/chatlift-pixel/src/link.ts,
 * bundled as Shopify CLI would) and the harness's Customer Privacy answer. The token comes from the real
 * link-token route through the signed app proxy; the pixel's beacon goes over real HTTP to the real /pixel/link.
 * With consent: the token lands where the pixel reads it, chatlift:* events are published without PII, and the
 * checkout is linked to the chat session. Without consent: no token is asked for, nothing is stored or published.
 * Consent given in the shop's banner after the chat opened (the harness's Customer Privacy stand-in dispatches
 * `visitorConsentCollected` as Shopify's does) takes effect at once; withdrawn, publishing stops.
 */
import { mkdirSync } from "node:fs";
import { randomUUID } from "node:crypto";
import { build } from "esbuild";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Browser, Page } from "playwright-core";
import { API_SECRET_KEY } from "@shopify/shopify-api/test-helpers";
import prisma from "../../app/db.server";
import { sessionStorage as shopifySessions } from "../../app/shopify.server";
import { action as linkTokenAction } from "../../app/routes/apps.chatlift.link-token";
import { action as pixelLinkAction } from "../../app/routes/pixel.link";
import { resetPixelLinkLimits } from "../../app/analytics/export/pixel-link.server";
import { starterConfig } from "../../app/flows/starter-config";
import { NEVER_EXPORTED } from "../../contract/event-spec";
import { PIXEL_LINK_PATH, PIXEL_TOKEN_KEY } from "../../contract/pixel-link";
import { TOKEN_SESSION_KEY } from "../../widget/analytics/publish";
import { launchChromium } from "../../sandbox/browser/chromium";
import { appProxy } from "../../sandbox/storefront/app-proxy";
import { startStorefront, type ProxyHandler, type Storefront } from "../../sandbox/storefront/server";
import { DESKTOP_CHROME } from "../../scripts/demo/config";
import { ARTIFACTS, screenshotPath } from "../support/browser/chromium";
import { anOfflineSession } from "../support/builders/sessions";
import { projectRoot } from "../support/database";
import { serveRoutes, type RouteServer } from "../support/http/route-server";
import { routeArgs } from "../support/http/responses";

const SHOP = `pixel-browser-${randomUUID().slice(0, 8)}.myshopify.com`;
/** What a landing URL may carry by a shopper's or a campaign's mistake: it must never be published. */
const PII = { email: "ana@example.com", phone: "+1 555 010 2030" };

interface Published {
  name: string;
  data: Record<string, unknown>;
}

let browser: Browser;
let routes: RouteServer;
let pixelScript: string;
let tokenRequests = 0;
let linkToken: ProxyHandler;

beforeAll(async () => {
  vi.spyOn(console, "info").mockImplementation(() => undefined);
  mkdirSync(ARTIFACTS, { recursive: true });
  browser = await launchChromium([`--user-agent=${DESKTOP_CHROME}`]);
  routes = await serveRoutes({ [PIXEL_LINK_PATH]: pixelLinkAction });
  await prisma.shop.create({ data: { domain: SHOP } });
  await shopifySessions().storeSession(anOfflineSession(SHOP));
  resetPixelLinkLimits();
  const proxied = appProxy({
    shop: SHOP,
    secret: API_SECRET_KEY,
    app: (request) => linkTokenAction(routeArgs(request)),
  });
  linkToken = (request) => {
    tokenRequests += 1;
    return proxied(request);
  };
  // The pixel's own linker, bundled for the page (Shopify runs it in its sandbox; here it runs beside the theme).
  const bundled = await build({
    entryPoints: [`${projectRoot}/extensions/chatlift-pixel/src/link.ts`],
    bundle: true,
    write: false,
    format: "iife",
    globalName: "chatliftPixel",
    // Playwright runs an init script inside a function: the linker is made global by hand.
    footer: { js: "window.chatliftPixel = chatliftPixel;" },
    target: ["es2020"],
    logLevel: "warning",
  });
  pixelScript = bundled.outputFiles[0]!.text;
});
afterAll(async () => {
  await browser?.close();
  await routes?.close();
});

/**
 * What the page has from Shopify's scripts: `Shopify.analytics.publish` records the event and hands it to the
 * pixel, as Shopify's pixel manager does with `all_custom_events`; the pixel's browser API is the page's own
 * storage and a real sendBeacon to the app.
 */
function shopifyAnalytics({ linkUrl, shop }: { linkUrl: string; shop: string }) {
  type Linker = { customEvent(event: unknown): Promise<boolean>; checkoutCompleted(event: unknown): Promise<boolean> };
  const w = window as unknown as {
    Shopify: Record<string, unknown>;
    published: { name: string; data: unknown }[];
    linker: Linker;
    chatliftPixel: { createLinker(deps: unknown): Linker };
  };
  w.published = [];
  w.linker = w.chatliftPixel.createLinker({
    browser: {
      localStorage: { getItem: async (key: string) => localStorage.getItem(key) },
      cookie: { get: async () => "" },
      sendBeacon: async (url: string, body: string) => navigator.sendBeacon(url, body),
    },
    init: {
      customerPrivacy: { analyticsProcessingAllowed: true, marketingAllowed: false },
      data: { shop: { myshopifyDomain: shop } },
    },
    linkUrl,
  });
  let n = 0;
  w.Shopify = {
    analytics: {
      publish(name: string, data: unknown) {
        w.published.push({ name, data });
        void w.linker.customEvent({ id: `custom-${++n}`, name, type: "custom", timestamp: "", customData: data });
      },
    },
  };
}

async function visit(shop: Storefront) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, userAgent: DESKTOP_CHROME });
  const page = await context.newPage();
  const errors: string[] = [];
  const assets: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  page.on("request", (request) => assets.push(new URL(request.url()).pathname));
  await page.addInitScript({ content: pixelScript });
  await page.addInitScript(shopifyAnalytics, { linkUrl: `${routes.origin}${PIXEL_LINK_PATH}`, shop: SHOP });
  const landing = new URLSearchParams({ utm_source: PII.email, utm_campaign: PII.phone });
  await page.goto(`${shop.url}/products/linen-shirt?${landing.toString()}`);
  return { page, errors, assets, close: () => context.close() };
}

/** The fit-help flow to an email given with consent (tests/browser/storefront-widget.test.ts walks it in full). */
async function chatToEmail(page: Page) {
  const root = page.locator("#chatlift-root");
  await expect.poll(() => root.locator(".b").isVisible(), { timeout: 6000 }).toBe(true);
  await root.getByRole("button", { name: "Yes, please" }).click();
  const dialog = root.getByRole("dialog");
  await dialog.getByRole("button", { name: "Does it run small?" }).click();
  await expect.poll(() => dialog.locator(".card").count(), { timeout: 5000 }).toBe(3);
  await dialog.locator(".card").first().getByRole("button", { name: "Add to cart" }).click();
  const email = dialog.getByRole("textbox", { name: "Email address" });
  await expect.poll(() => email.isVisible(), { timeout: 5000 }).toBe(true);
  await email.fill(PII.email);
  await dialog.getByRole("checkbox").check();
  await dialog.getByRole("button", { name: "Send" }).click();
  await expect.poll(async () => (await dialog.locator(".m").textContent()) ?? "").toContain("Thank you!");
}

const published = (page: Page) => page.evaluate(() => (window as unknown as { published: Published[] }).published);
const stored = (page: Page) =>
  page.evaluate(
    ([key, sessionKey]) => ({
      token: localStorage.getItem(key!),
      tokenSession: sessionStorage.getItem(sessionKey!),
      chatSession: (JSON.parse(sessionStorage.getItem("chatlift_s") ?? "null") as { id: string } | null)?.id,
    }),
    [PIXEL_TOKEN_KEY, TOKEN_SESSION_KEY],
  );

describe("the widget's side of the pixel link", () => {
  it("GIVEN analytics consent WHEN the shopper chats THEN the token lands where the pixel reads it, chatlift:* events are published without PII, and the pixel links the checkout", async () => {
    const shop = await startStorefront({ config: starterConfig({ holdoutPercent: 0 }), consent: "granted", linkToken });
    try {
      const { page, errors, assets, close } = await visit(shop);
      await chatToEmail(page);

      // THEN the session's token is stored under the pixel's key, asked for once
      await expect.poll(async () => (await stored(page)).token, { timeout: 5000 }).toMatch(/^v1\./);
      const { token, tokenSession, chatSession } = await stored(page);
      expect(tokenSession).toBe(chatSession);
      expect(tokenRequests).toBe(1);
      expect(assets.filter((asset) => asset.endsWith("/chatlift-analytics.js"))).toHaveLength(1);

      // AND the chat's events are published under the event specification's names, the first being the session's start
      const events = await published(page);
      const names = events.map((event) => event.name);
      expect(names[0]).toBe("chatlift:chat_session_started");
      expect(names).toEqual(
        expect.arrayContaining([
          "chatlift:chat_prompt_shown",
          "chatlift:chat_opened",
          "chatlift:chat_flow_started",
          "chatlift:chat_add_to_cart",
          "chatlift:chat_lead",
        ]),
      );
      expect(events.find((event) => event.name === "chatlift:chat_lead")!.data.ga4_event).toBe("generate_lead");
      const add = events.find((event) => event.name === "chatlift:chat_add_to_cart")!.data;
      expect(add).toMatchObject({ ga4_event: "add_to_cart", items: [{ item_id: expect.any(String) }] });

      // AND none carries the email, the phone number or a never-exported property
      const wire = JSON.stringify(events);
      expect(wire).not.toContain(PII.email);
      // The phone as typed, URL-encoded or with its spaces dropped (event ids are random hex: "555" alone can occur).
      for (const phone of [PII.phone, encodeURIComponent(PII.phone), PII.phone.replace(/\D/g, ""), "555 010"])
        expect(wire).not.toContain(phone);
      expect(wire).not.toContain("@");
      for (const event of events)
        for (const key of Object.keys(event.data)) expect(NEVER_EXPORTED as readonly string[]).not.toContain(key);
      await page.screenshot({ path: screenshotPath("pixel-link-consent") });

      // WHEN Shopify's pixel manager hands the pixel the completed checkout
      const orderId = String(Date.now());
      const sent = await page.evaluate(
        (id) =>
          (
            window as unknown as { linker: { checkoutCompleted(event: unknown): Promise<boolean> } }
          ).linker.checkoutCompleted({
            id: `checkout-${id}`,
            name: "checkout_completed",
            type: "standard",
            timestamp: new Date().toISOString(),
            data: { checkout: { order: { id }, token: `ck_${id}` } },
          }),
        orderId,
      );
      expect(sent).toBe(true);

      // THEN the app links that order to this chat session (the token checked by its HMAC)
      const link = await vi.waitFor(
        async () => {
          const row = await prisma.pixelLink.findFirst({
            where: { shopDomain: SHOP, orderId: { endsWith: `/${orderId}` } },
          });
          if (!row) throw new Error("no pixel link yet");
          return row;
        },
        { timeout: 5000, interval: 100 },
      );
      expect(link.sessionId).toBe(chatSession);
      expect(token).toBeTruthy();
      expect(errors).toEqual([]);
      await close();
    } finally {
      await shop.close();
    }
  });

  it("GIVEN no analytics consent WHEN the shopper chats THEN no token is asked for, nothing is stored or published", async () => {
    const shop = await startStorefront({ config: starterConfig({ holdoutPercent: 0 }), consent: "denied", linkToken });
    const before = tokenRequests;
    try {
      const { page, errors, assets, close } = await visit(shop);
      const root = page.locator("#chatlift-root");
      await expect.poll(() => root.locator(".b").isVisible(), { timeout: 6000 }).toBe(true);
      await root.getByRole("button", { name: "Yes, please" }).click();
      await root.getByRole("dialog").getByRole("button", { name: "Does it run small?" }).click();
      await expect.poll(() => root.getByRole("dialog").locator(".card").count(), { timeout: 5000 }).toBe(3);

      // The bundle may load (it waits for consent the shopper may give later on the page), but asks for nothing.
      expect(assets.filter((asset) => asset.endsWith("/link-token"))).toEqual([]);
      expect(tokenRequests).toBe(before);
      expect((await stored(page)).token).toBeNull();
      expect(await published(page)).toEqual([]);
      expect(errors).toEqual([]);
      await close();
    } finally {
      await shop.close();
    }
  });

  it("GIVEN a visitor without consent who opened the chat WHEN consent is given in the shop's banner THEN the next chat event is published and the pixel links it with the token, without a reload; withdrawn, publishing stops", async () => {
    const shop = await startStorefront({ config: starterConfig({ holdoutPercent: 0 }), consent: "denied", linkToken });
    const before = tokenRequests;
    try {
      const { page, errors, close } = await visit(shop);
      const root = page.locator("#chatlift-root");
      await expect.poll(() => root.locator(".b").isVisible(), { timeout: 6000 }).toBe(true);
      await root.getByRole("button", { name: "Yes, please" }).click();
      const dialog = root.getByRole("dialog");
      await expect.poll(() => dialog.getByRole("button", { name: "Does it run small?" }).isVisible()).toBe(true);
      expect(await published(page)).toEqual([]);
      expect(tokenRequests).toBe(before);

      // WHEN the shopper accepts analytics in the banner (Shopify stores the choice, then tells the page)
      await page.evaluate(() =>
        (
          window as unknown as {
            Shopify: { customerPrivacy: { setTrackingConsent(consent: object, done: () => void): void } };
          }
        ).Shopify.customerPrivacy.setTrackingConsent({ analytics: true }, () => undefined),
      );
      // THEN the token is asked for at once and stored where the pixel reads it
      await expect.poll(async () => (await stored(page)).token, { timeout: 5000 }).toMatch(/^v1\./);
      expect(tokenRequests).toBe(before + 1);
      const { chatSession } = await stored(page);

      // AND the next chat event is published, and the pixel's consent link carries the token the app verifies
      await dialog.getByRole("button", { name: "Does it run small?" }).click();
      await expect.poll(() => dialog.locator(".card").count(), { timeout: 5000 }).toBe(3);
      await expect.poll(async () => (await published(page)).length, { timeout: 5000 }).toBeGreaterThan(0);
      const first = await published(page);
      expect(first.every((event) => event.name.startsWith("chatlift:"))).toBe(true);
      // Only what happened after consent: the session's start, the prompt and the open stay unpublished.
      expect(first.map((event) => event.name)).not.toContain("chatlift:chat_session_started");
      expect(first.map((event) => event.name)).not.toContain("chatlift:chat_opened");
      const consent = await vi.waitFor(
        async () => {
          const row = await prisma.analyticsConsent.findUnique({
            where: { shopDomain_sessionId: { shopDomain: SHOP, sessionId: chatSession! } },
          });
          if (!row) throw new Error("no consent link yet");
          return row;
        },
        { timeout: 5000, interval: 100 },
      );
      expect(consent.analytics).toBe(true);

      // WHEN the shopper withdraws it again on the same page
      await page.evaluate(() =>
        (
          window as unknown as {
            Shopify: { customerPrivacy: { setTrackingConsent(consent: object, done: () => void): void } };
          }
        ).Shopify.customerPrivacy.setTrackingConsent({ analytics: false }, () => undefined),
      );
      // THEN the token is gone and the next chat event is not published
      expect((await stored(page)).token).toBeNull();
      await dialog.locator(".card").first().getByRole("button", { name: "Add to cart" }).click();
      // The chat add is tracked as the cart answers; without consent the flow then leaves its email step out.
      await expect.poll(() => dialog.textContent(), { timeout: 5000 }).toContain("Added to your cart.");
      expect(await published(page)).toHaveLength(first.length);
      expect(errors).toEqual([]);
      await close();
    } finally {
      await shop.close();
    }
  });
});
