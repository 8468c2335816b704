/**
 * Behavioral events are sent only with their scopes granted, read from HubSpot's token info: a
 * portal whose token lacks them connects, and its events are skipped with the reason on the
 * HubSpot page instead of each send answering 403 and being parked. An Enterprise portal that
 * grants them gets the definition (with the spec's includeDefaultProperties) and the events.
 */
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import prisma from "../../../app/db.server";
import { readHubSpotPage } from "../../../app/admin/hubspot/hubspot-page.server";
import { ingestBatch, resetIngestLimits } from "../../../app/capture/ingest.server";
import {
  completeOAuthConnection,
  connectWithStaticToken,
  startOAuthConnection,
} from "../../../app/sync/connection.server";
import { STATIC_TOKEN_SCOPES } from "../../../app/integrations/hubspot/oauth";
import { registerHubSpotJobs } from "../../../app/sync/jobs.server";
import { CHAT_NOTE_JOB, EVENT_JOB } from "../../../app/sync/outbox.server";
import { drainJobs } from "../../../app/platform/jobs/runner.server";
import { startHubSpotSandbox, type HubSpotSandbox, type SandboxOptions } from "../../../sandbox/hubspot";
import { aBatch, anEmailCapture, anEvent } from "../../support/builders/events";
import { useTestEncryptionKey } from "../../support/builders/lead-rows";

const PORTAL = 778;
const SEND_SCOPE = "analytics.behavioral_events.send";
const REDIRECT = "https://chatlift.example/hubspot/callback";
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

async function aShopAndPortal(portal: SandboxOptions): Promise<string> {
  sandbox = await startHubSpotSandbox({ tenSecondLimit: 100, windowMs: 1000, portalId: PORTAL, ...portal });
  process.env.HUBSPOT_API_BASE = sandbox.url;
  process.env.HUBSPOT_AUTHORIZE_URL = `${sandbox.url}/oauth/authorize`;
  process.env.HUBSPOT_CLIENT_ID = "sandbox-client-id";
  process.env.HUBSPOT_CLIENT_SECRET = "sandbox-client-secret";
  shopCounter += 1;
  const shop = `event-scopes-${process.pid}-${shopCounter}.myshopify.com`;
  await prisma.shop.create({ data: { domain: shop } });
  return shop;
}

/** The merchant consents in HubSpot (which grants what the portal can), and the callback completes. */
async function connectByOAuth(shop: string) {
  const authorize = await fetch(startOAuthConnection(shop, REDIRECT), { redirect: "manual" });
  const back = new URL(authorize.headers.get("location") ?? "");
  return completeOAuthConnection({
    state: back.searchParams.get("state"),
    code: back.searchParams.get("code") ?? "",
    redirectUri: REDIRECT,
  });
}

/** A shopper gives their email with consent in chat, then adds a product to the cart. */
async function chatWithEmailAndAddToCart(shop: string) {
  const at = Date.now() - 60_000;
  const sessionId = `sess_scopes_${shopCounter}`;
  const batch = aBatch({
    visitorId: `visitor_scopes_${shopCounter}`,
    sentAt: at + 1000,
    events: [
      anEvent("session_started", { sessionId, occurredAt: at }),
      anEmailCapture("Ada@Example.com", { sessionId, occurredAt: at }),
      anEvent("micro_conversion", { sessionId, occurredAt: at + 1000 }),
    ],
  });
  expect(await ingestBatch({ shopDomain: shop, receivedAt: new Date(at + 1000), batch })).toMatchObject({
    status: "stored",
  });
}

const forbidden = () => sandbox.requests.filter((request) => request.status === 403);
// The chat summary note waits its coalescing delay (CHAT_NOTE_DELAY_MS): not what these tests are about.
const jobStatuses = async (shop: string) =>
  (await prisma.job.findMany({ where: { shopDomain: shop, kind: { not: CHAT_NOTE_JOB } } })).map((job) => [
    job.kind,
    job.status,
  ]);

