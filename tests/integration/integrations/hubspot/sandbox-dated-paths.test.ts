/**
 * The sandbox serves HubSpot's date-based paths (2026-03, which ChatLift calls) as strictly as the
 * numbered ones it still serves for other clients: the same scopes, required fields and error bodies,
 * the 2026-03 schemas' stricter option inputs (displayOrder required), and the OAuth token
 * introspection only the dated OAuth API has.
 */
import { afterEach, describe, expect, it } from "vitest";
import { startHubSpotSandbox, type HubSpotSandbox, type SandboxOptions } from "../../../../sandbox/hubspot";

let sandbox: HubSpotSandbox;
afterEach(() => sandbox.close());

async function aPortal(options: SandboxOptions = {}) {
  sandbox = await startHubSpotSandbox({ tenSecondLimit: 100, windowMs: 1000, ...options });
}

async function call(method: string, path: string, body?: unknown, token = "pat-sandbox") {
  const response = await fetch(`${sandbox.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : undefined };
}

/** The error body less what differs per call (its correlation id). */
const shape = (body: Record<string, unknown> | undefined) => ({ ...body, correlationId: "…" });

async function introspect(fields: Record<string, string>) {
  const response = await fetch(`${sandbox.url}/oauth/2026-03/token/introspect`, {
    method: "POST",
    body: new URLSearchParams(fields),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe("sandbox: HubSpot's date-based paths", () => {
  it("GIVEN a token without the owners scope WHEN owners are listed on either path THEN both answer the same 403 MISSING_SCOPES", async () => {
    await aPortal({ withheldScopes: ["crm.objects.owners.read"] });

    const dated = await call("GET", "/crm/owners/2026-03");
    const numbered = await call("GET", "/crm/v3/owners");

    expect(dated.status).toBe(403);
    expect(dated.body?.category).toBe("MISSING_SCOPES");
    expect(shape(dated.body)).toEqual(shape(numbered.body));
  });

  it("GIVEN an upsert without its required inputs WHEN sent on either path THEN both refuse it with the same validation body", async () => {
    await aPortal();

    const dated = await call("POST", "/crm/objects/2026-03/contacts/batch/upsert", {});
    const numbered = await call("POST", "/crm/v3/objects/contacts/batch/upsert", {});

    expect(dated.status).toBe(400);
    expect(shape(dated.body)).toEqual(shape(numbered.body));
    expect(sandbox.state.contacts.size).toBe(0);
  });

  it("GIVEN the same contact WHEN upserted on the dated path THEN HubSpot's batch answer comes back, as on the numbered one", async () => {
    await aPortal();
    const input = {
      idProperty: "email",
      id: "ada@example.com",
      properties: { firstname: "Ada" },
      objectWriteTraceId: "0",
    };

    const dated = await call("POST", "/crm/objects/2026-03/contacts/batch/upsert", { inputs: [input] });

    expect(dated.status).toBe(200);
    expect(dated.body).toMatchObject({ status: "COMPLETE", results: [{ new: true, objectWriteTraceId: "0" }] });
  });

  it("GIVEN a property option without displayOrder WHEN patched on 2026-03 THEN 400 names it (the 2026-03 schema requires it) and nothing changes", async () => {
    await aPortal();
    const before = await call("GET", "/crm/properties/2026-03/contacts/hs_lead_status");

    const reply = await call("PATCH", "/crm/properties/2026-03/contacts/hs_lead_status", {
      options: [{ label: "New", value: "NEW", hidden: false }],
    });

    expect(reply.status).toBe(400);
    expect(JSON.stringify(reply.body)).toContain("options[0].displayOrder");
    expect(await call("GET", "/crm/properties/2026-03/contacts/hs_lead_status")).toEqual(before);
  });

  it("GIVEN a code exchanged on 2026-03, and its token WHEN introspected with the app's credentials THEN active with its scopes; wrong credentials or an unknown token are not", async () => {
    await aPortal();
    const authorize = new URL(`${sandbox.url}/oauth/authorize`);
    authorize.searchParams.set("client_id", "sandbox-client-id");
    authorize.searchParams.set("redirect_uri", "https://chatlift.example/cb");
    authorize.searchParams.set("scope", "oauth crm.objects.contacts.write");
    const consent = await fetch(authorize, { redirect: "manual" });
    const code = new URL(consent.headers.get("location") ?? "").searchParams.get("code") ?? "";
    const app = { client_id: "sandbox-client-id", client_secret: "sandbox-client-secret" };
    const exchanged = await fetch(`${sandbox.url}/oauth/2026-03/token`, {
      method: "POST",
      body: new URLSearchParams({
        ...app,
        grant_type: "authorization_code",
        redirect_uri: "https://chatlift.example/cb",
        code,
      }),
    });
    const tokens = (await exchanged.json()) as { access_token: string };
    // The 2026-03 token answer requires token_use, which the v1 one does not carry.
    expect(tokens).toMatchObject({ token_type: "bearer", token_use: "access_token", expires_in: 1800 });
    const token = tokens.access_token;

    expect(await introspect({ ...app, token })).toMatchObject({
      status: 200,
      body: { active: true, scopes: ["oauth", "crm.objects.contacts.write"] },
    });
    expect(await introspect({ ...app, client_secret: "wrong", token })).toMatchObject({
      status: 400,
      body: { status: "BAD_CLIENT_ID" },
    });
    expect(await introspect({ ...app, token: "pat-sandbox" })).toEqual({ status: 200, body: { active: false } });
  });
});
