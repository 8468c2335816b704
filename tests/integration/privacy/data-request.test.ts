/**
 * customers/data_request answered: a signed request is stored (the customer's 19-digit id exact),
 * the package holds everything ChatLift keeps about that customer of that shop (sessions, events,
 * questions, leads, orders and credits, HubSpot sends) and nothing of another customer or shop,
 * and the download, over real HTTP with a real session token, serves only the shop's own request
 * and marks it exported in the settings list.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import prisma from "../../../app/db.server";
import { action as dataRequestWebhook } from "../../../app/routes/webhooks.customers.data_request";
import { loader as download } from "../../../app/routes/app.data-requests.download";
import { loader as settingsLoader } from "../../../app/routes/app.settings";
import { ingestBatch, recordServerEvents } from "../../../app/capture/ingest.server";
import { answerEvents } from "../../../app/answers/answer-events";
import { orderFromPayload, orderPayloadSchema } from "../../../app/attribution/orders/order-payload";
import { saveOrder } from "../../../app/attribution/orders/orders.server";
import { attributeStoredOrder } from "../../../app/attribution/attribute-order.server";
import { DATA_PACKAGE_FORMAT, type DataPackage } from "../../../app/privacy/data-request-package";
import { sweepRetention } from "../../../app/privacy/retention.server";
import { anOrderPayload, withCartAttribute } from "../../../sandbox/shopify/order-payloads";
import {
  BROWSER_USER_AGENT,
  documentRequest,
  fetchRequest,
  signedWebhookRequest,
} from "../../support/http/signed-requests";
import { serveRoutes, type RouteServer } from "../../support/http/route-server";
import { routeArgs } from "../../support/http/responses";
import { aBatch, anEmailCapture, anEvent } from "../../support/builders/events";
import { domainOf, storeOfflineSession } from "../../support/builders/sessions";
import { DAY, freezeClock, HOUR, NOW } from "../../support/clock";

const RUN = randomUUID().slice(0, 8);
/** 19 digits: JSON.parse would make it 1234567890123456800 and miss every row of this customer. */
const CUSTOMER_ID = "1234567890123456789";
const CUSTOMER_GID = `gid://shopify/Customer/${CUSTOMER_ID}`;
const EMAIL = "ada.lovelace@example.com";

const WEBHOOK = "/webhooks/customers/data_request";
const DOWNLOAD = "/app/data-requests/download";

/** Shopify's customers/data_request body as its raw text, ids unquoted as Shopify sends them. */
function aDataRequestBody(orderIds: string[], requestId = "9007199254740993") {
  return (
    `{"shop_id":954889,"shop_domain":"x.myshopify.com","orders_requested":[${orderIds.join(",")}],` +
    `"customer":{"id":${CUSTOMER_ID},"email":"Ada.Lovelace@Example.com","phone":"+44 20 7946 0000"},` +
    `"data_request":{"id":${requestId}}}`
  );
}

interface History {
  sessionId: string;
  browserSessionId: string;
  orderId: string;
  leadId: string;
  question: string;
}

/** A customer who chatted logged in, left their email, asked a question in the same browser and ordered from chat. */
async function aCustomerHistory(
  shop: string,
  who: { customerId: string; email: string; tag: string; loggedIn?: boolean },
) {
  const sessionId = `sess_${who.tag}_${RUN}`;
  const browserSessionId = `sess_${who.tag}_later_${RUN}`;
  const visitorId = `visitor_${who.tag}_${RUN}`;
  const question = `Does the linen shirt run small for ${who.tag}?`;
  await ingestBatch({
    shopDomain: shop,
    loggedInCustomerId: who.loggedIn === false ? null : who.customerId,
    batch: aBatch({
      visitorId,
      events: [
        anEvent("session_started", { sessionId, occurredAt: NOW.getTime() - 2 * HOUR }),
        anEmailCapture(who.email, { sessionId, occurredAt: NOW.getTime() - 2 * HOUR }),
        anEvent("micro_conversion", { sessionId, occurredAt: NOW.getTime() - 2 * HOUR }),
      ],
    }),
  });
  // The answers stage records a question and its answer as events of the asking session.
  const events = answerEvents(
    {
      sessionId: browserSessionId,
      visitorId,
      question,
      locale: "en",
      page: { type: "product", handle: "linen-shirt" },
    },
    {
      kind: "answer",
      text: "It runs true to size.",
      sources: [{ type: "product", id: "gid://shopify/Product/632910392", title: "Linen shirt", url: null }],
      locale: "en",
    },
    { question: randomUUID(), answer: randomUUID(), micro: randomUUID() },
    NOW.getTime() - HOUR,
  );
  const page = { type: "product" as const, path: "/products/linen-shirt", handle: "linen-shirt" };
  await recordServerEvents({
    shopDomain: shop,
    batch: { v: 1, visitorId, arm: "treatment", page, sentAt: NOW.getTime() - HOUR, events },
  });
  const payload = {
    ...withCartAttribute(anOrderPayload(new Date(NOW.getTime() - HOUR / 2)), sessionId),
    customer: { id: who.customerId, email: who.email },
    email: who.email,
  };
  const order = orderFromPayload(orderPayloadSchema.parse(payload));
  await saveOrder(shop, order, "webhook");
  await attributeStoredOrder(order.id, new Date());
  const lead = await prisma.lead.update({
    where: { shopDomain_email: { shopDomain: shop, email: who.email } },
    data: { hubspotContactId: `hs-${who.tag}-${RUN}` },
  });
  return { sessionId, browserSessionId, orderId: order.id, leadId: lead.id, question } satisfies History;
}

