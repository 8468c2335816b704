/**
 * The HubSpot page through its loader and action with real session tokens, against the HubSpot
 * sandbox over HTTP: connect by token and by OAuth, check properties, sync health, retry of
 * parked jobs, disconnect, and another shop's attempts, which must fail.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import prisma from "../../app/db.server";
import { CONTACT_JOB } from "../../app/sync/outbox.server";
import { ORDER_PROPERTIES } from "../../app/sync/order-credits";
import {
  CONTACT_PROPERTIES,
  DEAL_PROPERTIES,
  MICRO_CONVERSION_EVENT_DEFINITION,
} from "../../app/sync/chatlift-properties";
import { action, loader } from "../../app/routes/app.hubspot";
import { loader as oauthCallback } from "../../app/routes/hubspot.oauth.callback";
import { startHubSpotSandbox, type HubSpotSandbox } from "../../sandbox/hubspot";
import { unwrap } from "../support/http/responses";
import { useTestEncryptionKey } from "../support/builders/lead-rows";
import { documentRequest, formPost } from "../support/http/signed-requests";
import { domainOf, storeOfflineSession } from "../support/builders/sessions";
import { routeArgs } from "../support/http/responses";

const PEAK = "north-peak";
let sandbox: HubSpotSandbox;
let counter = 0;
let store: string;
let shop: string;

/** A contact job the worker gave up on, as it leaves it: parked, with HubSpot's words. */
function aParkedContactJob(
  shopDomain: string,
  leadId: string,
  error = "validation: Property values were not valid: shopper@@example is invalid",
) {
  return prisma.job.create({
    data: {
      kind: CONTACT_JOB,
      shopDomain,
      payload: JSON.stringify({ shopDomain, leadId }),
      status: "parked",
      attempts: 8,
      lastError: error,
      finishedAt: new Date(),
    },
  });
}

const post = async (storeName: string, fields: Record<string, string>) =>
  unwrap(await action(routeArgs(await formPost(storeName, "/app/hubspot", fields))));

beforeAll(() => storeOfflineSession(prisma, PEAK));
beforeEach(async () => {
  useTestEncryptionKey();
  sandbox = await startHubSpotSandbox({ tenSecondLimit: 100, windowMs: 1000, portalId: 777 });
  process.env.HUBSPOT_API_BASE = sandbox.url;
  process.env.HUBSPOT_AUTHORIZE_URL = `${sandbox.url}/oauth/authorize`;
  process.env.HUBSPOT_CLIENT_ID = "sandbox-client-id";
  process.env.HUBSPOT_CLIENT_SECRET = "sandbox-client-secret";
  counter += 1;
  store = `hubspot-admin-${counter}`;
  shop = domainOf(store);
  await storeOfflineSession(prisma, store);
});
afterEach(() => sandbox.close());
afterAll(() => prisma.$disconnect());

