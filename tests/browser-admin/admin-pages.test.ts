/**
 * The admin pages in a real browser, outside Shopify admin: the built app behind the admin
 * harness (App Bridge replaced only there), every request authenticated by a session token.
 */
import { readFile } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { API_KEY } from "@shopify/shopify-api/test-helpers";
import prisma from "../../app/db.server";
import { seedDemoShop } from "../../sandbox/admin-harness/seed";
import { launchChromium, screenshotPath } from "../support/browser/chromium";
import { adminPage, startAdminHarness, type RunningHarness } from "../support/browser/admin-harness";

const STORE = "harbor-supply";
const SHOP = `${STORE}.myshopify.com`;

describe("admin pages in a browser", () => {
  let harness: RunningHarness;
  let browser: Browser;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    harness = await startAdminHarness(STORE);
    browser = await launchChromium();
    ({ page, errors } = await adminPage(browser, harness.origin));
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await harness?.stop();
  });

  it("walks the onboarding checklist until the first storefront event arrives", async () => {
    // GIVEN a freshly installed shop: the checklist asks for the app embed first
    await page.getByText("Set up ChatLift").waitFor();
    const embed = page.getByRole("link", { name: "Open the theme editor" });
    expect(await embed.getAttribute("href")).toBe(
      `https://${SHOP}/admin/themes/current/editor?context=apps&activateAppId=${API_KEY}/chatlift-embed`,
    );
    expect(await page.getByTestId("step-first_event").getAttribute("data-status")).toBe("todo");
    await page.screenshot({ path: screenshotPath("admin-onboarding-start"), fullPage: true });

    // WHEN the storefront sends its first event
    const at = new Date();
    await prisma.chatSession.create({
      data: {
        shopDomain: SHOP,
        id: "first-visit",
        visitorId: "v-first",
        arm: "treatment",
        startedAt: at,
        lastSeenAt: at,
      },
    });
    await prisma.chatEvent.create({
      data: {
        shopDomain: SHOP,
        id: "first-event",
        sessionId: "first-visit",
        type: "session_started",
        occurredAt: at,
        receivedAt: at,
      },
    });

    // THEN the page, polling, ticks the embed and first-event steps without a reload
    await page.locator('[data-testid="step-first_event"][data-status="done"]').waitFor({ timeout: 20_000 });
    expect(await page.getByTestId("step-embed").getAttribute("data-status")).toBe("done");
    await page.getByText("First event received: session started").waitFor();
    await page.screenshot({ path: screenshotPath("admin-onboarding-first-event"), fullPage: true });
  }, 60_000);

  it("shows the dashboard, switches the model and exports CSV", async () => {
    await seedDemoShop(prisma, SHOP, Date.now());
    await page.locator("ui-nav-menu").getByRole("link", { name: "Dashboard" }).click();
    await page.waitForURL(/\/app\/dashboard/);
    await page.getByRole("heading", { name: "Engaged sessions" }).waitFor();
    await page.getByText("Incremental lift vs holdout").waitFor();
    await page.getByText(/fit-help: \d+ started/).waitFor();
    await page.screenshot({ path: screenshotPath("admin-dashboard"), fullPage: true });

    await page.getByLabel("Model").selectOption("linear");
    await page.waitForURL(/model=linear/);
    await page.getByText("Linear, 7-day window").waitFor();

    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "Export CSV" }).click(),
    ]);
    const csv = await readFile((await download.path()) as string, "utf8");
    expect(csv.split("\r\n")[0]).toBe("day,sessions,engaged_sessions,micro_conversions,credited_revenue_usd_linear_7d");
    expect(errors).toEqual([]);
  }, 60_000);

  it("filters the order audit and opens an order's explanation", async () => {
    await page.locator("ui-nav-menu").getByRole("link", { name: "Order audit" }).click();
    await page.waitForURL(/\/app\/orders/);
    await page.getByRole("heading", { name: "Order audit" }).waitFor();
    await page.getByLabel("Model").selectOption("linear");
    await page.waitForURL(/model=linear/);
    await page.getByText("Linear, 7-day").first().waitFor();
    await page.screenshot({ path: screenshotPath("admin-order-audit"), fullPage: true });

    await page.getByTestId("order-link").first().click();
    await page.waitForURL(/\/app\/orders\/\d+/);
    await page
      .getByText(/^Credited \$[\d.]+ because the Harbor Tee line was added from chat session/)
      .first()
      .waitFor();
    expect(await page.getByRole("link", { name: "Open in Shopify admin" }).first().getAttribute("href")).toMatch(
      /^https:\/\/admin\.shopify\.com\/store\/harbor-supply\/orders\/\d+$/,
    );
    await page.screenshot({ path: screenshotPath("admin-order-explanation"), fullPage: true });
  }, 60_000);

  it("follows a credit to its conversation, then lists, filters and exports conversations", async () => {
    // GIVEN the order explanation of the previous step: its credit links to the chat session it came from
    await page.getByTestId("conversation-link").first().click();
    await page.waitForURL(/\/app\/conversations\/demo-/);
    const transcript = page.getByTestId("transcript");
    await transcript.getByText("Micro-conversion: added to cart").waitFor();
    await page.getByRole("heading", { name: "Credited orders" }).waitFor();
    await page.screenshot({ path: screenshotPath("admin-conversation"), fullPage: true });

    // WHEN the merchant opens Conversations and keeps only credited ones
    await page.locator("ui-nav-menu").getByRole("link", { name: "Conversations" }).click();
    await page.waitForURL(/\/app\/conversations$/);
    await page.getByTestId("conversation-link").first().waitFor();
    await page.getByLabel("Outcome").selectOption("credited");
    await page.waitForURL(/outcome=credited/);
    await page
      .getByText(/\$[\d.]+ \(1 order\)/)
      .first()
      .waitFor();
    await page.screenshot({ path: screenshotPath("admin-conversations"), fullPage: true });

    // THEN the export holds the same conversations, one row each
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "Export CSV" }).click(),
    ]);
    const lines = (await readFile((await download.path()) as string, "utf8")).trim().split("\r\n");
    expect(lines[0]).toMatch(/^session_id,started_at,/);
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.slice(1).every((line) => /,[1-9]\d*,[\d.]+$/.test(line))).toBe(true);
    expect(errors).toEqual([]);
  }, 60_000);

  it("refuses a bad holdout inline, then saves", async () => {
    await page.locator("ui-nav-menu").getByRole("link", { name: "Settings" }).click();
    await page.waitForURL(/\/app\/settings/);
    const holdout = page.getByLabel("Holdout");
    await holdout.fill("80");
    await page.getByRole("button", { name: "Save", exact: true }).click();
    await page.getByText("At most 50%: above that most visitors never see a prompt").waitFor();
    expect(await holdout.inputValue()).toBe("80");
    await page.screenshot({ path: screenshotPath("admin-settings-error"), fullPage: true });

    await holdout.fill("20");
    await page.getByRole("button", { name: "Save", exact: true }).click();
    await page.getByText("Settings saved").waitFor();
    expect((await prisma.shop.findUniqueOrThrow({ where: { domain: SHOP } })).holdoutPercent).toBe(20);
    await page.getByText(/Loader on every page/).waitFor();
    await page.screenshot({ path: screenshotPath("admin-settings"), fullPage: true });
  }, 60_000);

  it("answers an address no page has (a browser's /favicon.ico) with a plain 404, and logs nothing for it", async () => {
    const before = harness.output().length;

    const response = await fetch(`${harness.origin}/favicon.ico`);

    expect(response.status).toBe(404);
    expect(await response.text()).toContain("404 Not Found");
    // Anything the app logs arrives through the harness's pipes: give it a moment, then nothing may have come.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(harness.output().slice(before)).not.toMatch(/No route matches|ErrorResponse/);
  });
});
