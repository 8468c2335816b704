import { randomUUID } from "node:crypto";
import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { ActionFunctionArgs } from "@remix-run/node";
import prisma from "../../app/db.server";
import { sessionStorage } from "../../app/shopify.server";
import { action as uninstalled } from "../../app/routes/webhooks.app.uninstalled";
import { action as dataRequest } from "../../app/routes/webhooks.customers.data_request";
import { action as customersRedact } from "../../app/routes/webhooks.customers.redact";
import { action as shopRedact } from "../../app/routes/webhooks.shop.redact";
import { signedWebhookRequest } from "../support/http/signed-requests";
import { webhookFixture } from "../../sandbox/shopify/fixture-files";
import { anOfflineSession } from "../support/builders/sessions";
import { ingestBatch } from "../../app/capture/ingest.server";
import { aBatch, anEmailCapture, anEvent } from "../support/builders/events";
import { responseOf, routeArgs } from "../support/http/responses";
import { freezeClock, NOW } from "../support/clock";

type Action = (args: ActionFunctionArgs) => Promise<Response>;

const webhooks: Array<{ topic: string; path: string; action: Action; payload: () => unknown }> = [
  {
    topic: "app/uninstalled",
    path: "/webhooks/app/uninstalled",
    action: uninstalled,
    payload: () => ({ id: 1, domain: "x" }),
  },
  {
    topic: "customers/data_request",
    path: "/webhooks/customers/data_request",
    action: dataRequest,
    payload: () => webhookFixture("customers-data_request"),
  },
  {
    topic: "customers/redact",
    path: "/webhooks/customers/redact",
    action: customersRedact,
    payload: () => webhookFixture("customers-redact"),
  },
  {
    topic: "shop/redact",
    path: "/webhooks/shop/redact",
    action: shopRedact,
    payload: () => webhookFixture("shop-redact"),
  },
];

const deliver = (action: Action, request: Request): Promise<Response> => responseOf(action(routeArgs(request)));

// Unique per run too: `npm run test:pg` reuses one PostgreSQL database across runs.
const runTag = randomUUID().slice(0, 8);
let shopCounter = 0;
function uniqueShop(): string {
  shopCounter += 1;
  return `webhook-test-${runTag}-${shopCounter}.myshopify.com`;
}

beforeEach(() => {
  freezeClock();
  vi.spyOn(console, "info").mockImplementation(() => undefined);
});

afterAll(async () => {
  vi.useRealTimers();
  await prisma.$disconnect();
});

describe.each(webhooks)("POST $path", ({ topic, path, action, payload }) => {
  it("GIVEN a correctly signed delivery THEN it answers 200", async () => {
    const response = await deliver(
      action,
      signedWebhookRequest(path, { topic, payload: payload(), shop: uniqueShop() }),
    );
    expect(response.status).toBe(200);
  });

  it("GIVEN a body signed with another secret THEN it answers 401", async () => {
    const request = signedWebhookRequest(path, { topic, payload: payload(), secret: "not-the-app-secret" });
    expect((await deliver(action, request)).status).toBe(401);
  });

  it("GIVEN a body changed after signing THEN it answers 401", async () => {
    const signed = signedWebhookRequest(path, { topic, payload: payload() });
    const tampered = new Request(signed.url, {
      method: "POST",
      headers: signed.headers,
      body: JSON.stringify({ ...(payload() as object), injected: true }),
    });
    expect((await deliver(action, tampered)).status).toBe(401);
  });

  it.each([
    "X-Shopify-Hmac-Sha256",
    "X-Shopify-Topic",
    "X-Shopify-Shop-Domain",
    "X-Shopify-API-Version",
    "X-Shopify-Webhook-Id",
  ])("GIVEN no %s header THEN it answers 400", async (header) => {
    const request = signedWebhookRequest(path, { topic, payload: payload(), omitHeaders: [header] });
    expect((await deliver(action, request)).status).toBe(400);
  });
});

