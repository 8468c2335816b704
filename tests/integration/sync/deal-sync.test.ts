/** Credited orders → deal jobs in the credits' transaction → one deal per order in HubSpot. */
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import prisma from "../../../app/db.server";
import { attributeStoredOrder } from "../../../app/attribution/attribute-order.server";
import { ingestBatch, resetIngestLimits } from "../../../app/capture/ingest.server";
import { connectWithStaticToken } from "../../../app/sync/connection.server";
import { registerHubSpotJobs } from "../../../app/sync/jobs.server";
import { DEAL_JOB } from "../../../app/sync/outbox.server";
import { drainJobs } from "../../../app/platform/jobs/runner.server";
import {
  orderFromPayload,
  orderPayloadSchema,
  refundFromPayload,
  refundPayloadSchema,
} from "../../../app/attribution/orders/order-payload";
import { saveOrder, saveRefund } from "../../../app/attribution/orders/orders.server";
import { startHubSpotSandbox, type HubSpotSandbox } from "../../../sandbox/hubspot";
import { aBatch, anEvent } from "../../support/builders/events";
import { aRefundPayload, anOrderPayload, withCartAttribute } from "../../../sandbox/shopify/order-payloads";
import { aLeadRow, storeLeadsWithJobs, useTestEncryptionKey } from "../../support/builders/lead-rows";
import { HOUR } from "../../support/clock";

const CREATE = "/crm/objects/2026-03/deals/batch/create";
let sandbox: HubSpotSandbox;
let shopCounter = 0;

beforeEach(async () => {
  useTestEncryptionKey();
  resetIngestLimits();
  sandbox = await startHubSpotSandbox({ tenSecondLimit: 100, windowMs: 1000 });
  process.env.HUBSPOT_API_BASE = sandbox.url;
  registerHubSpotJobs();
  vi.spyOn(console, "error").mockImplementation(() => undefined);
});
afterEach(() => sandbox.close());
afterAll(() => prisma.$disconnect());

/** A connected shop whose order came from a chat session, and whose shopper is a synced contact. */
async function aCreditedOrder(connected = true) {
  shopCounter += 1;
  const shop = `deals-${process.pid}-${shopCounter}.myshopify.com`;
  await prisma.shop.create({ data: { domain: shop } });
  if (connected) await connectWithStaticToken(shop, "pat-sandbox");
  const sessionId = `sess_deal_${shopCounter}`;
  const touchAt = Date.now() - 2 * HOUR;
  await ingestBatch({
    shopDomain: shop,
    receivedAt: new Date(touchAt),
    batch: aBatch({
      visitorId: `visitor_deal_${shopCounter}`,
      sentAt: touchAt,
      events: [anEvent("micro_conversion", { sessionId, occurredAt: touchAt })],
    }),
  });
  const placedAt = new Date(Date.now() - HOUR);
  const payload = withCartAttribute(
    anOrderPayload(placedAt, { email: "ada@example.com", contact_email: "ada@example.com" }),
    sessionId,
  );
  await saveOrder(shop, orderFromPayload(orderPayloadSchema.parse(payload)), "webhook");
  const order = await prisma.order.findUniqueOrThrow({ where: { id: payload.admin_graphql_api_id } });
  await storeLeadsWithJobs(shop, [aLeadRow(shop, 1, { email: "ada@example.com" })]);
  return { shop, order, placedAt, payload };
}

describe("deals for credited orders", () => {
  it("GIVEN a credited order of a connected shop WHEN it is attributed and the worker runs THEN HubSpot receives one deal with its amount, stage and contact", async () => {
    const { shop, order, placedAt } = await aCreditedOrder();

    await attributeStoredOrder(order.id);
    await drainJobs();

    const credited = await prisma.credit.aggregate({
      where: { orderId: order.id, model: "last_touch", windowDays: 7 },
      _sum: { amountMinor: true },
    });
    const lead = await prisma.lead.findFirstOrThrow({ where: { shopDomain: shop } });
    expect(lead.hubspotContactId).toBeTruthy();
    expect(sandbox.requestsTo("POST", CREATE).map((request) => request.body)).toEqual([
      {
        inputs: [
          {
            properties: {
              dealname: `Shopify order ${order.name}`,
              amount: (Number(credited._sum.amountMinor) / 100).toFixed(2),
              deal_currency_code: order.currency,
              pipeline: "default",
              dealstage: "closedwon",
              closedate: placedAt.toISOString(),
              chatlift_credit_rule: "cart_attribute",
              chatlift_order_id: order.id,
            },
            associations: [
              {
                to: { id: lead.hubspotContactId },
                types: [{ associationCategory: "HUBSPOT_DEFINED", associationTypeId: 3 }],
              },
            ],
            objectWriteTraceId: "0",
          },
        ],
      },
    ]);
    expect(Number(credited._sum.amountMinor)).toBeGreaterThan(0);
    expect(
      (await prisma.job.findMany({ where: { kind: DEAL_JOB, shopDomain: shop } })).map((job) => job.status),
    ).toEqual(["done"]);
  });

  it("GIVEN an order attributed again after its deal was created THEN the second job finds the deal and creates none", async () => {
    const { shop, order } = await aCreditedOrder();
    await attributeStoredOrder(order.id);
    await drainJobs();

    await attributeStoredOrder(order.id);
    await drainJobs();

    expect(sandbox.requestsTo("POST", CREATE)).toHaveLength(1);
    expect(sandbox.state.deals.size).toBe(1);
    expect(
      (await prisma.job.findMany({ where: { kind: DEAL_JOB, shopDomain: shop } })).map((job) => job.status),
    ).toEqual(["done", "done"]);
  });

  it("GIVEN a deal in HubSpot WHEN a line of its order is refunded and the order attributed again THEN the deal's amount drops to the new credit, and nothing else is created", async () => {
    const { shop, order, payload } = await aCreditedOrder();
    await attributeStoredOrder(order.id);
    await drainJobs();
    const [deal] = [...sandbox.state.deals.values()];
    const before = deal?.properties.amount;

    const refund = refundPayloadSchema.parse(
      aRefundPayload(payload, 0, new Date(), String(payload.line_items[0]?.price)),
    );
    await saveRefund(shop, refundFromPayload(refund, order.currency));
    await attributeStoredOrder(order.id);
    await drainJobs();

    const credited = await prisma.credit.aggregate({
      where: { orderId: order.id, model: "last_touch", windowDays: 7 },
      _sum: { amountMinor: true },
    });
    const amount = (Math.max(0, Number(credited._sum.amountMinor)) / 100).toFixed(2);
    expect(Number(amount)).toBeLessThan(Number(before));
    expect(
      sandbox.requestsTo("POST", "/crm/objects/2026-03/deals/batch/update").map((request) => request.body),
    ).toEqual([
      {
        inputs: [
          { id: deal?.id, properties: { amount, chatlift_credit_rule: "cart_attribute" }, objectWriteTraceId: "0" },
        ],
      },
    ]);
    expect(sandbox.state.deals.get(deal?.id as string)?.properties.amount).toBe(amount);
    expect(sandbox.requestsTo("POST", CREATE)).toHaveLength(1);
    expect(
      (await prisma.job.findMany({ where: { kind: DEAL_JOB, shopDomain: shop } })).every(
        (job) => job.status === "done",
      ),
    ).toBe(true);
  });

  it("GIVEN a shop not connected to HubSpot THEN attribution queues no deal job", async () => {
    const { shop, order } = await aCreditedOrder(false);

    await attributeStoredOrder(order.id);

    expect(await prisma.credit.count({ where: { orderId: order.id } })).toBeGreaterThan(0);
    expect(await prisma.job.count({ where: { kind: DEAL_JOB, shopDomain: shop } })).toBe(0);
  });
});

