/**
 * Two `npm run worker` processes (scripts/worker.ts) on ONE PostgreSQL outbox at the same time:
 * jobs are claimed with FOR UPDATE SKIP LOCKED, so both work and nothing is sent twice — every
 * email reaches the HubSpot sandbox in exactly one accepted upsert, every credited order in
 * exactly one created deal. PostgreSQL only: on
 * SQLite the app runs one worker (one writer); run it with `npm run test:pg -- tests/integration/platform/pg-outbox`.
 */
import { afterAll, describe, expect, it } from "vitest";
import { exited, workerProcesses } from "../../../support/processes/worker-process";
import { startHubSpotSandbox, type HubSpotSandbox } from "../../../../sandbox/hubspot";
import { HOUR } from "../../../support/clock";

const LEADS = 3_000;
const ORDERS = 100;
const SHOP = `two-workers-${process.pid}-${Date.now()}.myshopify.com`;
const UPSERT = "/crm/v3/objects/contacts/batch/upsert";
const CREATE_DEALS = "/crm/v3/objects/deals/batch/create";
const onPostgres = /^postgres(ql)?:\/\//.test(process.env.DATABASE_URL ?? "");

let sandbox: HubSpotSandbox | undefined;
const workers = workerProcesses();
afterAll(async () => {
  workers.killAll();
  await sandbox?.close();
});

/** The worker process behind a lease: `worker:<host>:<pid>`, or a contact batch's `hubspot-batch:<pid>:<job>`. */
function pidOf(lockedBy: string): number {
  const parts = lockedBy.split(":");
  return Number(parts[0] === "hubspot-batch" ? parts[1] : parts.at(-1));
}

describe.skipIf(!onPostgres)(
  "two workers on one PostgreSQL outbox (skipped on SQLite: one worker per SQLite database; run under `npm run test:pg`)",
  () => {
    it(
      `GIVEN ${LEADS} consented leads and ${ORDERS} credited orders queued WHEN two workers run at once THEN both claim jobs and every contact and deal is sent exactly once`,
      { timeout: 300_000 },
      async () => {
        const { default: prisma } = await import("../../../../app/db.server");
        const { connectWithStaticToken } = await import("../../../../app/sync/connection.server");
        const { CONTACT_JOB, DEAL_JOB } = await import("../../../../app/sync/outbox.server");
        const { aLeadRow, storeLeadsWithJobs, useTestEncryptionKey } =
          await import("../../../support/builders/lead-rows");
        const { ingestBatch } = await import("../../../../app/capture/ingest.server");
        const { attributeStoredOrder } = await import("../../../../app/attribution/attribute-order.server");
        const { orderFromPayload, orderPayloadSchema } =
          await import("../../../../app/attribution/orders/order-payload");
        const { saveOrder } = await import("../../../../app/attribution/orders/orders.server");
        const { aBatch, anEvent } = await import("../../../support/builders/events");
        const { anOrderPayload, withCartAttribute } = await import("../../../../sandbox/shopify/order-payloads");
        useTestEncryptionKey();
        sandbox = await startHubSpotSandbox({ tenSecondLimit: 190 });
        process.env.HUBSPOT_API_BASE = sandbox.url;
        await prisma.shop.create({ data: { domain: SHOP } });
        await connectWithStaticToken(SHOP, "pat-sandbox", 190);
        await storeLeadsWithJobs(
          SHOP,
          Array.from({ length: LEADS }, (_, index) => aLeadRow(SHOP, index)),
        );
        // Orders from chat sessions that micro-converted an hour before: attribution queues their deals.
        const orderIds: string[] = [];
        for (let index = 0; index < ORDERS; index += 1) {
          const sessionId = `sess_two_workers_${index}`;
          const touchAt = Date.now() - 2 * HOUR;
          await ingestBatch({
            shopDomain: SHOP,
            receivedAt: new Date(touchAt),
            batch: aBatch({
              visitorId: `visitor_two_workers_${index}`,
              sentAt: touchAt,
              events: [anEvent("micro_conversion", { sessionId, occurredAt: touchAt })],
            }),
          });
          const payload = withCartAttribute(anOrderPayload(new Date(Date.now() - HOUR)), sessionId);
          await saveOrder(SHOP, orderFromPayload(orderPayloadSchema.parse(payload)), "webhook");
          await attributeStoredOrder(payload.admin_graphql_api_id);
          orderIds.push(payload.admin_graphql_api_id);
        }
        expect(await prisma.job.count({ where: { kind: DEAL_JOB, shopDomain: SHOP } })).toBe(ORDERS);

        // WHEN two workers start together and run until the outbox is empty
        const log: string[] = [];
        const running = [workers.start(log), workers.start(log)];
        const claimants = new Set<number>();
        const deadline = Date.now() + 240_000;
        for (;;) {
          const jobs = await prisma.job.findMany({
            where: { kind: { in: [CONTACT_JOB, DEAL_JOB] }, shopDomain: SHOP, status: { not: "done" } },
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

        // THEN both workers claimed jobs from the same outbox
        expect([...claimants].sort()).toEqual(running.map((worker) => worker.pid).sort());
        // AND every email went to HubSpot in exactly one accepted upsert: none lost, none twice
        const sent = sandbox
          .requestsTo("POST", UPSERT)
          .filter((request) => request.status < 300)
          .flatMap((request) => (request.body as { inputs: { id: string }[] }).inputs.map((input) => input.id));
        expect(sent).toHaveLength(LEADS);
        expect(new Set(sent).size).toBe(LEADS);
        expect(sandbox.state.contacts.size).toBe(LEADS);
        // (Two processes each pace at 97% of the account's limit, so HubSpot may answer some calls
        // 429; the SDK retries those, and a refused call changed nothing: only accepted ones count.)
        expect(
          await prisma.job.count({
            where: { kind: { in: [CONTACT_JOB, DEAL_JOB] }, shopDomain: SHOP, status: "parked" },
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
          where: { shopDomain: SHOP },
          select: { email: true, hubspotContactId: true },
        });
        expect(leads.every((lead) => lead.hubspotContactId === sandbox!.state.contacts.get(lead.email)?.id)).toBe(true);
      },
    );
  },
);
