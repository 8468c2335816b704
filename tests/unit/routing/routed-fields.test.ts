/** What the rules chose for a lead's contact, kept on the lead, and the once-only actions the HubSpot worker applies. */
import { describe, expect, it } from "vitest";
import type { Intent } from "../../../app/routing/intents";
import { leadActionsOf, readRoutedProperties, routedFieldsAfter } from "../../../app/routing/routed-fields";
import { customEventDefinitionFor, customEventFor, routedDealFor, taskFor } from "../../../app/sync/lead-actions";

const source = { leadId: "lead-1", email: "ann@acme.io", ruleId: "r1", ruleSetVersion: 3 };
const task: Intent = {
  ...source,
  kind: "create_task",
  subject: "Call ann@acme.io",
  dueAt: "2026-11-21T12:00:00.000Z",
  priority: "HIGH",
  taskType: "CALL",
  ownerId: "501",
  dedupeKey: "lead-1:r1:create_task:1",
};
const deal: Intent = {
  ...source,
  kind: "create_deal",
  pipelineId: "default",
  stageId: "qualifiedtobuy",
  name: "Chat lead ann@acme.io",
  currency: "EUR",
  amount: "39.90",
  ownerId: "501",
  dedupeKey: "lead-1:r1:create_deal:1",
};
const event: Intent = {
  ...source,
  kind: "send_event",
  name: "demo_routed",
  properties: { rule: "Demo" },
  occurredAt: "2026-11-20T12:00:00.000Z",
  dedupeKey: "lead-1:r1:send_event:1",
};

describe("routedFieldsAfter", () => {
  it("GIVEN earlier choices WHEN new intents arrive THEN the later stage, status and property values win and the rest is kept", () => {
    const after = routedFieldsAfter(
      { lifecycleStage: "lead", leadStatus: "OPEN", properties: { source_detail: "chat", region: "eu" } },
      [
        { ...source, kind: "set_lifecycle_stage", stage: "marketingqualifiedlead" },
        {
          ...source,
          kind: "upsert_contact",
          chatliftProperties: ["chatlift_intent_score"],
          properties: { source_detail: "demo" },
        },
        task,
      ],
    );
    expect(after).toEqual({
      lifecycleStage: "marketingqualifiedlead",
      leadStatus: "OPEN",
      properties: { source_detail: "demo", region: "eu" },
    });
  });

  it("GIVEN no intents THEN nothing is taken back", () => {
    expect(routedFieldsAfter({ lifecycleStage: "lead", properties: {} }, [])).toEqual({
      lifecycleStage: "lead",
      properties: {},
    });
  });
});

describe("readRoutedProperties", () => {
  it.each([
    [null, {}],
    ["not json", {}],
    ["[]", {}],
    [JSON.stringify({ a: "1", b: 2 }), { a: "1" }],
  ])("GIVEN %s THEN %o", (text, expected) => {
    expect(readRoutedProperties(text)).toEqual(expected);
  });
});

describe("lead actions", () => {
  it("GIVEN a routing's intents THEN only tasks, deals and events with a key are kept, without the email", () => {
    const actions = leadActionsOf([
      { ...source, kind: "set_lead_status", status: "NEW" },
      task,
      deal,
      event,
      { ...task, dedupeKey: undefined },
    ]);
    expect(actions.map((action) => action.dedupeKey)).toEqual([task.dedupeKey, deal.dedupeKey, event.dedupeKey]);
    expect(actions.every((action) => !("email" in action))).toBe(true);
  });

  it("GIVEN a task, a deal and an event THEN the CRM inputs carry exactly the rule's values", () => {
    const actions = leadActionsOf([task, deal, event]);
    const taskAction = actions.find((action) => action.kind === "create_task");
    const dealAction = actions.find((action) => action.kind === "create_deal");
    const eventAction = actions.find((action) => action.kind === "send_event");
    if (taskAction?.kind !== "create_task" || dealAction?.kind !== "create_deal" || eventAction?.kind !== "send_event")
      throw new Error("an action is missing");
    expect(taskFor(taskAction)).toEqual({
      subject: "Call ann@acme.io",
      dueAt: "2026-11-21T12:00:00.000Z",
      priority: "HIGH",
      taskType: "CALL",
      ownerId: "501",
    });
    expect(routedDealFor(dealAction)).toEqual({
      routingKey: "lead-1:r1:create_deal:1",
      properties: {
        dealname: "Chat lead ann@acme.io",
        pipeline: "default",
        dealstage: "qualifiedtobuy",
        deal_currency_code: "EUR",
        amount: "39.90",
        hubspot_owner_id: "501",
      },
    });
    expect(customEventFor(eventAction, " Ann@Acme.io ", 4711)).toEqual({
      eventName: "pe4711_demo_routed",
      email: "ann@acme.io",
      occurredAt: "2026-11-20T12:00:00.000Z",
      properties: { rule: "Demo" },
    });
    expect(customEventDefinitionFor(eventAction)).toEqual({
      name: "demo_routed",
      label: "Demo routed",
      description: "Sent by a ChatLift routing rule.",
      properties: [{ name: "rule", label: "rule", type: "string" }],
    });
  });
});
