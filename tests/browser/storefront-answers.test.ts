/**
 * A shopper asks in the real widget (Debian's Chromium, desktop user agent) on the storefront
 * harness, whose app proxy forwards /apps/chatlift/answers and /apps/chatlift/events, signed as
 * Shopify signs them, to the app's real routes. The shop's knowledge went through the sync's own
 * services (sources, FAQs, the index) and its order through the order store, as in
 * tests/integration/answers/answers-route.test.ts. Screenshots go to artifacts/browser.
 */
import { mkdirSync } from "node:fs";
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Browser, Page } from "playwright-core";
import { API_SECRET_KEY } from "@shopify/shopify-api/test-helpers";
import prisma from "../../app/db.server";
import { sessionStorage } from "../../app/shopify.server";
import { action as answersAction } from "../../app/routes/apps.chatlift.answers";
import { action as eventsAction } from "../../app/routes/apps.chatlift.events";
import { rebuildKnowledgeIndex } from "../../app/answers/sync/index-store.server";
import { writeSources } from "../../app/answers/sync/knowledge-store.server";
import { saveShopSettings } from "../../app/answers/sync/sync-state.server";
import type { SourceDocument } from "../../app/answers/sync/source-rows";
import { saveOrder } from "../../app/attribution/orders/orders.server";
import { orderFromPayload, orderPayloadSchema } from "../../app/attribution/orders/order-payload";
import { starterConfig } from "../../app/flows/starter-config";
import { launchChromium } from "../../sandbox/browser/chromium";
import { anOrderPayload } from "../../sandbox/shopify/order-payloads";
import { appProxy } from "../../sandbox/storefront/app-proxy";
import { startStorefront, type Storefront } from "../../sandbox/storefront/server";
import { DESKTOP_CHROME } from "../../scripts/demo/config";
import { ARTIFACTS, screenshotPath } from "../support/browser/chromium";
import { anOfflineSession } from "../support/builders/sessions";
import { routeArgs } from "../support/http/responses";

const SHOP = `answers-browser-${randomUUID().slice(0, 8)}.myshopify.com`;
const TRACKING_URL = "https://www.ups.com/track?tracknum=1Z999AA10123456784";

/** The harness's Linen Shirt (product 8011001) as the sync stores it, with the shop's policies. */
function knowledge(storefront: string): SourceDocument[] {
  return [
    {
      type: "product",
      id: "gid://shopify/Product/8011001",
      locale: "en",
      handle: "linen-shirt",
      title: "Linen Shirt",
      descriptionHtml: "<p>Washed European linen, relaxed fit. Machine wash cold and hang to dry.</p>",
      productType: "Shirts",
      vendor: "Harbor",
      tags: ["linen", "summer"],
      options: [{ name: "Size", values: ["S", "M", "L", "XL"] }],
      variants: ["S", "M", "L", "XL"].map((size, index) => ({
        id: `gid://shopify/ProductVariant/${44001001 + index}`,
        title: size,
        price: "59.00",
        compareAtPrice: null,
        availableForSale: true,
        selectedOptions: [{ name: "Size", value: size }],
      })),
      metafields: [],
      collections: [{ id: "gid://shopify/Collection/1", handle: "shirts", title: "Shirts" }],
      onlineStoreUrl: `${storefront}/products/linen-shirt`,
    },
    {
      type: "policy",
      id: "gid://shopify/ShopPolicy/42",
      locale: "en",
      policyType: "SHIPPING_POLICY",
      title: "Shipping policy",
      body: "<h2>Where we ship</h2><p>We ship to Canada, the United States and the whole European Union. Orders leave our warehouse within two business days.</p>",
      url: `${storefront}/policies/shipping-policy`,
    },
    {
      type: "policy",
      id: "gid://shopify/ShopPolicy/43",
      locale: "en",
      policyType: "REFUND_POLICY",
      title: "Refund policy",
      body: "<p>Returns are free within 30 days of delivery. Items must be unworn, with their tags.</p>",
      url: `${storefront}/policies/refund-policy`,
    },
  ];
}

async function installShopWithKnowledge(storefront: string) {
  await prisma.shop.create({ data: { domain: SHOP } });
  await sessionStorage().storeSession(anOfflineSession(SHOP));
  await saveShopSettings(SHOP, {
    name: "Harbor Supply",
    currencyCode: "EUR",
    primaryLocale: "en",
    locales: ["en"],
    roots: { en: "" },
  });
  const now = new Date();
  await writeSources(
    SHOP,
    knowledge(storefront).map((document) => ({ document, sourceUpdatedAt: now })),
    now,
  );
  // The merchant's FAQs (the admin's editor writes these rows): the abstention offers them.
  await prisma.knowledgeFaq.createMany({
    data: [
      {
        shopDomain: SHOP,
        locale: "en",
        position: 0,
        question: "How long does delivery take?",
        variants: JSON.stringify(["when will it arrive"]),
        answer: "Two to five business days in the EU.",
      },
      {
        shopDomain: SHOP,
        locale: "en",
        position: 1,
        question: "How do I wash linen?",
        variants: "[]",
        answer: "Machine wash cold, hang to dry.",
      },
    ],
  });
  expect((await rebuildKnowledgeIndex(SHOP, now)).mode).toBe("rebuilt");
  // Order #1001, shipped with UPS, stored as the order webhook job stores it.
  const payload = anOrderPayload(new Date(Date.now() - 3 * 86_400_000), {
    name: "#1001",
    email: "ana@example.com",
    fulfillment_status: "fulfilled",
    fulfillments: [
      {
        status: "success",
        shipment_status: "in_transit",
        tracking_company: "UPS",
        tracking_number: "1Z999AA10123456784",
        tracking_url: TRACKING_URL,
      },
    ],
  });
  await saveOrder(SHOP, orderFromPayload(orderPayloadSchema.parse(payload)), "webhook");
}

