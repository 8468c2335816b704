/**
 * The lifecycle stage only moves forward from what HubSpot last said: ChatLift reads the contact's
 * stage back before an upsert that names one, and leaves out a stage that would demote it, against
 * a sandbox that (like HubSpot's v3 API may) accepts backward moves.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createHubSpotCrm } from "../../../../app/integrations/hubspot/hubspot-adapter.server";
import type { CrmPort } from "../../../../app/integrations/hubspot/crm-port";
import { startHubSpotSandbox, type HubSpotSandbox } from "../../../../sandbox/hubspot";

const UPSERT = "/crm/objects/2026-03/contacts/batch/upsert";
const READ = "/crm/objects/2026-03/contacts/batch/read";
let sandbox: HubSpotSandbox;
let crm: CrmPort;

beforeEach(async () => {
  sandbox = await startHubSpotSandbox({ acceptsBackwardLifecycle: true });
  crm = createHubSpotCrm({ accessToken: "pat-sandbox", basePath: sandbox.url, attempts: 1, timeoutMs: 2000 });
});
afterEach(() => sandbox.close());

const stageOf = (email: string) => sandbox.state.contacts.get(email)?.properties.lifecyclestage;

describe("lifecycle stage", () => {
  it("GIVEN a customer in HubSpot and a rule choosing lead THEN the upsert leaves the stage out and the contact stays a customer", async () => {
    await crm.upsertContacts([{ email: "ada@example.com", properties: { lifecyclestage: "customer" } }]);
    sandbox.requests.length = 0;

    await crm.upsertContacts([
      { email: "ada@example.com", properties: { lifecyclestage: "lead", firstname: "Ada" } },
      { email: "new@example.com", properties: { lifecyclestage: "lead" } },
    ]);

    expect(sandbox.requestsTo("POST", READ).map((request) => request.body)).toEqual([
      {
        idProperty: "email",
        inputs: [{ id: "ada@example.com" }, { id: "new@example.com" }],
        properties: ["lifecyclestage", "email", "hs_additional_emails"],
        propertiesWithHistory: [],
      },
    ]);
    expect(sandbox.requestsTo("POST", UPSERT).map((request) => request.body)).toEqual([
      {
        inputs: [
          {
            idProperty: "email",
            id: "ada@example.com",
            properties: { firstname: "Ada" },
            objectWriteTraceId: "0",
          },
          {
            idProperty: "email",
            id: "new@example.com",
            properties: { lifecyclestage: "lead" },
            objectWriteTraceId: "1",
          },
        ],
      },
    ]);
    expect(stageOf("ada@example.com")).toBe("customer");
    expect(stageOf("new@example.com")).toBe("lead");
  });

  it("GIVEN a subscriber in HubSpot and a rule choosing marketingqualifiedlead THEN the stage is sent and moves forward", async () => {
    await crm.upsertContacts([{ email: "ada@example.com", properties: { lifecyclestage: "subscriber" } }]);

    await crm.upsertContacts([{ email: "ada@example.com", properties: { lifecyclestage: "marketingqualifiedlead" } }]);

    expect(stageOf("ada@example.com")).toBe("marketingqualifiedlead");
  });

  it("GIVEN the team moved a contact on in HubSpot since ChatLift's last update THEN ChatLift's earlier stage is not sent back", async () => {
    await crm.upsertContacts([{ email: "ada@example.com", properties: { lifecyclestage: "lead" } }]);
    sandbox.state.contacts.get("ada@example.com")!.properties.lifecyclestage = "opportunity";

    await crm.upsertContacts([{ email: "ada@example.com", properties: { lifecyclestage: "lead" } }]);

    expect(stageOf("ada@example.com")).toBe("opportunity");
  });

  it("GIVEN no stage in the update THEN nothing is read back", async () => {
    await crm.upsertContacts([{ email: "ada@example.com", properties: { firstname: "Ada" } }]);

    expect(sandbox.requestsTo("POST", READ)).toEqual([]);
  });
});