describe("custom behavioral event scopes", () => {
  it("GIVEN an Enterprise portal whose private app token lacks the events send scope WHEN a shopper converts THEN connect succeeds, events are skipped with the reason on the HubSpot page and nothing is parked", async () => {
    const shop = await aShopAndPortal({ customEvents: true, withheldScopes: [SEND_SCOPE] });

    const connected = await connectWithStaticToken(shop, "pat-sandbox");
    await chatWithEmailAndAddToCart(shop);
    await drainJobs();

    expect(connected.customEventsAvailable).toBe(false);
    expect(sandbox.state.contacts.get("ada@example.com")?.properties).toMatchObject({
      chatlift_micro_conversion_count: "2",
    });
    expect(sandbox.requestsTo("POST", "/events/2026-03/send/batch")).toEqual([]);
    expect(forbidden()).toEqual([]);
    expect((await jobStatuses(shop)).filter(([, status]) => status !== "done")).toEqual([]);
    const page = await readHubSpotPage(shop);
    expect(page.connection?.customEventsSkipped).toMatch(/lacks analytics\.behavioral_events\.send/);
  });

  it("GIVEN a portal without Enterprise WHEN the merchant connects by OAuth THEN connect succeeds without the optional scopes, no call is refused, and events are skipped with the reason", async () => {
    const shop = await aShopAndPortal({ customEvents: false });

    const connected = await connectByOAuth(shop);
    await chatWithEmailAndAddToCart(shop);
    await drainJobs();

    expect(connected.customEventsAvailable).toBe(false);
    const stored = await prisma.hubSpotConnection.findUniqueOrThrow({ where: { shopDomain: shop } });
    expect(stored.grantedScopes?.split(" ")).toContain("crm.objects.contacts.write");
    expect(stored.grantedScopes?.split(" ")).not.toContain(SEND_SCOPE);
    expect(await prisma.job.count({ where: { shopDomain: shop, kind: EVENT_JOB } })).toBe(0);
    expect(forbidden()).toEqual([]);
    const page = await readHubSpotPage(shop);
    expect(page.connection?.customEventsSkipped).toMatch(
      /behavioral_events\.event_definitions\.read_write and analytics\.behavioral_events\.send/,
    );
  });

  it("GIVEN an Enterprise portal WHEN the merchant connects by OAuth THEN the definition is created with includeDefaultProperties and the shopper's events are delivered", async () => {
    const shop = await aShopAndPortal({ customEvents: true });

    const connected = await connectByOAuth(shop);
    await chatWithEmailAndAddToCart(shop);
    await drainJobs();

    expect(connected.customEventsAvailable).toBe(true);
    expect(sandbox.requestsTo("POST", "/events/2026-03/event-definitions").map((request) => request.body)).toEqual([
      expect.objectContaining({ name: "chatlift_micro_conversion", includeDefaultProperties: false }),
    ]);
    expect(sandbox.state.events.map((event) => [event.eventName, event.email, event.properties?.kind])).toEqual([
      [`pe${PORTAL}_chatlift_micro_conversion`, "ada@example.com", "email_capture"],
      [`pe${PORTAL}_chatlift_micro_conversion`, "ada@example.com", "add_to_cart"],
    ]);
    expect(forbidden()).toEqual([]);
    expect((await jobStatuses(shop)).filter(([, status]) => status !== "done")).toEqual([]);
    expect((await readHubSpotPage(shop)).connection?.customEventsSkipped).toBeNull();
  });

  it("GIVEN a private app token holding exactly the scopes the HubSpot page lists as required WHEN a shopper converts THEN connect and sync need no other scope", async () => {
    const shop = await aShopAndPortal({ grantableScopes: [...STATIC_TOKEN_SCOPES.required] });

    await connectWithStaticToken(shop, "pat-sandbox");
    await chatWithEmailAndAddToCart(shop);
    await drainJobs();

    expect(sandbox.state.contacts.get("ada@example.com")).toBeDefined();
    expect(forbidden()).toEqual([]);
    expect((await jobStatuses(shop)).filter(([, status]) => status !== "done")).toEqual([]);
  });
});
