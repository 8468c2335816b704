/**
 * customers/redact through its route, with really signed deliveries, for what it once missed: a
 * 19-digit customer id (rounded by JSON.parse), an order under an older email named only in
 * `orders_to_redact`, and webhook bodies kept in job payloads (parked ones for ever, finished ones
 * for a week). Processed webhook jobs keep no body at all.
 */
import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";
import prisma from "../../../app/db.server";
import { action as customersRedact } from "../../../app/routes/webhooks.customers.redact";
import { action as ordersCreate } from "../../../app/routes/webhooks.orders.create";
import { registerAppJobs } from "../../../app/jobs.server";
import { drainJobs } from "../../../app/platform/jobs/runner.server";
import { retryParkedJob } from "../../../app/platform/jobs/queue.server";
import { ORDER_WEBHOOK_JOB } from "../../../app/attribution/orders/order-webhooks.server";
import { signedWebhookRequest } from "../../support/http/signed-requests";
import { responseOf, routeArgs } from "../../support/http/responses";
import { freezeClock, NOW } from "../../support/clock";
import {
  aCustomersRedactBody,
  aSubject,
  anOrderBodyOf,
  customerGidOf,
  marksOf,
  type Subject,
} from "./redaction-subject";

let shops = 0;
async function aShop(): Promise<string> {
  shops += 1;
  const domain = `redact-${shops}-${Date.now()}.myshopify.com`;
  await prisma.shop.create({ data: { domain, currency: "USD" } });
  return domain;
}

function redact(shop: string, rawBody: string): Promise<Response> {
  return responseOf(
    customersRedact(
      routeArgs(
        signedWebhookRequest("/webhooks/customers/redact", { topic: "customers/redact", payload: null, rawBody, shop }),
      ),
    ),
  );
}

const aSession = (shop: string, id: string, fields: { customerId?: string; email?: string }) =>
  prisma.chatSession.create({
    data: {
      shopDomain: shop,
      id,
      visitorId: `visitor-${id}`,
      arm: "treatment",
      startedAt: NOW,
      lastSeenAt: NOW,
      ...fields,
    },
  });

const anOrder = (shop: string, id: string, fields: { customerId?: string; email?: string }) =>
  prisma.order.create({
    data: {
      id: `gid://shopify/Order/${id}`,
      shopDomain: shop,
      name: `#${id.slice(-4)}`,
      placedAt: NOW,
      shopifyUpdatedAt: NOW,
      currency: "USD",
      totalMinor: 2500n,
      subtotalMinor: 2500n,
      netMinor: 2500n,
      source: "webhook",
      ...fields,
    },
  });

function holdsTrace(text: string, subject: Subject): boolean {
  return marksOf(subject).some((mark) => text.toLowerCase().includes(mark));
}

beforeEach(() => {
  freezeClock();
  vi.spyOn(console, "info").mockImplementation(() => undefined);
  vi.spyOn(console, "warn").mockImplementation(() => undefined);
});

afterAll(async () => {
  vi.useRealTimers();
  await prisma.$disconnect();
});

