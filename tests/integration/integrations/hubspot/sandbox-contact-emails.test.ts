/**
 * Which contact an email names, and the blocklist a GDPR delete leaves, as HubSpot documents them: a
 * merged contact is found by its secondary email (upsert and read) and answers with its primary one; a
 * GDPR delete blocklists every email of the contact, and by email blocklists an email HubSpot never held.
 * Each sandbox rule on its own over HTTP, then the adapter against them with the exact payloads.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createHubSpotCrm } from "../../../../app/integrations/hubspot/hubspot-adapter.server";
import type { CrmPort } from "../../../../app/integrations/hubspot/crm-port";
import { startHubSpotSandbox, type HubSpotSandbox } from "../../../../sandbox/hubspot";
import { freezeClock, NOW } from "../../../support/clock";

const UPSERT = "/crm/objects/2026-03/contacts/batch/upsert";
const READ = "/crm/objects/2026-03/contacts/batch/read";
const GDPR_DELETE = "/crm/objects/2026-03/contacts/gdpr-delete";
const PRIMARY = "ada@work.example";
const SECONDARY = "ada@home.example";

let sandbox: HubSpotSandbox;
let crm: CrmPort;

beforeEach(async () => {
  freezeClock();
  // Like HubSpot's v3 API may, this portal takes an earlier lifecycle stage: only ChatLift's read-back protects it.
  sandbox = await startHubSpotSandbox({ acceptsBackwardLifecycle: true });
  crm = createHubSpotCrm({ accessToken: "pat-sandbox", basePath: sandbox.url, attempts: 1, timeoutMs: 2000 });
});
afterEach(() => sandbox.close());

async function post(path: string, body: unknown): Promise<{ status: number; body: Record<string, unknown> | null }> {
  const response = await fetch(`${sandbox.url}${path}`, {
    method: "POST",
    headers: { authorization: "Bearer pat-sandbox", "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : null };
}

/** Two contacts someone in HubSpot merged: the work address stays primary, the home one becomes secondary. */
async function aMergedContact(properties: Record<string, string> = {}): Promise<string> {
  await crm.upsertContacts([
    { email: PRIMARY, properties: { firstname: "Ada", ...properties } },
    { email: SECONDARY, properties: { lastname: "Lovelace" } },
  ]);
  const merged = sandbox.mergeContacts(PRIMARY, SECONDARY);
  sandbox.requests.length = 0;
  return merged.id;
}

type Result = { id: string; new?: boolean; objectWriteTraceId?: string; properties: Record<string, string> };

describe("sandbox: a secondary email names its contact", () => {
  it("GIVEN a merged contact WHEN an upsert names its secondary email THEN that contact is updated and answers with its primary email", async () => {
    const contactId = await aMergedContact();

    const answer = await post(UPSERT, {
      inputs: [{ idProperty: "email", id: SECONDARY, properties: { phone: "+441234" }, objectWriteTraceId: "t-1" }],
    });

    expect(answer.status).toBe(200);
    const [result] = answer.body?.results as Result[];
    expect(result).toMatchObject({ id: contactId, new: false, objectWriteTraceId: "t-1" });
    expect(result?.properties).toMatchObject({
      email: PRIMARY,
      hs_additional_emails: SECONDARY,
      firstname: "Ada",
      lastname: "Lovelace",
      phone: "+441234",
    });
    expect([...sandbox.state.contacts.keys()]).toEqual([PRIMARY]);
  });

  it("GIVEN a merged contact WHEN it is read back by its secondary email THEN HubSpot finds it (no 207) with its primary email", async () => {
    const contactId = await aMergedContact();

    const answer = await post(READ, {
      idProperty: "email",
      inputs: [{ id: SECONDARY }],
      properties: ["email", "hs_additional_emails"],
      propertiesWithHistory: [],
    });

    expect(answer.status).toBe(200);
    expect((answer.body?.results as Result[]).map((result) => [result.id, result.properties])).toEqual([
      [contactId, { hs_object_id: contactId, email: PRIMARY, hs_additional_emails: SECONDARY }],
    ]);
  });
});

