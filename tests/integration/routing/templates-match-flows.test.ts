/**
 * The routing templates and the flow templates must describe the same shoppers: a routing template
 * that waits for a micro-conversion no flow records never routes anyone (the demo's "fit help +
 * add to cart" rule once waited for a fit_help no flow sent). A logged-in shopper runs every flow
 * template through the widget's own flow engine, taking what each step offers; the events go
 * through capture's ingest, the lead's facts are read as routing reads them, and each routing
 * template, alone, must match that lead.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import prisma from "../../../app/db.server";
import { ingestBatch, resetIngestLimits } from "../../../app/capture/ingest.server";
import { FLOW_TEMPLATES } from "../../../app/flows/templates";
import { starterConfig } from "../../../app/flows/starter-config";
import { loadLeadFacts } from "../../../app/routing/lead-facts.server";
import { evaluate } from "../../../app/routing/engine";
import { RULE_TEMPLATES } from "../../../app/routing/templates";
import { parseRuleSet } from "../../../app/routing/validate";
import type { LeadFacts } from "../../../app/routing/facts";
import { parseWidgetConfig, type Flow, type Step } from "../../../contract/widget-config";
import type { ChatEvent, EventBatch } from "../../../contract/events";
import { advance, convert, currentStep, startRun } from "../../../widget/core/flow-engine";
import { anEvent } from "../../support/builders/events";
import { freezeClock, MINUTE, NOW } from "../../support/clock";

const SHOP = `templates-match-flows-${process.pid}.myshopify.com`;
const VISITOR = "visitor_templates01";
const EMAIL = "lin@acme.io";
/** Every visit is the same logged-in customer's: the lead gathers all of them. */
const CUSTOMER = "7001";
/** What each line the shopper adds costs (shop currency, major units). */
const LINE_PRICE = 120;
/** What the shopper answers a number qualifier (the B2B flow's team size). */
const TEAM = 25;

/** The storefront page a flow's trigger shows it on. */
function pageOf(flow: Flow): EventBatch["page"] {
  const type = flow.trigger.pageTypes[0] ?? "home";
  const handle = flow.trigger.pageHandles[0];
  if (type === "product") return { type, path: "/products/linen-shirt", handle: "linen-shirt", productId: "632910392" };
  if (type === "page") return { type, path: `/pages/${handle ?? "about"}`, handle: handle ?? "about" };
  if (type === "cart") return { type, path: "/cart" };
  if (type === "collection") return { type, path: "/collections/shirts", handle: "shirts" };
  return { type: "home", path: "/" };
}

/** What the widget sends when the shopper takes the step's offer (steps.ts), before the step's micro-conversion. */
function actionOf(step: Step): { before: ChatEvent[]; detail: Record<string, unknown> } {
  const line = {
    productId: "632910392",
    productVariantId: "39072856",
    quantity: 1,
    value: LINE_PRICE,
    currency: "USD",
  };
  switch (step.kind) {
    case "message": {
      const answer = { kind: "choice" as const, value: step.replies[0]?.id ?? "next" };
      return { before: [anEvent("step_answered", { answer })], detail: { answer } };
    }
    case "qualifier": {
      const answer =
        step.input.type === "number"
          ? { kind: "number" as const, value: TEAM }
          : { kind: "choice" as const, value: step.input.options[0]!.id };
      return { before: [anEvent("step_answered", { answer })], detail: { answer } };
    }
    case "recommendations":
    case "add_to_cart":
      return { before: [], detail: line };
    case "email_capture":
      return {
        before: [],
        detail: { email: EMAIL, consent: { granted: true, text: step.consentText.en ?? "Email me" } },
      };
    case "coupon":
      return { before: [], detail: { code: step.code } };
    case "link":
      return { before: [], detail: {} };
  }
}

