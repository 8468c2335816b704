/**
 * customers/redact against every column that can hold a shopper's data, as shop-redact-coverage
 * does for shop-keyed models: app/privacy/personal-data.ts must account for every model of the
 * schema; each column it lists is given the subject's marks (JSON payloads included), and after
 * the redaction no text column of any table holds a trace of them, except what it keeps on purpose.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";
import prisma, { databaseTarget } from "../../../app/db.server";
import { redactCustomer } from "../../../app/privacy/compliance.server";
import { parseCustomersRedactBody } from "../../../app/privacy/customer-subject";
import { CUSTOMER_DATA, NO_CUSTOMER_DATA, keptModels, redactedColumns } from "../../../app/privacy/personal-data";
import { ORDER_WEBHOOK_JOB } from "../../../app/attribution/orders/order-webhooks.server";
import { freezeClock, NOW } from "../../support/clock";
import {
  aCustomersRedactBody,
  aSubject,
  anOrderBodyOf,
  customerGidOf,
  marksOf,
  type Subject,
} from "./redaction-subject";

/** Every model of the schema with its text columns (String, optional or not). */
function schemaModels(): Map<string, string[]> {
  const schema = readFileSync(path.resolve(__dirname, "../../../prisma/schema.prisma"), "utf8");
  return new Map(
    [...schema.matchAll(/^model (\w+) \{([\s\S]*?)^\}/gm)].map(([, name, body]) => [
      name!,
      [...body!.matchAll(/^\s+(\w+)\s+String\??(\s|$)/gm)].map(([, column]) => column!),
    ]),
  );
}

/** Each text value of the column that holds one of the marks, as "Model.column: value". */
async function tracesIn(model: string, column: string, marks: string[]): Promise<string[]> {
  const rows = await prisma.$queryRawUnsafe<Array<{ v: string | null }>>(`SELECT "${column}" AS "v" FROM "${model}"`);
  return rows
    .map((row) => row.v ?? "")
    .filter((value) => marks.some((mark) => value.toLowerCase().includes(mark)))
    .map((value) => `${model}.${column}: ${value.slice(0, 120)}`);
}

const SHOP = "coverage-customer.myshopify.com";
const [ORDER, OLD_ORDER, QUEUED_ORDER] = ["8100000000000000001", "8100000000000000002", "8100000000000000003"];

/** The subject's data in every column personal-data.ts lists: chat, lead, routing, orders and jobs. */
async function aShopHoldingEverythingOf(subject: Subject): Promise<void> {
  const shopDomain = SHOP;
  const customerId = customerGidOf(subject);
  await prisma.shop.create({ data: { domain: shopDomain } });
  const session = { shopDomain, arm: "treatment", startedAt: NOW, lastSeenAt: NOW };
  await prisma.chatSession.createMany({
    data: [
      {
        ...session,
        id: "sess-zeb",
        visitorId: "visitor-zeb",
        customerId,
        email: subject.email,
        landingPath: `/pages/hello?name=${subject.name}`,
        referrer: `https://mail.example/?to=${subject.email}`,
      },
      { ...session, id: "sess-zeb-before", visitorId: "visitor-zeb-old", email: subject.oldEmail },
    ],
  });
  await prisma.chatEvent.create({
    data: {
      shopDomain,
      id: "evt-question",
      sessionId: "sess-zeb",
      type: "question_asked",
      occurredAt: NOW,
      receivedAt: NOW,
      data: JSON.stringify({ question: `I am ${subject.name}, can you ship to ${subject.street}?` }),
    },
  });
  await prisma.microConversion.create({
    data: { shopDomain, id: "mc-email", sessionId: "sess-zeb", kind: "email_capture", at: NOW, email: subject.email },
  });
  // A handoff to a person: the email left for the answer, and what the shopper wrote.
  await prisma.handoff.create({
    data: {
      id: "0b9f2f8e-6f4e-4c63-9d55-2d1f3f1f0a01",
      shopDomain,
      sessionId: "sess-zeb",
      visitorId: "visitor-zeb",
      reason: "asked",
      mode: "offline",
      status: "offline",
      email: subject.email,
      requestedAt: NOW,
      lastMessageAt: NOW,
      messageCount: 1,
    },
  });
  await prisma.handoffMessage.create({
    data: {
      handoffId: "0b9f2f8e-6f4e-4c63-9d55-2d1f3f1f0a01",
      seq: 1,
      shopDomain,
      sessionId: "sess-zeb",
      speaker: "shopper",
      text: `This is ${subject.name}: please send it to ${subject.street}`,
      at: NOW,
    },
  });
  await prisma.lead.create({
    data: {
      id: "lead-zeb",
      shopDomain,
      email: subject.email,
      consentText: "Email me my size guide",
      consentAt: NOW,
      customerId,
      firstSessionId: "sess-zeb",
      lastSessionId: "sess-zeb",
      lastPagePath: `/account?phone=${subject.phone}`,
      productInterest: `${subject.name}'s gift`,
    },
  });
  await prisma.routingDecision.create({
    data: {
      shopDomain,
      leadId: "lead-zeb",
      ruleId: "vip",
      ruleSetVersion: 1,
      status: "matched",
      reason: `${subject.email} spent over 100`,
      detail: JSON.stringify({ facts: { email: subject.email } }),
      decidedAt: NOW,
    },
  });
  await prisma.routingAction.create({
    data: {
      shopDomain,
      dedupeKey: "lead-zeb:vip:create_task:0",
      leadId: "lead-zeb",
      kind: "create_task",
      note: `call ${subject.phone}`,
    },
  });
  await prisma.visitor.create({
    data: {
      shopDomain,
      id: "visitor-zeb",
      arm: "treatment",
      firstSeenAt: NOW,
      firstSeenDay: "2026-11-20",
      orders: JSON.stringify({ [`gid://shopify/Order/${subject.customerId}`]: [NOW.getTime(), 1000, 0] }),
    },
  });
  const order = { shopDomain, placedAt: NOW, shopifyUpdatedAt: NOW, currency: "USD", source: "webhook" };
  const money = { totalMinor: 1000n, subtotalMinor: 1000n, netMinor: 1000n };
  await prisma.order.createMany({
    data: [
      {
        ...order,
        ...money,
        id: `gid://shopify/Order/${ORDER}`,
        name: "#1001",
        customerId,
        email: subject.email,
        tracking: JSON.stringify([
          { company: "UPS", number: "1Z999", url: `https://track.example/?to=${subject.street}` },
        ]),
      },
      // Placed as a guest under the email the customer had before: only orders_to_redact names it.
      { ...order, ...money, id: `gid://shopify/Order/${OLD_ORDER}`, name: "#1002", email: subject.oldEmail },
    ],
  });
  const delivery = (orderId: string, email?: string) =>
    JSON.stringify({
      shopDomain,
      topic: "orders/create",
      webhookId: `wh-${orderId}`,
      body: anOrderBodyOf(subject, orderId, email),
    });
  await prisma.job.createMany({
    data: [
      // Parked with its body, for a person to retry; the error quotes the email.
      {
        kind: ORDER_WEBHOOK_JOB,
        shopDomain,
        status: "parked",
        payload: delivery(QUEUED_ORDER),
        lastError: `HubSpot refused ${subject.email}`,
      },
      // Finished before finished jobs dropped their bodies.
      { kind: ORDER_WEBHOOK_JOB, shopDomain, status: "done", payload: delivery(OLD_ORDER, subject.oldEmail) },
    ],
  });
}

