import { randomUUID } from "node:crypto";
import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { ActionFunctionArgs } from "@remix-run/node";
import prisma from "../../../../app/db.server";
import { action as ordersCreate } from "../../../../app/routes/webhooks.orders.create";
import { action as ordersUpdated } from "../../../../app/routes/webhooks.orders.updated";
import { action as ordersCancelled } from "../../../../app/routes/webhooks.orders.cancelled";
import { action as refundsCreate } from "../../../../app/routes/webhooks.refunds.create";
import { ingestBatch, resetIngestLimits } from "../../../../app/capture/ingest.server";
import { registerAppJobs } from "../../../../app/jobs.server";
import { attributeStoredOrder } from "../../../../app/attribution/attribute-order.server";
import { drainJobs } from "../../../../app/platform/jobs/runner.server";
import { shopifyHmac, signedWebhookRequest } from "../../../support/http/signed-requests";
import { aBatch, anEvent } from "../../../support/builders/events";
import {
  aRefundPayload,
  anOrderPayload,
  withCartAttribute,
  withChatLine,
} from "../../../../sandbox/shopify/order-payloads";
import { responseOf, routeArgs } from "../../../support/http/responses";
import { freezeClock, HOUR, NOW } from "../../../support/clock";

type Action = (args: ActionFunctionArgs) => Promise<Response>;

const routes: Record<string, { path: string; action: Action }> = {
  "orders/create": { path: "/webhooks/orders/create", action: ordersCreate },
  "orders/updated": { path: "/webhooks/orders/updated", action: ordersUpdated },
  "orders/cancelled": { path: "/webhooks/orders/cancelled", action: ordersCancelled },
  "refunds/create": { path: "/webhooks/refunds/create", action: refundsCreate },
};

function deliverRequest(topic: string, request: Request): Promise<Response> {
  return responseOf((routes[topic] as { action: Action }).action(routeArgs(request)));
}

function deliver(topic: string, payload: unknown, shop: string, webhookId?: string): Promise<Response> {
  return deliverRequest(
    topic,
    signedWebhookRequest((routes[topic] as { path: string }).path, { topic, payload, shop, webhookId }),
  );
}

let shopCounter = 0;
/** Per run: PostgreSQL test runs share one database. */
const RUN = randomUUID().slice(0, 8);
async function anInstalledShop(): Promise<string> {
  shopCounter += 1;
  const shop = `orders-${shopCounter}-${RUN}.myshopify.com`;
  await prisma.shop.create({ data: { domain: shop, currency: "USD" } });
  return shop;
}

/** A treatment chat session whose visitor added a product to the cart from chat two hours ago. */
async function aChatSessionWithAddToCart(shop: string, sessionId: string): Promise<void> {
  const twoHoursAgo = NOW.getTime() - 2 * HOUR;
  const result = await ingestBatch({
    shopDomain: shop,
    receivedAt: new Date(twoHoursAgo),
    batch: aBatch({
      sentAt: twoHoursAgo,
      events: [
        anEvent("session_started", { sessionId, occurredAt: twoHoursAgo - 60_000 }),
        anEvent("micro_conversion", { sessionId, occurredAt: twoHoursAgo }),
      ],
    }),
  });
  expect(result).toMatchObject({ status: "stored", accepted: 2 });
}

beforeEach(() => {
  freezeClock();
  vi.spyOn(console, "info").mockImplementation(() => undefined);
  vi.spyOn(console, "error").mockImplementation(() => undefined);
  resetIngestLimits();
  registerAppJobs();
});

afterAll(async () => {
  vi.useRealTimers();
  await prisma.$disconnect();
});