/** One visit: the flow's prompt taken, every step's offer taken, as the chat UI tracks them. */
function visit(flow: Flow, index: number, startedAt: number): EventBatch {
  const sessionId = `sess_template_${index}_${flow.id}`.slice(0, 64);
  let clock = startedAt;
  const ids = { sessionId, flowId: flow.id };
  const stamp = (event: ChatEvent): ChatEvent => ({ ...event, ...ids, occurredAt: (clock += 1_000) });
  const page = pageOf(flow);
  const run = startRun(flow, VISITOR, "starter-salt-0001");
  const variant = run.variantId ? { variantId: run.variantId } : {};
  const events: ChatEvent[] = [
    stamp(anEvent("session_started", { landingPath: page.path, returning: index > 0, flowId: undefined })),
    stamp(anEvent("prompt_shown", { trigger: flow.trigger.kind, ...variant })),
    stamp(anEvent("chat_opened", { by: "prompt", ...variant })),
    stamp(anEvent("flow_started", { trigger: flow.trigger.kind, ...variant })),
  ];
  for (let step = currentStep(run); step;) {
    const { before, detail } = actionOf(step);
    events.push(stamp(anEvent("step_viewed", { stepId: step.id, ...variant })));
    for (const event of before) events.push(stamp({ ...event, stepId: step.id, ...variant }));
    const { kind, completes } = convert(run, step);
    if (kind) events.push(stamp(anEvent("micro_conversion", { kind, stepId: step.id, ...variant, ...detail })));
    if (completes) events.push(stamp(anEvent("flow_completed", { ...variant })));
    step = advance(run, step.kind === "message" ? step.replies[0] : undefined);
  }
  return { v: 1, visitorId: VISITOR, arm: "treatment", page, sentAt: clock, events };
}

describe("routing templates against the flow templates", () => {
  let facts: LeadFacts;

  beforeAll(async () => {
    freezeClock();
    resetIngestLimits();
    await prisma.shop.create({ data: { domain: SHOP, currency: "USD" } });
    const flows = parseWidgetConfig({
      ...starterConfig(),
      flows: FLOW_TEMPLATES.map((template) => template.flow),
    }).flows;
    // One visit per flow template, an hour apart, all in the last day.
    for (const [index, flow] of flows.entries()) {
      const startedAt = NOW.getTime() - (flows.length - index) * 60 * MINUTE;
      const stored = await ingestBatch({
        shopDomain: SHOP,
        loggedInCustomerId: CUSTOMER,
        receivedAt: new Date(startedAt + 30 * MINUTE),
        batch: visit(flow, index, startedAt),
      });
      expect(stored).toMatchObject({ status: "stored" });
    }
    const lead = await prisma.lead.findUniqueOrThrow({
      where: { shopDomain_email: { shopDomain: SHOP, email: EMAIL } },
    });
    facts = await loadLeadFacts(prisma, lead, "USD");
  });

  afterAll(async () => {
    vi.useRealTimers();
    await prisma.$disconnect();
  });

  it("GIVEN a shopper who took every flow template's offers THEN the lead has every micro-conversion the flows record", () => {
    expect(new Set(facts.microConversions.map((micro) => micro.kind))).toEqual(
      new Set(["fit_help", "add_to_cart", "email_capture", "coupon_applied", "qualifier", "demo_booked"]),
    );
    expect(facts.qualifierAnswers.team_size).toEqual({ kind: "number", value: TEAM });
  });

  it.each(RULE_TEMPLATES.map((template) => [template.id, template] as const))(
    "GIVEN that lead WHEN only the routing template %s runs THEN it matches",
    (_id, template) => {
      const rule = template.build({ ownerIds: ["501"], bigCartValue: LINE_PRICE - 20 });
      const ruleSet = parseRuleSet({ version: 1, rules: [rule] });
      const { decisions } = evaluate(ruleSet, facts, { now: NOW.getTime(), ownerAssignment: {} });
      expect(decisions.map(({ status, reason }) => ({ status, reason }))).toEqual([
        { status: "matched", reason: expect.stringContaining("matched") },
      ]);
    },
  );
});
