/**
 * Deals or HubSpot orders (#15): a credited order's credit goes onto the order HubSpot's Shopify sync made,
 * a deal, or both, as the merchant chose; through the strict sandbox (scopes, spec-required search fields).
 */
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import prisma from "../../../app/db.server";
import { attributeStoredOrder } from "../../../app/attribution/attribute-order.server";
import { ingestBatch, resetIngestLimits } from "../../../app/capture/ingest.server";
import { connectWithStaticToken } from "../../../app/sync/connection.server";
import { registerHubSpotJobs } from "../../../app/sync/jobs.server";
import { DEAL_JOB } from "../../../app/sync/outbox.server";
import { drainJobs } from "../../../app/platform/jobs/runner.server";
import { ORDER_SYNC_WAIT_MS, type CreditRecord } from "../../../app/sync/order-credits";
import { readHubSpotPage, runHubSpotRequest } from "../../../app/admin/hubspot/hubspot-page.server";
import {
  orderFromPayload,
  orderPayloadSchema,
  refundFromPayload,
  refundPayloadSchema,
} from "../../../app/attribution/orders/order-payload";
import { saveOrder, saveRefund } from "../../../app/attribution/orders/orders.server";
import { startHubSpotSandbox, type HubSpotSandbox, type SandboxOptions } from "../../../sandbox/hubspot";
import { ordersOf, seedSyncedOrder } from "../../../sandbox/hubspot/order-store";
import { ORDER_SCOPES } from "../../../sandbox/hubspot/scopes";
import { aBatch, anEvent } from "../../support/builders/events";
import { aRefundPayload, anOrderPayload, withCartAttribute } from "../../../sandbox/shopify/order-payloads";
import { aLeadRow, storeLeadsWithJobs, useTestEncryptionKey } from "../../support/builders/lead-rows";
import { HOUR, MINUTE } from "../../support/clock";

const SEARCH = "/crm/objects/2026-03/orders/search";
const UPDATE = "/crm/objects/2026-03/orders/batch/update";
let sandbox: HubSpotSandbox;
let shopCounter = 0;

async function startSandbox(options: SandboxOptions = {}) {
  sandbox = await startHubSpotSandbox({ tenSecondLimit: 100, windowMs: 1000, ...options });
  process.env.HUBSPOT_API_BASE = sandbox.url;
}

beforeEach(() => {
  useTestEncryptionKey();
  resetIngestLimits();
  registerHubSpotJobs();
  vi.spyOn(console, "error").mockImplementation(() => undefined);
});
afterEach(() => sandbox.close());
afterAll(() => prisma.$disconnect());

/** Requests to any version of an endpoint (the deal and association paths move to date-based versions). */
const requestsMatching = (method: string, pattern: RegExp) =>
  sandbox.requests.filter((request) => request.method === method && pattern.test(request.path));
const OBJECTS = String.raw`/crm/(?:v3/objects|objects/\d{4}-\d{2})`;
const dealCreates = () => requestsMatching("POST", new RegExp(`^${OBJECTS}/deals/batch/create$`));
/** Any call on HubSpot orders themselves (not their properties). */
const orderCalls = () => requestsMatching("POST", new RegExp(`^${OBJECTS}/orders/`));
const jobsOf = (shop: string) => prisma.job.findMany({ where: { kind: DEAL_JOB, shopDomain: shop } });

/** A connected shop (credit record as given) whose order came from a chat, its shopper a synced contact. */
async function aCreditedOrder(record: CreditRecord) {
  shopCounter += 1;
  const shop = `orders-${process.pid}-${shopCounter}.myshopify.com`;
  await prisma.shop.create({ data: { domain: shop } });
  await connectWithStaticToken(shop, "pat-sandbox");
  await prisma.hubSpotConnection.update({ where: { shopDomain: shop }, data: { creditRecord: record } });
  const sessionId = `sess_order_${shopCounter}`;
  const touchAt = Date.now() - 2 * HOUR;
  await ingestBatch({
    shopDomain: shop,
    receivedAt: new Date(touchAt),
    batch: aBatch({
      visitorId: `visitor_order_${shopCounter}`,
      sentAt: touchAt,
      events: [anEvent("micro_conversion", { sessionId, occurredAt: touchAt })],
    }),
  });
  const payload = withCartAttribute(
    anOrderPayload(new Date(Date.now() - HOUR), { email: "ada@example.com", contact_email: "ada@example.com" }),
    sessionId,
  );
  await saveOrder(shop, orderFromPayload(orderPayloadSchema.parse(payload)), "webhook");
  const order = await prisma.order.findUniqueOrThrow({ where: { id: payload.admin_graphql_api_id } });
  await storeLeadsWithJobs(shop, [aLeadRow(shop, 1, { email: "ada@example.com" })]);
  return { shop, order, payload };
}

/** HubSpot's Shopify sync made an order for it (hs_external_order_id: Shopify's numeric order id). */
const syncOrder = (payload: Record<string, unknown>) =>
  seedSyncedOrder(sandbox.state, {
    externalOrderId: String(payload.id),
    name: String(payload.name),
    total: "100.00",
    currency: "USD",
  });