describe("sandbox: the GDPR blocklist", () => {
  it("GIVEN an email HubSpot holds no contact for WHEN it is GDPR-deleted by email THEN 204 and the email is blocklisted all the same", async () => {
    const answer = await post(GDPR_DELETE, { objectId: "Never@Synced.example", idProperty: "email" });

    expect(answer).toEqual({ status: 204, body: null });
    expect(sandbox.state.gdprBlocklist).toEqual([{ email: "never@synced.example", at: NOW.toISOString() }]);
    expect(sandbox.state.gdprDeleted).toEqual([]);
  });

  it("GIVEN a merged contact WHEN it is GDPR-deleted by id THEN it is gone and both its emails are blocklisted", async () => {
    const contactId = await aMergedContact();

    const answer = await post(GDPR_DELETE, { objectId: contactId });

    expect(answer.status).toBe(204);
    expect(sandbox.state.contacts.size).toBe(0);
    expect(sandbox.state.gdprBlocklist.map((entry) => entry.email)).toEqual([PRIMARY, SECONDARY]);
  });

  it("GIVEN an id HubSpot does not hold WHEN it is GDPR-deleted by id THEN 404 and nothing is blocklisted", async () => {
    const answer = await post(GDPR_DELETE, { objectId: "999999" });

    expect(answer.status).toBe(404);
    expect(answer.body).toMatchObject({ category: "OBJECT_NOT_FOUND" });
    expect(sandbox.state.gdprBlocklist).toEqual([]);
  });

  it("GIVEN a blocklisted email WHEN an API upsert names it THEN HubSpot takes the contact back (only its UI and imports refuse it)", async () => {
    await post(GDPR_DELETE, { objectId: "back@again.example", idProperty: "email" });

    const answer = await post(UPSERT, { inputs: [{ idProperty: "email", id: "back@again.example", properties: {} }] });

    expect(answer.status).toBe(200);
    expect((answer.body?.results as Result[])[0]).toMatchObject({ new: true });
  });
});

describe("the adapter against them", () => {
  it("GIVEN a merged contact WHEN ChatLift upserts its secondary email THEN the result pairs by trace id to that contact, nothing new is created", async () => {
    const contactId = await aMergedContact();

    const upserted = await crm.upsertContacts([
      { email: "grace@example.com", properties: { firstname: "Grace" } },
      { email: SECONDARY, properties: { phone: "+441234" } },
    ]);

    expect(sandbox.requestsTo("POST", UPSERT).map((request) => request.body)).toEqual([
      {
        inputs: [
          { idProperty: "email", id: "grace@example.com", properties: { firstname: "Grace" }, objectWriteTraceId: "0" },
          { idProperty: "email", id: SECONDARY, properties: { phone: "+441234" }, objectWriteTraceId: "1" },
        ],
      },
    ]);
    expect(upserted).toEqual([
      { email: "grace@example.com", contactId: expect.any(String), created: true },
      { email: SECONDARY, contactId, created: false },
    ]);
    expect([...sandbox.state.contacts.keys()].sort()).toEqual([PRIMARY, "grace@example.com"]);
  });

  it("GIVEN a merged customer WHEN a rule chooses lead for its secondary email THEN the read-back knows the contact by that email and the stage is left out", async () => {
    await aMergedContact({ lifecyclestage: "customer" });

    await crm.upsertContacts([{ email: SECONDARY, properties: { lifecyclestage: "lead", firstname: "Ada" } }]);

    expect(sandbox.requestsTo("POST", READ).map((request) => request.body)).toEqual([
      {
        idProperty: "email",
        inputs: [{ id: SECONDARY }],
        properties: ["lifecyclestage", "email", "hs_additional_emails"],
        propertiesWithHistory: [],
      },
    ]);
    expect(sandbox.requestsTo("POST", UPSERT).map((request) => request.body)).toEqual([
      { inputs: [{ idProperty: "email", id: SECONDARY, properties: { firstname: "Ada" }, objectWriteTraceId: "0" }] },
    ]);
    expect(sandbox.state.contacts.get(PRIMARY)?.properties.lifecyclestage).toBe("customer");
  });

  it("GIVEN a synced contact WHEN ChatLift GDPR-deletes it THEN by its id only, and just its own emails are blocklisted", async () => {
    const contactId = await aMergedContact();

    expect(await crm.gdprDelete(contactId)).toBe(true);

    expect(sandbox.requestsTo("POST", GDPR_DELETE).map((request) => request.body)).toEqual([{ objectId: contactId }]);
    expect(sandbox.state.gdprBlocklist.map((entry) => entry.email)).toEqual([PRIMARY, SECONDARY]);
  });
});
