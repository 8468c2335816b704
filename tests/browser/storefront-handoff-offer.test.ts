/**
 * A merchant's rule offers a person to a shopper who never types (#16), in the real widget (Debian's Chromium) on
 * the storefront harness, whose app proxy forwards /apps/chatlift/events and /apps/chatlift/handoff, signed as
 * Shopify signs them, to the app's real routes. The shopper opens the chat by hand, picks a flow and a reply: the
 * events' own answer carries the offer, which shows in the conversation whatever the action bar holds (here the
 * flow's next step, which has no "Talk to a person"); taking it opens the handoff, recorded as the rule's.
 */
import { mkdirSync } from "node:fs";
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Browser } from "playwright-core";
import { API_SECRET_KEY } from "@shopify/shopify-api/test-helpers";
import prisma from "../../app/db.server";
import { action as handoffAction } from "../../app/routes/apps.chatlift.handoff";
import { action as eventsAction } from "../../app/routes/apps.chatlift.events";
import { setOnline } from "../../app/conversations/availability.server";
import { saveOfferRules } from "../../app/conversations/handoff-offers.server";
import { starterConfig } from "../../app/flows/starter-config";
import { launchChromium } from "../../sandbox/browser/chromium";
import { appProxy } from "../../sandbox/storefront/app-proxy";
import { startStorefront, type Storefront } from "../../sandbox/storefront/server";
import { DESKTOP_CHROME } from "../../scripts/demo/config";
import { ARTIFACTS, screenshotPath } from "../support/browser/chromium";
import { storeOfflineSession } from "../support/builders/sessions";
import { routeArgs } from "../support/http/responses";

const STORE = `handoff-offer-browser-${randomUUID().slice(0, 8)}`;
const SHOP = `${STORE}.myshopify.com`;
const RULE = { id: "shirt-page", name: "On the linen shirt's page", enabled: true };

let browser: Browser;
let shop: Storefront;
beforeAll(async () => {
  vi.spyOn(console, "info").mockImplementation(() => undefined);
  mkdirSync(ARTIFACTS, { recursive: true });
  browser = await launchChromium([`--user-agent=${DESKTOP_CHROME}`]);
  const proxy = { shop: SHOP, secret: API_SECRET_KEY };
  shop = await startStorefront({
    // No proactive prompt gets in the way: every visitor is in the holdout, and opens the chat by hand.
    config: starterConfig({ holdoutPercent: 100 }),
    handoff: appProxy({ ...proxy, app: (request) => handoffAction(routeArgs(request)) }),
    events: appProxy({ ...proxy, app: (request) => eventsAction(routeArgs(request)) }),
  });
  await storeOfflineSession(prisma, STORE);
  await saveOfferRules(SHOP, [{ ...RULE, when: { fact: "page_visited", handles: ["linen-shirt"] } }]);
  await setOnline(SHOP, true, Date.now());
});
afterAll(async () => {
  await shop?.close();
  await browser?.close();
});

describe("a person offered by the merchant's rule", () => {
  it("GIVEN a rule for this page WHEN the shopper, never typing, runs a flow THEN the offer shows beside the flow's step, and taking it opens the rule's handoff", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, userAgent: DESKTOP_CHROME });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));
    let questions = 0;
    page.on("request", (request) => request.url().includes("/apps/chatlift/answers") && (questions += 1));
    await page.goto(`${shop.url}/products/linen-shirt`);
    const chat = page.locator("#chatlift-root").getByRole("dialog");
    const log = chat.getByRole("log");
    const actionBar = chat.locator(".ac");

    // WHEN the shopper opens the chat, picks a flow and one of its replies (no question typed)
    await page.locator("#chatlift-root").getByRole("button", { name: "Open chat" }).click();
    await actionBar.getByRole("button", { name: "Help with sizing" }).click();
    await actionBar.getByRole("button", { name: "Show me similar styles" }).click();

    // THEN the events' answer brings the offer into the conversation, while the bar holds the flow's next step
    const offer = log.getByRole("button", { name: "Talk to a person" });
    await expect.poll(() => offer.count(), { timeout: 10_000 }).toBe(1);
    await expect.poll(() => offer.isVisible()).toBe(true);
    expect(await actionBar.getByRole("button", { name: "Talk to a person" }).count()).toBe(0);
    await page.screenshot({ path: screenshotPath("handoff-offer-1-offered") });

    // WHEN the shopper takes it THEN the handoff opens, recorded as the merchant's rule's
    await offer.click();
    await expect
      .poll(async () => (await log.textContent()) ?? "", { timeout: 10_000 })
      .toContain("I'm asking someone from the team to join");
    const handoff = await prisma.handoff.findFirst({ where: { shopDomain: SHOP } });
    expect(handoff).toMatchObject({ reason: "rule", offerRuleId: RULE.id, status: "waiting" });
    // Once per page: the batches after the first offer add no second one.
    expect(await offer.count()).toBe(1);
    expect(questions).toBe(0);
    expect(errors).toEqual([]);
    await page.screenshot({ path: screenshotPath("handoff-offer-2-taken") });
    await context.close();
  });
});
