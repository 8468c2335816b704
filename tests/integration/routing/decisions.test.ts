/** Routing leads for real (decisions, round-robin, score in one transaction) and the dry run that sends nothing. */
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import prisma from "../../../app/db.server";
import { connectWithStaticToken } from "../../../app/sync/connection.server";
import { CONTACT_JOB } from "../../../app/sync/outbox.server";
import { activateRuleSet, saveRuleSet } from "../../../app/routing/rule-sets.server";
import { action as dryRunAction } from "../../../app/routes/app.routing.dry-run";
import { startHubSpotSandbox, type HubSpotSandbox } from "../../../sandbox/hubspot";
import { domainOf, storeOfflineSession } from "../../support/builders/sessions";
import { routeArgs } from "../../support/http/responses";
import { useTestEncryptionKey } from "../../support/builders/lead-rows";
import { aRuleSet, OWNERS, storeLead } from "../../support/builders/routing-leads";
import { HOUR, NOW } from "../../support/clock";
import { jsonPost } from "../../support/http/signed-requests";
import { jsonAnswer } from "../../support/http/responses";

let sandbox: HubSpotSandbox;
let storeCounter = 0;
let store: string;
let shop: string;

/** A fresh module graph (and Prisma client): what the app has after a restart. */
async function restartedApp() {
  vi.resetModules();
  return import("../../../app/routing/decisions.server");
}

beforeEach(async () => {
  useTestEncryptionKey();
  sandbox = await startHubSpotSandbox({ tenSecondLimit: 100, windowMs: 1000, portalId: 4242 });
  process.env.HUBSPOT_API_BASE = sandbox.url;
  storeCounter += 1;
  store = `routing-${process.pid}-${storeCounter}`;
  shop = domainOf(store);
  await storeOfflineSession(prisma, store);
  const saved = await saveRuleSet(shop, aRuleSet(), 0);
  expect(saved).toEqual({ kind: "saved", version: 1 });
  await activateRuleSet(shop, 1, NOW);
});
afterEach(() => sandbox.close());
afterAll(() => prisma.$disconnect());

describe("evaluateLead", () => {
  it("GIVEN four leads and three owners WHEN each lead is routed by a freshly restarted app THEN the round-robin continues from the stored place", async () => {
    const leads = [
      await storeLead(shop, 1),
      await storeLead(shop, 2),
      await storeLead(shop, 3),
      await storeLead(shop, 4),
    ];

    const owners: unknown[] = [];
    for (const lead of leads) {
      const { evaluateLead } = await restartedApp();
      const routed = await evaluateLead(shop, lead.id, NOW);
      expect(routed.kind).toBe("routed");
      const decision = await prisma.routingDecision.findFirstOrThrow({
        where: { shopDomain: shop, leadId: lead.id, ruleId: "everyone-round-robin" },
      });
      owners.push((JSON.parse(decision.detail) as { ownerId?: string }).ownerId);
    }

    expect(owners).toEqual([...OWNERS, OWNERS[0]]);
    const place = await prisma.roundRobinState.findUniqueOrThrow({
      where: { shopDomain_ruleId: { shopDomain: shop, ruleId: "everyone-round-robin" } },
    });
    expect(place).toMatchObject({ lastOwnerId: OWNERS[0], assigned: 4 });
  });

  it("GIVEN three leads routed at the same time THEN each gets its own turn of the rotation", async () => {
    const leads = [await storeLead(shop, 11), await storeLead(shop, 12), await storeLead(shop, 13)];
    const { evaluateLead } = await restartedApp();

    await Promise.all(leads.map((lead) => evaluateLead(shop, lead.id, NOW)));

    const decisions = await prisma.routingDecision.findMany({
      where: { shopDomain: shop, ruleId: "everyone-round-robin" },
    });
    expect(decisions.map((decision) => (JSON.parse(decision.detail) as { ownerId?: string }).ownerId).sort()).toEqual(
      OWNERS,
    );
    const place = await prisma.roundRobinState.findUniqueOrThrow({
      where: { shopDomain_ruleId: { shopDomain: shop, ruleId: "everyone-round-robin" } },
    });
    expect(place.assigned).toBe(3);
  });

  it("GIVEN a lead with a demo booked WHEN routed THEN every rule's decision is stored with its reason and the lead is scored and qualified", async () => {
    const lead = await storeLead(shop, 7, [
      { kind: "demo_booked", at: new Date(NOW.getTime() - HOUR) },
      { kind: "add_to_cart", at: new Date(NOW.getTime() - 2 * HOUR) },
    ]);
    const { evaluateLead } = await restartedApp();

    const routed = await evaluateLead(shop, lead.id, NOW);

    const decisions = await prisma.routingDecision.findMany({
      where: { shopDomain: shop, leadId: lead.id },
      orderBy: { ruleId: "asc" },
    });
    expect(
      decisions.map(({ ruleId, status, ruleSetVersion, decidedAt }) => ({ ruleId, status, ruleSetVersion, decidedAt })),
    ).toEqual([
      { ruleId: "everyone-round-robin", status: "matched", ruleSetVersion: 1, decidedAt: NOW },
      { ruleId: "vip-deal", status: "disabled", ruleSetVersion: 1, decidedAt: NOW },
    ]);
    expect(decisions[0]?.reason).toMatch(/^Rule "Everyone with an email" \(v1\) matched: .+Actions: .+101/);
    expect(decisions[1]?.reason).toBe('Rule "Big spenders get a deal" (v1) is turned off.');
    const stored = await prisma.lead.findUniqueOrThrow({ where: { id: lead.id } });
    expect(routed).toMatchObject({ kind: "routed", qualified: true });
    expect(stored.intentScore).toBe(routed.kind === "routed" ? routed.score : -1);
    expect(stored.intentScore).toBeGreaterThanOrEqual(50);
    expect(stored.qualifiedAt).toEqual(NOW);
  });

  it("GIVEN a shop connected to HubSpot WHEN a lead's score changes THEN a contact sync job is enqueued with the decisions", async () => {
    await connectWithStaticToken(shop, "pat-sandbox");
    const lead = await storeLead(shop, 8, [{ kind: "add_to_cart", at: new Date(NOW.getTime() - HOUR) }]);
    const { evaluateLead } = await restartedApp();

    const routed = await evaluateLead(shop, lead.id, NOW);

    expect(routed).toMatchObject({ kind: "routed", contactSyncs: 1 });
    const jobs = await prisma.job.findMany({ where: { shopDomain: shop, kind: CONTACT_JOB } });
    expect(jobs.map((job) => JSON.parse(job.payload))).toEqual([{ shopDomain: shop, leadId: lead.id }]);
  });
});

