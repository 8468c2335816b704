/** Sync logic + SDK adapter + sandbox: bad records isolated, outages ridden out, nothing lost or doubled. */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CONTACT_PROPERTIES, PROPERTY_GROUP } from "../../../../app/sync/chatlift-properties";
import { createHubSpotCrm } from "../../../../app/integrations/hubspot/hubspot-adapter.server";
import type { CrmPort } from "../../../../app/integrations/hubspot/crm-port";
import { contactUpdateFor, type ContactUpdate } from "../../../../app/sync/contact-properties";
import { syncContacts } from "../../../../app/sync/contact-sync";
import { nextStep } from "../../../../app/sync/retry-policy";
import { startHubSpotSandbox, type HubSpotSandbox } from "../../../../sandbox/hubspot";
import { aLead } from "../../../support/builders/leads";

let sandbox: HubSpotSandbox;
let crm: CrmPort;

beforeEach(async () => {
  sandbox = await startHubSpotSandbox({ tenSecondLimit: 100, windowMs: 1000 });
  crm = createHubSpotCrm({
    accessToken: "pat-sandbox",
    basePath: sandbox.url,
    tenSecondLimit: 100,
    windowMs: 1000,
    timeoutMs: 300,
    attempts: 1,
  });
  await crm.ensurePropertyGroup("contacts", PROPERTY_GROUP.name, PROPERTY_GROUP.label);
  await crm.ensureProperties("contacts", PROPERTY_GROUP.name, CONTACT_PROPERTIES);
});
afterEach(() => sandbox.close());

const updates = (count: number) =>
  Array.from({ length: count }, (_, index) => contactUpdateFor(aLead({ email: `shopper${index}@example.com` })));

/** The worker's loop in miniature: deferred contacts come back after the retry policy's delay. */
async function syncUntilSettled(pending: ContactUpdate[]) {
  const parked: string[] = [];
  let attempt = 1;
  while (pending.length) {
    const result = await syncContacts(crm, pending, { concurrency: 3 });
    parked.push(...result.rejected.map(({ contact, error }) => `${contact.email}: ${error.message}`));
    pending = result.deferred.flatMap((part) => part.contacts);
    const first = result.deferred[0];
    if (!first) break;
    const step = nextStep(
      first.error,
      attempt,
      { now: new Date(), timeZone: "UTC", random: Math.random },
      { baseDelayMs: 50, maxDelayMs: 400, maxAttempts: 20, rateWindowMs: 1000 },
    );
    if (step.action !== "retry") throw new Error(`unexpected ${step.action}`);
    await new Promise((resolve) => setTimeout(resolve, step.at.getTime() - Date.now()));
    attempt += 1;
  }
  return parked;
}

describe("bad data", () => {
  it("GIVEN 250 leads, one with an invalid email and one with an invalid value THEN those two are parked with HubSpot's words and 248 arrive", async () => {
    const all = updates(250);
    all[17] = { ...all[17]!, email: "shopper17@@example" };
    all[180] = { ...all[180]!, properties: { ...all[180]!.properties, chatlift_last_micro_conversion: "teleported" } };

    const parked = await syncUntilSettled(all);

    expect(parked.sort()).toEqual([
      expect.stringMatching(
        /^shopper17@@example: Property values were not valid: .*Email address shopper17@@example is invalid/,
      ),
      expect.stringMatching(
        /^shopper180@example.com: Property values were not valid: .*teleported.* was not one of the allowed options/,
      ),
    ]);
    expect(sandbox.state.contacts.size).toBe(248);
    expect(sandbox.state.contacts.get("shopper0@example.com")?.properties.chatlift_intent_score).toBe("72");
  });
});

describe("outage", () => {
  it("GIVEN 5xx and timeouts for a stretch THEN every contact arrives once and nothing is parked", async () => {
    sandbox.inject({ status: 502, times: 3 });
    sandbox.inject({ hang: true, times: 2 });
    sandbox.inject({ status: 503, times: 3, forMs: 5000 });

    const parked = await syncUntilSettled(updates(500));

    expect(parked).toEqual([]);
    expect(sandbox.state.contacts.size).toBe(500);
    const statuses = new Set(
      sandbox.requestsTo("POST", "/crm/objects/2026-03/contacts/batch/upsert").map((request) => request.status),
    );
    expect([...statuses].sort()).toEqual([0, 200, 502, 503]); // 0: the hung requests, never answered
  });
});

describe("207 multi-status", () => {
  it("GIVEN 100 contacts, two with values HubSpot refuses THEN one call writes 98 and parks exactly those two with their own reasons", async () => {
    const all = updates(100);
    all[7] = { ...all[7]!, properties: { ...all[7]!.properties, chatlift_intent_score: "high" } };
    all[93] = { ...all[93]!, email: "shopper93@@example" };

    const result = await syncContacts(crm, all);

    expect(result.calls).toBe(1);
    expect(result.deferred).toEqual([]);
    expect(result.delivered).toHaveLength(98);
    expect(result.rejected.map(({ contact, error }) => [contact.email, error.kind, error.message])).toEqual(
      expect.arrayContaining([
        ["shopper7@example.com", "validation", expect.stringMatching(/high.* is not a valid number/)],
        ["shopper93@@example", "validation", expect.stringMatching(/Email address shopper93@@example is invalid/)],
      ]),
    );
    expect(result.rejected).toHaveLength(2);
    // Each delivered contact is paired with its own HubSpot record, whatever order HubSpot answered in.
    for (const { contact, hubspot } of result.delivered)
      expect(sandbox.state.contacts.get(contact.email)?.id).toBe(hubspot.contactId);
    const [request] = sandbox.requestsTo("POST", "/crm/objects/2026-03/contacts/batch/upsert");
    expect(request?.status).toBe(207);
    const sent = (request?.body as { inputs: Array<{ id: string; objectWriteTraceId: string }> }).inputs;
    expect(sent.map((input) => input.objectWriteTraceId)).toEqual(all.map((_, index) => String(index)));
    expect(sent[7]).toEqual({
      idProperty: "email",
      id: "shopper7@example.com",
      objectWriteTraceId: "7",
      properties: all[7]!.properties,
    });
    expect(sandbox.state.contacts.size).toBe(98);
  });
});
