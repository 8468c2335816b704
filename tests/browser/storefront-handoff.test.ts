/**
 * A shopper asks for a person in the real widget (Debian's Chromium) on the storefront harness, whose app
 * proxy forwards /apps/chatlift/handoff and /apps/chatlift/events, signed as Shopify signs them, to the app's
 * real routes. The staff answer through the Conversations page's own action with a real session token (an
 * in-process request, not a second browser: the admin harness is not started here). The shopper sees the
 * reply labelled as the team's, and the close; with nobody online, the shopper leaves an email and a question.
 */
import { mkdirSync } from "node:fs";
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Browser, Page } from "playwright-core";
import { API_SECRET_KEY } from "@shopify/shopify-api/test-helpers";
import prisma from "../../app/db.server";
import { action as handoffAction } from "../../app/routes/apps.chatlift.handoff";
import { action as eventsAction } from "../../app/routes/apps.chatlift.events";
import { action as conversationAction } from "../../app/routes/app.conversations.$sessionId";
import { setOnline } from "../../app/conversations/availability.server";
import { starterConfig } from "../../app/flows/starter-config";
import { launchChromium } from "../../sandbox/browser/chromium";
import { appProxy } from "../../sandbox/storefront/app-proxy";
import { startStorefront, type Storefront } from "../../sandbox/storefront/server";
import { DESKTOP_CHROME } from "../../scripts/demo/config";
import { ARTIFACTS, screenshotPath } from "../support/browser/chromium";
import { storeOfflineSession } from "../support/builders/sessions";
import { routeArgs } from "../support/http/responses";
import { formPost } from "../support/http/signed-requests";

const STORE = `handoff-browser-${randomUUID().slice(0, 8)}`;
const SHOP = `${STORE}.myshopify.com`;

let browser: Browser;
let shop: Storefront;
beforeAll(async () => {
  vi.spyOn(console, "info").mockImplementation(() => undefined);
  mkdirSync(ARTIFACTS, { recursive: true });
  browser = await launchChromium([`--user-agent=${DESKTOP_CHROME}`]);
  const proxy = { shop: SHOP, secret: API_SECRET_KEY };
  shop = await startStorefront({
    config: starterConfig({ holdoutPercent: 100 }),
    handoff: appProxy({ ...proxy, app: (request) => handoffAction(routeArgs(request)) }),
    events: appProxy({ ...proxy, app: (request) => eventsAction(routeArgs(request)) }),
  });
  await storeOfflineSession(prisma, STORE);
});
afterAll(async () => {
  await shop?.close();
  await browser?.close();
});

const chat = (page: Page) => page.locator("#chatlift-root").getByRole("dialog");
const logText = async (page: Page) => (await chat(page).getByRole("log").textContent()) ?? "";

async function staff(fields: Record<string, string>, sessionId: string) {
  const request = await formPost(STORE, `/app/conversations/${sessionId}`, fields);
  const response = await conversationAction({ ...routeArgs(request), params: { sessionId } });
  expect(response.status).toBe(200);
}

async function openedShopper() {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, userAgent: DESKTOP_CHROME });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  await page.goto(`${shop.url}/products/linen-shirt`);
  await page.locator("#chatlift-root").getByRole("button", { name: "Open chat" }).click();
  await chat(page).getByRole("button", { name: "Talk to a person" }).click();
  return { page, errors };
}

describe("a shopper talks to a person", () => {
  it("GIVEN the team online WHEN the shopper asks for a person and writes THEN the staff reply shows as the team's, then the close", async () => {
    await setOnline(SHOP, true, Date.now());
    const { page, errors } = await openedShopper();
    await expect.poll(() => logText(page), { timeout: 10_000 }).toContain("I'm asking someone from the team to join");
    const box = chat(page).getByRole("textbox", { name: "Message the team" });
    await box.fill("Does the linen shirt run small?");
    await box.press("Enter");

    const handoff = await vi.waitFor(
      async () => {
        const found = await prisma.handoff.findFirst({ where: { shopDomain: SHOP, messageCount: 1 } });
        expect(found).not.toBeNull();
        return found!;
      },
      { timeout: 10_000 },
    );
    await staff(
      { intent: "reply", handoffId: handoff.id, text: "It runs large: take a size down." },
      handoff.sessionId,
    );
    await expect.poll(() => logText(page), { timeout: 5_000 }).toContain("It runs large: take a size down.");
    expect(await chat(page).locator(".staff").count()).toBe(1);
    expect(await logText(page)).toContain("Team");
    await page.screenshot({ path: screenshotPath("handoff-1-staff-reply") });

    await staff({ intent: "close", handoffId: handoff.id }, handoff.sessionId);
    await expect.poll(() => logText(page), { timeout: 5_000 }).toContain("The team has ended this chat.");
    // Polling stopped with the close: no handoff request leaves the page any more.
    let later = 0;
    page.on("request", (request) => request.url().includes("/apps/chatlift/handoff") && (later += 1));
    await page.waitForTimeout(2_500);
    expect(later).toBe(0);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("GIVEN nobody online WHEN the shopper asks for a person THEN they leave an email and a question and are told when to expect the answer", async () => {
    await setOnline(SHOP, false, Date.now());
    const { page, errors } = await openedShopper();
    await expect.poll(() => logText(page), { timeout: 10_000 }).toContain("Nobody from the team can chat right now");
    await chat(page).getByRole("textbox", { name: "Email address" }).fill("ana@example.com");
    await chat(page).getByRole("textbox", { name: "Your question" }).fill("Can I swap the colour after ordering?");
    await chat(page).getByRole("checkbox").check();
    await chat(page).getByRole("button", { name: "Send" }).click();
    await expect.poll(() => logText(page), { timeout: 10_000 }).toContain("Thanks! We'll answer by email by");
    await page.screenshot({ path: screenshotPath("handoff-2-offline") });
    const lead = await prisma.lead.findUnique({
      where: { shopDomain_email: { shopDomain: SHOP, email: "ana@example.com" } },
    });
    expect(lead?.consentText).toBe("Email me the answer to my question.");
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
