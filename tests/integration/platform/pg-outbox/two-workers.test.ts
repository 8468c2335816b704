/**
 * Several `npm run worker` processes (scripts/worker.ts) on ONE PostgreSQL outbox at the same time:
 * jobs are claimed with FOR UPDATE SKIP LOCKED, so all work and nothing is doubled (the HubSpot
 * sandbox holds every contact once; every credited order became exactly one created deal), and
 * with REDIS_URL they share one HubSpot limiter per portal, so the sandbox, at the account's limit,
 * never answers 429. Without REDIS_URL a second worker refuses to start. PostgreSQL and Redis only:
 * on SQLite the app runs one worker (one writer); run it with
 * `npm run test:pg -- tests/integration/platform/pg-outbox`.
 */
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { exited, workerProcesses } from "../../../support/processes/worker-process";
import { startHubSpotSandbox, type HubSpotSandbox } from "../../../../sandbox/hubspot";
import { HOUR } from "../../../support/clock";
import { testRedisUrl, pointAtTestRedis } from "../../../support/redis";

const LEADS = 3_000;
const ORDERS = 100;
/** HubSpot's limit for an OAuth app's portal: the pacing must hold it across every worker. */
const TEN_SECOND_LIMIT = 110;
const UPSERT = "/crm/objects/2026-03/contacts/batch/upsert";
const CREATE_DEALS = "/crm/objects/2026-03/deals/batch/create";
const onPostgres = /^postgres(ql)?:\/\//.test(process.env.DATABASE_URL ?? "");

let sandbox: HubSpotSandbox | undefined;
const workers = workerProcesses();
afterEach(async () => {
  workers.killAll();
  await sandbox?.close();
  sandbox = undefined;
});
afterAll(() => workers.killAll());

/** The worker process behind a lease: `worker:<host>:<pid>`, or a contact batch's `hubspot-batch:<pid>:<job>`. */
function pidOf(lockedBy: string): number {
  const parts = lockedBy.split(":");
  return Number(parts[0] === "hubspot-batch" ? parts[1] : parts.at(-1));
}

/** The most requests HubSpot would count in any rolling window of `windowMs`, from the sandbox's record. */
function busiestWindow(times: number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let most = 0;
  for (let start = 0, end = 0; end < sorted.length; end += 1) {
    while (sorted[end]! - sorted[start]! >= windowMs) start += 1;
    most = Math.max(most, end - start + 1);
  }
  return most;
}

async function queueLeadsAndDeals(shop: string): Promise<string[]> {
  const { default: prisma } = await import("../../../../app/db.server");
  const { connectWithStaticToken } = await import("../../../../app/sync/connection.server");
  const { DEAL_JOB } = await import("../../../../app/sync/outbox.server");
  const { aLeadRow, storeLeadsWithJobs } = await import("../../../support/builders/lead-rows");
  const { ingestBatch } = await import("../../../../app/capture/ingest.server");
  const { attributeStoredOrder } = await import("../../../../app/attribution/attribute-order.server");
  const { orderFromPayload, orderPayloadSchema } = await import("../../../../app/attribution/orders/order-payload");
  const { saveOrder } = await import("../../../../app/attribution/orders/orders.server");
  const { aBatch, anEvent } = await import("../../../support/builders/events");
  const { anOrderPayload, withCartAttribute } = await import("../../../../sandbox/shopify/order-payloads");
  await prisma.shop.create({ data: { domain: shop } });
  await connectWithStaticToken(shop, "pat-sandbox", TEN_SECOND_LIMIT);
  await storeLeadsWithJobs(
    shop,
    Array.from({ length: LEADS }, (_, index) => aLeadRow(shop, index)),
  );
  // Orders from chat sessions that micro-converted an hour before: attribution queues their deals.
  const orderIds: string[] = [];
  for (let index = 0; index < ORDERS; index += 1) {
    const sessionId = `sess_workers_${index}`;
    const touchAt = Date.now() - 2 * HOUR;
    await ingestBatch({
      shopDomain: shop,
      receivedAt: new Date(touchAt),
      batch: aBatch({
        visitorId: `visitor_workers_${index}`,
        sentAt: touchAt,
        events: [anEvent("micro_conversion", { sessionId, occurredAt: touchAt })],
      }),
    });
    const payload = withCartAttribute(anOrderPayload(new Date(Date.now() - HOUR)), sessionId);
    await saveOrder(shop, orderFromPayload(orderPayloadSchema.parse(payload)), "webhook");
    await attributeStoredOrder(payload.admin_graphql_api_id);
    orderIds.push(payload.admin_graphql_api_id);
  }
  expect(await prisma.job.count({ where: { kind: DEAL_JOB, shopDomain: shop } })).toBe(ORDERS);
  return orderIds;
}

