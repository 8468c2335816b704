/**
 * A known lead is routed again whenever a fact its rules read changes, not only when it leaves its email again:
 * a later cart add in a signed app-proxy batch, and an order under its email, each queue one (deduplicated)
 * routing job; the worker then applies the rule that now matches and HubSpot receives it.
 */
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import prisma from "../../../app/db.server";
import { ROUTE_LEAD_JOB } from "../../../app/sync/outbox.server";
import { drainJobs } from "../../../app/platform/jobs/runner.server";
import { processOrderWebhook } from "../../../app/attribution/orders/order-webhooks.server";
import type { RuleSetInput } from "../../../app/routing/rule-schema";
import { anOrderPayload } from "../../../sandbox/shopify/order-payloads";
import { startHubSpotSandbox, type HubSpotSandbox } from "../../../sandbox/hubspot";
import { aBatch, anEmailCapture, anEvent } from "../../support/builders/events";
import { aRoutedShop, postChat, thawTheScene, useFrozenRoutingScene } from "../../support/builders/routing-scene";
import { NOW } from "../../support/clock";

const SESSION = "sess_facts_change_01";
const EMAIL = "lou@example.com";
let sandbox: HubSpotSandbox;

/** Two rules on facts a lead gains after its email: a cart of $100 or more, and a first order. */
const rulesOnLaterFacts = (): RuleSetInput => ({
  version: 1,
  scoring: { weights: { add_to_cart: 10, email_capture: 5 }, halfLifeDays: 14, qualifiedThreshold: 50 },
  rules: [
    {
      id: "big-cart",
      name: "Cart ≥ $100 → open",
      conditions: { all: [{ fact: "cart_value", op: "gte", value: 100 }] },
      actions: [{ type: "set_lead_status", status: "OPEN" }],
    },
    {
      id: "buyer",
      name: "Bought once → customer",
      conditions: { all: [{ fact: "order_count", op: "gte", value: 1 }] },
      actions: [{ type: "set_lifecycle_stage", stage: "customer" }],
    },
  ],
});

const batchOf = (events: ReturnType<typeof aBatch>["events"]) =>
  aBatch({ visitorId: "visitor_facts_change", page: { type: "home", path: "/" }, sentAt: NOW.getTime(), events });

const routingJobs = (shop: string) =>
  prisma.job.findMany({ where: { shopDomain: shop, kind: ROUTE_LEAD_JOB }, select: { status: true } });
const leadOf = (shop: string) =>
  prisma.lead.findUniqueOrThrow({ where: { shopDomain_email: { shopDomain: shop, email: EMAIL } } });

/** A lead that left its email in an earlier batch, with no cart and no order, routed once already. */
async function aRoutedLead(): Promise<string> {
  const shop = await aRoutedShop(sandbox, rulesOnLaterFacts());
  const at = NOW.getTime() - 120_000;
  const captured = batchOf([
    anEvent("session_started", { sessionId: SESSION, occurredAt: at, landingPath: "/", returning: false }),
    anEmailCapture(EMAIL, { sessionId: SESSION, occurredAt: at + 1_000 }),
  ]);
  expect((await postChat(shop, captured)).status).toBe(200);
  await drainJobs();
  expect(await leadOf(shop)).toMatchObject({ routedLeadStatus: null, routedLifecycleStage: null });
  return shop;
}

beforeEach(async () => {
  useFrozenRoutingScene();
  sandbox = await startHubSpotSandbox({ tenSecondLimit: 100, windowMs: 1000, portalId: 5150 });
  process.env.HUBSPOT_API_BASE = sandbox.url;
});
afterEach(async () => {
  thawTheScene();
  await sandbox.close();
});
afterAll(() => prisma.$disconnect());

describe("a known lead's facts change", () => {
  it("GIVEN a lead with no cart WHEN a later batch of its session adds $120 to the cart THEN it is routed again and HubSpot gets lead status OPEN", async () => {
    const shop = await aRoutedLead();

    const cartAdd = batchOf([
      anEvent("micro_conversion", {
        sessionId: SESSION,
        occurredAt: NOW.getTime() - 10_000,
        kind: "add_to_cart",
        value: 120,
        currency: "USD",
      }),
    ]);
    expect((await postChat(shop, cartAdd)).status).toBe(200);

    expect(await routingJobs(shop)).toEqual([{ status: "done" }, { status: "queued" }]);
    await drainJobs();
    expect(await leadOf(shop)).toMatchObject({ routedLeadStatus: "OPEN" });
    const contact = sandbox.state.contacts.get(EMAIL);
    expect(contact?.properties.hs_lead_status).toBe("OPEN");
  });

  it("GIVEN a lead with no order WHEN an order under its email is stored THEN it is routed again and becomes a customer", async () => {
    const shop = await aRoutedLead();
    const order = anOrderPayload(new Date(NOW.getTime() - 5_000), { email: EMAIL });

    await processOrderWebhook({ shopDomain: shop, topic: "orders/create", webhookId: "wh-facts-1", body: order });

    expect(await routingJobs(shop)).toEqual([{ status: "done" }, { status: "queued" }]);
    await drainJobs();
    expect(await leadOf(shop)).toMatchObject({ routedLifecycleStage: "customer" });
    expect(sandbox.state.contacts.get(EMAIL)?.properties.lifecyclestage).toBe("customer");
  });

  it("GIVEN an order under an email no lead has THEN no routing is queued", async () => {
    const shop = await aRoutedLead();
    const order = anOrderPayload(new Date(NOW.getTime() - 5_000), { email: "stranger@example.com" });

    await processOrderWebhook({ shopDomain: shop, topic: "orders/create", webhookId: "wh-facts-2", body: order });

    expect(await routingJobs(shop)).toEqual([{ status: "done" }]);
  });
});
