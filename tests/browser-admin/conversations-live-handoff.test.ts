/**
 * A live handoff end to end, in two browser contexts of Debian's Chromium on one database: a staff member in the
 * embedded admin (the admin harness: the built app, real session tokens) and a shopper on the storefront harness,
 * whose app proxy forwards /apps/chatlift/handoff and /events, signed as Shopify signs them, over HTTP to the same
 * app. Staff go online on the Conversations page, the shopper asks for a person and writes, the waiting
 * conversation shows up in the admin, the reply typed there reaches the shopper's open chat marked as the team's,
 * the shopper's next message reaches the admin; the close ends the chat with its one CSAT tap, stored once.
 * Both sides run on the real clock (the harness is another process).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { API_SECRET_KEY } from "@shopify/shopify-api/test-helpers";
import prisma from "../../app/db.server";
import { starterConfig } from "../../app/flows/starter-config";
import { appProxy } from "../../sandbox/storefront/app-proxy";
import { startStorefront, type Storefront } from "../../sandbox/storefront/server";
import { launchChromium, screenshotPath } from "../support/browser/chromium";
import { adminPage, DESKTOP_CHROME, startAdminHarness, type RunningHarness } from "../support/browser/admin-harness";

const STORE = "live-handoff";
const SHOP = `${STORE}.myshopify.com`;
/** The admin refreshes every 3 s and the widget polls every second: a few rounds of each. */
const SEEN = { timeout: 15_000 };

let harness: RunningHarness;
let storefront: Storefront;
let browser: Browser;
let admin: Page;
let adminErrors: string[];
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  // The harness's app (a child process) gets this test file's DATABASE_URL; the proxy reaches it over HTTP.
  harness = await startAdminHarness(STORE);
  const proxy = { shop: SHOP, secret: API_SECRET_KEY, app: harness.origin };
  storefront = await startStorefront({
    config: starterConfig({ holdoutPercent: 100 }),
    handoff: appProxy(proxy),
    events: appProxy(proxy),
  });
  browser = await launchChromium();
  ({ page: admin, errors: adminErrors } = await adminPage(browser, harness.origin));
}, 180_000);

afterAll(async () => {
  await Promise.all(contexts.map((context) => context.close()));
  await browser?.close();
  await storefront?.close();
  await harness?.stop();
});

async function aShopper(): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, userAgent: DESKTOP_CHROME });
  contexts.push(context);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  await page.goto(`${storefront.url}/products/linen-shirt`);
  return { page, errors };
}

describe("a staff member takes over a shopper's chat from the admin", () => {
  it("GIVEN staff online on the Conversations page WHEN a shopper asks for a person and writes THEN the admin shows the conversation, the staff reply reaches the shopper as the team's, and the shopper's next message reaches the admin", async () => {
    // GIVEN the staff member switches "I'm online" on
    await admin.goto(`${harness.origin}/__harness/open?path=/app/conversations`);
    await admin.getByRole("heading", { name: "Talk to a person" }).waitFor();
    await admin.getByText("Nobody is online: shoppers leave an email and a question").waitFor();
    await admin.getByRole("button", { name: "I'm online" }).click();
    await admin.getByText("You are online: shoppers can talk to a person", { exact: false }).waitFor();
    await admin.getByText("Nobody is waiting for a person.").waitFor();

    // WHEN a shopper asks for a person and writes
    const { page: shopper, errors: shopperErrors } = await aShopper();
    const chat = shopper.locator("#chatlift-root").getByRole("dialog");
    await shopper.locator("#chatlift-root").getByRole("button", { name: "Open chat" }).click();
    await chat.getByRole("button", { name: "Talk to a person" }).click();
    await chat.getByText("I'm asking someone from the team to join.", { exact: false }).waitFor(SEEN);
    const box = chat.getByRole("textbox", { name: "Message the team" });
    await box.fill("Does the linen shirt run small?");
    await box.press("Enter");

    // THEN the waiting conversation shows up in the admin without a reload, and opens on the shopper's words
    const waiting = admin.getByRole("link", { name: /^Since / });
    await waiting.waitFor(SEEN);
    await waiting.click();
    await admin.getByRole("heading", { name: "Talk to a person" }).waitFor();
    await admin.getByText("Does the linen shirt run small?").first().waitFor(SEEN);

    // WHEN the staff member replies from the admin's reply box
    const reply = admin.getByLabel("Reply to the shopper");
    await reply.fill("It runs large: take a size down.");
    await admin.getByRole("button", { name: "Send reply" }).click();
    await expect.poll(() => reply.inputValue(), SEEN).toBe("");

    // THEN the shopper's open chat shows it, labelled as the team's, not the bot's
    await chat.getByText("It runs large: take a size down.").waitFor(SEEN);
    const staffLines = chat.locator(".staff");
    expect(await staffLines.allTextContents()).toEqual(["It runs large: take a size down."]);
    expect(await chat.locator("small.src").allTextContents()).toContain("Team");
    await shopper.screenshot({ path: screenshotPath("live-handoff-1-shopper") });

    // WHEN the shopper writes again THEN the admin's open conversation shows it without a reload
    await box.fill("Thanks! Is the sand colour true to the photos?");
    await box.press("Enter");
    await admin.getByText("Thanks! Is the sand colour true to the photos?").first().waitFor(SEEN);
    // The admin's thread names who said what: the reply is the team's
    expect(
      await admin
        .getByTestId("handoff-thread")
        .getByText(/^(Shopper|Team) · \d\d:\d\d:\d\d$/)
        .allTextContents(),
    ).toEqual([
      expect.stringMatching(/^Shopper · /),
      expect.stringMatching(/^Team · /),
      expect.stringMatching(/^Shopper · /),
    ]);
    await admin.screenshot({ path: screenshotPath("live-handoff-2-admin"), fullPage: true });

    // WHEN the staff member ends the conversation THEN the shopper sees the close and is offered one CSAT tap
    await admin.getByRole("button", { name: "End the conversation" }).click();
    await chat.getByText("The team has ended this chat.", { exact: false }).waitFor(SEEN);
    await chat.getByRole("button", { name: "👍" }).click();
    await chat.getByText("Thanks for telling us.").waitFor(SEEN);
    expect(await chat.getByRole("button", { name: "👍" }).count()).toBe(0);

    // AND the rating is stored once for the conversation, with the handoff's own messages in order
    const handoff = await prisma.handoff.findFirstOrThrow({ where: { shopDomain: SHOP } });
    await expect
      .poll(
        () => prisma.chatEvent.count({ where: { shopDomain: SHOP, sessionId: handoff.sessionId, type: "csat_given" } }),
        SEEN,
      )
      .toBe(1);
    const messages = await prisma.handoffMessage.findMany({
      where: { handoffId: handoff.id },
      orderBy: { seq: "asc" },
    });
    expect(messages.map((message) => [message.speaker, message.text])).toEqual([
      ["shopper", "Does the linen shirt run small?"],
      ["staff", "It runs large: take a size down."],
      ["shopper", "Thanks! Is the sand colour true to the photos?"],
    ]);
    expect(handoff.status).toBe("closed");
    expect(shopperErrors).toEqual([]);
    expect(adminErrors).toEqual([]);
  }, 120_000);
});