describe.skipIf(!onPostgres || !testRedisUrl)(
  "several workers on one PostgreSQL outbox sharing one HubSpot limiter on Redis (skipped on SQLite or without TEST_REDIS_URL; run under `npm run test:pg`)",
  () => {
    it.each([2, 3])(
      `GIVEN ${LEADS} consented leads and ${ORDERS} credited orders queued and HubSpot at ${TEN_SECOND_LIMIT} requests / 10 s WHEN %i workers run at once with REDIS_URL THEN all claim jobs, HubSpot holds every contact once and every deal was created once, and HubSpot never answers 429`,
      { timeout: 300_000 },
      async (count) => {
        pointAtTestRedis();
        const { useTestEncryptionKey } = await import("../../../support/builders/lead-rows");
        useTestEncryptionKey();
        const shop = `workers-${count}-${process.pid}-${Date.now()}.myshopify.com`;
        const { default: prisma } = await import("../../../../app/db.server");
        const { CONTACT_JOB, DEAL_JOB } = await import("../../../../app/sync/outbox.server");
        sandbox = await startHubSpotSandbox({ tenSecondLimit: TEN_SECOND_LIMIT });
        process.env.HUBSPOT_API_BASE = sandbox.url;
        const orderIds = await queueLeadsAndDeals(shop);

        // WHEN the workers start together and run until the outbox is empty
        const log: string[] = [];
        const running = Array.from({ length: count }, () => workers.start(log));
        const claimants = new Set<number>();
        const deadline = Date.now() + 240_000;
        for (;;) {
          const jobs = await prisma.job.findMany({
            where: { kind: { in: [CONTACT_JOB, DEAL_JOB] }, shopDomain: shop, status: { not: "done" } },
            select: { status: true, lockedBy: true },
          });
          for (const job of jobs) if (job.lockedBy) claimants.add(pidOf(job.lockedBy));
          if (!jobs.length) break;
          if (Date.now() > deadline)
            throw new Error(
              `outbox not empty after 240 s (${jobs.length} left); workers said:\n${log.join("").slice(-3000)}`,
            );
          await new Promise((resolve) => setTimeout(resolve, 25));
        }
        for (const worker of running) worker.kill("SIGTERM");
        await Promise.all(running.map(exited));

        // THEN every worker claimed jobs from the same outbox, each pacing through the shared limiter
        expect([...claimants].sort()).toEqual(running.map((worker) => worker.pid).sort());
        expect(log.join("")).toContain("HubSpot limiter: shared on Redis");
        // AND HubSpot, counting every request in its rolling window, never refused one
        expect(sandbox.count429()).toBe(0);
        expect(
          busiestWindow(
            sandbox.requests.map((request) => request.at),
            10_000,
          ),
        ).toBeLessThanOrEqual(TEN_SECOND_LIMIT);
        // AND every email reached HubSpot and HubSpot holds each contact once. (An upsert may be sent
        // again: a batch whose database write fails after HubSpot's answer — on a starved machine,
        // Prisma's 5 s transaction timeout — is retried. Upserts are keyed by email, so a repeat
        // changes nothing in HubSpot; how often it happens is printed.)
        const sent = sandbox
          .requestsTo("POST", UPSERT)
          .filter((request) => request.status < 300)
          .flatMap((request) => (request.body as { inputs: { id: string }[] }).inputs.map((input) => input.id));
        expect(new Set(sent).size).toBe(LEADS);
        expect(sandbox.state.contacts.size).toBe(LEADS);
        console.info(`[workers] ${count} workers: ${sent.length - LEADS} contact upserts repeated`);
        expect(
          await prisma.job.count({
            where: { kind: { in: [CONTACT_JOB, DEAL_JOB] }, shopDomain: shop, status: "parked" },
          }),
        ).toBe(0);
        // AND every credited order became exactly one deal, created in one accepted call
        const created = sandbox
          .requestsTo("POST", CREATE_DEALS)
          .filter((request) => request.status < 300)
          .flatMap((request) =>
            (request.body as { inputs: { properties: Record<string, string> }[] }).inputs.map(
              (input) => input.properties.chatlift_order_id,
            ),
          );
        expect([...created].sort()).toEqual([...orderIds].sort());
        expect(sandbox.state.deals.size).toBe(ORDERS);
        const leads = await prisma.lead.findMany({
          where: { shopDomain: shop },
          select: { email: true, hubspotContactId: true },
        });
        expect(leads.every((lead) => lead.hubspotContactId === sandbox!.state.contacts.get(lead.email)?.id)).toBe(true);
      },
    );
  },
);

describe.skipIf(!onPostgres)("a second worker without a shared HubSpot limiter (PostgreSQL)", () => {
  it(
    "GIVEN a worker running without REDIS_URL WHEN a second one starts without it THEN the second refuses, naming REDIS_URL, and the first keeps running",
    { timeout: 60_000 },
    async () => {
      const saved = process.env.REDIS_URL;
      delete process.env.REDIS_URL;
      try {
        const firstLog: string[] = [];
        const first = workers.start(firstLog);
        const deadline = Date.now() + 30_000;
        while (!firstLog.join("").includes("HubSpot limiter: this process only")) {
          if (Date.now() > deadline || first.exitCode !== null)
            throw new Error(`the first worker did not start:\n${firstLog.join("")}`);
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
        const secondLog: string[] = [];
        const second = workers.start(secondLog);
        const code = await new Promise<number | null>((resolve) => second.once("exit", resolve));
        expect(code).toBe(1);
        expect(secondLog.join("")).toMatch(/refusing to start: .*REDIS_URL is not set/);
        expect(first.exitCode).toBeNull();
        first.kill("SIGTERM");
        await exited(first);
        expect(first.exitCode).toBe(0);
      } finally {
        if (saved !== undefined) process.env.REDIS_URL = saved;
      }
    },
  );
});