async function creditedAmount(orderId: string): Promise<string> {
  const credited = await prisma.credit.aggregate({
    where: { orderId, model: "last_touch", windowDays: 7 },
    _sum: { amountMinor: true },
  });
  return (Math.max(0, Number(credited._sum.amountMinor)) / 100).toFixed(2);
}

describe("HubSpot orders on a portal running HubSpot's Shopify sync", () => {
  it("GIVEN orders chosen and a synced HubSpot order WHEN the order is credited THEN the order gets ChatLift's credit and the contact, and no deal is made", async () => {
    await startSandbox();
    const { shop, order, payload } = await aCreditedOrder("orders");
    const hubspotOrderId = syncOrder(payload);

    await attributeStoredOrder(order.id);
    await drainJobs();

    const amount = await creditedAmount(order.id);
    const lead = await prisma.lead.findFirstOrThrow({ where: { shopDomain: shop } });
    expect(sandbox.requestsTo("POST", SEARCH).map((request) => request.body)).toEqual([
      {
        filterGroups: [
          {
            filters: [{ propertyName: "hs_external_order_id", operator: "IN", values: [order.id, String(payload.id)] }],
          },
        ],
        properties: ["hs_external_order_id"],
        sorts: [],
        limit: 100,
        after: "0",
      },
    ]);
    expect(sandbox.requestsTo("POST", UPDATE).map((request) => request.body)).toEqual([
      {
        inputs: [
          {
            id: hubspotOrderId,
            properties: {
              chatlift_credited_amount: amount,
              chatlift_credit_rule: "cart_attribute",
              chatlift_credit_model: "last_touch",
              chatlift_credit_window_days: "7",
            },
            objectWriteTraceId: "0",
          },
        ],
      },
    ]);
    expect(requestsMatching("POST", /\/orders\/contacts\/batch\/associate\/default$/).map((r) => r.body)).toEqual([
      { inputs: [{ from: { id: hubspotOrderId }, to: { id: lead.hubspotContactId } }] },
    ]);
    expect(sandbox.state.associations).toContainEqual({
      fromType: "orders",
      fromId: hubspotOrderId,
      toType: "contacts",
      toId: lead.hubspotContactId,
      typeId: 507,
    });
    expect(ordersOf(sandbox.state).get(hubspotOrderId)?.properties.chatlift_credited_amount).toBe(amount);
    expect(Number(amount)).toBeGreaterThan(0);
    expect(dealCreates()).toEqual([]);
    expect(sandbox.state.deals.size).toBe(0);
    expect((await jobsOf(shop)).map((job) => job.status)).toEqual(["done"]);
  });

  it("GIVEN orders chosen WHEN a line is refunded and the order attributed again THEN the HubSpot order's credited amount drops to the new credit", async () => {
    await startSandbox();
    const { shop, order, payload } = await aCreditedOrder("orders");
    const hubspotOrderId = syncOrder(payload);
    await attributeStoredOrder(order.id);
    await drainJobs();
    const before = await creditedAmount(order.id);

    const refund = refundPayloadSchema.parse(
      aRefundPayload(payload, 0, new Date(), String(payload.line_items[0]?.price)),
    );
    await saveRefund(shop, refundFromPayload(refund, order.currency));
    await attributeStoredOrder(order.id);
    await drainJobs();

    const after = await creditedAmount(order.id);
    expect(Number(after)).toBeLessThan(Number(before));
    const updates = sandbox.requestsTo("POST", UPDATE).map((request) => request.body);
    expect(updates).toHaveLength(2);
    expect(updates[1]).toEqual({
      inputs: [
        {
          id: hubspotOrderId,
          properties: {
            chatlift_credited_amount: after,
            chatlift_credit_rule: "cart_attribute",
            chatlift_credit_model: "last_touch",
            chatlift_credit_window_days: "7",
          },
          objectWriteTraceId: "0",
        },
      ],
    });
    expect(ordersOf(sandbox.state).get(hubspotOrderId)?.properties.chatlift_credited_amount).toBe(after);
    expect(dealCreates()).toEqual([]);
  });

  it("GIVEN both chosen and a synced order THEN the order gets the credit and a deal is made too", async () => {
    await startSandbox();
    const { shop, order, payload } = await aCreditedOrder("both");
    const hubspotOrderId = syncOrder(payload);

    await attributeStoredOrder(order.id);
    await drainJobs();

    expect(ordersOf(sandbox.state).get(hubspotOrderId)?.properties.chatlift_credited_amount).toBe(
      await creditedAmount(order.id),
    );
    expect(dealCreates()).toHaveLength(1);
    expect([...sandbox.state.deals.values()][0]?.properties.chatlift_order_id).toBe(order.id);
    expect((await jobsOf(shop)).map((job) => job.status)).toEqual(["done"]);
  });

  it("GIVEN the order scopes granted WHEN the shop connects THEN ChatLift's order properties are created in its group", async () => {
    await startSandbox();
    await aCreditedOrder("deals");

    const created = requestsMatching("POST", /\/properties\/(\d{4}-\d{2}\/)?orders\/batch\/create$/);
    expect(
      created.flatMap((request) => (request.body as { inputs: Array<{ name: string }> }).inputs.map((p) => p.name)),
    ).toEqual([
      "chatlift_credited_amount",
      "chatlift_credit_rule",
      "chatlift_credit_model",
      "chatlift_credit_window_days",
    ]);
  });
});