describe("order webhooks", () => {
  it("GIVEN the same orders/create delivered three times THEN it is recorded, processed and counted once", async () => {
    const shop = await anInstalledShop();
    const order = anOrderPayload(new Date(NOW.getTime() - HOUR));

    const statuses = [];
    for (let i = 0; i < 3; i += 1)
      statuses.push((await deliver("orders/create", order, shop, `delivery-${shop}`)).status);
    await drainJobs();

    expect(statuses).toEqual([200, 200, 200]);
    expect(await prisma.webhookDelivery.count({ where: { shopDomain: shop } })).toBe(1);
    expect(await prisma.order.count({ where: { shopDomain: shop } })).toBe(1);
    const stored = await prisma.order.findUniqueOrThrow({
      where: { id: order.admin_graphql_api_id },
      include: { lines: true },
    });
    expect(stored).toMatchObject({
      name: order.name,
      currency: "USD",
      subtotalMinor: 25592n,
      totalMinor: 27037n,
      netMinor: 25592n,
      source: "webhook",
    });
    expect(stored.lines.map((line) => [line.quantity, line.netMinor])).toEqual(
      expect.arrayContaining([
        [1, 12999n],
        [1, 8595n],
        [2, 3998n],
      ]),
    );
  });

  it("GIVEN an orders/updated older than the stored order THEN it changes nothing", async () => {
    const shop = await anInstalledShop();
    const placed = new Date(NOW.getTime() - HOUR);
    const order = anOrderPayload(placed, {
      updated_at: new Date(NOW.getTime() - 10 * 60_000).toISOString(),
      email: "new@example.com",
    });
    await deliver("orders/updated", order, shop);
    await deliver(
      "orders/updated",
      {
        ...order,
        updated_at: new Date(NOW.getTime() - 30 * 60_000).toISOString(),
        email: "old@example.com",
        cancelled_at: placed.toISOString(),
      },
      shop,
    );
    await drainJobs();

    const stored = await prisma.order.findUniqueOrThrow({ where: { id: order.admin_graphql_api_id } });
    expect(stored).toMatchObject({
      email: "new@example.com",
      cancelledAt: null,
      shopifyUpdatedAt: new Date(NOW.getTime() - 10 * 60_000),
    });
  });

  it("GIVEN an order carrying a chat session THEN it is credited with rule, model, window and a sentence; a refund reduces the credit", async () => {
    const shop = await anInstalledShop();
    await aChatSessionWithAddToCart(shop, "sess_refund_test_1");
    const order = withChatLine(
      withCartAttribute(anOrderPayload(new Date(NOW.getTime() - HOUR)), "sess_refund_test_1"),
      0,
      "sess_refund_test_1",
    );

    await deliver("orders/create", order, shop);
    await drainJobs();

    const before = await prisma.credit.findFirstOrThrow({
      where: { orderId: order.admin_graphql_api_id, model: "last_touch", windowDays: 7, role: "direct" },
    });
    expect(before).toMatchObject({
      chatSessionId: "sess_refund_test_1",
      rule: "line_item",
      amountMinor: 12999n,
      grossAmountMinor: 12999n,
      reducedBy: null,
    });
    expect(before.explanation).toMatch(/^Credited \$129\.99 because/);
    const all = await prisma.credit.findMany({
      where: { orderId: order.admin_graphql_api_id, model: "last_touch", windowDays: 7 },
    });
    expect(all.reduce((sum, credit) => sum + credit.amountMinor, 0n)).toBe(25592n); // never more than the order

    // WHEN the chat line is refunded
    const refund = aRefundPayload(order, 0, NOW, "129.99");
    expect((await deliver("refunds/create", refund, shop)).status).toBe(200);
    await drainJobs();

    // THEN its credit is zero, with the reason, and the order's net says so
    const after = await prisma.credit.findFirstOrThrow({
      where: { orderId: order.admin_graphql_api_id, model: "last_touch", windowDays: 7, role: "direct" },
    });
    expect(after).toMatchObject({ amountMinor: 0n, grossAmountMinor: 12999n, reducedBy: "refund" });
    expect(after.explanation).toMatch(/\$129\.99 before refunds/);
    expect(await prisma.order.findUniqueOrThrow({ where: { id: order.admin_graphql_api_id } })).toMatchObject({
      refundedMinor: 12999n,
      netMinor: 12593n,
    });

    // AND the same refund delivered again changes nothing
    await deliver("refunds/create", refund, shop);
    await drainJobs();
    expect(await prisma.refund.count({ where: { orderId: order.admin_graphql_api_id } })).toBe(1);
  });

  it("GIVEN an order credited by its webhook from the payload itself WHEN it is re-attributed from what is stored THEN the credits are the same", async () => {
    const shop = await anInstalledShop();
    await aChatSessionWithAddToCart(shop, "sess_same_credit_1");
    await aChatSessionWithAddToCart(shop, "sess_same_credit_2");
    const order = withChatLine(
      withCartAttribute(anOrderPayload(new Date(NOW.getTime() - HOUR)), "sess_same_credit_1"),
      1,
      "sess_same_credit_2",
    );
    await deliver("orders/create", order, shop);
    await drainJobs();
    const credits = () =>
      prisma.credit.findMany({
        where: { orderId: order.admin_graphql_api_id },
        orderBy: [{ model: "asc" }, { windowDays: "asc" }, { role: "asc" }, { chatSessionId: "asc" }],
        omit: { id: true, createdAt: true },
      });
    const fromWebhook = await credits();
    expect(fromWebhook.length).toBeGreaterThan(0);

    await attributeStoredOrder(order.admin_graphql_api_id);

    expect(await credits()).toEqual(fromWebhook);
  });

  it("GIVEN a logged-in customer who got a code in chat THEN their order is credited by the discount-code rule, found without any link on the order", async () => {
    const shop = await anInstalledShop();
    const twoHoursAgo = NOW.getTime() - 2 * HOUR;
    await ingestBatch({
      shopDomain: shop,
      loggedInCustomerId: "1073339475",
      receivedAt: new Date(twoHoursAgo),
      batch: aBatch({
        sentAt: twoHoursAgo,
        events: [
          anEvent("micro_conversion", {
            sessionId: "sess_coupon_test",
            kind: "coupon_applied",
            code: "chat10",
            occurredAt: twoHoursAgo,
          }),
        ],
      }),
    });
    const order = anOrderPayload(new Date(NOW.getTime() - HOUR), {
      customer: { id: 1073339475, admin_graphql_api_id: "gid://shopify/Customer/1073339475" },
      discount_codes: [{ code: "CHAT10", amount: "5.00", type: "fixed_amount" }],
    });

    await deliver("orders/create", order, shop);
    await drainJobs();

    const credit = await prisma.credit.findFirstOrThrow({
      where: { orderId: order.admin_graphql_api_id, model: "last_touch", windowDays: 7 },
    });
    expect(credit).toMatchObject({
      chatSessionId: "sess_coupon_test",
      rule: "discount_code",
      role: "assisted",
      confidence: 0.75,
      amountMinor: 25592n,
      arm: "treatment",
    });
    expect(credit.explanation).toContain("CHAT10");
  });

  it("GIVEN an order from a holdout session THEN it earns no credit", async () => {
    const shop = await anInstalledShop();
    const twoHoursAgo = NOW.getTime() - 2 * HOUR;
    await ingestBatch({
      shopDomain: shop,
      receivedAt: new Date(twoHoursAgo),
      batch: aBatch({
        arm: "holdout",
        sentAt: twoHoursAgo,
        events: [anEvent("micro_conversion", { sessionId: "sess_holdout_01", occurredAt: twoHoursAgo })],
      }),
    });
    const order = withCartAttribute(anOrderPayload(new Date(NOW.getTime() - HOUR)), "sess_holdout_01", "h");
    await deliver("orders/create", order, shop);
    await drainJobs();
    expect(await prisma.credit.count({ where: { orderId: order.admin_graphql_api_id } })).toBe(0);
    expect(await prisma.order.findUniqueOrThrow({ where: { id: order.admin_graphql_api_id } })).toMatchObject({
      arm: "holdout",
      attributedAt: NOW,
    });
  });

  it("GIVEN orders/cancelled THEN every credit of the order drops to zero, kept for the audit trail", async () => {
    const shop = await anInstalledShop();
    await aChatSessionWithAddToCart(shop, "sess_cancel_test_1");
    const order = withCartAttribute(anOrderPayload(new Date(NOW.getTime() - HOUR)), "sess_cancel_test_1");
    await deliver("orders/create", order, shop);
    await deliver(
      "orders/cancelled",
      { ...order, updated_at: NOW.toISOString(), cancelled_at: NOW.toISOString() },
      shop,
    );
    await drainJobs();

    const credits = await prisma.credit.findMany({ where: { orderId: order.admin_graphql_api_id } });
    expect(credits.length).toBeGreaterThan(0);
    expect(credits.every((credit) => credit.amountMinor === 0n && credit.reducedBy === "cancellation")).toBe(true);
    expect(credits[0]?.explanation).toMatch(/^No credit: the order was cancelled/);
  });

  it("GIVEN a refund delivered before its order THEN it is kept and counted once the order arrives", async () => {
    const shop = await anInstalledShop();
    const order = anOrderPayload(new Date(NOW.getTime() - HOUR));
    await deliver("refunds/create", aRefundPayload(order, 1, NOW, "85.95"), shop);
    await drainJobs();
    await deliver("orders/create", order, shop);
    await drainJobs();
    expect(await prisma.order.findUniqueOrThrow({ where: { id: order.admin_graphql_api_id } })).toMatchObject({
      refundedMinor: 8595n,
      netMinor: 16997n,
    });
  });

  it("GIVEN ids beyond 2^53 without gids THEN they are stored exactly", async () => {
    const shop = await anInstalledShop();
    const order = anOrderPayload(new Date(NOW.getTime() - HOUR));
    delete (order as Record<string, unknown>).admin_graphql_api_id;
    const raw = JSON.stringify({ ...order, id: 0 }).replace('"id":0', '"id":12345678901234567891');
    const signed = signedWebhookRequest("/webhooks/orders/create", { topic: "orders/create", payload: {}, shop });
    const headers = new Headers(signed.headers);
    headers.set("X-Shopify-Hmac-Sha256", shopifyHmac(raw));

    const response = await deliverRequest(
      "orders/create",
      new Request(signed.url, { method: "POST", headers, body: raw }),
    );
    await drainJobs();

    expect(response.status).toBe(200);
    expect(await prisma.order.findUnique({ where: { id: "gid://shopify/Order/12345678901234567891" } })).not.toBeNull();
  });

  it("GIVEN a body signed with another secret THEN it answers 401 and records nothing", async () => {
    const shop = await anInstalledShop();
    const request = signedWebhookRequest("/webhooks/orders/create", {
      topic: "orders/create",
      payload: anOrderPayload(NOW),
      shop,
      secret: "wrong",
    });
    expect((await deliverRequest("orders/create", request)).status).toBe(401);
    expect(await prisma.webhookDelivery.count({ where: { shopDomain: shop } })).toBe(0);
  });

  it("GIVEN a really signed orders/create for a shop that never installed ChatLift THEN it answers 200 and stores nothing", async () => {
    const shop = `never-installed-${RUN}.myshopify.com`;
    const order = anOrderPayload(new Date(NOW.getTime() - HOUR));

    const response = await deliver("orders/create", order, shop);

    expect(response.status).toBe(200);
    expect(await prisma.webhookDelivery.count({ where: { shopDomain: shop } })).toBe(0);
    expect(await prisma.job.count({ where: { payload: { contains: shop } } })).toBe(0);
    expect(await prisma.order.count({ where: { shopDomain: shop } })).toBe(0);
  });

  it("GIVEN a shop that uninstalled ChatLift THEN its order webhooks are answered 200 and store nothing", async () => {
    const shop = await anInstalledShop();
    await prisma.shop.update({ where: { domain: shop }, data: { uninstalledAt: new Date(NOW.getTime() - HOUR) } });

    const order = anOrderPayload(new Date(NOW.getTime() - 2 * HOUR));
    const response = await deliver(
      "refunds/create",
      aRefundPayload(order, 0, new Date(NOW.getTime() - HOUR), "10.00"),
      shop,
    );

    expect(response.status).toBe(200);
    expect(await prisma.webhookDelivery.count({ where: { shopDomain: shop } })).toBe(0);
    expect(await prisma.job.count({ where: { payload: { contains: shop } } })).toBe(0);
  });

  it("GIVEN a payload that cannot be read THEN the delivery is acknowledged and its job parked with the error, body kept", async () => {
    const shop = await anInstalledShop();
    await deliver("orders/create", { id: 1, name: "#1" }, shop);
    const job = await prisma.job.findFirstOrThrow({ where: { payload: { contains: shop } } });
    await prisma.job.update({ where: { id: job.id }, data: { maxAttempts: 1 } });
    await drainJobs();
    const parked = await prisma.job.findUniqueOrThrow({ where: { id: job.id } });
    expect(parked.status).toBe("parked");
    expect(parked.lastError).toMatch(/created_at/);
    expect(JSON.parse(parked.payload)).toMatchObject({ body: { id: 1, name: "#1" } });
  });
});
