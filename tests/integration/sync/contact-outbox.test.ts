/** Outbox → worker → sandbox: what a lead change makes HubSpot receive, exactly. */
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import prisma from "../../../app/db.server";
import { connectWithStaticToken, disconnect } from "../../../app/sync/connection.server";
import { registerHubSpotJobs } from "../../../app/sync/jobs.server";
import { CONTACT_JOB, enqueueContactSyncs } from "../../../app/sync/outbox.server";
import { CONTACT_PROPERTIES, DEAL_PROPERTIES } from "../../../app/sync/chatlift-properties";
import { ORDER_PROPERTIES } from "../../../app/sync/order-credits";
import { drainJobs } from "../../../app/platform/jobs/runner.server";
import { startHubSpotSandbox, type HubSpotSandbox } from "../../../sandbox/hubspot";
import { aLeadRow, storeLeadsWithJobs, useTestEncryptionKey } from "../../support/builders/lead-rows";

const UPSERT = "/crm/objects/2026-03/contacts/batch/upsert";
let sandbox: HubSpotSandbox;
let shopCounter = 0;
let shop: string;

beforeEach(async () => {
  useTestEncryptionKey();
  sandbox = await startHubSpotSandbox({ tenSecondLimit: 100, windowMs: 1000, portalId: 4242 });
  process.env.HUBSPOT_API_BASE = sandbox.url;
  shopCounter += 1;
  shop = `outbox-${process.pid}-${shopCounter}.myshopify.com`;
  registerHubSpotJobs();
  vi.spyOn(console, "error").mockImplementation(() => undefined);
});
afterEach(() => sandbox.close());
afterAll(() => prisma.$disconnect());

const jobsOf = (shopDomain: string) =>
  prisma.job.findMany({ where: { kind: CONTACT_JOB, shopDomain }, orderBy: { id: "asc" } });

describe("connect with a static token", () => {
  it("GIVEN a private app token WHEN connecting twice THEN the chatlift properties are created once and the token is stored encrypted", async () => {
    const first = await connectWithStaticToken(shop, "  pat-sandbox ");
    const second = await connectWithStaticToken(shop, "pat-sandbox");

    expect(first).toEqual({
      portalId: 4242,
      customEventsAvailable: false,
      // The sandbox portal grants the order scopes, so ChatLift's order properties are made too.
      propertiesCreated: [...CONTACT_PROPERTIES, ...DEAL_PROPERTIES, ...ORDER_PROPERTIES].map((p) => p.name),
    });
    expect(second.propertiesCreated).toEqual([]);
    const stored = await prisma.hubSpotConnection.findUniqueOrThrow({ where: { shopDomain: shop } });
    expect(stored).toMatchObject({
      mode: "static",
      portalId: 4242,
      refreshTokenEncrypted: null,
      customEventsAvailable: false,
    });
    expect(stored.accessTokenEncrypted).toMatch(/^v1\./);
    expect(JSON.stringify(stored)).not.toContain("pat-sandbox");
  });

  it("GIVEN a token HubSpot refuses THEN connecting fails with a clear error and stores nothing", async () => {
    await expect(connectWithStaticToken(shop, "pat-wrong")).rejects.toMatchObject({ kind: "auth" });
    expect(await prisma.hubSpotConnection.count({ where: { shopDomain: shop } })).toBe(0);
  });

  it("GIVEN a connected shop WHEN it disconnects THEN its tokens are gone and new leads enqueue nothing", async () => {
    await connectWithStaticToken(shop, "pat-sandbox");
    expect(await disconnect(shop)).toBe(true);

    expect(await prisma.hubSpotConnection.count({ where: { shopDomain: shop } })).toBe(0);
    expect(await storeLeadsWithJobs(shop, [aLeadRow(shop, 1)])).toBe(0);
  });
});