let browser: Browser;
let shop: Storefront;
beforeAll(async () => {
  vi.spyOn(console, "info").mockImplementation(() => undefined);
  mkdirSync(ARTIFACTS, { recursive: true });
  // The routes refuse "HeadlessChrome" as a bot, and sendBeacon ignores a context's user agent: the browser itself says desktop Chrome.
  browser = await launchChromium([`--user-agent=${DESKTOP_CHROME}`]);
  const proxy = { shop: SHOP, secret: API_SECRET_KEY };
  shop = await startStorefront({
    config: starterConfig({ holdoutPercent: 100 }),
    answers: appProxy({ ...proxy, app: (request) => answersAction(routeArgs(request)) }),
    events: appProxy({ ...proxy, app: (request) => eventsAction(routeArgs(request)) }),
  });
  await installShopWithKnowledge(shop.url);
});
afterAll(async () => {
  await shop?.close();
  await browser?.close();
  await prisma.$disconnect();
});

const chat = (page: Page) => page.locator("#chatlift-root").getByRole("dialog");
const logText = async (page: Page) => (await chat(page).getByRole("log").textContent()) ?? "";

async function ask(page: Page, question: string) {
  const box = chat(page).getByRole("textbox", { name: "Ask a question" });
  await box.fill(question);
  await box.press("Enter");
}

describe("a shopper asks the shop, through the real answers route", () => {
  it("GIVEN the product page THEN the shopper reads a quoted answer with its source, an honest abstention with suggestions, and their order's status after giving number and email", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, userAgent: DESKTOP_CHROME });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));
    await page.goto(`${shop.url}/products/linen-shirt`);
    await page.locator("#chatlift-root").getByRole("button", { name: "Open chat" }).click();

    // WHEN the shopper asks about shipping THEN the shipping policy's own sentence, linked to the policy
    await ask(page, "Do you ship to Canada?");
    await expect.poll(() => logText(page), { timeout: 10_000 }).toContain("We ship to Canada");
    const source = chat(page).getByRole("link", { name: "Shipping policy" });
    expect(await source.getAttribute("href")).toBe(`${shop.url}/policies/shipping-policy`);
    expect(await chat(page).locator(".src").last().textContent()).toBe("From: Shipping policy");
    await page.screenshot({ path: screenshotPath("answers-1-quoted") });
    await chat(page).getByRole("button", { name: "Helpful", exact: true }).click();

    // WHEN the shopper asks what the shop's content does not cover THEN it says so, offers questions it can answer, and links no source
    const before = await chat(page).locator(".src").count();
    await ask(page, "Can I pay with bitcoin?");
    await expect
      .poll(() => logText(page), { timeout: 10_000 })
      .toContain("Harbor Supply's information does not cover that.");
    await expect
      .poll(() => chat(page).getByRole("button", { name: "How long does delivery take?" }).isVisible(), {
        timeout: 10_000,
      })
      .toBe(true);
    expect(await chat(page).locator(".src").count()).toBe(before);
    expect(await chat(page).getByRole("button", { name: "Helpful", exact: true }).count()).toBe(0);
    await page.screenshot({ path: screenshotPath("answers-2-abstained") });

    // WHEN the shopper asks where their order is THEN a form asks for number and email, and the status comes with its tracking link
    await ask(page, "Where is my order?");
    const number = chat(page).getByRole("textbox", { name: "Order number" });
    await expect.poll(() => number.isVisible(), { timeout: 10_000 }).toBe(true);
    await number.fill("1001");
    await chat(page).getByRole("textbox", { name: "Email address" }).fill("ana@example.com");
    await chat(page).getByRole("button", { name: "Send" }).click();
    await expect.poll(() => logText(page), { timeout: 10_000 }).toContain("has shipped");
    expect(await logText(page)).toContain("UPS 1Z999AA10123456784");
    const tracking = chat(page).locator(".src a").last();
    expect(await tracking.getAttribute("href")).toBe(TRACKING_URL);
    expect(await tracking.getAttribute("target")).toBe("_blank");
    await page.screenshot({ path: screenshotPath("answers-3-order-status") });

    // AND the session holds what the route recorded and the widget's feedback, through the real events route
    await page.goto("about:blank");
    await context.close();
    const types = async () =>
      (await prisma.chatEvent.findMany({ where: { shopDomain: SHOP }, select: { type: true } })).map(
        (event) => event.type,
      );
    await expect.poll(async () => (await types()).includes("answer_feedback"), { timeout: 10_000 }).toBe(true);
    const recorded = await types();
    expect(recorded.filter((type) => type === "question_asked")).toHaveLength(4);
    expect(recorded).toContain("answer_abstained");
    expect(recorded.filter((type) => type === "answer_shown").length).toBeGreaterThanOrEqual(2);
    expect(errors).toEqual([]);
  });
});
