/**
 * After hours, a shopper who asks for a person leaves an email (with consent) and a question in the real widget
 * (Debian's Chromium), and the merchant's rule turns it into a HubSpot ticket: the storefront harness's app proxy
 * forwards /apps/chatlift/handoff and /events, signed as Shopify signs them, to the app's real routes; the outbox
 * jobs run; the HubSpot sandbox holds the ticket, its contact association and the transcript note, exactly.
 * The clock is frozen on both sides (Node and the page) at NOW: Friday 07:00 in New York, before the shop opens.
 */
import { mkdirSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { API_SECRET_KEY } from "@shopify/shopify-api/test-helpers";
import prisma from "../../app/db.server";
import { action as handoffAction } from "../../app/routes/apps.chatlift.handoff";
import { action as eventsAction } from "../../app/routes/apps.chatlift.events";
import { saveAvailability } from "../../app/conversations/availability.server";
import { resetHandoffLimits } from "../../app/conversations/handoff.server";
import { starterConfig } from "../../app/flows/starter-config";
import { drainJobs } from "../../app/platform/jobs/runner.server";
import { launchChromium } from "../../sandbox/browser/chromium";
import { startHubSpotSandbox, type HubSpotSandbox } from "../../sandbox/hubspot";
import { ticketsAndNotesOf } from "../../sandbox/hubspot/ticket-note-store";
import { appProxy } from "../../sandbox/storefront/app-proxy";
import { startStorefront, type Storefront } from "../../sandbox/storefront/server";
import { DESKTOP_CHROME } from "../../scripts/demo/config";
import { ARTIFACTS, screenshotPath } from "../support/browser/chromium";
import {
  GRACE,
  aHandoffRuleSet,
  aRoutedShop,
  thawTheScene,
  useFrozenRoutingScene,
} from "../support/builders/routing-scene";
import { NOW } from "../support/clock";
import { routeArgs } from "../support/http/responses";

const TICKETS = "/crm/objects/2026-03/tickets";
const NOTES = "/crm/objects/2026-03/notes";
const WEEKDAY_HOURS: [string, string][] = [["09:00", "17:00"]];

/**
 * Waits on real timers for `found` to be non-zero. Not vi.waitFor nor expect.poll: with the Date faked they move
 * the frozen clock on at each try, and every time the app stamps would then depend on how long the page took.
 */
async function until(found: () => Promise<number>, timeoutMs = 10_000): Promise<void> {
  for (const started = performance.now(); !(await found()); await new Promise((done) => setTimeout(done, 100)))
    if (performance.now() - started > timeoutMs) throw new Error("the widget's events never arrived");
}

let browser: Browser;
let sandbox: HubSpotSandbox;
let storefront: Storefront;
let shop: string;

beforeAll(async () => {
  useFrozenRoutingScene();
  resetHandoffLimits();
  mkdirSync(ARTIFACTS, { recursive: true });
  sandbox = await startHubSpotSandbox({ tenSecondLimit: 100, windowMs: 1000 });
  process.env.HUBSPOT_API_BASE = sandbox.url;
  shop = await aRoutedShop(sandbox, aHandoffRuleSet());
  // The shop's own hours, Monday to Friday 09:00–17:00 in New York; nobody has switched "I'm online" on.
  await prisma.shop.update({ where: { domain: shop }, data: { timeZone: "America/New_York" } });
  await saveAvailability(shop, {
    hours: { mon: WEEKDAY_HOURS, tue: WEEKDAY_HOURS, wed: WEEKDAY_HOURS, thu: WEEKDAY_HOURS, fri: WEEKDAY_HOURS },
    waitSeconds: 120,
    replyWithinHours: 24,
  });
  const proxy = { shop, secret: API_SECRET_KEY };
  storefront = await startStorefront({
    config: starterConfig({ holdoutPercent: 100 }),
    handoff: appProxy({ ...proxy, app: (request) => handoffAction(routeArgs(request)) }),
    events: appProxy({ ...proxy, app: (request) => eventsAction(routeArgs(request)) }),
  });
  browser = await launchChromium([`--user-agent=${DESKTOP_CHROME}`]);
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await storefront?.close();
  await sandbox?.close();
  thawTheScene();
});

describe("after hours, a handoff becomes a HubSpot ticket", () => {
  it("GIVEN the shop closed and nobody online WHEN the shopper leaves an email with consent and a question THEN the chat promises the answer by closing time and the sandbox holds the ticket, exactly", async () => {
    const context = await browser.newContext({
      viewport: { width: 1280, height: 900 },
      userAgent: DESKTOP_CHROME,
      locale: "en-US",
      timezoneId: "America/New_York",
    });
    await context.clock.setFixedTime(NOW);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));
    const chat = page.locator("#chatlift-root").getByRole("dialog");

    // WHEN the shopper asks for a person before the shop opens
    await page.goto(`${storefront.url}/products/linen-shirt`);
    await page.locator("#chatlift-root").getByRole("button", { name: "Open chat" }).click();
    await chat.getByRole("button", { name: "Talk to a person" }).click();
    await chat
      .getByText(
        "Nobody from the team can chat right now. Leave your email and question, and we'll answer by email by Friday 5:00 PM.",
      )
      .waitFor({ timeout: 10_000 });
    const handoff = await prisma.handoff.findFirstOrThrow({ where: { shopDomain: shop } });
    // The widget's own events (the session, the open) are stored before the email is left.
    await until(async () =>
      prisma.chatEvent.count({ where: { shopDomain: shop, sessionId: handoff.sessionId, type: "chat_opened" } }),
    );

    // AND leaves an email with consent and a question
    await chat.getByRole("textbox", { name: "Email address" }).fill("rosa@example.com");
    await chat.getByRole("textbox", { name: "Your question" }).fill("Can I swap the colour after ordering?");
    await chat.getByRole("checkbox").check();
    await chat.getByRole("button", { name: "Send" }).click();

    // THEN the chat says when to expect the answer: today's closing time, in the shopper's own clock
    await chat.getByText("Thanks! We'll answer by email by Friday 5:00 PM.").waitFor({ timeout: 10_000 });
    await page.screenshot({ path: screenshotPath("handoff-3-after-hours-ticket") });

    // WHEN the outbox jobs run
    await drainJobs();

    // THEN the sandbox holds the ticket, owned by the rule's owner and associated with the shopper's contact
    const lead = await prisma.lead.findFirstOrThrow({ where: { shopDomain: shop, email: "rosa@example.com" } });
    expect(lead.consentText).toBe("Email me the answer to my question.");
    const tickets = sandbox.requestsTo("POST", TICKETS).filter((request) => request.status === 201);
    expect(tickets.map((request) => request.body)).toEqual([
      {
        properties: {
          subject: "Chat handoff: rosa@example.com",
          hs_pipeline: "0",
          hs_pipeline_stage: "1",
          chatlift_routing_key: `${lead.id}:handoff:create_ticket:1`,
          content: "Can I swap the colour after ordering?",
          hubspot_owner_id: GRACE,
          hs_ticket_priority: "HIGH",
        },
        associations: [
          {
            to: { id: lead.hubspotContactId },
            types: [{ associationCategory: "HUBSPOT_DEFINED", associationTypeId: 16 }],
          },
        ],
      },
    ]);
    const [ticket] = [...ticketsAndNotesOf(sandbox.state).tickets.values()];
    const transcriptNotes = sandbox
      .requestsTo("POST", NOTES)
      .filter((request) => request.status === 201 && JSON.stringify(request.body).includes(String(ticket?.id)));
    expect(transcriptNotes.map((request) => request.body)).toEqual([
      {
        properties: {
          hs_timestamp: NOW.toISOString(),
          hs_note_body:
            `<p><strong>Chat transcript (session ${handoff.sessionId})</strong></p>` +
            "<p><strong>Question for a person:</strong> Can I swap the colour after ordering?</p>" +
            "<ul><li>2026-11-20 12:00 UTC <strong>·</strong>: Arrived on /products/linen-shirt</li>" +
            "<li>2026-11-20 12:00 UTC <strong>·</strong>: Opened the chat</li>" +
            "<li>2026-11-20 12:00 UTC <strong>·</strong>: Asked for a person: nobody was available, so by email</li>" +
            "<li>2026-11-20 12:00 UTC <strong>·</strong>: Micro-conversion: left their email with consent</li>" +
            "<li>2026-11-20 12:00 UTC <strong>Shopper</strong>: Wrote to the team</li></ul>",
          hubspot_owner_id: GRACE,
        },
        associations: [
          { to: { id: ticket?.id }, types: [{ associationCategory: "HUBSPOT_DEFINED", associationTypeId: 228 }] },
        ],
      },
    ]);
    expect(sandbox.state.associations.filter((a) => a.fromType === "tickets")).toEqual([
      { fromType: "tickets", fromId: ticket?.id, toType: "contacts", toId: lead.hubspotContactId, typeId: 16 },
    ]);
    expect(errors).toEqual([]);
    await context.close();
  }, 60_000);
});
