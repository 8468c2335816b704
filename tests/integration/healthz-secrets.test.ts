/**
 * /healthz and the server's start say when ENCRYPTION_KEY cannot open the HubSpot tokens ChatLift
 * holds (missing, malformed, or not the key they were saved under), instead of 200 until the first
 * HubSpot call parks every lead.
 */
import { randomBytes } from "node:crypto";
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import prisma from "../../app/db.server";
import { loader } from "../../app/routes/healthz";
import { reportSecretsAtStartup } from "../../app/platform/health/secrets.server";
import { encryptToken } from "../../app/platform/secrets/token-crypto.server";

const SAVED_UNDER = randomBytes(32);
const originalKey = process.env.ENCRYPTION_KEY;

async function healthz() {
  const response = await loader({ request: new Request("http://localhost/healthz"), params: {}, context: {} });
  return { status: response.status, body: (await response.json()) as { ok: boolean; secrets?: unknown } };
}

async function aHubSpotConnection(shopDomain = "healthz-secrets.myshopify.com") {
  await prisma.hubSpotConnection.create({
    data: {
      shopDomain,
      mode: "oauth",
      accessTokenEncrypted: encryptToken("hubspot-access-token", SAVED_UNDER),
      refreshTokenEncrypted: encryptToken("hubspot-refresh-token", SAVED_UNDER),
      portalId: 4242,
      timeZone: "Europe/Berlin",
    },
  });
}

beforeEach(async () => {
  await prisma.hubSpotConnection.deleteMany({});
});

afterEach(() => {
  if (originalKey === undefined) delete process.env.ENCRYPTION_KEY;
  else process.env.ENCRYPTION_KEY = originalKey;
  vi.restoreAllMocks();
});

afterAll(() => prisma.$disconnect());

describe("GET /healthz and ENCRYPTION_KEY", () => {
  it("GIVEN HubSpot connections and no ENCRYPTION_KEY THEN 503 saying the key is not set", async () => {
    await aHubSpotConnection();
    delete process.env.ENCRYPTION_KEY;

    const { status, body } = await healthz();

    expect(status).toBe(503);
    expect(body).toMatchObject({
      ok: false,
      database: { reachable: true },
      secrets: { ok: false, hubspotConnections: 1, error: expect.stringContaining("ENCRYPTION_KEY is not set") },
    });
  });

  it("GIVEN HubSpot connections and a malformed ENCRYPTION_KEY THEN 503 saying what is wrong with it", async () => {
    await aHubSpotConnection();
    process.env.ENCRYPTION_KEY = "too-short";

    const { status, body } = await healthz();

    expect(status).toBe(503);
    expect(body.secrets).toMatchObject({ ok: false, error: expect.stringContaining("must be 32 bytes") });
  });

  it("GIVEN HubSpot tokens saved under another key THEN 503 saying the key does not open them", async () => {
    await aHubSpotConnection();
    process.env.ENCRYPTION_KEY = randomBytes(32).toString("base64");

    const { status, body } = await healthz();

    expect(status).toBe(503);
    expect(body.secrets).toMatchObject({
      ok: false,
      error: expect.stringContaining("does not open the stored HubSpot tokens"),
    });
  });

  it("GIVEN the key the tokens were saved under THEN 200", async () => {
    await aHubSpotConnection();
    process.env.ENCRYPTION_KEY = SAVED_UNDER.toString("hex");

    const { status, body } = await healthz();

    expect(status).toBe(200);
    expect(body).toMatchObject({ ok: true, secrets: { ok: true, hubspotConnections: 1 } });
  });

  it("GIVEN no HubSpot connection and no key THEN 200: nothing needs the key yet", async () => {
    delete process.env.ENCRYPTION_KEY;

    const { status, body } = await healthz();

    expect(status).toBe(200);
    expect(body).toMatchObject({ ok: true, secrets: { ok: true, hubspotConnections: 0 } });
  });
});

describe("start-up", () => {
  it("GIVEN HubSpot tokens saved under another key WHEN the server starts THEN it says so on stderr", async () => {
    await aHubSpotConnection();
    process.env.ENCRYPTION_KEY = randomBytes(32).toString("hex");
    const errors = vi.spyOn(console, "error").mockImplementation(() => undefined);

    await reportSecretsAtStartup();

    expect(errors).toHaveBeenCalledWith(expect.stringMatching(/ENCRYPTION_KEY does not open .*1 HubSpot connection/));
  });

  it("GIVEN the right key WHEN the server starts THEN it says nothing", async () => {
    await aHubSpotConnection();
    process.env.ENCRYPTION_KEY = SAVED_UNDER.toString("base64");
    const errors = vi.spyOn(console, "error").mockImplementation(() => undefined);

    await reportSecretsAtStartup();

    expect(errors).not.toHaveBeenCalled();
  });
});