async function aHubSpotConnection(shopDomain: string) {
  await prisma.hubSpotConnection.create({
    data: { shopDomain, mode: "static", accessTokenEncrypted: "not-read-here", portalId: 4242, timeZone: "UTC" },
  });
}

let server: RouteServer;
const HARBOR = `dr-harbor-${RUN}`;
const PEAK = `dr-peak-${RUN}`;
let ada: History;
let grace: History;
let adaElsewhere: History;

beforeAll(async () => {
  freezeClock();
  vi.spyOn(console, "info").mockImplementation(() => undefined);
  server = await serveRoutes({ [WEBHOOK]: dataRequestWebhook, [DOWNLOAD]: download });
  for (const store of [HARBOR, PEAK]) {
    await storeOfflineSession(prisma, store);
    await aHubSpotConnection(domainOf(store));
  }
  // Ada and Grace shop at harbor-supply; Ada, same id and email, at north-peak too.
  ada = await aCustomerHistory(domainOf(HARBOR), { customerId: CUSTOMER_ID, email: EMAIL, tag: "ada" });
  grace = await aCustomerHistory(domainOf(HARBOR), {
    customerId: "7777777777777777777",
    email: "grace@example.com",
    tag: "grace",
  });
  adaElsewhere = await aCustomerHistory(domainOf(PEAK), { customerId: CUSTOMER_ID, email: EMAIL, tag: "adapeak" });
});

beforeEach(() => freezeClock());

afterAll(async () => {
  vi.useRealTimers();
  await server.close();
  await prisma.$disconnect();
});

/** Sends a signed webhook over HTTP, as Shopify does. */
async function deliver(shop: string, rawBody: string, webhookId: string = randomUUID()): Promise<Response> {
  const signed = signedWebhookRequest(WEBHOOK, {
    topic: "customers/data_request",
    payload: null,
    rawBody,
    shop,
    webhookId,
  });
  return fetch(`${server.origin}${WEBHOOK}`, { method: "POST", headers: signed.headers, body: rawBody });
}

/** The embedded admin is a browser: Node's own user agent is turned away as a bot (410). */

/** The download over HTTP, as the admin page's fetch sends it: a real session token for `store`. */
async function downloadAs(store: string, requestId: string): Promise<Response> {
  const signed = await fetchRequest(store, `${DOWNLOAD}?id=${requestId}`);
  signed.headers.set("User-Agent", BROWSER_USER_AGENT);
  return fetch(`${server.origin}${DOWNLOAD}?id=${requestId}`, { headers: signed.headers });
}

const numericId = (gid: string) => gid.split("/").pop()!;

