/**
 * From a captured chat to HubSpot through the merchant's routing rules: a signed app-proxy
 * request → ingest → routing job (decisions, owner, score) → contact sync and lead-action jobs
 * → the exact payloads that reached the HubSpot sandbox. Only the clock is frozen; the SDK
 * talks to the sandbox over HTTP.
 */
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import prisma from "../../../app/db.server";
import { CHAT_NOTE_JOB, CONTACT_JOB, LEAD_ACTIONS_JOB, ROUTE_LEAD_JOB } from "../../../app/sync/outbox.server";
import { drainJobs } from "../../../app/platform/jobs/runner.server";
import { startHubSpotSandbox, type HubSpotSandbox } from "../../../sandbox/hubspot";
import {
  ADA,
  aDemoChat,
  aDemoRuleSet,
  aRoutedShop,
  useFrozenRoutingScene,
  GRACE,
  MERCHANT_PROPERTY,
  postChat,
  thawTheScene,
} from "../../support/builders/routing-scene";
import { HOUR, NOW } from "../../support/clock";

const PORTAL = 4711;
let sandbox: HubSpotSandbox;

beforeEach(useFrozenRoutingScene);
afterEach(async () => {
  thawTheScene();
  await sandbox.close();
});
afterAll(() => prisma.$disconnect());

const upserts = () =>
  sandbox.requestsTo("POST", "/crm/objects/2026-03/contacts/batch/upsert").filter((request) => request.status === 200);

