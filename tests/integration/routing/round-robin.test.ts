/** Round-robin owners over 1,000 stored leads, with the app restarted halfway: fair, and continuing where it stopped. */
import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";
import prisma from "../../../app/db.server";
import { activateRuleSet, saveRuleSet } from "../../../app/routing/rule-sets.server";
import { aRuleSet, OWNERS } from "../../support/builders/routing-leads";
import { NOW } from "../../support/clock";

const LEADS = 1_000;
let shop: string;
let shopCounter = 0;

/** A fresh module graph (and Prisma client): what the app has after a restart. */
async function restartedApp() {
  vi.resetModules();
  return import("../../../app/routing/decisions.server");
}

async function storeLeads(count: number): Promise<string[]> {
  const ids = Array.from({ length: count }, (_, index) => `rr-${shopCounter}-${String(index).padStart(4, "0")}`);
  await prisma.chatSession.createMany({
    data: ids.map((id) => ({
      shopDomain: shop,
      id: `s-${id}`,
      visitorId: `v-${id}`,
      arm: "treatment",
      startedAt: NOW,
      lastSeenAt: NOW,
      email: `${id}@example.com`,
    })),
  });
  await prisma.lead.createMany({
    data: ids.map((id) => ({
      id,
      shopDomain: shop,
      email: `${id}@example.com`,
      consentText: "Email me",
      consentAt: NOW,
      firstSessionId: `s-${id}`,
      lastSessionId: `s-${id}`,
    })),
  });
  return ids;
}

beforeEach(async () => {
  shopCounter += 1;
  shop = `round-robin-${process.pid}-${shopCounter}.myshopify.com`;
  await prisma.shop.create({ data: { domain: shop } });
  expect(await saveRuleSet(shop, aRuleSet(), 0)).toEqual({ kind: "saved", version: 1 });
  await activateRuleSet(shop, 1, NOW);
});
afterAll(() => prisma.$disconnect());

describe("round-robin over 1,000 leads", () => {
  it("GIVEN three owners WHEN 1,000 leads are routed, the app restarting after 500 THEN each lead gets the next owner in turn and the counts differ by at most one", async () => {
    const ids = await storeLeads(LEADS);

    let app = await restartedApp();
    for (const [index, id] of ids.entries()) {
      if (index === LEADS / 2) app = await restartedApp();
      const routed = await app.evaluateLead(shop, id, NOW);
      expect(routed.kind).toBe("routed");
    }

    const leads = await prisma.lead.findMany({
      where: { shopDomain: shop },
      orderBy: { id: "asc" },
      select: { id: true, hubspotOwnerId: true },
    });
    expect(leads.map((lead) => lead.hubspotOwnerId)).toEqual(ids.map((_, index) => OWNERS[index % OWNERS.length]));
    const counts = OWNERS.map((owner) => leads.filter((lead) => lead.hubspotOwnerId === owner).length);
    expect(counts).toEqual([334, 333, 333]);
    expect(
      await prisma.roundRobinState.findUniqueOrThrow({
        where: { shopDomain_ruleId: { shopDomain: shop, ruleId: "everyone-round-robin" } },
      }),
    ).toMatchObject({
      lastOwnerId: OWNERS[(LEADS - 1) % OWNERS.length],
      assigned: LEADS,
    });
  }, 120_000);

  it("GIVEN a routed lead WHEN it is routed again after a restart THEN it keeps its owner and the rotation does not move", async () => {
    const [first, second] = await storeLeads(2);
    await (await restartedApp()).evaluateLead(shop, first as string, NOW);

    await (await restartedApp()).evaluateLead(shop, first as string, NOW);
    await (await restartedApp()).evaluateLead(shop, second as string, NOW);

    const owners = await prisma.lead.findMany({
      where: { shopDomain: shop },
      orderBy: { id: "asc" },
      select: { hubspotOwnerId: true },
    });
    expect(owners.map((lead) => lead.hubspotOwnerId)).toEqual([OWNERS[0], OWNERS[1]]);
  });
});