describe("customers/data_request", () => {
  it("GIVEN a signed request with a 19-digit customer id WHEN Shopify delivers it twice THEN it is stored once, exactly", async () => {
    const shop = domainOf(HARBOR);
    const body = aDataRequestBody([numericId(ada.orderId)], "41000000000000001");
    const webhookId = `dr-twice-${RUN}`;

    const first = await deliver(shop, body, webhookId);
    const retry = await deliver(shop, body, webhookId);
    const sameRequestOtherDelivery = await deliver(shop, body);

    expect([first.status, retry.status, sameRequestOtherDelivery.status]).toEqual([200, 200, 200]);
    const stored = await prisma.customerDataRequest.findMany({ where: { shopDomain: shop, webhookId } });
    expect(stored).toEqual([
      expect.objectContaining({
        shopifyRequestId: "41000000000000001",
        customerId: CUSTOMER_GID,
        email: EMAIL,
        phone: "+44 20 7946 0000",
        ordersRequested: JSON.stringify([ada.orderId]),
        receivedAt: NOW,
        exportedAt: null,
      }),
    ]);
    expect(await prisma.customerDataRequest.count({ where: { shopifyRequestId: "41000000000000001" } })).toBe(1);
  });

  it("GIVEN a signed request naming no customer THEN it answers 422 and stores nothing", async () => {
    const response = await deliver(domainOf(HARBOR), '{"shop_id":1,"customer":{},"orders_requested":[]}');
    expect(response.status).toBe(422);
    expect(await response.json()).toMatchObject({ error: "customers/data_request payload names no customer" });
    expect(await prisma.customerDataRequest.count({ where: { shopifyRequestId: null } })).toBe(0);
  });

  it("GIVEN the request is stored WHEN the shop downloads it THEN the package holds all of Ada's data at that shop and nothing else", async () => {
    // GIVEN Ada's request at harbor-supply, naming her order and an order of north-peak's
    const shop = domainOf(HARBOR);
    expect(
      (await deliver(shop, aDataRequestBody([numericId(ada.orderId), numericId(adaElsewhere.orderId)]))).status,
    ).toBe(200);
    const request = await prisma.customerDataRequest.findFirstOrThrow({
      where: { shopDomain: shop, shopifyRequestId: "9007199254740993" },
    });

    // WHEN harbor-supply downloads it
    const response = await downloadAs(HARBOR, request.id);

    // THEN it is a JSON file of Ada's sessions, events, questions, lead, order with credits and HubSpot sends
    expect(response.status).toBe(200);
    expect(response.headers.get("content-disposition")).toContain(`chatlift-data-request-${HARBOR}-${request.id}.json`);
    const text = await response.text();
    const pkg = JSON.parse(text) as DataPackage;
    expect(pkg).toMatchObject({ format: DATA_PACKAGE_FORMAT, shop, request: { customer: { id: CUSTOMER_GID } } });
    expect(pkg.chatSessions.map((session) => session.id)).toEqual([ada.sessionId]);
    expect(pkg.chatSessions[0]!.events.map((event) => event.type)).toEqual(
      expect.arrayContaining(["session_started", "micro_conversion"]),
    );
    expect(pkg.questions).toEqual([
      expect.objectContaining({ sessionId: ada.browserSessionId, question: ada.question, answer: expect.anything() }),
    ]);
    expect(pkg.microConversions.map((micro) => micro.kind)).toEqual(
      expect.arrayContaining(["email_capture", "add_to_cart"]),
    );
    expect(pkg.leads).toEqual([expect.objectContaining({ id: ada.leadId, email: EMAIL, customerId: CUSTOMER_GID })]);
    expect(pkg.orders.map((order) => order.id)).toEqual([ada.orderId]);
    expect(pkg.orders[0]!.credits.length).toBeGreaterThan(0);
    expect(pkg.orders[0]!.credits.every((credit) => credit.chatSessionId === ada.sessionId)).toBe(true);
    expect(pkg.hubspot.contacts).toEqual([expect.objectContaining({ hubspotContactId: `hs-ada-${RUN}` })]);
    // Her contact sync, and the deal her attributed order makes.
    const jobs = pkg.hubspot.jobs.map((job) => ({ kind: job.kind, payload: job.payload }));
    expect(jobs).toEqual(
      expect.arrayContaining([
        { kind: "hubspot.contact", payload: { shopDomain: shop, leadId: ada.leadId } },
        { kind: "hubspot.deal", payload: { shopDomain: shop, orderId: ada.orderId } },
      ]),
    );
    expect(jobs).toHaveLength(2);
    // Nothing of Grace, nor of Ada's data at north-peak, is anywhere in what the file holds (the request
    // itself quotes the north-peak order number Ada asked about, and only that).
    const held = JSON.stringify({ ...pkg, request: null });
    for (const foreign of [grace, adaElsewhere]) {
      for (const value of [
        foreign.sessionId,
        foreign.browserSessionId,
        foreign.orderId,
        foreign.leadId,
        foreign.question,
      ])
        expect(held).not.toContain(value);
    }
    expect(text).not.toContain("grace@example.com");
    expect(text).not.toContain(domainOf(PEAK));
  });

  it("GIVEN harbor-supply's request WHEN north-peak asks for it THEN 404 and it stays pending; the shop's own download marks it exported", async () => {
    // GIVEN a pending request of harbor-supply
    expect((await deliver(domainOf(HARBOR), aDataRequestBody([], "555"))).status).toBe(200);
    const request = await prisma.customerDataRequest.findFirstOrThrow({ where: { shopifyRequestId: "555" } });
    const before = await settingsLoader(routeArgs(await documentRequest(HARBOR, "/app/settings")));
    expect(before.dataRequests.find((view) => view.id === request.id)).toMatchObject({
      status: "pending",
      exportedAt: null,
      customer: `${EMAIL} · +44 20 7946 0000 · ${CUSTOMER_GID}`,
    });

    // WHEN north-peak asks for it, then harbor-supply downloads it an hour later
    const stranger = await downloadAs(PEAK, request.id);
    const missing = await downloadAs(HARBOR, "no-such-request");
    const unsigned = await fetch(`${server.origin}${DOWNLOAD}?id=${request.id}`, {
      headers: { "User-Agent": BROWSER_USER_AGENT },
    });
    expect((await prisma.customerDataRequest.findUniqueOrThrow({ where: { id: request.id } })).exportedAt).toBeNull();
    freezeClock(NOW.getTime() + HOUR);
    const own = await downloadAs(HARBOR, request.id);

    // THEN only the shop's own download is served, and the list shows when it was exported
    expect([stranger.status, missing.status, own.status]).toEqual([404, 404, 200]);
    expect(unsigned.status).not.toBe(200);
    const after = await settingsLoader(routeArgs(await documentRequest(HARBOR, "/app/settings")));
    expect(after.dataRequests.find((view) => view.id === request.id)).toMatchObject({
      status: "exported",
      exportedAt: new Date(NOW.getTime() + HOUR).toISOString(),
    });
    const peakList = await settingsLoader(routeArgs(await documentRequest(PEAK, "/app/settings")));
    expect(peakList.dataRequests.map((view) => view.id)).not.toContain(request.id);
  });

  it("GIVEN requests 91 and 89 days old WHEN the daily retention sweep runs THEN only the older one is deleted", async () => {
    const shopDomain = domainOf(PEAK);
    const aRequest = (days: number) =>
      prisma.customerDataRequest.create({
        data: {
          shopDomain,
          webhookId: `old-${days}-${RUN}`,
          email: EMAIL,
          receivedAt: new Date(NOW.getTime() - days * DAY),
        },
      });
    const [expired, kept] = [await aRequest(91), await aRequest(89)];

    await sweepRetention(NOW);

    expect(await prisma.customerDataRequest.findUnique({ where: { id: expired.id } })).toBeNull();
    expect(await prisma.customerDataRequest.findUnique({ where: { id: kept.id } })).not.toBeNull();
  });

  it("GIVEN Ada once chatted as a guest and ordered under an older email THEN that email's session, lead and order are hers too", async () => {
    // GIVEN at coast-goods: Ada logged in with her email, and earlier a guest giving an older email on an order of hers
    const store = `dr-coast-${RUN}`;
    const shop = domainOf(store);
    await storeOfflineSession(prisma, store);
    const now = await aCustomerHistory(shop, { customerId: CUSTOMER_ID, email: EMAIL, tag: "adanow" });
    const before = await aCustomerHistory(shop, {
      customerId: CUSTOMER_ID,
      email: "ada@oldmail.example",
      tag: "adabefore",
      loggedIn: false,
    });
    expect((await deliver(shop, aDataRequestBody([], "777"))).status).toBe(200);
    const request = await prisma.customerDataRequest.findFirstOrThrow({ where: { shopDomain: shop } });

    // WHEN coast-goods downloads it
    const pkg = (await (await downloadAs(store, request.id)).json()) as DataPackage;

    // THEN both histories are in it
    expect(pkg.chatSessions.map((session) => session.id).sort()).toEqual([now.sessionId, before.sessionId].sort());
    expect(pkg.leads.map((lead) => lead.id).sort()).toEqual([now.leadId, before.leadId].sort());
    expect(pkg.orders.map((order) => order.id).sort()).toEqual([now.orderId, before.orderId].sort());
    expect(pkg.questions.map((question) => question.question).sort()).toEqual([now.question, before.question].sort());
  });
});
