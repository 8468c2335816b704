/**
 * The sandbox as strict as HubSpot about scopes and the event definition's required fields: a
 * token holds what its authorize request was granted, a call without its scope answers 403 with
 * HubSpot's MISSING_SCOPES body, token info says which scopes a token holds, and a definition
 * create without the spec's required fields is refused with HubSpot's validation body.
 */
import { afterEach, describe, expect, it } from "vitest";
import { startHubSpotSandbox, type HubSpotSandbox, type SandboxOptions } from "../../../../sandbox/hubspot";
import { accountRoutes } from "../../../../sandbox/hubspot/account-routes";
import { eventRoutes } from "../../../../sandbox/hubspot/event-routes";
import { objectRoutes } from "../../../../sandbox/hubspot/object-routes";
import { propertyRoutes } from "../../../../sandbox/hubspot/property-routes";
import { scopesFor } from "../../../../sandbox/hubspot/scopes";

const REDIRECT = "https://chatlift.example/hubspot/callback";
let sandbox: HubSpotSandbox;

afterEach(() => sandbox.close());

async function aPortal(options: SandboxOptions = {}) {
  sandbox = await startHubSpotSandbox({ tenSecondLimit: 100, windowMs: 1000, ...options });
}

async function call(token: string, method: string, path: string, body?: unknown) {
  const response = await fetch(`${sandbox.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as unknown) : undefined };
}

/** An OAuth install that asked for these scopes: the access token HubSpot issues for it. */
async function anOAuthToken(scope: string, optionalScope = ""): Promise<string> {
  const authorize = new URL(`${sandbox.url}/oauth/authorize`);
  authorize.searchParams.set("client_id", "sandbox-client-id");
  authorize.searchParams.set("redirect_uri", REDIRECT);
  authorize.searchParams.set("scope", scope);
  if (optionalScope) authorize.searchParams.set("optional_scope", optionalScope);
  const consent = await fetch(authorize, { redirect: "manual" });
  const code = new URL(consent.headers.get("location") ?? "").searchParams.get("code") ?? "";
  const form = new URLSearchParams({
    grant_type: "authorization_code",
    client_id: "sandbox-client-id",
    client_secret: "sandbox-client-secret",
    redirect_uri: REDIRECT,
    code,
  });
  const tokens = await fetch(`${sandbox.url}/oauth/v1/token`, { method: "POST", body: form });
  return ((await tokens.json()) as { access_token: string }).access_token;
}

const aDefinition = (fields: Record<string, unknown> = {}) => ({
  name: "visit",
  label: "Visit",
  primaryObject: "CONTACT",
  includeDefaultProperties: false,
  propertyDefinitions: [{ name: "room", label: "Room", type: "string" }],
  ...fields,
});

describe("sandbox scopes", () => {
  it("GIVEN a token without the owners scope WHEN it lists owners THEN 403 with HubSpot's MISSING_SCOPES body naming the scope", async () => {
    await aPortal();
    const token = await anOAuthToken("oauth crm.objects.contacts.write");

    const reply = await call(token, "GET", "/crm/v3/owners");

    expect(reply).toEqual({
      status: 403,
      body: {
        status: "error",
        message:
          "This app hasn't been granted all required scopes to make this call. Read more about required scopes here: https://developers.hubspot.com/scopes.",
        correlationId: expect.stringMatching(/^[0-9a-f-]{36}$/),
        errors: [
          {
            message: "One or more of the following scopes are required.",
            context: { requiredGranularScopes: ["crm.objects.owners.read"] },
          },
        ],
        links: { scopes: "https://developers.hubspot.com/scopes" },
        category: "MISSING_SCOPES",
      },
    });
    expect((await call(token, "POST", "/crm/v3/objects/contacts/batch/upsert", { inputs: [] })).status).not.toBe(403);
  });

  it("GIVEN an Enterprise portal whose tokens lack the send scope WHEN events are sent THEN 403 naming analytics.behavioral_events.send", async () => {
    await aPortal({ customEvents: true, withheldScopes: ["analytics.behavioral_events.send"] });

    const reply = await call("pat-sandbox", "POST", "/events/v3/send/batch", { inputs: [] });

    expect(reply.status).toBe(403);
    expect(reply.body).toMatchObject({
      category: "MISSING_SCOPES",
      errors: [{ context: { requiredGranularScopes: ["analytics.behavioral_events.send"] } }],
    });
  });

  it("GIVEN optional scopes WHEN the portal is not Enterprise THEN the token holds the required ones only, and token info says so", async () => {
    await aPortal({ customEvents: false });
    const token = await anOAuthToken(
      "oauth crm.objects.contacts.write",
      "behavioral_events.event_definitions.read_write analytics.behavioral_events.send",
    );

    const info = await fetch(`${sandbox.url}/oauth/v1/access-tokens/${token}`);

    expect(info.status).toBe(200);
    expect(await info.json()).toMatchObject({
      token,
      hub_id: 62515,
      token_type: "access",
      scopes: ["oauth", "crm.objects.contacts.write"],
    });
    expect((await fetch(`${sandbox.url}/oauth/v1/access-tokens/pat-sandbox`)).status).toBe(404);
  });

  it("GIVEN an Enterprise portal WHEN optional scopes are asked for THEN they are granted", async () => {
    await aPortal({ customEvents: true });
    const token = await anOAuthToken(
      "oauth",
      "behavioral_events.event_definitions.read_write analytics.behavioral_events.send",
    );

    const info = (await (await fetch(`${sandbox.url}/oauth/v1/access-tokens/${token}`)).json()) as { scopes: string[] };

    expect(info.scopes).toEqual([
      "oauth",
      "behavioral_events.event_definitions.read_write",
      "analytics.behavioral_events.send",
    ]);
  });

  it("GIVEN a required scope the portal cannot grant THEN the consent is refused", async () => {
    await aPortal({ customEvents: false });
    const authorize = new URL(`${sandbox.url}/oauth/authorize`);
    authorize.searchParams.set("client_id", "sandbox-client-id");
    authorize.searchParams.set("redirect_uri", REDIRECT);
    authorize.searchParams.set("scope", "oauth analytics.behavioral_events.send");

    const consent = await fetch(authorize, { redirect: "manual" });

    expect(consent.status).toBe(400);
  });

  it("GIVEN every endpoint that takes a bearer token THEN each names the scopes HubSpot requires", async () => {
    await aPortal();
    const unnamed = [...accountRoutes, ...eventRoutes, ...propertyRoutes, ...objectRoutes]
      .filter((route) => !route.public)
      .filter((route) => scopesFor(route.method, route.path, { objectType: "contacts" }) === null)
      .map((route) => `${route.method} ${route.path}`);

    expect(unnamed).toEqual([]);
  });
});

describe("event definition create", () => {
  it("GIVEN a body without includeDefaultProperties THEN HubSpot's validation error names it and nothing is created", async () => {
    await aPortal({ customEvents: true });
    const { includeDefaultProperties: _left, ...withoutIt } = aDefinition();

    const reply = await call("pat-sandbox", "POST", "/events/v3/event-definitions", withoutIt);

    expect(reply).toEqual({
      status: 400,
      body: expect.objectContaining({
        status: "error",
        category: "VALIDATION_ERROR",
        message: expect.stringMatching(/some of required attributes are not set \[includeDefaultProperties\]$/),
      }),
    });
    expect(sandbox.state.eventDefinitions.size).toBe(0);
  });

  it("GIVEN the spec's required fields THEN the definition is created", async () => {
    await aPortal({ customEvents: true });

    const reply = await call("pat-sandbox", "POST", "/events/v3/event-definitions", aDefinition());

    expect(reply.status).toBe(201);
    expect(sandbox.state.eventDefinitions.has("visit")).toBe(true);
  });
});
