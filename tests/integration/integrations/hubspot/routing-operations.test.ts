/**
 * The CRM port's operations for routing rules, through the SDK adapter against the sandbox over
 * HTTP: the payloads that arrive, and HubSpot's rules the sandbox plays (owner ids checked,
 * lifecycle stages forward only, deal stages within their pipeline, associations idempotent).
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  DEAL_PROPERTIES,
  MICRO_CONVERSION_EVENT_DEFINITION,
  PROPERTY_GROUP,
} from "../../../../app/sync/chatlift-properties";
import type { CrmPort } from "../../../../app/integrations/hubspot/crm-port";
import { createHubSpotCrm } from "../../../../app/integrations/hubspot/hubspot-adapter.server";
import { startHubSpotSandbox, type HubSpotSandbox } from "../../../../sandbox/hubspot";

let sandbox: HubSpotSandbox;
let crm: CrmPort;

beforeEach(async () => {
  sandbox = await startHubSpotSandbox({ tenSecondLimit: 50, windowMs: 1000 });
  crm = createHubSpotCrm({
    accessToken: "pat-sandbox",
    basePath: sandbox.url,
    tenSecondLimit: 50,
    windowMs: 1000,
    timeoutMs: 400,
  });
  await crm.ensurePropertyGroup("deals", PROPERTY_GROUP.name, PROPERTY_GROUP.label);
  await crm.ensureProperties("deals", PROPERTY_GROUP.name, DEAL_PROPERTIES);
});
afterEach(() => sandbox.close());

describe("routing operations", () => {
  it("GIVEN the default account THEN pipelines with their stages and the lifecycle and lead-status options are listed", async () => {
    expect(await crm.listPipelines()).toEqual([
      {
        id: "default",
        label: "Sales Pipeline",
        stages: [
          "appointmentscheduled",
          "qualifiedtobuy",
          "presentationscheduled",
          "decisionmakerboughtin",
          "contractsent",
          "closedwon",
          "closedlost",
        ].map((id) => ({ id, label: id })),
      },
    ]);
    expect((await crm.listPropertyOptions("contacts", "lifecyclestage")).map((option) => option.value)).toEqual([
      "subscriber",
      "lead",
      "marketingqualifiedlead",
      "salesqualifiedlead",
      "opportunity",
      "customer",
      "evangelist",
      "other",
    ]);
    expect((await crm.listPropertyOptions("contacts", "hs_lead_status")).map((option) => option.value)).toContain(
      "ATTEMPTED_TO_CONTACT",
    );
  });

  it("GIVEN archived pipelines and stages THEN they are left out, so a rule pointing at them is flagged", async () => {
    await sandbox.close();
    sandbox = await startHubSpotSandbox({
      tenSecondLimit: 50,
      windowMs: 1000,
      pipelines: [
        {
          id: "b2b",
          label: "B2B",
          displayOrder: 1,
          archived: false,
          stages: [
            { id: "gone", label: "Old", displayOrder: 1, archived: true },
            { id: "demo", label: "Demo", displayOrder: 0, archived: false },
          ],
        },
        {
          id: "retired",
          label: "Retired",
          displayOrder: 0,
          archived: true,
          stages: [{ id: "x", label: "X", displayOrder: 0, archived: false }],
        },
      ],
    });
    crm = createHubSpotCrm({
      accessToken: "pat-sandbox",
      basePath: sandbox.url,
      tenSecondLimit: 50,
      windowMs: 1000,
      timeoutMs: 400,
    });
    expect(await crm.listPipelines()).toEqual([{ id: "b2b", label: "B2B", stages: [{ id: "demo", label: "Demo" }] }]);
  });

  it("GIVEN a task with a type and no contact THEN it is created without associations and associated afterwards, once however often that is repeated", async () => {
    const [contact] = await crm.upsertContacts([{ email: "ann@acme.io", properties: {} }]);
    const [taskId] = await crm.createTasks([
      { subject: "Call Ann", dueAt: "2026-11-21T12:00:00.000Z", ownerId: "502", taskType: "CALL", priority: "LOW" },
    ]);
    expect(sandbox.requestsTo("POST", "/crm/objects/2026-03/tasks/batch/create")[0]?.body).toEqual({
      inputs: [
        {
          objectWriteTraceId: "0",
          properties: {
            hs_timestamp: "2026-11-21T12:00:00.000Z",
            hs_task_subject: "Call Ann",
            hs_task_status: "NOT_STARTED",
            hs_task_priority: "LOW",
            hs_task_type: "CALL",
            hubspot_owner_id: "502",
          },
          associations: [],
        },
      ],
    });
    await crm.associate("tasks", "contacts", [{ fromId: taskId as string, toId: contact?.contactId as string }]);
    await crm.associate("tasks", "contacts", [{ fromId: taskId as string, toId: contact?.contactId as string }]);
    expect(sandbox.state.associations).toEqual([
      { fromType: "tasks", fromId: taskId, toType: "contacts", toId: contact?.contactId, typeId: 204 },
    ]);
  });

  it("GIVEN five tasks WHEN HubSpot answers them in its own order THEN each returned id is its input's task (paired by objectWriteTraceId)", async () => {
    const subjects = ["Call Ann", "Call Bo", "Call Cy", "Call Di", "Call Ed"];
    const ids = await crm.createTasks(
      subjects.map((subject) => ({ subject, dueAt: "2026-11-21T12:00:00.000Z", ownerId: "501" })),
    );
    // The sandbox, like HubSpot, answers out of input order (seeded); every id still names its input's task.
    expect(ids.map((id) => sandbox.state.tasks.get(id)?.properties.hs_task_subject)).toEqual(subjects);
  });

  it("GIVEN a routed deal THEN it is found by its routing key, and a second one with the same key is refused", async () => {
    const deal = {
      routingKey: "lead-1:r1:create_deal:1",
      properties: { dealname: "Demo", pipeline: "default", dealstage: "qualifiedtobuy" },
    };
    expect(await crm.findRoutedDeals([deal.routingKey])).toEqual([]);
    const [created] = await crm.createRoutedDeals([deal]);
    expect(await crm.findRoutedDeals([deal.routingKey])).toEqual([created]);
    await expect(crm.createRoutedDeals([deal])).rejects.toMatchObject({ kind: "conflict", status: 409 });
    expect(sandbox.state.deals.size).toBe(1);
  });

  it.each([
    ["an owner who does not exist", "contacts", { hubspot_owner_id: "999" }, /999 is not a valid owner id/],
    [
      "a stage outside the pipeline",
      "deals",
      { dealname: "x", pipeline: "default", dealstage: "won" },
      /\\"won\\" was not one of the allowed options/,
    ],
    [
      "a pipeline that does not exist",
      "deals",
      { dealname: "x", pipeline: "b2b", dealstage: "appointmentscheduled" },
      /\\"b2b\\" was not one of the allowed options/,
    ],
  ])("GIVEN %s THEN HubSpot refuses the record as invalid", async (_label, objectType, properties, message) => {
    const attempt =
      objectType === "contacts"
        ? crm.upsertContacts([{ email: "ann@acme.io", properties: properties as Record<string, string> }])
        : crm.createRoutedDeals([{ routingKey: "k", properties: properties as Record<string, string> }]);
    await expect(attempt).rejects.toMatchObject({ kind: "validation", message: expect.stringMatching(message) });
  });

  it("GIVEN a customer WHEN a rule sets an earlier lifecycle stage THEN HubSpot keeps the later one without an error", async () => {
    await crm.upsertContacts([{ email: "ann@acme.io", properties: { lifecyclestage: "customer" } }]);
    await crm.upsertContacts([
      { email: "ann@acme.io", properties: { lifecyclestage: "lead", hs_lead_status: "OPEN" } },
    ]);
    expect(sandbox.state.contacts.get("ann@acme.io")?.properties).toMatchObject({
      lifecyclestage: "customer",
      hs_lead_status: "OPEN",
    });
    await crm.upsertContacts([{ email: "ann@acme.io", properties: { lifecyclestage: "evangelist" } }]);
    expect(sandbox.state.contacts.get("ann@acme.io")?.properties.lifecyclestage).toBe("evangelist");
  });

  it("GIVEN an account with custom events THEN an event definition is created once, a property it lacks is added, and occurrences of undefined events are refused", async () => {
    await sandbox.close();
    sandbox = await startHubSpotSandbox({ tenSecondLimit: 50, windowMs: 1000, customEvents: true, portalId: 4711 });
    crm = createHubSpotCrm({
      accessToken: "pat-sandbox",
      basePath: sandbox.url,
      tenSecondLimit: 50,
      windowMs: 1000,
      timeoutMs: 400,
    });
    const definition = {
      name: "demo_routed",
      label: "Demo routed",
      description: "Sent by a ChatLift routing rule.",
      properties: [{ name: "rule", label: "rule", type: "string" as const }],
    };

    expect(await crm.ensureEventDefinition(definition)).toEqual({
      fullyQualifiedName: "pe4711_demo_routed",
      created: true,
    });
    expect(sandbox.requestsTo("POST", "/events/2026-03/event-definitions").map((request) => request.body)).toEqual([
      {
        name: "demo_routed",
        label: "Demo routed",
        description: "Sent by a ChatLift routing rule.",
        primaryObject: "CONTACT",
        includeDefaultProperties: false,
        propertyDefinitions: [{ name: "rule", label: "rule", type: "string" }],
      },
    ]);
    const wider = {
      ...definition,
      properties: [...definition.properties, { name: "score", label: "score", type: "string" as const }],
    };
    expect(await crm.ensureEventDefinition(wider)).toEqual({
      fullyQualifiedName: "pe4711_demo_routed",
      created: false,
    });
    expect(await crm.ensureEventDefinition(wider)).toEqual({
      fullyQualifiedName: "pe4711_demo_routed",
      created: false,
    });
    expect(
      sandbox
        .requestsTo("POST", "/events/2026-03/event-definitions/demo_routed/property")
        .map((request) => request.body),
    ).toEqual([{ name: "score", label: "score", type: "string" }]);
    expect(sandbox.requestsTo("POST", "/events/2026-03/event-definitions")).toHaveLength(1);

    await crm.sendEvents([
      {
        eventName: "pe4711_demo_routed",
        email: "ann@acme.io",
        occurredAt: "2026-11-20T12:00:00.000Z",
        properties: { rule: "Demo", score: "55" },
      },
    ]);
    await expect(
      crm.sendEvents([{ eventName: "pe4711_unknown", email: "ann@acme.io", occurredAt: "2026-11-20T12:00:00.000Z" }]),
    ).rejects.toMatchObject({ kind: "validation" });
    await expect(
      crm.sendEvents([
        {
          eventName: "pe4711_demo_routed",
          email: "ann@acme.io",
          occurredAt: "2026-11-20T12:00:00.000Z",
          properties: { colour: "red" },
        },
      ]),
    ).rejects.toMatchObject({ kind: "validation" });
    expect(await crm.ensureEventDefinition(MICRO_CONVERSION_EVENT_DEFINITION)).toEqual({
      fullyQualifiedName: "pe4711_chatlift_micro_conversion",
      created: true,
    });
  });
});
