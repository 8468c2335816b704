/**
 * A rule's task and deal applied halfway (created in HubSpot, not yet associated, or created
 * with the answer lost) and then retried: HubSpot has no idempotency key for tasks or deals, so
 * the retry must find what exists instead of creating a second one.
 */
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import prisma from "../../../app/db.server";
import { LEAD_ACTIONS_JOB } from "../../../app/sync/outbox.server";
import { drainJobs } from "../../../app/platform/jobs/runner.server";
import { startHubSpotSandbox, type HubSpotSandbox } from "../../../sandbox/hubspot";
import {
  aDemoChat,
  aDemoRuleSet,
  aRoutedShop,
  useFrozenRoutingScene,
  postChat,
  thawTheScene,
} from "../../support/builders/routing-scene";
import { NOW } from "../../support/clock";

const DEAL_ASSOCIATIONS = "/crm/associations/2026-03/deals/contacts/batch/associate/default";
let sandbox: HubSpotSandbox;
let shop: string;

beforeEach(async () => {
  useFrozenRoutingScene();
  sandbox = await startHubSpotSandbox({ tenSecondLimit: 100, windowMs: 1000 });
  process.env.HUBSPOT_API_BASE = sandbox.url;
  shop = await aRoutedShop(sandbox, aDemoRuleSet());
});
afterEach(async () => {
  thawTheScene();
  await sandbox.close();
});
afterAll(() => prisma.$disconnect());

/** The chat is routed; the task goes through, the deal is created but HubSpot fails its association. */
async function routeWithDealAssociationDown() {
  sandbox.inject({ status: 503, path: DEAL_ASSOCIATIONS, times: 1_000 });
  expect((await postChat(shop, aDemoChat("lin@acme.io", "sess_retry_lin_01"))).status).toBe(200);
  await drainJobs();
  sandbox.clearFaults();
  const job = await prisma.job.findFirstOrThrow({ where: { shopDomain: shop, kind: LEAD_ACTIONS_JOB } });
  expect(job).toMatchObject({ status: "queued", attempts: 1 });
  expect(job.lastError).toMatch(/^server: /);
  return job;
}

/** The retry's backoff has passed. */
async function retryLater() {
  vi.setSystemTime(new Date(NOW.getTime() + 60 * 60_000));
  await drainJobs();
}

const created = (objectType: "tasks" | "deals") =>
  sandbox
    .requestsTo("POST", `/crm/objects/2026-03/${objectType}/batch/create`)
    .filter((request) => request.status === 201);

describe("a half-applied routing action retried", () => {
  it("GIVEN the deal was created but its association failed WHEN the job runs again THEN the same deal is associated and neither task nor deal is created twice", async () => {
    await routeWithDealAssociationDown();
    const dealAction = await prisma.routingAction.findFirstOrThrow({
      where: { shopDomain: shop, kind: "create_deal" },
    });
    expect(dealAction).toMatchObject({
      hubspotObjectId: expect.stringMatching(/^\d+$/),
      associatedAt: null,
      doneAt: null,
    });
    expect(
      await prisma.routingAction.findFirstOrThrow({ where: { shopDomain: shop, kind: "create_task" } }),
    ).toMatchObject({ doneAt: expect.any(Date) });

    await retryLater();

    expect(created("tasks")).toHaveLength(1);
    expect(created("deals")).toHaveLength(1);
    const lead = await prisma.lead.findFirstOrThrow({ where: { shopDomain: shop } });
    expect(sandbox.state.associations.filter((association) => association.fromType === "deals")).toEqual([
      {
        fromType: "deals",
        fromId: dealAction.hubspotObjectId,
        toType: "contacts",
        toId: lead.hubspotContactId,
        typeId: 3,
      },
    ]);
    expect(await prisma.job.findFirstOrThrow({ where: { shopDomain: shop, kind: LEAD_ACTIONS_JOB } })).toMatchObject({
      status: "done",
      attempts: 2,
    });
  });

  it("GIVEN HubSpot created the deal but the worker died before storing its id WHEN the job runs again THEN the deal is found by its routing key, not created again", async () => {
    await routeWithDealAssociationDown();
    const [deal] = [...sandbox.state.deals.values()];
    // What a worker killed between HubSpot's answer and its own write leaves behind.
    await prisma.routingAction.updateMany({
      where: { shopDomain: shop, kind: "create_deal" },
      data: { hubspotObjectId: null },
    });

    await retryLater();

    expect(created("deals")).toHaveLength(1);
    // Found by the lookup before creating, not by tripping over HubSpot's unique-value refusal.
    expect(
      sandbox.requestsTo("POST", "/crm/objects/2026-03/deals/batch/create").filter((request) => request.status === 409),
    ).toEqual([]);
    expect(sandbox.state.deals.size).toBe(1);
    expect(
      await prisma.routingAction.findFirstOrThrow({ where: { shopDomain: shop, kind: "create_deal" } }),
    ).toMatchObject({ hubspotObjectId: deal?.id, doneAt: expect.any(Date) });
    expect(
      sandbox.state.associations
        .filter((association) => association.fromType === "deals")
        .map((association) => association.fromId),
    ).toEqual([deal?.id]);
  });

  it("GIVEN a lead already routed WHEN the shopper chats again THEN the rule's task and deal are not created a second time", async () => {
    expect((await postChat(shop, aDemoChat("kim@acme.io", "sess_again_kim_01"))).status).toBe(200);
    await drainJobs();
    vi.setSystemTime(new Date(NOW.getTime() + 5 * 60_000));
    const again = aDemoChat("kim@acme.io", "sess_again_kim_01");
    expect((await postChat(shop, { ...again, sentAt: Date.now() })).status).toBe(200);
    await drainJobs();

    expect(created("tasks")).toHaveLength(1);
    expect(created("deals")).toHaveLength(1);
    expect(await prisma.routingDecision.count({ where: { shopDomain: shop, status: "matched" } })).toBe(2);
    expect(
      sandbox
        .requestsTo("POST", "/crm/objects/2026-03/contacts/batch/upsert")
        .filter((request) => request.status === 200),
    ).toHaveLength(2);
  });
});
