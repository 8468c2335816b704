/**
 * The SDK adapter against the HubSpot sandbox over HTTP: the exact payloads that arrive, and
 * what the adapter makes of HubSpot's answers. Tiny windows (50 requests per second) keep it fast.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  CONTACT_PROPERTIES,
  DEAL_PROPERTIES,
  MICRO_CONVERSION_EVENT_DEFINITION,
  PROPERTY_GROUP,
} from "../../../../app/sync/chatlift-properties";
import { CrmError, type CrmPort } from "../../../../app/integrations/hubspot/crm-port";
import {
  createHubSpotCrm,
  exchangeOAuthCode,
  refreshOAuthTokens,
} from "../../../../app/integrations/hubspot/hubspot-adapter.server";
import { dealFor } from "../../../../app/sync/deals";
import { intentEventsFor } from "../../../../app/sync/intent-events";
import { startHubSpotSandbox, type HubSpotSandbox } from "../../../../sandbox/hubspot";
import { NOW } from "../../../support/clock";

let sandbox: HubSpotSandbox;
let crm: CrmPort;

beforeEach(async () => {
  sandbox = await startHubSpotSandbox({ tenSecondLimit: 50, windowMs: 1000, customEvents: true });
  crm = createHubSpotCrm({
    accessToken: "pat-sandbox",
    basePath: sandbox.url,
    tenSecondLimit: 50,
    windowMs: 1000,
    // Short enough for the hung-request case, long enough for a 100-contact batch on a busy CI machine.
    timeoutMs: 2_000,
  });
});
afterEach(() => sandbox.close());

async function connect() {
  for (const objectType of ["contacts", "deals"] as const)
    await crm.ensurePropertyGroup(objectType, PROPERTY_GROUP.name, PROPERTY_GROUP.label);
  await crm.ensureProperties("contacts", PROPERTY_GROUP.name, CONTACT_PROPERTIES);
  await crm.ensureProperties("deals", PROPERTY_GROUP.name, DEAL_PROPERTIES);
  await crm.ensureEventDefinition(MICRO_CONVERSION_EVENT_DEFINITION); // this sandbox account has custom events
}

describe("on connect", () => {
  it("GIVEN a new account THEN the chatlift group and properties are created once, and again creates nothing", async () => {
    await connect();
    const firstCreate = sandbox.requestsTo("POST", "/crm/properties/2026-03/contacts/batch/create");
    expect(firstCreate).toHaveLength(1);
    expect((firstCreate[0]?.body as { inputs: unknown[] }).inputs[0]).toEqual({
      name: "chatlift_intent_score",
      label: "ChatLift intent score",
      description: "0–100: how strongly the visitor's chat behaviour signals buying intent.",
      groupName: "chatlift",
      type: "number",
      fieldType: "number",
    });
    expect(sandbox.requestsTo("POST", "/crm/properties/2026-03/contacts/groups")[0]?.body).toEqual({
      name: "chatlift",
      label: "ChatLift",
      displayOrder: -1,
    });
    const orderId = (
      sandbox.requestsTo("POST", "/crm/properties/2026-03/deals/batch/create")[0]?.body as {
        inputs: Array<{ name: string; hasUniqueValue?: boolean }>;
      }
    ).inputs[0];
    expect(orderId).toMatchObject({ name: "chatlift_order_id", hasUniqueValue: true });

    await connect();
    expect(sandbox.requestsTo("POST", "/crm/properties/2026-03/contacts/batch/create")).toHaveLength(1);
    expect(sandbox.requestsTo("POST", "/crm/properties/2026-03/contacts/groups")).toHaveLength(1);
  });

  it("GIVEN an account THEN getAccountInfo reads its details without probing the events API", async () => {
    expect(await crm.getAccountInfo()).toEqual({
      portalId: 62515,
      currencies: ["USD"],
      timeZone: "UTC",
      currency: "USD",
    });
    expect(sandbox.requests.map((request) => request.path)).toEqual(["/account-info/2026-03/details"]);
  });

  it("GIVEN a private app token THEN getGrantedScopes reads its scopes from HubSpot's private-app token info", async () => {
    const scopes = await crm.getGrantedScopes("static");

    expect(scopes).toEqual(expect.arrayContaining(["crm.objects.contacts.write", "analytics.behavioral_events.send"]));
    expect(sandbox.requestsTo("POST", "/oauth/v2/private-apps/get/access-token-info")[0]?.body).toEqual({
      tokenKey: "pat-sandbox",
    });
  });
});

describe("exact payloads", () => {
  beforeEach(connect);

  it("GIVEN contacts, a deal for a credited order and an intent event THEN HubSpot receives exactly these bodies", async () => {
    const [contact] = await crm.upsertContacts([
      { email: "ada@example.com", properties: { chatlift_intent_score: "72", chatlift_consent: "granted" } },
    ]);
    expect(contact).toEqual({ email: "ada@example.com", contactId: expect.any(String), created: true });
    expect(sandbox.requestsTo("POST", "/crm/objects/2026-03/contacts/batch/upsert")[0]?.body).toEqual({
      inputs: [
        {
          idProperty: "email",
          objectWriteTraceId: "0",
          id: "ada@example.com",
          properties: { chatlift_intent_score: "72", chatlift_consent: "granted" },
        },
      ],
    });

    const deal = dealFor(
      {
        orderId: "1042",
        orderName: "#1042",
        amount: 120,
        currency: "USD",
        placedAt: NOW,
        creditRule: "cart_attribute",
        contactId: contact?.contactId,
      },
      { pipeline: "default", stage: "closedwon" },
    );
    const [created] = await crm.createDeals([deal]);
    expect(sandbox.requestsTo("POST", "/crm/objects/2026-03/deals/batch/create")[0]?.body).toEqual({
      inputs: [
        {
          properties: {
            dealname: "Shopify order #1042",
            amount: "120.00",
            deal_currency_code: "USD",
            pipeline: "default",
            dealstage: "closedwon",
            closedate: "2026-11-20T12:00:00.000Z",
            chatlift_credit_rule: "cart_attribute",
            chatlift_order_id: "1042",
          },
          associations: [
            {
              to: { id: contact?.contactId },
              types: [{ associationCategory: "HUBSPOT_DEFINED", associationTypeId: 3 }],
            },
          ],
          objectWriteTraceId: "0",
        },
      ],
    });
    expect(sandbox.state.associations).toEqual([
      { fromType: "deals", fromId: created?.dealId, toType: "contacts", toId: contact?.contactId, typeId: 3 },
    ]);
    expect(await crm.findDealsByOrderId(["1042", "999"])).toEqual([{ orderId: "1042", dealId: created?.dealId }]);

    const events = intentEventsFor([{ email: "ada@example.com", kind: "add_to_cart", occurredAt: NOW, value: 35 }], {
      portalId: 62515,
      customEventsAvailable: true,
    });
    await crm.sendEvents(events);
    expect(sandbox.requestsTo("POST", "/events/2026-03/send/batch")[0]?.body).toEqual({
      inputs: [
        {
          eventName: "pe62515_chatlift_micro_conversion",
          email: "ada@example.com",
          occurredAt: "2026-11-20T12:00:00.000Z",
          properties: { kind: "add_to_cart", value: "35.00" },
        },
      ],
    });
  });

  it("GIVEN an order already in HubSpot THEN a second create is refused by the unique order id", async () => {
    const deal = { orderId: "7", properties: { dealname: "Shopify order #7" } };
    await crm.createDeals([deal]);
    await expect(crm.createDeals([deal])).rejects.toMatchObject({ kind: "conflict", status: 409 });
    expect(sandbox.state.deals.size).toBe(1);
  });

  it("GIVEN owners, a task and a GDPR delete THEN each reaches its endpoint", async () => {
    expect(await crm.listOwners()).toEqual([
      { id: "501", email: "ada@merchant.example", name: "Ada Lovelace" },
      { id: "502", email: "grace@merchant.example", name: "Grace Hopper" },
    ]);
    const [contact] = await crm.upsertContacts([{ email: "gone@example.com", properties: {} }]);
    await crm.createTasks([
      { subject: "Call back", dueAt: NOW.toISOString(), ownerId: "501", contactId: contact?.contactId },
    ]);
    expect(sandbox.requestsTo("POST", "/crm/objects/2026-03/tasks/batch/create")[0]?.body).toEqual({
      inputs: [
        {
          objectWriteTraceId: "0",
          properties: {
            hs_timestamp: "2026-11-20T12:00:00.000Z",
            hs_task_subject: "Call back",
            hs_task_status: "NOT_STARTED",
            hubspot_owner_id: "501",
          },
          associations: [
            {
              to: { id: contact?.contactId },
              types: [{ associationCategory: "HUBSPOT_DEFINED", associationTypeId: 204 }],
            },
          ],
        },
      ],
    });
    const goneId = sandbox.state.contacts.get("gone@example.com")!.id;
    expect(await crm.gdprDelete(goneId)).toBe(true);
    expect(sandbox.requestsTo("POST", "/crm/objects/2026-03/contacts/gdpr-delete")[0]?.body).toEqual({
      objectId: goneId,
    });
    expect(sandbox.state.contacts.has("gone@example.com")).toBe(false);
    expect(await crm.gdprDelete(goneId)).toBe(false);
  });
});

describe("HubSpot's refusals and failures", () => {
  beforeEach(connect);

  it.each([
    // A record's own fault comes back per input (207: every input carries a trace id); a batch's fault as one 400.
    ["an invalid email", [{ email: "not-an-email", properties: {} }], /Email address not-an-email is invalid/, 207],
    [
      "an unknown property",
      [{ email: "a@x.co", properties: { favourite_colour: "red" } }],
      /Property \\"favourite_colour\\" does not exist/,
      207,
    ],
    [
      "a value of the wrong type",
      [{ email: "a@x.co", properties: { chatlift_intent_score: "high" } }],
      /is not a valid number/,
      207,
    ],
    [
      "a duplicate email",
      [
        { email: "a@x.co", properties: {} },
        { email: "A@x.co", properties: {} },
      ],
      /Duplicate IDs found in batch input/,
      400,
    ],
  ])("GIVEN %s THEN it is refused as validation and nothing is written", async (_, contacts, message, status) => {
    const error = await crm.upsertContacts(contacts).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(CrmError);
    expect(error).toMatchObject({ kind: "validation", status, category: "VALIDATION_ERROR" });
    expect((error as CrmError).message).toMatch(message);
    expect(sandbox.state.contacts.size).toBe(0);
  });

  it("GIVEN 101 contacts in one call THEN HubSpot refuses the batch", async () => {
    const contacts = Array.from({ length: 101 }, (_, index) => ({ email: `c${index}@x.co`, properties: {} }));
    await expect(crm.upsertContacts(contacts)).rejects.toMatchObject({
      kind: "validation",
      message: expect.stringMatching(/at most 100/),
    });
  });

  it("GIVEN two 503s THEN the SDK's own retry delivers on the third attempt", async () => {
    sandbox.inject({ status: 503, times: 2 });
    await crm.upsertContacts([{ email: "a@x.co", properties: {} }]);
    expect(
      sandbox.requestsTo("POST", "/crm/objects/2026-03/contacts/batch/upsert").map((request) => request.status),
    ).toEqual([503, 503, 200]);
  });

  it.each([
    ["a 423", { status: 423 }, "locked"],
    ["a hung request", { hang: true }, "timeout"],
  ] as const)("GIVEN %s THEN the adapter reports %s (retryable)", async (_, fault, kind) => {
    sandbox.inject({ ...fault, times: 1 });
    const error = (await crm.listOwners().catch((caught: unknown) => caught)) as CrmError;
    expect(error.kind).toBe(kind);
    expect(error.retryable).toBe(true);
  });

  it("GIVEN the daily cap is reached THEN a DAILY 429 with HubSpot's body, reported as daily_limit", async () => {
    sandbox.limits.configure({ dailyLimit: 0 });
    const error = (await crm.listOwners().catch((caught: unknown) => caught)) as CrmError;
    expect(error).toMatchObject({ kind: "daily_limit", status: 429 });
    const response = await fetch(`${sandbox.url}/crm/owners/2026-03`, {
      headers: { authorization: "Bearer pat-sandbox" },
    });
    expect(response.status).toBe(429);
    expect(await response.json()).toEqual({
      status: "error",
      message: "You have reached your daily limit.",
      errorType: "RATE_LIMIT",
      correlationId: expect.any(String),
      policyName: "DAILY",
      requestId: expect.any(String),
    });
  });

  it("GIVEN a body the SDK models do not allow THEN the sandbox refuses it as HubSpot would", async () => {
    const response = await fetch(`${sandbox.url}/crm/objects/2026-03/contacts/batch/upsert`, {
      method: "POST",
      headers: { authorization: "Bearer pat-sandbox", "content-type": "application/json" },
      body: JSON.stringify({ inputs: [{ idProperty: "email", id: 7, properties: {}, colour: "red" }] }),
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { category: string; message: string };
    expect(body.category).toBe("VALIDATION_ERROR");
    expect(body.message).toContain('Unrecognized field "inputs[0].colour"');
    expect(body.message).toContain("inputs[0].id: expected a string, got number");
  });
});

describe("the rolling window", () => {
  it("GIVEN requests beyond the window's limit THEN HubSpot's ten-secondly 429 body", async () => {
    await sandbox.close();
    sandbox = await startHubSpotSandbox({ tenSecondLimit: 3, windowMs: 1000 });
    const statuses: number[] = [];
    let last: unknown;
    for (let index = 0; index < 4; index += 1) {
      const response = await fetch(`${sandbox.url}/crm/owners/2026-03`, {
        headers: { authorization: "Bearer pat-sandbox" },
      });
      statuses.push(response.status);
      last = await response.json();
    }
    expect(statuses).toEqual([200, 200, 200, 429]);
    expect(last).toMatchObject({
      status: "error",
      errorType: "RATE_LIMIT",
      policyName: "TEN_SECONDLY_ROLLING",
      message: "You have reached your ten_secondly_rolling limit.",
    });
  });
});

describe("OAuth", () => {
  it("GIVEN the consent redirect THEN the code is exchanged, and the refresh keeps the refresh token", async () => {
    const redirectUri = "https://chatlift.example/hubspot/callback";
    const authorize = await fetch(
      `${sandbox.url}/oauth/authorize?client_id=sandbox-client-id&redirect_uri=${encodeURIComponent(redirectUri)}&scope=oauth%20crm.objects.owners.read&state=s1`,
      { redirect: "manual" },
    );
    const back = new URL(authorize.headers.get("location") ?? "");
    expect(back.searchParams.get("state")).toBe("s1");
    const credentials = { basePath: sandbox.url, clientId: "sandbox-client-id", clientSecret: "sandbox-client-secret" };
    const tokens = await exchangeOAuthCode({ ...credentials, code: back.searchParams.get("code") ?? "", redirectUri });
    expect(tokens).toEqual({
      accessToken: expect.stringMatching(/^sandbox-access-/),
      refreshToken: expect.any(String),
      expiresInSeconds: 1800,
    });
    expect(sandbox.requestsTo("POST", "/oauth/2026-03/token")[0]?.body).toMatchObject({
      grant_type: "authorization_code",
      redirect_uri: redirectUri,
    });

    const refreshed = await refreshOAuthTokens({ ...credentials, refreshToken: tokens.refreshToken });
    expect(refreshed.refreshToken).toBe(tokens.refreshToken);
    expect(refreshed.accessToken).not.toBe(tokens.accessToken);
    const owners = await createHubSpotCrm({
      accessToken: refreshed.accessToken,
      basePath: sandbox.url,
      tenSecondLimit: 50,
      windowMs: 1000,
    }).listOwners();
    expect(owners).toHaveLength(2);

    await expect(exchangeOAuthCode({ ...credentials, code: "used-or-unknown", redirectUri })).rejects.toMatchObject({
      kind: "auth",
    });
  });
});
