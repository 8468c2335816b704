/**
 * The end-to-end routing scene: an installed shop connected to the HubSpot sandbox, a rule set
 * activated, and a shopper's chat posted as a really signed app-proxy request to the real route.
 */
import { expect, vi } from "vitest";
import { resetIngestLimits } from "../../../app/capture/ingest.server";
import { registerHubSpotJobs } from "../../../app/sync/jobs.server";
import { useTestEncryptionKey } from "./lead-rows";
import prisma from "../../../app/db.server";
import { sessionStorage } from "../../../app/shopify.server";
import { action as eventsRoute } from "../../../app/routes/apps.chatlift.events";
import { connectWithStaticToken } from "../../../app/sync/connection.server";
import { activateRuleSet, saveRuleSet } from "../../../app/routing/rule-sets.server";
import type { RuleSetInput } from "../../../app/routing";
import { aBatch, anEmailCapture, anEvent } from "./events";
import { anOfflineSession } from "./sessions";
import { signedProxyRequest } from "../http/signed-requests";
import type { HubSpotSandbox } from "../../../sandbox/hubspot";
import { responseOf, routeArgs } from "../http/responses";
import { freezeClock, NOW } from "../clock";

export const ADA = "501";
export const GRACE = "502";
/** A contact property of the merchant's own, which a rule fills with a fixed value. */
export const MERCHANT_PROPERTY = "lead_source_detail";

/** "Pricing page + team ≥ 10 + demo booked → MQL, round-robin owner, a call task and a deal." */
export function aDemoRuleSet(overrides: Partial<RuleSetInput> = {}): RuleSetInput {
  return {
    version: 1,
    scoring: {
      weights: { demo_booked: 40, add_to_cart: 10, email_capture: 5 },
      halfLifeDays: 14,
      qualifiedThreshold: 50,
    },
    rules: [
      {
        id: "team-demo",
        name: "Pricing + team ≥ 10 + demo → MQL with a deal",
        conditions: {
          all: [
            { fact: "page_visited", handles: ["pricing"], withinDays: 30 },
            { fact: "qualifier", question: "team_size", op: "gte", value: 10 },
            { fact: "micro_conversion", kind: "demo_booked" },
            { fact: "cart_value", op: "gte", value: 30 },
          ],
        },
        actions: [
          { type: "sync_contact", properties: ["chatlift_intent_score"], set: { [MERCHANT_PROPERTY]: "chat demo" } },
          { type: "set_lifecycle_stage", stage: "marketingqualifiedlead" },
          { type: "set_lead_status", status: "NEW" },
          { type: "assign_owner", mode: "round_robin", ownerIds: [ADA, GRACE] },
          {
            type: "create_task",
            subject: "Call {{email}} about the demo",
            dueInHours: 24,
            taskType: "CALL",
            priority: "HIGH",
          },
          {
            type: "create_deal",
            pipelineId: "default",
            stageId: "appointmentscheduled",
            name: "Demo for {{email}}",
            amount: "cart_value",
          },
          { type: "send_event", name: "chatlift_demo_routed", properties: { rule: "{{rule}}" } },
        ],
        then: "stop",
      },
    ],
    ...overrides,
  };
}

/** "Asked for a person → a support ticket owned by Grace": the fact handoff_requested and create_ticket. */
export function aHandoffRuleSet(stageId = "1"): RuleSetInput {
  return {
    version: 1,
    scoring: { weights: { demo_booked: 40 }, halfLifeDays: 14, qualifiedThreshold: 50 },
    rules: [
      {
        id: "handoff",
        name: "Asked for a person → support ticket",
        conditions: { all: [{ fact: "handoff_requested" }] },
        actions: [
          { type: "assign_owner", mode: "fixed", ownerId: GRACE },
          {
            type: "create_ticket",
            ticketPipelineId: "0",
            ticketStageId: stageId,
            subject: "Chat handoff: {{email}}",
            priority: "HIGH",
          },
        ],
        then: "stop",
      },
    ],
  };
}

let shopCounter = 0;

/** Each test: the clock frozen at NOW, a fresh encryption key and rate limits, the HubSpot job handlers. */
export function useFrozenRoutingScene(): void {
  freezeClock();
  vi.spyOn(console, "info").mockImplementation(() => undefined);
  vi.spyOn(console, "error").mockImplementation(() => undefined);
  useTestEncryptionKey();
  resetIngestLimits();
  registerHubSpotJobs();
}

export function thawTheScene(): void {
  vi.useRealTimers();
  vi.restoreAllMocks();
}

/** An installed shop connected to the sandbox, with the merchant's own property, running `rules`. */
export async function aRoutedShop(sandbox: HubSpotSandbox, rules: RuleSetInput): Promise<string> {
  shopCounter += 1;
  const shop = `routing-e2e-${process.pid}-${shopCounter}.myshopify.com`;
  await prisma.shop.create({ data: { domain: shop, currency: "USD" } });
  await sessionStorage().storeSession(anOfflineSession(shop));
  await connectWithStaticToken(shop, "pat-sandbox");
  const created = await fetch(`${sandbox.url}/crm/properties/2026-03/contacts`, {
    method: "POST",
    headers: { authorization: "Bearer pat-sandbox", "content-type": "application/json" },
    body: JSON.stringify({
      name: MERCHANT_PROPERTY,
      label: "Lead source detail",
      type: "string",
      fieldType: "text",
      groupName: "contactinformation",
    }),
  });
  expect([201, 409]).toContain(created.status);
  expect(await saveRuleSet(shop, rules, 0)).toEqual({ kind: "saved", version: 1 });
  expect(await activateRuleSet(shop, 1, NOW)).toBe(true);
  return shop;
}

/**
 * A shopper lands on the pricing page, answers the team-size qualifier, leaves their email
 * with consent, adds a $39.90 shirt from chat and books a demo: one batch, as the widget sends it.
 */
export function aDemoChat(email: string, sessionId: string) {
  const at = NOW.getTime() - 60_000;
  return aBatch({
    visitorId: `visitor_${sessionId}`,
    page: { type: "page", path: "/pages/pricing", handle: "pricing" },
    sentAt: NOW.getTime(),
    events: [
      anEvent("session_started", { sessionId, occurredAt: at, landingPath: "/pages/pricing", returning: false }),
      // The starter config's demo flow: its step "team" answers the qualifier field team_size.
      anEvent("step_answered", {
        sessionId,
        occurredAt: at + 1_000,
        flowId: "demo",
        stepId: "team",
        answer: { kind: "number", value: 12 },
      }),
      anEmailCapture(email, { sessionId, occurredAt: at + 2_000 }),
      anEvent("micro_conversion", {
        sessionId,
        occurredAt: at + 3_000,
        kind: "add_to_cart",
        value: 39.9,
        currency: "USD",
      }),
      anEvent("micro_conversion", {
        sessionId,
        occurredAt: at + 4_000,
        kind: "demo_booked",
        productId: undefined,
        productVariantId: undefined,
        quantity: undefined,
      }),
    ],
  });
}

/** Posts the batch through the real app-proxy route, signed with the app's secret. */
export function postChat(shop: string, batch: ReturnType<typeof aBatch>): Promise<Response> {
  return responseOf(eventsRoute(routeArgs(signedProxyRequest({ shop, body: batch }))));
}