describe("deals in a currency the portal may not have", () => {
  const jobStatuses = async (shop: string) =>
    (await prisma.job.findMany({ where: { kind: DEAL_JOB, shopDomain: shop } })).map((job) => job.status);

  it("GIVEN a GBP portal with USD as an additional currency THEN a USD order's deal carries USD", async () => {
    sandbox.account.currency = "GBP";
    sandbox.account.additionalCurrencies = ["USD"];
    const { shop, order } = await aCreditedOrder();

    await attributeStoredOrder(order.id);
    await drainJobs();

    const connection = await prisma.hubSpotConnection.findUniqueOrThrow({ where: { shopDomain: shop } });
    expect(connection.portalCurrencies).toBe("GBP USD");
    const sent = sandbox.requestsTo("POST", CREATE)[0]?.body as {
      inputs: Array<{ properties: Record<string, string> }>;
    };
    expect(sent.inputs[0]?.properties.deal_currency_code).toBe("USD");
    expect(await jobStatuses(shop)).toEqual(["done"]);
  });

  it("GIVEN a USD shop on an EUR-only portal THEN the deal goes without a currency code, its name keeping the order's amount and currency, and nothing is parked", async () => {
    sandbox.account.currency = "EUR";
    const { shop, order } = await aCreditedOrder();

    await attributeStoredOrder(order.id);
    await drainJobs();

    const credited = await prisma.credit.aggregate({
      where: { orderId: order.id, model: "last_touch", windowDays: 7 },
      _sum: { amountMinor: true },
    });
    const amount = (Number(credited._sum.amountMinor) / 100).toFixed(2);
    const sent = sandbox.requestsTo("POST", CREATE)[0]?.body as {
      inputs: Array<{ properties: Record<string, string> }>;
    };
    expect(sent.inputs[0]?.properties).toEqual({
      dealname: `Shopify order ${order.name} (${amount} USD)`,
      amount,
      pipeline: "default",
      dealstage: "closedwon",
      closedate: expect.any(String),
      chatlift_credit_rule: "cart_attribute",
      chatlift_order_id: order.id,
    });
    expect(sandbox.state.deals.size).toBe(1);
    expect(await jobStatuses(shop)).toEqual(["done"]);
  });

  it("GIVEN a USD shop on an EUR-only portal whose merchant chose to skip such deals THEN no deal is sent and the job is done", async () => {
    sandbox.account.currency = "EUR";
    const { shop, order } = await aCreditedOrder();
    await prisma.hubSpotConnection.update({ where: { shopDomain: shop }, data: { dealOtherCurrency: "skip" } });

    await attributeStoredOrder(order.id);
    await drainJobs();

    expect(sandbox.requestsTo("POST", CREATE)).toEqual([]);
    expect(await jobStatuses(shop)).toEqual(["done"]);
  });

  it("GIVEN a deal whose currency the portal lacks THEN the sandbox refuses it as HubSpot does (INVALID_OPTION)", async () => {
    sandbox.account.currency = "EUR";
    const response = await fetch(`${sandbox.url}${CREATE}`, {
      method: "POST",
      headers: { authorization: "Bearer pat-sandbox", "content-type": "application/json" },
      body: JSON.stringify({
        inputs: [{ properties: { dealname: "x", deal_currency_code: "USD" }, associations: [] }],
      }),
    });
    expect(response.status).toBe(400);
    expect(JSON.stringify(await response.json())).toMatch(/USD.*was not one of the allowed options: \[EUR\]/);
  });
});