describe("a portal without synced orders", () => {
  it("GIVEN deals (the default) THEN a deal is made as before and HubSpot's orders are never asked", async () => {
    await startSandbox();
    const { shop, order } = await aCreditedOrder("deals");

    await attributeStoredOrder(order.id);
    await drainJobs();

    expect(dealCreates()).toHaveLength(1);
    expect(orderCalls()).toEqual([]);
    expect((await jobsOf(shop)).map((job) => job.status)).toEqual(["done"]);
  });

  it("GIVEN orders chosen and no synced order THEN the job waits without a deal, writes the order once HubSpot's sync brings it, and still makes no deal", async () => {
    await startSandbox();
    const { shop, order, payload } = await aCreditedOrder("orders");

    await attributeStoredOrder(order.id);
    await drainJobs();

    const [waiting] = await jobsOf(shop);
    expect(waiting).toMatchObject({ status: "queued", attempts: 0 });
    expect(waiting?.runAt.getTime()).toBeGreaterThan(Date.now() + 10 * MINUTE);
    expect(dealCreates()).toEqual([]);
    expect(sandbox.requestsTo("POST", UPDATE)).toEqual([]);

    const hubspotOrderId = syncOrder(payload);
    await drainJobs({ now: () => new Date(Date.now() + 16 * MINUTE) });

    expect(ordersOf(sandbox.state).get(hubspotOrderId)?.properties.chatlift_credited_amount).toBe(
      await creditedAmount(order.id),
    );
    expect(dealCreates()).toEqual([]);
    expect((await jobsOf(shop)).map((job) => job.status)).toEqual(["done"]);
  });

  it("GIVEN orders chosen and HubSpot still without the order a day after it was placed THEN a deal is made, so the credit is not lost", async () => {
    await startSandbox();
    const { shop, order } = await aCreditedOrder("orders");
    await attributeStoredOrder(order.id);
    await drainJobs();
    expect(dealCreates()).toEqual([]);

    await prisma.order.update({
      where: { id: order.id },
      data: { placedAt: new Date(Date.now() - ORDER_SYNC_WAIT_MS - HOUR) },
    });
    await drainJobs({ now: () => new Date(Date.now() + 16 * MINUTE) });

    expect(dealCreates()).toHaveLength(1);
    expect((await jobsOf(shop)).map((job) => job.status)).toEqual(["done"]);
  });
});

describe("a token without the order scopes", () => {
  it("GIVEN the scopes withheld THEN orders cannot be chosen, the page says why, and connect made no order properties", async () => {
    await startSandbox({ withheldScopes: ORDER_SCOPES });
    const { shop } = await aCreditedOrder("deals");

    const outcome = await runHubSpotRequest(shop, { intent: "credit_record", record: "orders" }, "https://app.example");

    expect(outcome).toEqual({
      kind: "failed",
      message: expect.stringMatching(
        /HubSpot orders cannot be used yet: the HubSpot token lacks crm\.objects\.orders\.read/,
      ),
    });
    const page = await readHubSpotPage(shop);
    expect(page.connection?.creditRecord).toMatchObject({ record: "deals", ordersAvailable: false });
    expect(
      sandbox.requests.filter((request) => /\/properties\/(\d{4}-\d{2}\/)?orders(\/|$)/.test(request.path)),
    ).toEqual([]);
  });

  it("GIVEN orders chosen while the token lost the scopes THEN the job parks with the reason and asks HubSpot nothing about orders", async () => {
    await startSandbox({ withheldScopes: ORDER_SCOPES });
    const { shop, order } = await aCreditedOrder("orders");

    await attributeStoredOrder(order.id);
    await drainJobs();

    const [parked] = await jobsOf(shop);
    expect(parked?.status).toBe("parked");
    expect(parked?.lastError).toMatch(/HubSpot orders are chosen.*lacks crm\.objects\.orders\.read.*choose deals/);
    expect(orderCalls()).toEqual([]);
    expect(dealCreates()).toEqual([]);
    expect((await readHubSpotPage(shop)).connection?.creditRecord.note).toMatch(/credited orders are parked/);
  });

  it("GIVEN both chosen while the token lacks the scopes THEN the deal is still made and orders are skipped", async () => {
    await startSandbox({ withheldScopes: ORDER_SCOPES });
    const { shop, order } = await aCreditedOrder("both");

    await attributeStoredOrder(order.id);
    await drainJobs();

    expect(dealCreates()).toHaveLength(1);
    expect(orderCalls()).toEqual([]);
    expect((await jobsOf(shop)).map((job) => job.status)).toEqual(["done"]);
  });
});