describe("dry run", () => {
  it("GIVEN a connected shop with recent and old leads WHEN the merchant previews 7 days THEN only recent leads are reported, no job is enqueued and HubSpot hears nothing", async () => {
    await connectWithStaticToken(shop, "pat-sandbox");
    const now = Date.now();
    await storeLead(shop, 1, [{ kind: "demo_booked", at: new Date(now - HOUR) }], new Date(now - 2 * 24 * HOUR));
    await storeLead(shop, 2, [], new Date(now - 3 * 24 * HOUR));
    await storeLead(shop, 3, [], new Date(now - 40 * 24 * HOUR));
    const requestsBefore = sandbox.requests.length;
    const jobsBefore = await prisma.job.count();

    const result = await jsonAnswer(
      await dryRunAction(routeArgs(await jsonPost(store, "/app/routing/dry-run", { days: 7 }))),
    );

    expect(result.status).toBe(200);
    const { report } = result.body as {
      report: { leads: number; qualified: number; rules: Array<{ ruleId: string; owners: Record<string, number> }> };
    };
    expect(report.leads).toBe(2);
    expect(report.qualified).toBe(0);
    expect(report.rules[0]).toMatchObject({ ruleId: "everyone-round-robin", owners: { "101": 1, "102": 1 } });
    expect(await prisma.job.count()).toBe(jobsBefore);
    // Only reads (the owners' names for the reasons): nothing is sent.
    expect(sandbox.requests.slice(requestsBefore).filter((request) => request.method !== "GET")).toEqual([]);
    expect(await prisma.routingDecision.count({ where: { shopDomain: shop } })).toBe(0);
    expect(await prisma.roundRobinState.count({ where: { shopDomain: shop } })).toBe(0);
  });

  it("GIVEN a bad number of days WHEN previewing THEN 400 names the field", async () => {
    const result = await jsonAnswer(
      await dryRunAction(routeArgs(await jsonPost(store, "/app/routing/dry-run", { days: 0 }))),
    );
    expect(result.status).toBe(400);
    expect((result.body as { errors: Array<{ path: string }> }).errors.map((error) => error.path)).toEqual(["days"]);
  });
});