describe("customers/redact", () => {
  it("GIVEN a logged-in session of a customer with a 19-digit id WHEN Shopify redacts them THEN that session goes", async () => {
    const shop = await aShop();
    const subject = aSubject();
    await aSession(shop, "sess-19", { customerId: customerGidOf(subject) });
    // A neighbour the rounded id would have named instead.
    const rounded = String(Number(subject.customerId));
    expect(rounded).not.toBe(subject.customerId);

    const response = await redact(shop, aCustomersRedactBody(subject));

    expect(response.status).toBe(200);
    expect(await prisma.chatSession.count({ where: { shopDomain: shop } })).toBe(0);
  });

  it("GIVEN an order placed under the customer's older email WHEN orders_to_redact names it THEN it is stripped, and that email's chat data goes", async () => {
    const shop = await aShop();
    const subject = aSubject();
    await anOrder(shop, "9100000000000000001", { customerId: customerGidOf(subject), email: subject.email });
    await anOrder(shop, "9100000000000000002", { email: subject.oldEmail });
    await anOrder(shop, "9100000000000000003", { email: "someone.else@example.org" });
    await aSession(shop, "sess-old-email", { email: subject.oldEmail });

    const response = await redact(shop, aCustomersRedactBody(subject, ["9100000000000000002"]));

    expect(response.status).toBe(200);
    const orders = await prisma.order.findMany({
      where: { shopDomain: shop },
      orderBy: { id: "asc" },
      select: { email: true, customerId: true },
    });
    expect(orders).toEqual([
      { email: null, customerId: null },
      { email: null, customerId: null },
      { email: "someone.else@example.org", customerId: null },
    ]);
    expect(await prisma.chatSession.count({ where: { shopDomain: shop } })).toBe(0);
  });

  it("GIVEN a parked order webhook job holding the customer's order WHEN they are redacted THEN its body keeps no trace of them AND a retry still stores the order, stripped", async () => {
    const shop = await aShop();
    const subject = aSubject();
    const body = anOrderBodyOf(subject, "9200000000000000001");
    const parked = await prisma.job.create({
      data: {
        kind: ORDER_WEBHOOK_JOB,
        shopDomain: shop,
        status: "parked",
        attempts: 8,
        payload: JSON.stringify({ shopDomain: shop, topic: "orders/create", webhookId: "wh-parked", body }),
        lastError: `refused for ${subject.email}`,
      },
    });
    const other = await prisma.job.create({
      data: {
        kind: ORDER_WEBHOOK_JOB,
        shopDomain: shop,
        status: "parked",
        payload: JSON.stringify({
          shopDomain: shop,
          topic: "orders/create",
          webhookId: "wh-other",
          body: { id: 1, email: "other@example.org" },
        }),
      },
    });

    expect((await redact(shop, aCustomersRedactBody(subject))).status).toBe(200);

    const after = await prisma.job.findUniqueOrThrow({ where: { id: parked.id } });
    expect(holdsTrace(after.payload, subject)).toBe(false);
    expect(holdsTrace(after.lastError ?? "", subject)).toBe(false);
    expect(JSON.parse(after.payload).body).toMatchObject({ id: "9200000000000000001", name: body.name });
    // The other customer's job is left as it was.
    expect((await prisma.job.findUniqueOrThrow({ where: { id: other.id } })).payload).toContain("other@example.org");

    // WHEN a person retries the parked job
    registerAppJobs();
    await retryParkedJob(parked.id);
    await drainJobs();

    // THEN the order is stored without the customer
    expect(
      await prisma.order.findUniqueOrThrow({ where: { id: "gid://shopify/Order/9200000000000000001" } }),
    ).toMatchObject({
      email: null,
      customerId: null,
      tracking: "[]",
    });
  });

  it("GIVEN an order webhook WHEN its job is done THEN the job keeps the delivery's ids, not the body", async () => {
    const shop = await aShop();
    const subject = aSubject();
    const body = anOrderBodyOf(subject, "9300000000000000001");
    const response = await responseOf(
      ordersCreate(
        routeArgs(
          signedWebhookRequest("/webhooks/orders/create", {
            topic: "orders/create",
            payload: body,
            shop,
            webhookId: "wh-done",
          }),
        ),
      ),
    );
    expect(response.status).toBe(200);

    registerAppJobs();
    await drainJobs();

    const job = await prisma.job.findFirstOrThrow({ where: { shopDomain: shop, kind: ORDER_WEBHOOK_JOB } });
    expect(job.status).toBe("done");
    expect(JSON.parse(job.payload)).toEqual({
      shopDomain: shop,
      topic: "orders/create",
      webhookId: "wh-done",
      body: { id: "9300000000000000001", admin_graphql_api_id: "gid://shopify/Order/9300000000000000001" },
    });
    // The order itself was stored from the body before it went.
    expect(
      await prisma.order.findUniqueOrThrow({ where: { id: "gid://shopify/Order/9300000000000000001" } }),
    ).toMatchObject({
      email: subject.email,
    });
  });
});
