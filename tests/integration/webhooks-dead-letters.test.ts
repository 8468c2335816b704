/**
 * A signed webhook whose body is not JSON is acknowledged (200, so Shopify stops retrying) and kept as
 * a dead letter with its reason, shown on the settings page; an unsigned one is still refused with
 * nothing stored. Duplicates are also recognised by X-Shopify-Event-Id, Shopify's guidance.
 */
import { createHash, randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import prisma from "../../app/db.server";
import { action as ordersCreate } from "../../app/routes/webhooks.orders.create";
import { action as ordersUpdated } from "../../app/routes/webhooks.orders.updated";
import { action as customersRedact } from "../../app/routes/webhooks.customers.redact";
import { loader as settingsLoader } from "../../app/routes/app.settings";
import { redactShop } from "../../app/privacy/compliance.server";
import { ORDER_WEBHOOK_JOB } from "../../app/attribution/orders/order-webhooks.server";
import { documentRequest, signedWebhookRequest, type SignedWebhookOptions } from "../support/http/signed-requests";
import { serveRoutes, type RouteServer } from "../support/http/route-server";
import { routeArgs } from "../support/http/responses";
import { storeOfflineSession } from "../support/builders/sessions";
import { freezeClock, NOW } from "../support/clock";

const RUN = randomUUID().slice(0, 8);
let storeCounter = 0;
/** An installed shop of its own per test; returns its store name (the shop is `<store>.myshopify.com`). */
async function anInstalledStore(): Promise<string> {
  storeCounter += 1;
  const store = `dead-letters-${RUN}-${storeCounter}`;
  await storeOfflineSession(prisma, store);
  return store;
}
const shopOf = (store: string) => `${store}.myshopify.com`;

/** A malformed order as a broken proxy or truncated delivery would leave it, with a customer in it. */
const NOT_JSON = '{"id": 820982911946154508, "email": "bob@example.com", "line_items": [';

let server: RouteServer;

beforeAll(async () => {
  server = await serveRoutes({
    "/webhooks/orders/create": ordersCreate,
    "/webhooks/orders/updated": ordersUpdated,
    "/webhooks/customers/redact": customersRedact,
  });
});

beforeEach(() => {
  freezeClock();
  vi.spyOn(console, "info").mockImplementation(() => undefined);
  vi.spyOn(console, "warn").mockImplementation(() => undefined);
});

afterAll(async () => {
  vi.useRealTimers();
  await server.close();
  await prisma.$disconnect();
});

/** Sends a signed webhook over HTTP, as Shopify does. */
async function deliver(path: string, options: SignedWebhookOptions): Promise<Response> {
  const signed = signedWebhookRequest(path, options);
  return fetch(`${server.origin}${path}`, { method: "POST", headers: signed.headers, body: await signed.text() });
}

const jobsOf = (shop: string) =>
  prisma.job.findMany({ where: { kind: ORDER_WEBHOOK_JOB, payload: { contains: shop } }, select: { id: true } });

describe("a signed webhook that is not JSON", () => {
  it("GIVEN a signed orders/create whose body is cut short WHEN delivered twice THEN 200 both times, one dead letter with its reason, no job", async () => {
    const shop = shopOf(await anInstalledStore());
    const options = { topic: "orders/create", payload: null, rawBody: NOT_JSON, shop, webhookId: `wh-${RUN}-cut` };

    const first = await deliver("/webhooks/orders/create", options);
    const retry = await deliver("/webhooks/orders/create", options);

    expect([first.status, retry.status]).toEqual([200, 200]);
    const letters = await prisma.webhookDeadLetter.findMany({ where: { shopDomain: shop } });
    expect(letters).toEqual([
      {
        webhookId: `wh-${RUN}-cut`,
        shopDomain: shop,
        topic: "orders/create",
        eventId: expect.any(String),
        reason: "the body is not JSON (it is cut short)",
        bodyBytes: Buffer.byteLength(NOT_JSON),
        bodySha256: createHash("sha256").update(NOT_JSON).digest("hex"),
        receivedAt: NOW,
      },
    ]);
    // The customer in the unreadable body is not kept anywhere.
    expect(JSON.stringify(letters)).not.toContain("bob@example.com");
    expect(await jobsOf(shop)).toEqual([]);
    expect(await prisma.webhookDelivery.count({ where: { shopDomain: shop } })).toBe(0);
  });

  it("GIVEN a signed customers/redact that is not JSON WHEN delivered THEN 200 and a dead letter naming where it breaks", async () => {
    const shop = shopOf(await anInstalledStore());

    const response = await deliver("/webhooks/customers/redact", {
      topic: "customers/redact",
      payload: null,
      rawBody: '{"customer": {"email": x}}',
      shop,
    });

    expect(response.status).toBe(200);
    const [letter] = await prisma.webhookDeadLetter.findMany({ where: { shopDomain: shop } });
    expect(letter).toMatchObject({ topic: "customers/redact", reason: expect.stringMatching(/^the body is not JSON/) });
  });

  it("GIVEN the same malformed body without a valid signature THEN 401 and nothing is stored", async () => {
    const shop = shopOf(await anInstalledStore());

    const response = await deliver("/webhooks/orders/create", {
      topic: "orders/create",
      payload: null,
      rawBody: NOT_JSON,
      shop,
      secret: "not-the-app-secret",
    });

    expect(response.status).toBe(401);
    expect(await prisma.webhookDeadLetter.count({ where: { shopDomain: shop } })).toBe(0);
  });

  it("GIVEN dead letters of two shops WHEN a merchant opens settings THEN they see only their shop's, and shop/redact deletes them", async () => {
    const store = await anInstalledStore();
    const other = await anInstalledStore();
    for (const [owner, webhookId] of [
      [store, `wh-${RUN}-mine`],
      [other, `wh-${RUN}-theirs`],
    ] as const) {
      await deliver("/webhooks/orders/create", {
        topic: "orders/create",
        payload: null,
        rawBody: "not json",
        shop: shopOf(owner),
        webhookId,
      });
    }

    const page = await settingsLoader(routeArgs(await documentRequest(store, "/app/settings")));

    expect(page.deadLetters).toEqual([
      expect.objectContaining({ webhookId: `wh-${RUN}-mine`, topic: "orders/create", reason: "the body is not JSON" }),
    ]);
    const report = await redactShop(shopOf(store));
    expect(report.deleted.WebhookDeadLetter).toBe(1);
    expect(await prisma.webhookDeadLetter.count({ where: { shopDomain: shopOf(other) } })).toBe(1);
  });
});

describe("duplicates by X-Shopify-Event-Id", () => {
  it("GIVEN one event delivered twice under two webhook ids THEN both answer 200 and it is recorded and queued once", async () => {
    const shop = shopOf(await anInstalledStore());
    const order = { id: 450789469, updated_at: "2026-11-20T12:00:00Z", line_items: [] };
    const eventId = `event-${RUN}-1`;

    const first = await deliver("/webhooks/orders/create", {
      topic: "orders/create",
      payload: order,
      shop,
      eventId,
      webhookId: `wh-${RUN}-a`,
    });
    const again = await deliver("/webhooks/orders/create", {
      topic: "orders/create",
      payload: order,
      shop,
      eventId,
      webhookId: `wh-${RUN}-b`,
    });

    expect([first.status, again.status]).toEqual([200, 200]);
    expect(await prisma.webhookDelivery.findMany({ where: { shopDomain: shop }, select: { webhookId: true } })).toEqual(
      [{ webhookId: `wh-${RUN}-a` }],
    );
    expect(await jobsOf(shop)).toHaveLength(1);
  });

  it("GIVEN two different events of one order THEN both are recorded and queued", async () => {
    const shop = shopOf(await anInstalledStore());
    const order = { id: 450789470, updated_at: "2026-11-20T12:00:00Z", line_items: [] };

    for (const [topic, path] of [
      ["orders/create", "/webhooks/orders/create"],
      ["orders/updated", "/webhooks/orders/updated"],
    ] as const) {
      const response = await deliver(path, { topic, payload: order, shop, eventId: `event-${RUN}-${topic}` });
      expect(response.status).toBe(200);
    }

    expect(await prisma.webhookDelivery.count({ where: { shopDomain: shop } })).toBe(2);
    expect(await jobsOf(shop)).toHaveLength(2);
  });
});
