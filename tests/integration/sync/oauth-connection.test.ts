/** OAuth: consent redirect → callback stores encrypted tokens → an expiring token is refreshed before use. */
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import prisma from "../../../app/db.server";
import { completeOAuthConnection, startOAuthConnection } from "../../../app/sync/connection.server";
import { crmForShop } from "../../../app/sync/shop-crm.server";
import { decryptToken, parseEncryptionKey } from "../../../app/platform/secrets/token-crypto.server";
import { startHubSpotSandbox, type HubSpotSandbox } from "../../../sandbox/hubspot";
import { useTestEncryptionKey } from "../../support/builders/lead-rows";

const REDIRECT = "https://chatlift.example/hubspot/callback";
let sandbox: HubSpotSandbox;
let shopCounter = 0;

beforeEach(async () => {
  useTestEncryptionKey();
  sandbox = await startHubSpotSandbox({ tenSecondLimit: 100, windowMs: 1000, tokenTtlSeconds: 1800 });
  process.env.HUBSPOT_API_BASE = sandbox.url;
  process.env.HUBSPOT_AUTHORIZE_URL = `${sandbox.url}/oauth/authorize`;
  process.env.HUBSPOT_CLIENT_ID = "sandbox-client-id";
  process.env.HUBSPOT_CLIENT_SECRET = "sandbox-client-secret";
});
afterEach(() => sandbox.close());
afterAll(() => prisma.$disconnect());

/** The merchant consents in HubSpot, which redirects back with a code and the state. */
async function consent(shopDomain: string) {
  const authorize = await fetch(startOAuthConnection(shopDomain, REDIRECT), { redirect: "manual" });
  const back = new URL(authorize.headers.get("location") ?? "");
  return { state: back.searchParams.get("state"), code: back.searchParams.get("code") ?? "", redirectUri: REDIRECT };
}

describe("OAuth connection", () => {
  it("GIVEN the consent redirect WHEN the callback completes THEN the shop is connected with both tokens encrypted", async () => {
    shopCounter += 1;
    const shop = `oauth-${process.pid}-${shopCounter}.myshopify.com`;

    const result = await completeOAuthConnection(await consent(shop));

    expect(result).toMatchObject({ shopDomain: shop, customEventsAvailable: false });
    const stored = await prisma.hubSpotConnection.findUniqueOrThrow({ where: { shopDomain: shop } });
    expect(stored).toMatchObject({ mode: "oauth", tenSecondLimit: 110 });
    const key = parseEncryptionKey(process.env.ENCRYPTION_KEY);
    expect(decryptToken(stored.accessTokenEncrypted, key)).toMatch(/^sandbox-access-/);
    expect(stored.refreshTokenEncrypted).toMatch(/^v1\./);
    expect(stored.expiresAt?.getTime()).toBeGreaterThan(Date.now() + 29 * 60_000);
  });

  it("GIVEN a state signed for another app or tampered with THEN the callback is refused and nothing is stored", async () => {
    shopCounter += 1;
    const shop = `oauth-${process.pid}-${shopCounter}.myshopify.com`;
    const callback = await consent(shop);

    await expect(completeOAuthConnection({ ...callback, state: `${callback.state}x` })).rejects.toThrow(
      /state signature does not match/,
    );
    expect(await prisma.hubSpotConnection.count({ where: { shopDomain: shop } })).toBe(0);
  });

  it("GIVEN an access token four minutes from expiry WHEN the shop's CRM is used THEN the token is refreshed first and the new one stored", async () => {
    shopCounter += 1;
    const shop = `oauth-${process.pid}-${shopCounter}.myshopify.com`;
    await completeOAuthConnection(await consent(shop));
    const before = await prisma.hubSpotConnection.update({
      where: { shopDomain: shop },
      data: { expiresAt: new Date(Date.now() + 4 * 60_000) },
    });

    const { crm } = await crmForShop(shop);
    await crm.upsertContacts([{ email: "ada@example.com", properties: {} }]);

    expect(
      sandbox
        .requestsTo("POST", "/oauth/2026-03/token")
        .map((request) => (request.body as { grant_type: string }).grant_type),
    ).toEqual(["authorization_code", "refresh_token"]);
    const after = await prisma.hubSpotConnection.findUniqueOrThrow({ where: { shopDomain: shop } });
    const key = parseEncryptionKey(process.env.ENCRYPTION_KEY);
    expect(decryptToken(after.accessTokenEncrypted, key)).not.toBe(decryptToken(before.accessTokenEncrypted, key));
    expect(sandbox.requestsTo("POST", "/crm/objects/2026-03/contacts/batch/upsert")[0]?.authorization).toBe(
      `Bearer ${decryptToken(after.accessTokenEncrypted, key)}`,
    );
  });
});