describe("HubSpot page", () => {
  it("GIVEN a shop without HubSpot THEN the page offers both ways to connect and shows empty health", async () => {
    const page = await loader(routeArgs(await documentRequest(store, "/app/hubspot")));

    expect(page.connection).toBeNull();
    expect(page.oauthAvailable).toBe(true);
    expect(page.health).toMatchObject({
      connected: false,
      inSync: 0,
      pending: 0,
      failing: 0,
      parked: 0,
      lastErrors: [],
    });
    expect(page.properties.contacts).toEqual(CONTACT_PROPERTIES.map((property) => property.name));
    expect(page.tokenScopes).toEqual({
      required: [
        "crm.objects.contacts.read",
        "crm.objects.contacts.write",
        "crm.objects.deals.read",
        "crm.objects.deals.write",
        "crm.schemas.contacts.read",
        "crm.schemas.contacts.write",
        "crm.schemas.deals.read",
        "crm.schemas.deals.write",
        "crm.objects.owners.read",
      ],
      optional: [
        "behavioral_events.event_definitions.read_write",
        "analytics.behavioral_events.send",
        "tickets",
        "crm.objects.orders.read",
        "crm.objects.orders.write",
        "crm.schemas.orders.read",
        "crm.schemas.orders.write",
      ],
    });
  });

  it("WHEN a private app token is pasted THEN the account is connected, ChatLift's properties are created in it, and the page shows the mode", async () => {
    const result = await post(store, { intent: "connect_static", token: "pat-sandbox", tenSecondLimit: "190" });

    expect(result.status).toBe(200);
    expect(result.body).toMatchObject({ kind: "connected", portalId: 777 });
    expect((result.body as { propertiesCreated: string[] }).propertiesCreated.sort()).toEqual(
      [...CONTACT_PROPERTIES, ...DEAL_PROPERTIES, ...ORDER_PROPERTIES].map((property) => property.name).sort(),
    );
    const page = await loader(routeArgs(await documentRequest(store, "/app/hubspot")));
    expect(page.connection).toMatchObject({
      mode: "static",
      portalId: 777,
      tenSecondLimit: 190,
      customEventsAvailable: false,
      customEventsSkipped: expect.stringMatching(
        /lacks behavioral_events\.event_definitions\.read_write and analytics/,
      ),
    });
    expect(page.health.connected).toBe(true);
  });

  it.each([
    [{ token: "pat-wrong" }, 422, /^HubSpot refused the token \(401\)/],
    [{ token: "   " }, 400, /^Paste the private app token or service key$/],
  ])("GIVEN %o THEN the token field says why (%i) and nothing is stored", async (change, status, message) => {
    const result = await post(store, { intent: "connect_static", tenSecondLimit: "100", ...change });

    expect(result.status).toBe(status);
    expect(result.body).toMatchObject({ kind: "failed", field: "token", message: expect.stringMatching(message) });
    expect(JSON.stringify(result.body)).not.toContain("pat-wrong");
    expect(await prisma.hubSpotConnection.findUnique({ where: { shopDomain: shop } })).toBeNull();
  });

  it("WHEN the merchant connects by OAuth THEN the page sends them to HubSpot's consent with a state for this shop, and HubSpot's redirect connects it", async () => {
    const started = await post(store, { intent: "connect_oauth" });
    expect(started.body).toMatchObject({
      kind: "authorize",
      url: expect.stringContaining(`${sandbox.url}/oauth/authorize?`),
    });

    // The merchant consents in HubSpot (the sandbox approves at once) and comes back.
    const consent = await fetch((started.body as { url: string }).url, { redirect: "manual" });
    const callback = await oauthCallback(routeArgs(new Request(consent.headers.get("location") ?? "")));

    expect((callback as Response).status).toBe(302);
    const page = await loader(routeArgs(await documentRequest(store, "/app/hubspot")));
    expect(page.connection).toMatchObject({ mode: "oauth", portalId: 777, tenSecondLimit: 110 });
    expect(page.connection?.expiresAt).not.toBeNull();
  });

  it("GIVEN a property deleted in HubSpot WHEN properties are checked THEN exactly that one is created again", async () => {
    await post(store, { intent: "connect_static", token: "pat-sandbox", tenSecondLimit: "100" });
    sandbox.state.properties.get("contacts")?.delete("chatlift_intent_score");
    const before = sandbox.requestsTo("POST", "/crm/properties/2026-03/contacts/batch/create").length;

    const result = await post(store, { intent: "check_properties" });

    expect(result.body).toEqual({
      kind: "properties",
      created: ["chatlift_intent_score"],
      total: CONTACT_PROPERTIES.length + DEAL_PROPERTIES.length + ORDER_PROPERTIES.length,
      eventDefinitionCreated: false,
    });
    const creates = sandbox.requestsTo("POST", "/crm/properties/2026-03/contacts/batch/create").slice(before);
    expect(
      creates.map((request) =>
        (request.body as { inputs: Array<{ name: string; groupName: string }> }).inputs.map(({ name, groupName }) => ({
          name,
          groupName,
        })),
      ),
    ).toEqual([[{ name: "chatlift_intent_score", groupName: "chatlift" }]]);
  });

  it("GIVEN an account with custom events whose micro-conversion event definition was deleted in HubSpot WHEN properties are checked THEN the definition is created again", async () => {
    // GIVEN an Enterprise account, connected (which defines the event), whose definition is then deleted
    sandbox.account.customEvents = true;
    await post(store, { intent: "connect_static", token: "pat-sandbox", tenSecondLimit: "100" });
    expect(sandbox.state.eventDefinitions.has(MICRO_CONVERSION_EVENT_DEFINITION.name)).toBe(true);
    sandbox.state.eventDefinitions.delete(MICRO_CONVERSION_EVENT_DEFINITION.name);
    const before = sandbox.requestsTo("POST", "/events/2026-03/event-definitions").length;

    // WHEN the merchant presses "Check properties"
    const result = await post(store, { intent: "check_properties" });

    // THEN the page says so, and the definition HubSpot received is ChatLift's, with every property
    expect(result).toEqual({
      status: 200,
      body: {
        kind: "properties",
        created: [],
        total: CONTACT_PROPERTIES.length + DEAL_PROPERTIES.length + ORDER_PROPERTIES.length,
        eventDefinitionCreated: true,
      },
    });
    const creates = sandbox.requestsTo("POST", "/events/2026-03/event-definitions").slice(before);
    expect(creates.map((request) => request.body)).toEqual([
      expect.objectContaining({
        name: MICRO_CONVERSION_EVENT_DEFINITION.name,
        primaryObject: "CONTACT",
        propertyDefinitions: MICRO_CONVERSION_EVENT_DEFINITION.properties.map((property) =>
          expect.objectContaining({ name: property.name, type: property.type }),
        ),
      }),
    ]);
    expect(sandbox.state.eventDefinitions.get(MICRO_CONVERSION_EVENT_DEFINITION.name)).toMatchObject({
      fullyQualifiedName: `pe777_${MICRO_CONVERSION_EVENT_DEFINITION.name}`,
    });
    // AND a second check finds it there and creates nothing
    expect((await post(store, { intent: "check_properties" })).body).toMatchObject({
      created: [],
      eventDefinitionCreated: false,
    });
    expect(sandbox.requestsTo("POST", "/events/2026-03/event-definitions").slice(before)).toHaveLength(1);
  });

  it("GIVEN parked and failing jobs THEN health counts them with HubSpot's words; retry of one job queues only it", async () => {
    await post(store, { intent: "connect_static", token: "pat-sandbox", tenSecondLimit: "100" });
    const first = await aParkedContactJob(shop, "lead-1");
    const second = await aParkedContactJob(shop, "lead-2", "validation: email is invalid");
    await prisma.job.create({
      data: {
        kind: CONTACT_JOB,
        shopDomain: shop,
        payload: JSON.stringify({ shopDomain: shop, leadId: "lead-3" }),
        lastError: "server: HubSpot answered 502",
        attempts: 1,
      },
    });

    const before = await loader(routeArgs(await documentRequest(store, "/app/hubspot")));
    expect(before.health).toMatchObject({ parked: 2, failing: 1, pending: 0 });
    expect(before.health.lastErrors.map((error) => [error.jobId, error.status, error.error]).sort()).toEqual(
      [
        [first.id, "parked", "validation: Property values were not valid: shopper@@example is invalid"],
        [second.id, "parked", "validation: email is invalid"],
        [expect.any(Number), "queued", "server: HubSpot answered 502"],
      ].sort(),
    );

    const retried = await post(store, { intent: "retry", jobId: String(first.id) });

    expect(retried.body).toEqual({ kind: "retried", count: 1 });
    expect((await prisma.job.findUniqueOrThrow({ where: { id: first.id } })).status).toBe("queued");
    expect((await prisma.job.findUniqueOrThrow({ where: { id: second.id } })).status).toBe("parked");
    expect(await post(store, { intent: "retry" })).toEqual({ status: 200, body: { kind: "retried", count: 1 } });
  });

  it("WHEN disconnected THEN the stored token is deleted", async () => {
    await post(store, { intent: "connect_static", token: "pat-sandbox", tenSecondLimit: "100" });

    expect((await post(store, { intent: "disconnect" })).body).toEqual({ kind: "disconnected", wasConnected: true });
    expect(await prisma.hubSpotConnection.findUnique({ where: { shopDomain: shop } })).toBeNull();
  });

  it("GIVEN harbor's connection and parked job WHEN north-peak loads the page, retries that job or disconnects THEN harbor's are untouched", async () => {
    await post(store, { intent: "connect_static", token: "pat-sandbox", tenSecondLimit: "100" });
    const parked = await aParkedContactJob(shop, "lead-1");

    const page = await loader(routeArgs(await documentRequest(PEAK, "/app/hubspot")));
    const retry = await post(PEAK, { intent: "retry", jobId: String(parked.id) });
    const disconnect = await post(PEAK, { intent: "disconnect" });

    expect(page.connection).toBeNull();
    expect(page.health.parked).toBe(0);
    expect(retry.body).toEqual({ kind: "retried", count: 0 });
    expect(disconnect.body).toEqual({ kind: "disconnected", wasConnected: false });
    expect((await prisma.job.findUniqueOrThrow({ where: { id: parked.id } })).status).toBe("parked");
    expect(await prisma.hubSpotConnection.findUnique({ where: { shopDomain: shop } })).not.toBeNull();
  });
});