describe("a captured chat routed to HubSpot", () => {
  it("GIVEN a rule for pricing + team ≥ 10 + demo WHEN a shopper's chat is posted and the worker runs THEN HubSpot receives the contact with owner and stage, a task and a deal associated with it", async () => {
    sandbox = await startHubSpotSandbox({ tenSecondLimit: 100, windowMs: 1000, portalId: PORTAL, customEvents: true });
    process.env.HUBSPOT_API_BASE = sandbox.url;
    const shop = await aRoutedShop(sandbox, aDemoRuleSet());

    const response = await postChat(shop, aDemoChat("Grace@Acme.io", "sess_e2e_grace_01"));
    expect(response.status).toBe(200);
    const queued = await prisma.job.findMany({ where: { shopDomain: shop }, select: { kind: true } });
    expect(queued.map((job) => job.kind)).toContain(ROUTE_LEAD_JOB);
    expect(queued.map((job) => job.kind)).not.toContain(CONTACT_JOB); // the routing enqueues it, with the rules' choices

    await drainJobs();

    const lead = await prisma.lead.findUniqueOrThrow({
      where: { shopDomain_email: { shopDomain: shop, email: "grace@acme.io" } },
    });
    expect(lead).toMatchObject({
      hubspotOwnerId: ADA,
      routedLifecycleStage: "marketingqualifiedlead",
      routedLeadStatus: "NEW",
      intentScore: 55,
    });
    const contactId = lead.hubspotContactId as string;
    expect(contactId).toMatch(/^\d+$/);

    // THEN the contact: ChatLift's properties, the rule's fixed value, stage, status and owner
    expect(upserts().map((request) => request.body)).toEqual([
      {
        inputs: [
          {
            idProperty: "email",
            objectWriteTraceId: "0",
            id: "grace@acme.io",
            properties: {
              [MERCHANT_PROPERTY]: "chat demo",
              lifecyclestage: "marketingqualifiedlead",
              hs_lead_status: "NEW",
              hubspot_owner_id: ADA,
              chatlift_intent_score: "55",
              chatlift_micro_conversion_count: "3",
              chatlift_last_micro_conversion: "demo_booked",
              chatlift_last_micro_conversion_at: new Date(NOW.getTime() - 56_000).toISOString(),
              chatlift_first_chat_at: new Date(NOW.getTime() - 59_000).toISOString(),
              chatlift_last_chat_at: new Date(NOW.getTime() - 56_000).toISOString(),
              chatlift_last_page: "/pages/pricing",
              chatlift_consent: "granted",
              chatlift_consent_at: new Date(NOW.getTime() - 58_000).toISOString(),
            },
          },
        ],
      },
    ]);

    // THEN a call task for the owner, due 24 h after routing, created and then associated
    const dueAt = new Date(NOW.getTime() + 24 * HOUR).toISOString();
    expect(
      sandbox.requestsTo("POST", "/crm/objects/2026-03/tasks/batch/create").map((request) => request.body),
    ).toEqual([
      {
        inputs: [
          {
            objectWriteTraceId: "0",
            properties: {
              hs_timestamp: dueAt,
              hs_task_subject: "Call grace@acme.io about the demo",
              hs_task_status: "NOT_STARTED",
              hs_task_priority: "HIGH",
              hs_task_type: "CALL",
              hubspot_owner_id: ADA,
            },
            associations: [],
          },
        ],
      },
    ]);
    const [task] = [...sandbox.state.tasks.values()];
    expect(
      sandbox
        .requestsTo("POST", "/crm/associations/2026-03/tasks/contacts/batch/associate/default")
        .map((request) => request.body),
    ).toEqual([{ inputs: [{ from: { id: task?.id }, to: { id: contactId } }] }]);

    // THEN a deal in the rule's pipeline and stage, found by its routing key first, then associated
    expect(sandbox.requestsTo("POST", "/crm/objects/2026-03/deals/batch/read").map((request) => request.body)).toEqual([
      {
        idProperty: "chatlift_routing_key",
        inputs: [{ id: `${lead.id}:team-demo:create_deal:1` }],
        properties: ["chatlift_routing_key"],
        propertiesWithHistory: [],
      },
    ]);
    expect(
      sandbox.requestsTo("POST", "/crm/objects/2026-03/deals/batch/create").map((request) => request.body),
    ).toEqual([
      {
        inputs: [
          {
            properties: {
              dealname: "Demo for grace@acme.io",
              pipeline: "default",
              dealstage: "appointmentscheduled",
              deal_currency_code: "USD",
              amount: "39.90",
              hubspot_owner_id: ADA,
              chatlift_routing_key: `${lead.id}:team-demo:create_deal:1`,
            },
            associations: [],
            objectWriteTraceId: "0",
          },
        ],
      },
    ]);
    const [deal] = [...sandbox.state.deals.values()];
    expect(
      sandbox
        .requestsTo("POST", "/crm/associations/2026-03/deals/contacts/batch/associate/default")
        .map((request) => request.body),
    ).toEqual([{ inputs: [{ from: { id: deal?.id }, to: { id: contactId } }] }]);
    expect(sandbox.state.associations).toEqual([
      { fromType: "tasks", fromId: task?.id, toType: "contacts", toId: contactId, typeId: 204 },
      { fromType: "deals", fromId: deal?.id, toType: "contacts", toId: contactId, typeId: 3 },
    ]);

    // THEN the rule's custom event, beside the micro-conversion signals every Enterprise account gets
    expect(sandbox.state.events.filter((event) => event.eventName === `pe${PORTAL}_chatlift_demo_routed`)).toEqual([
      {
        eventName: `pe${PORTAL}_chatlift_demo_routed`,
        email: "grace@acme.io",
        occurredAt: NOW.toISOString(),
        properties: { rule: "Pricing + team ≥ 10 + demo → MQL with a deal" },
      },
    ]);

    // THEN the decision says why, and every job ended done
    const decision = await prisma.routingDecision.findFirstOrThrow({ where: { shopDomain: shop, leadId: lead.id } });
    expect(decision.reason).toBe(
      'Rule "Pricing + team ≥ 10 + demo → MQL with a deal" (v1) matched: visited a page "pricing" in the last 30 days (1 visit); team_size ≥ 10 (answered 12); ' +
        "booked a demo at least 1 time (1 time); cart value ≥ $30.00 ($39.90). Actions: " +
        'sync the contact with chatlift_intent_score, lead_source_detail = "chat demo" → queued; set lifecycle stage to marketingqualifiedlead → queued; ' +
        "set lead status to NEW → queued; assign round-robin over owner 501 or owner 502 (unless the contact has one) → owner 501 (1 of 2 in rotation); " +
        'create a task "Call grace@acme.io about the demo" due in 24 h for the lead\'s owner → due 2026-11-21T12:00:00.000Z, for owner 501; ' +
        'create a deal in pipeline default, stage appointmentscheduled, amount = cart value → "Demo for grace@acme.io", 39.90 USD, owner 501; ' +
        "send the custom event chatlift_demo_routed → queued. Later rules are not checked.",
    );
    const jobs = await prisma.job.findMany({ where: { shopDomain: shop }, orderBy: { id: "asc" } });
    // All done but the chat summary note, which waits its coalescing delay (CHAT_NOTE_DELAY_MS).
    expect(jobs.filter((job) => job.kind !== CHAT_NOTE_JOB).every((job) => job.status === "done")).toBe(true);
    expect(jobs.map((job) => job.kind)).toEqual(
      expect.arrayContaining([ROUTE_LEAD_JOB, CONTACT_JOB, LEAD_ACTIONS_JOB]),
    );
    expect(jobs.every((job) => !job.payload.includes("grace@acme.io"))).toBe(true);
  });

  it("GIVEN two shoppers WHEN both chats are routed THEN the owners take turns and each contact carries its own owner", async () => {
    sandbox = await startHubSpotSandbox({ tenSecondLimit: 100, windowMs: 1000, portalId: PORTAL });
    process.env.HUBSPOT_API_BASE = sandbox.url;
    const shop = await aRoutedShop(sandbox, aDemoRuleSet());

    expect((await postChat(shop, aDemoChat("ann@acme.io", "sess_e2e_ann_0001"))).status).toBe(200);
    await drainJobs();
    expect((await postChat(shop, aDemoChat("bob@acme.io", "sess_e2e_bob_0001"))).status).toBe(200);
    await drainJobs();

    expect(sandbox.state.contacts.get("ann@acme.io")?.properties.hubspot_owner_id).toBe(ADA);
    expect(sandbox.state.contacts.get("bob@acme.io")?.properties.hubspot_owner_id).toBe(GRACE);
    expect([...sandbox.state.tasks.values()].map((task) => task.properties.hubspot_owner_id)).toEqual([ADA, GRACE]);
    // No custom events on this account: the action is recorded as not sent, never retried.
    const events = await prisma.routingAction.findMany({ where: { shopDomain: shop, kind: "send_event" } });
    expect(events.map((event) => event.note)).toEqual([
      "not sent: this HubSpot connection cannot send custom behavioral events (the HubSpot page says why)",
      "not sent: this HubSpot connection cannot send custom behavioral events (the HubSpot page says why)",
    ]);
    expect(sandbox.requestsTo("POST", "/events/2026-03/send/batch")).toEqual([]);
  });
});