describe("what each webhook does", () => {
  it("app/uninstalled deletes the shop's sessions, marks the uninstall, and succeeds again on a retry", async () => {
    // GIVEN an installed shop with an offline session, and another shop
    const shop = uniqueShop();
    const other = uniqueShop();
    await prisma.shop.create({ data: { domain: shop } });
    await sessionStorage().storeSession(anOfflineSession(shop));
    await sessionStorage().storeSession(anOfflineSession(other));

    // WHEN Shopify delivers app/uninstalled twice (a retry)
    const request = () =>
      signedWebhookRequest("/webhooks/app/uninstalled", {
        topic: "app/uninstalled",
        payload: { id: 1 },
        shop,
        webhookId: "uninstall-1",
      });
    const first = await deliver(uninstalled, request());
    const retry = await deliver(uninstalled, request());

    // THEN both succeed, the shop's session is gone, the other shop's is kept
    expect([first.status, retry.status]).toEqual([200, 200]);
    expect(await prisma.session.count({ where: { shop } })).toBe(0);
    expect(await prisma.session.count({ where: { shop: other } })).toBe(1);
    expect((await prisma.shop.findUniqueOrThrow({ where: { domain: shop } })).uninstalledAt).toEqual(NOW);
  });

  it("shop/redact deletes everything of the shop and nothing of others", async () => {
    const shop = uniqueShop();
    const other = uniqueShop();
    await prisma.shop.createMany({ data: [{ domain: shop }, { domain: other }] });
    await sessionStorage().storeSession(anOfflineSession(shop));
    await prisma.webhookDelivery.create({
      data: { webhookId: `d-${shop}`, shopDomain: shop, topic: "customers/data_request" },
    });

    const response = await deliver(
      shopRedact,
      signedWebhookRequest("/webhooks/shop/redact", {
        topic: "shop/redact",
        payload: webhookFixture("shop-redact"),
        shop,
      }),
    );

    expect(response.status).toBe(200);
    expect(await prisma.shop.findUnique({ where: { domain: shop } })).toBeNull();
    expect(await prisma.session.count({ where: { shop } })).toBe(0);
    expect(await prisma.webhookDelivery.count({ where: { shopDomain: shop } })).toBe(0);
    expect(await prisma.shop.findUnique({ where: { domain: other } })).not.toBeNull();
  });

  it("customers/data_request is recorded once however often Shopify delivers it", async () => {
    const shop = uniqueShop();
    const delivery = () =>
      signedWebhookRequest("/webhooks/customers/data_request", {
        topic: "customers/data_request",
        payload: webhookFixture("customers-data_request"),
        shop,
        webhookId: `data-request-${shop}`,
      });
    for (let attempt = 0; attempt < 3; attempt += 1) {
      expect((await deliver(dataRequest, delivery())).status).toBe(200);
    }
    expect(await prisma.webhookDelivery.findMany({ where: { shopDomain: shop }, select: { topic: true } })).toEqual([
      { topic: "CUSTOMERS_DATA_REQUEST" }, // the library normalises topics to their GraphQL enum
    ]);
  });

  it("customers/redact without a customer answers 422 naming the problem", async () => {
    const response = await deliver(
      customersRedact,
      signedWebhookRequest("/webhooks/customers/redact", { topic: "customers/redact", payload: { shop_id: 1 } }),
    );
    expect(response.status).toBe(422);
    expect(await response.json()).toMatchObject({ error: "customers/redact payload has no customer" });
  });

  describe("what the privacy webhooks delete of chat and order data", () => {
    /** A shop whose customer 191167 (john@example.com, as in the fixture) chatted and ordered. */
    async function aShopWithChatData(): Promise<string> {
      const shop = uniqueShop();
      await prisma.shop.create({ data: { domain: shop } });
      const stored = await ingestBatch({
        shopDomain: shop,
        loggedInCustomerId: "191167",
        batch: aBatch({
          events: [
            anEvent("session_started", { sessionId: "sess_john_0001" }),
            anEmailCapture("john@example.com", { sessionId: "sess_john_0001" }),
          ],
        }),
      });
      expect(stored).toMatchObject({ status: "stored", accepted: 2 });
      await ingestBatch({
        shopDomain: shop,
        batch: aBatch({
          visitorId: "visitor_other_01",
          events: [anEvent("session_started", { sessionId: "sess_other_0001" })],
        }),
      });
      await prisma.order.create({
        data: {
          id: `gid://shopify/Order/${shop}`,
          shopDomain: shop,
          name: "#1001",
          placedAt: NOW,
          shopifyUpdatedAt: NOW,
          currency: "USD",
          totalMinor: 1000n,
          subtotalMinor: 1000n,
          netMinor: 1000n,
          customerId: "gid://shopify/Customer/191167",
          email: "john@example.com",
          source: "webhook",
        },
      });
      return shop;
    }

    it("customers/redact deletes the customer's sessions, events and lead, and strips their orders", async () => {
      const shop = await aShopWithChatData();
      // AND the rollups' visitor rows of both browsers
      const browsers = await prisma.chatSession.findMany({ where: { shopDomain: shop }, select: { visitorId: true } });
      await prisma.visitor.createMany({
        data: browsers.map(({ visitorId }) => ({
          shopDomain: shop,
          id: visitorId,
          arm: "treatment",
          firstSeenAt: NOW,
          firstSeenDay: "2026-01-01",
        })),
      });

      const response = await deliver(
        customersRedact,
        signedWebhookRequest("/webhooks/customers/redact", {
          topic: "customers/redact",
          payload: webhookFixture("customers-redact"),
          shop,
        }),
      );

      expect(response.status).toBe(200);
      expect(await prisma.chatSession.findMany({ where: { shopDomain: shop }, select: { id: true } })).toEqual([
        { id: "sess_other_0001" },
      ]);
      expect(await prisma.chatEvent.count({ where: { shopDomain: shop, sessionId: "sess_john_0001" } })).toBe(0);
      expect(await prisma.microConversion.count({ where: { shopDomain: shop } })).toBe(0);
      expect(await prisma.lead.count({ where: { shopDomain: shop } })).toBe(0);
      expect(await prisma.visitor.findMany({ where: { shopDomain: shop }, select: { id: true } })).toEqual([
        { id: "visitor_other_01" },
      ]);
      expect(await prisma.order.findFirstOrThrow({ where: { shopDomain: shop } })).toMatchObject({
        email: null,
        customerId: null,
        netMinor: 1000n,
      });
    });

    it("shop/redact deletes every chat and order row of the shop", async () => {
      const shop = await aShopWithChatData();

      await deliver(
        shopRedact,
        signedWebhookRequest("/webhooks/shop/redact", {
          topic: "shop/redact",
          payload: webhookFixture("shop-redact"),
          shop,
        }),
      );

      const where = { shopDomain: shop };
      const counts = await Promise.all([
        prisma.chatSession.count({ where }),
        prisma.chatEvent.count({ where }),
        prisma.microConversion.count({ where }),
        prisma.lead.count({ where }),
        prisma.order.count({ where }),
      ]);
      expect(counts).toEqual([0, 0, 0, 0, 0]);
    });
  });
});
