/**
 * The whole loop of `npm run demo`, in Debian's Chromium: the real widget on the storefront
 * harness → the app proxy (signed) → the real app (production build, scripts/start.mjs) → an
 * orders/create webhook (signed) → credit → the dashboard shows it → the HubSpot sandbox holds
 * the contact and the deal, associated. CHATLIFT_DEMO_NO_BUILD=1 serves the existing build.
 */
import { mkdirSync } from "node:fs";
import path from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SandboxSnapshot } from "../../sandbox/hubspot";
import { launchDemoChromium, runBrowserVisitor } from "../../scripts/demo/browser-visitor";
import { DESKTOP_CHROME, EPHEMERAL_PORTS } from "../../scripts/demo/config";
import { placeOrder, treatmentVisitorId } from "../../scripts/demo/simulate";
import { startDemoStack, type DemoStack } from "../../scripts/demo/stack";
import { projectRoot } from "../support/database";

const EMAIL = "ana@harbor-demo.example";
const SCREENSHOTS = path.join(projectRoot, "artifacts/browser-demo");
/** The demo shop keeps its books in euros (its storefront's currency), as the dashboard shows them. */
const euros = (minor: number) =>
  new Intl.NumberFormat("en-US", { style: "currency", currency: "EUR" }).format(minor / 100);

let stack: DemoStack;
let browser: Browser;
beforeAll(async () => {
  stack = await startDemoStack({
    ports: EPHEMERAL_PORTS,
    database: { url: process.env.DATABASE_URL as string },
    reuseBuild: process.env.CHATLIFT_DEMO_NO_BUILD === "1",
  });
  browser = await launchDemoChromium();
  mkdirSync(SCREENSHOTS, { recursive: true });
}, 300_000);
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

const sandboxState = async (): Promise<SandboxSnapshot> =>
  (await fetch(stack.urls.hubspotJson)).json() as Promise<SandboxSnapshot>;

describe("the demo loop", () => {
  it("credits the order the widget led to, shows it on the dashboard, and syncs the contact and the deal", async () => {
    const { default: prisma } = await import("../../app/db.server");

    // GIVEN a treatment visitor who uses fit help in the real widget: adds a pick to the cart
    // from chat and leaves an email with consent
    const visit = await runBrowserVisitor(
      stack,
      { visitorId: treatmentVisitorId(stack.widgetConfig(), 0), email: EMAIL },
      browser,
    );

    // THEN the app stored the chat session through the app proxy, with the consented email,
    // and the outbox sent the contact to HubSpot
    await expect
      .poll(
        async () =>
          (await prisma.chatSession.findFirst({ where: { shopDomain: stack.shop, id: visit.sessionId } }))?.email,
        { timeout: 15_000 },
      )
      .toBe(EMAIL);
    await expect
      .poll(async () => (await sandboxState()).contacts.map((contact) => contact.properties.email), { timeout: 30_000 })
      .toContain(EMAIL);

    // WHEN the shopper checks out: Shopify sends orders/create, signed, with the widget's links
    await placeOrder(stack, visit.order);
    const orderId = visit.order.admin_graphql_api_id;

    // THEN the order is credited to the session, its chat line directly, under the shop's model and window
    await expect
      .poll(() => prisma.credit.count({ where: { orderId, model: "last_touch", windowDays: 7 } }), { timeout: 30_000 })
      .toBeGreaterThan(0);
    const credits = await prisma.credit.findMany({ where: { orderId, model: "last_touch", windowDays: 7 } });
    expect(new Set(credits.map((credit) => credit.chatSessionId))).toEqual(new Set([visit.sessionId]));
    expect(credits.find((credit) => credit.role === "direct")?.rule).toBe("line_item");
    const credited = credits.reduce((sum, credit) => sum + Number(credit.amountMinor), 0);
    expect(credited).toBeGreaterThan(0);

    // AND the dashboard, opened in a plain browser through the demo's admin, shows that revenue
    const context = await browser.newContext({ viewport: { width: 1400, height: 1300 }, userAgent: DESKTOP_CHROME });
    const page = await context.newPage();
    await page.route(/^https?:\/\/(?!127\.0\.0\.1)/, (route) => route.abort());
    const dashboardText = async () => {
      await page.goto(await stack.admin.openUrl("/app/dashboard"), { waitUntil: "domcontentloaded" });
      return page.locator("body").innerText();
    };
    // Daily rollups refresh about half a minute after new credit.
    const escaped = euros(credited).replace(/[$.]/g, (char) => `\\${char}`);
    await expect
      .poll(dashboardText, { timeout: 90_000, interval: 3_000 })
      .toMatch(new RegExp(`Credited revenue\\s+${escaped}`));
    await page.screenshot({ path: path.join(SCREENSHOTS, "dashboard.png"), fullPage: true });
    await context.close();

    // AND the sandbox holds the deal for this order, associated with the shopper's contact
    await expect
      .poll(
        async () => (await sandboxState()).deals.filter((deal) => deal.properties.chatlift_order_id === orderId).length,
        { timeout: 30_000 },
      )
      .toBe(1);
    const state = await sandboxState();
    const deal = state.deals.find((candidate) => candidate.properties.chatlift_order_id === orderId)!;
    const contact = state.contacts.find((candidate) => candidate.properties.email === EMAIL)!;
    expect(Number(deal.properties.amount)).toBeCloseTo(credited / 100, 2);
    expect(deal.properties.chatlift_credit_rule).toBe("line_item");
    expect(state.associations).toContainEqual(
      expect.objectContaining({ fromType: "deals", fromId: deal.id, toType: "contacts", toId: contact.id }),
    );
  }, 240_000);
});
