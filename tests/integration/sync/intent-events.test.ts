/** Storefront ingest → contact and behavioral-event jobs in the same transaction → HubSpot. */
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import prisma from "../../../app/db.server";
import { ingestBatch, resetIngestLimits } from "../../../app/capture/ingest.server";
import { connectWithStaticToken } from "../../../app/sync/connection.server";
import { registerHubSpotJobs } from "../../../app/sync/jobs.server";
import { CHAT_NOTE_JOB, CONTACT_JOB, EVENT_JOB } from "../../../app/sync/outbox.server";
import { drainJobs } from "../../../app/platform/jobs/runner.server";
import { startHubSpotSandbox, type HubSpotSandbox } from "../../../sandbox/hubspot";
import { aBatch, anEmailCapture, anEvent } from "../../support/builders/events";
import { useTestEncryptionKey } from "../../support/builders/lead-rows";

const PORTAL = 777;
let sandbox: HubSpotSandbox;
let shopCounter = 0;

beforeEach(() => {
  useTestEncryptionKey();
  resetIngestLimits();
  vi.spyOn(console, "error").mockImplementation(() => undefined);
  registerHubSpotJobs();
});
afterEach(() => sandbox.close());
afterAll(() => prisma.$disconnect());

async function aConnectedShop(customEvents: boolean): Promise<string> {
  sandbox = await startHubSpotSandbox({ tenSecondLimit: 100, windowMs: 1000, customEvents, portalId: PORTAL });
  process.env.HUBSPOT_API_BASE = sandbox.url;
  shopCounter += 1;
  const shop = `events-${process.pid}-${shopCounter}.myshopify.com`;
  await prisma.shop.create({ data: { domain: shop } });
  await connectWithStaticToken(shop, "pat-sandbox");
  return shop;
}

/** A shopper gives their email with consent in chat, then adds a product to the cart. */
async function chatWithEmailAndAddToCart(shop: string) {
  const at = Date.now() - 60_000;
  const sessionId = `sess_events_${shopCounter}`;
  const batch = aBatch({
    visitorId: `visitor_events_${shopCounter}`,
    sentAt: at + 1000,
    events: [
      anEvent("session_started", { sessionId, occurredAt: at }),
      anEmailCapture("Grace@Example.com", { sessionId, occurredAt: at }),
      anEvent("micro_conversion", { sessionId, occurredAt: at + 1000 }),
    ],
  });
  expect(await ingestBatch({ shopDomain: shop, receivedAt: new Date(at + 1000), batch })).toMatchObject({
    status: "stored",
  });
  return { at };
}

describe("intent signals", () => {
  it("GIVEN an account with custom events WHEN a consented shopper converts in chat THEN the contact carries the signals and each micro-conversion arrives as an event", async () => {
    const shop = await aConnectedShop(true);
    const { at } = await chatWithEmailAndAddToCart(shop);

    await drainJobs();

    expect(sandbox.state.contacts.get("grace@example.com")?.properties).toMatchObject({
      chatlift_micro_conversion_count: "2",
      chatlift_consent: "granted",
    });
    expect(sandbox.state.events).toEqual([
      {
        eventName: `pe${PORTAL}_chatlift_micro_conversion`,
        email: "grace@example.com",
        occurredAt: new Date(at).toISOString(),
        properties: { kind: "email_capture" },
      },
      {
        eventName: `pe${PORTAL}_chatlift_micro_conversion`,
        email: "grace@example.com",
        occurredAt: new Date(at + 1000).toISOString(),
        properties: { kind: "add_to_cart", product_id: "632910392" },
      },
    ]);
    // The chat summary note waits its coalescing delay (CHAT_NOTE_DELAY_MS): not what this test is about.
    const jobs = await prisma.job.findMany({
      where: { shopDomain: shop, kind: { not: CHAT_NOTE_JOB } },
      orderBy: { id: "asc" },
    });
    expect(jobs.map((job) => [job.kind, job.status])).toEqual([
      [CONTACT_JOB, "done"],
      [EVENT_JOB, "done"],
    ]);
    expect(jobs.every((job) => !job.payload.includes("grace@example.com"))).toBe(true);
  });

  it("GIVEN an account without custom events THEN only the contact properties carry the signals and no event job is queued", async () => {
    const shop = await aConnectedShop(false);
    await chatWithEmailAndAddToCart(shop);

    await drainJobs();

    expect(sandbox.state.contacts.get("grace@example.com")?.properties).toMatchObject({
      chatlift_micro_conversion_count: "2",
    });
    expect(await prisma.job.count({ where: { shopDomain: shop, kind: EVENT_JOB } })).toBe(0);
    expect(sandbox.requestsTo("POST", "/events/2026-03/send/batch")).toEqual([]);
  });
});