describe("contact sync through the outbox", () => {
  it("GIVEN two consented leads stored with their jobs WHEN the worker runs THEN HubSpot receives exactly one upsert with their properties", async () => {
    await connectWithStaticToken(shop, "pat-sandbox");
    await storeLeadsWithJobs(shop, [
      aLeadRow(shop, 1),
      aLeadRow(shop, 2, { intentScore: 91, productInterest: null, lastPagePath: null, microConversionCount: 0 }),
    ]);

    await drainJobs();

    const upserts = sandbox.requestsTo("POST", UPSERT);
    expect(upserts.map((request) => request.body)).toEqual([
      {
        inputs: [
          {
            idProperty: "email",
            objectWriteTraceId: "0",
            id: "shopper1@example.com",
            properties: {
              chatlift_intent_score: "64",
              // Counted from the lead's stored micro-conversions, which these bare lead rows do not have
              // (tests/integration/sync/contact-chat-facts.test.ts counts real ones).
              chatlift_micro_conversion_count: "0",
              chatlift_last_page: "/products/linen-shirt",
              chatlift_product_interest: "linen-shirt",
              chatlift_consent: "granted",
              chatlift_consent_at: "2026-11-20T09:30:00.000Z",
            },
          },
          {
            idProperty: "email",
            objectWriteTraceId: "1",
            id: "shopper2@example.com",
            properties: {
              chatlift_intent_score: "91",
              chatlift_micro_conversion_count: "0",
              chatlift_consent: "granted",
              chatlift_consent_at: "2026-11-20T09:30:00.000Z",
            },
          },
        ],
      },
    ]);
    expect(upserts[0]?.authorization).toBe("Bearer pat-sandbox");
    const jobs = await jobsOf(shop);
    expect(jobs.map((job) => job.status)).toEqual(["done", "done"]);
    const leads = await prisma.lead.findMany({ where: { shopDomain: shop }, orderBy: { email: "asc" } });
    expect(leads.map((lead) => lead.hubspotContactId)).toEqual([
      sandbox.state.contacts.get("shopper1@example.com")?.id,
      sandbox.state.contacts.get("shopper2@example.com")?.id,
    ]);
  });

  it("GIVEN a lead changed three times before the worker runs THEN one job waits and one upsert carries the latest values", async () => {
    await connectWithStaticToken(shop, "pat-sandbox");
    const row = aLeadRow(shop, 7);
    await storeLeadsWithJobs(shop, [row]);
    for (const score of [70, 80]) {
      await prisma.$transaction(async (tx) => {
        await tx.lead.update({ where: { id: row.id }, data: { intentScore: score } });
        await enqueueContactSyncs(tx, shop, [row]);
      });
    }
    expect(await jobsOf(shop)).toHaveLength(1);

    await drainJobs();

    const bodies = sandbox
      .requestsTo("POST", UPSERT)
      .map((request) => request.body as { inputs: Array<{ properties: Record<string, string> }> });
    expect(bodies).toHaveLength(1);
    expect(bodies[0]?.inputs.map((input) => input.properties.chatlift_intent_score)).toEqual(["80"]);
  });

  it("GIVEN a change whose transaction rolls back THEN no job was enqueued", async () => {
    await connectWithStaticToken(shop, "pat-sandbox");
    await expect(
      prisma.$transaction(async (tx) => {
        await tx.lead.create({ data: aLeadRow(shop, 1) });
        await enqueueContactSyncs(tx, shop, [aLeadRow(shop, 1)]);
        throw new Error("the lead change failed");
      }),
    ).rejects.toThrow("the lead change failed");
    expect(await jobsOf(shop)).toEqual([]);
  });

  it("GIVEN 150 leads, one with an email HubSpot refuses THEN only its job is parked with HubSpot's words and 149 contacts arrive", async () => {
    await connectWithStaticToken(shop, "pat-sandbox");
    const rows = Array.from({ length: 150 }, (_, index) =>
      aLeadRow(shop, index, index === 42 ? { email: "shopper42@@example" } : {}),
    );
    await storeLeadsWithJobs(shop, rows);

    await drainJobs();

    const jobs = await jobsOf(shop);
    const parked = jobs.filter((job) => job.status === "parked");
    expect(parked.map((job) => JSON.parse(job.payload).leadId)).toEqual([`lead-${shop}-42`]);
    expect(parked[0]?.lastError).toMatch(
      /^validation: Property values were not valid: .*shopper42@@example is invalid/,
    );
    expect(jobs.filter((job) => job.status === "done")).toHaveLength(149);
    expect(sandbox.state.contacts.size).toBe(149);
  });

  it("GIVEN a shop that disconnected after its jobs were queued THEN the jobs park with the reason and nothing reaches HubSpot", async () => {
    await connectWithStaticToken(shop, "pat-sandbox");
    await storeLeadsWithJobs(shop, [aLeadRow(shop, 1)]);
    await disconnect(shop);

    await drainJobs();

    expect((await jobsOf(shop)).map((job) => [job.status, job.lastError])).toEqual([
      ["parked", `${shop} has no HubSpot connection`],
    ]);
    expect(sandbox.requestsTo("POST", UPSERT)).toEqual([]);
  });
});