beforeEach(() => {
  freezeClock();
  vi.spyOn(console, "warn").mockImplementation(() => undefined);
});

afterAll(async () => {
  vi.useRealTimers();
  await prisma.$disconnect();
});

describe("customers/redact coverage", () => {
  it("GIVEN the schema THEN personal-data.ts accounts for every model, and every column it names exists", () => {
    const models = schemaModels();
    const classified = [...Object.keys(CUSTOMER_DATA), ...Object.keys(NO_CUSTOMER_DATA)].sort();
    // A new model is classified in personal-data.ts before it ships.
    expect(classified).toEqual([...models.keys()].sort());
    for (const [model, columns] of Object.entries(CUSTOMER_DATA)) {
      for (const column of Object.keys(columns)) expect(models.get(model), `${model}.${column}`).toContain(column);
    }
    // A column named for a person's details anywhere is listed.
    const personalNamed = [...models].flatMap(([model, columns]) =>
      columns
        .filter((column) => /email|phone|customer|firstName|lastName|address/i.test(column))
        .map((c) => `${model}.${c}`),
    );
    const listed = Object.entries(CUSTOMER_DATA).flatMap(([model, columns]) =>
      Object.keys(columns).map((c) => `${model}.${c}`),
    );
    expect(personalNamed.filter((column) => !listed.includes(column))).toEqual([]);
  });

  it("GIVEN a shopper's data in every listed column WHEN customers/redact runs THEN no column of any table keeps a trace of them", async () => {
    // GIVEN the subject in every column personal-data.ts lists (the seeding is not vacuous)
    const subject = aSubject();
    const marks = marksOf(subject);
    await aShopHoldingEverythingOf(subject);
    for (const { model, column } of redactedColumns()) {
      expect((await tracesIn(model, column, marks)).length, `${model}.${column} seeded`).toBeGreaterThan(0);
    }

    // WHEN Shopify's customers/redact for them arrives, naming the order under their older email
    const parsed = parseCustomersRedactBody(aCustomersRedactBody(subject, [OLD_ORDER]));
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
    const report = await redactCustomer(SHOP, parsed.subject);

    // THEN no text column of any table holds a mark, but those kept on purpose
    const kept = new Set(keptModels());
    const traces: string[] = [];
    for (const [model, columns] of schemaModels()) {
      if (kept.has(model)) continue;
      for (const column of columns) traces.push(...(await tracesIn(model, column, marks)));
    }
    expect(traces).toEqual([]);
    // AND the orders stay for revenue, stripped; the jobs stay, rewritten
    expect(await prisma.order.count({ where: { shopDomain: SHOP } })).toBe(2);
    expect(report.anonymized).toEqual({ Order: 2, Job: 2 });
    // AND the deleted bytes were let go of: the WAL emptied on SQLite, the touched tables vacuumed on PostgreSQL
    expect(report.erasure).toEqual(
      databaseTarget.provider === "postgresql"
        ? { provider: "postgresql", vacuumed: expect.arrayContaining(["ChatSession", "Lead", "Order", "Job"]) }
        : { provider: "sqlite", walTruncated: true },
    );
  });
});
