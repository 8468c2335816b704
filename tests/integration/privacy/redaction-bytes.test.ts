/**
 * What a redaction leaves in the database FILES, not only in the tables: the bytes of deleted
 * rows stay readable in SQLite's free space and in its write-ahead log unless secure_delete
 * zeroes them and the WAL is emptied. A shopper chats, gives their email, orders (the webhook job
 * runs), one of their webhooks is parked; then Shopify redacts them, or the whole shop: the
 * email (or the shop's domain) must then appear 0 times in the .sqlite and -wal files.
 * SQLite only: PostgreSQL's files are the server's (erase-deleted.server.ts says what holds there).
 */
import { existsSync, readFileSync } from "node:fs";
import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";
import prisma, { databaseTarget } from "../../../app/db.server";
import { action as customersRedact } from "../../../app/routes/webhooks.customers.redact";
import { action as shopRedact } from "../../../app/routes/webhooks.shop.redact";
import { action as ordersCreate } from "../../../app/routes/webhooks.orders.create";
import { ingestBatch } from "../../../app/capture/ingest.server";
import { registerAppJobs } from "../../../app/jobs.server";
import { drainJobs } from "../../../app/platform/jobs/runner.server";
import { ORDER_WEBHOOK_JOB } from "../../../app/attribution/orders/order-webhooks.server";
import { aBatch, anEmailCapture, anEvent } from "../../support/builders/events";
import { signedWebhookRequest } from "../../support/http/signed-requests";
import { responseOf, routeArgs } from "../../support/http/responses";
import { freezeClock } from "../../support/clock";
import { aCustomersRedactBody, aSubject, anOrderBodyOf, type Subject } from "./redaction-subject";

/** Occurrences of `text` (any case) in the database file and its WAL. */
function occurrencesInFiles(text: string): number {
  const file = databaseTarget.filePath as string;
  const needle = text.toLowerCase();
  let count = 0;
  for (const path of [file, `${file}-wal`, `${file}-journal`]) {
    if (!existsSync(path)) continue;
    const haystack = readFileSync(path).toString("latin1").toLowerCase();
    for (let at = haystack.indexOf(needle); at >= 0; at = haystack.indexOf(needle, at + 1)) count += 1;
  }
  return count;
}

let shops = 0;
/** A shop where the subject chatted logged in, gave their email, ordered, and has a parked webhook. */
async function aShopWithTheirData(subject: Subject): Promise<string> {
  shops += 1;
  const shop = `bytes-${shops}-${Date.now()}.myshopify.com`;
  await prisma.shop.create({ data: { domain: shop, currency: "USD" } });
  const stored = await ingestBatch({
    shopDomain: shop,
    loggedInCustomerId: subject.customerId,
    batch: aBatch({
      events: [
        anEvent("session_started", { sessionId: `sess-${shops}` }),
        anEmailCapture(subject.email, { sessionId: `sess-${shops}` }),
      ],
    }),
  });
  expect(stored).toMatchObject({ status: "stored" });
  const orderId = `94000000000000000${shops}`;
  const delivered = await responseOf(
    ordersCreate(
      routeArgs(
        signedWebhookRequest("/webhooks/orders/create", {
          topic: "orders/create",
          payload: anOrderBodyOf(subject, orderId),
          shop,
        }),
      ),
    ),
  );
  expect(delivered.status).toBe(200);
  registerAppJobs();
  await drainJobs();
  expect(await prisma.order.count({ where: { shopDomain: shop, email: subject.email } })).toBe(1);
  await prisma.job.create({
    data: {
      kind: ORDER_WEBHOOK_JOB,
      shopDomain: shop,
      status: "parked",
      payload: JSON.stringify({
        shopDomain: shop,
        topic: "orders/updated",
        webhookId: `wh-parked-${shops}`,
        body: anOrderBodyOf(subject, `95000000000000000${shops}`),
      }),
    },
  });
  return shop;
}

beforeEach(() => {
  freezeClock();
  vi.spyOn(console, "info").mockImplementation(() => undefined);
});

afterAll(async () => {
  vi.useRealTimers();
  await prisma.$disconnect();
});

describe.skipIf(databaseTarget.provider !== "sqlite")("bytes left in the SQLite files after a redaction", () => {
  it("GIVEN a shopper's chat, lead, order and parked webhook WHEN customers/redact runs THEN their email is in neither the .sqlite nor the -wal file", async () => {
    const subject = aSubject();
    const shop = await aShopWithTheirData(subject);
    expect(occurrencesInFiles(subject.email)).toBeGreaterThan(0);

    const response = await responseOf(
      customersRedact(
        routeArgs(
          signedWebhookRequest("/webhooks/customers/redact", {
            topic: "customers/redact",
            payload: null,
            rawBody: aCustomersRedactBody(subject),
            shop,
          }),
        ),
      ),
    );

    expect(response.status).toBe(200);
    const left = occurrencesInFiles(subject.email);
    console.warn(`[measure] occurrences of the redacted email in the database files after customers/redact: ${left}`);
    expect(left).toBe(0);
  });

  it("GIVEN a shop with a shopper's data WHEN shop/redact runs THEN the shop's domain is in neither file", async () => {
    const shop = await aShopWithTheirData(aSubject());
    expect(occurrencesInFiles(shop)).toBeGreaterThan(0);

    const response = await responseOf(
      shopRedact(
        routeArgs(
          signedWebhookRequest("/webhooks/shop/redact", { topic: "shop/redact", payload: { shop_domain: shop }, shop }),
        ),
      ),
    );

    expect(response.status).toBe(200);
    const left = occurrencesInFiles(shop);
    console.warn(
      `[measure] occurrences of the redacted shop's domain in the database files after shop/redact: ${left}`,
    );
    expect(left).toBe(0);
  });
});
