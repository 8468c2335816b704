/**
 * A HubSpot 401 on a token ChatLift believed good (HubSpot expired or revoked it before the stored
 * expiry) first tries one token refresh and repeats the call; only when that cannot help does the
 * job park, saying what the merchant must do. Before, every 401 parked the job at once.
 * The clock is not frozen: the SDK's limiter spaces calls by Date.now().
 */
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import prisma from "../../../app/db.server";
import {
  completeOAuthConnection,
  connectWithStaticToken,
  startOAuthConnection,
} from "../../../app/sync/connection.server";
import { registerHubSpotJobs } from "../../../app/sync/jobs.server";
import { CONTACT_JOB } from "../../../app/sync/outbox.server";
import { runDueJobs } from "../../../app/platform/jobs/runner.server";
import { encryptToken, parseEncryptionKey } from "../../../app/platform/secrets/token-crypto.server";
import { startHubSpotSandbox, type HubSpotSandbox } from "../../../sandbox/hubspot";
import { aLeadRow, storeLeadsWithJobs, useTestEncryptionKey } from "../../support/builders/lead-rows";

const UPSERT = "/crm/objects/2026-03/contacts/batch/upsert";
const TOKEN = "/oauth/2026-03/token";
const REDIRECT = "https://chatlift.example/hubspot/callback";
let sandbox: HubSpotSandbox;
let shop: string;
let run = 0;

beforeEach(async () => {
  useTestEncryptionKey();
  sandbox = await startHubSpotSandbox({ tenSecondLimit: 100, windowMs: 1000, tokenTtlSeconds: 1800 });
  process.env.HUBSPOT_API_BASE = sandbox.url;
  process.env.HUBSPOT_AUTHORIZE_URL = `${sandbox.url}/oauth/authorize`;
  process.env.HUBSPOT_CLIENT_ID = "sandbox-client-id";
  process.env.HUBSPOT_CLIENT_SECRET = "sandbox-client-secret";
  run += 1;
  shop = `unauthorized-${process.pid}-${run}.myshopify.com`;
  registerHubSpotJobs();
  vi.spyOn(console, "error").mockImplementation(() => undefined);
});
afterEach(() => sandbox.close());
afterAll(() => prisma.$disconnect());

/**
 * GIVEN the shop connected by OAuth, its stored expiry half an hour away, but its access token
 * already expired at HubSpot, and one consented lead waiting to be synced.
 */
async function anOAuthShopWhoseTokenHubSpotExpired(): Promise<void> {
  const authorize = await fetch(startOAuthConnection(shop, REDIRECT), { redirect: "manual" });
  const back = new URL(authorize.headers.get("location") ?? "");
  await completeOAuthConnection({
    state: back.searchParams.get("state"),
    code: back.searchParams.get("code") ?? "",
    redirectUri: REDIRECT,
  });
  await storeLeadsWithJobs(shop, [aLeadRow(shop, 1)]);
  sandbox.expireAccessTokens();
}

const jobOf = async () => prisma.job.findFirstOrThrow({ where: { kind: CONTACT_JOB, shopDomain: shop } });
const refreshes = () =>
  sandbox
    .requestsTo("POST", TOKEN)
    .filter((request) => (request.body as { grant_type: string }).grant_type === "refresh_token");

describe("a HubSpot 401 on a token believed good", () => {
  it("GIVEN an OAuth token HubSpot expired early WHEN the contact job runs THEN the token is refreshed once, the call repeated, the contact synced", async () => {
    await anOAuthShopWhoseTokenHubSpotExpired();

    await runDueJobs();

    expect(refreshes()).toHaveLength(1);
    const upserts = sandbox.requestsTo("POST", UPSERT).map((request) => request.status);
    expect(upserts).toEqual([401, 200]);
    expect(await jobOf()).toMatchObject({ status: "done" });
  });

  it("GIVEN an OAuth token HubSpot expired early and its refresh token revoked WHEN the contact job runs THEN one refresh is tried and the job parks saying to reconnect", async () => {
    await anOAuthShopWhoseTokenHubSpotExpired();
    await prisma.hubSpotConnection.update({
      where: { shopDomain: shop },
      data: {
        refreshTokenEncrypted: encryptToken("sandbox-refresh-revoked", parseEncryptionKey(process.env.ENCRYPTION_KEY)),
      },
    });

    await runDueJobs();

    expect(refreshes()).toHaveLength(1);
    const job = await jobOf();
    expect(job.status).toBe("parked");
    expect(job.lastError).toMatch(
      /^auth: HubSpot refused the access token \(401\) and refreshing it failed \(.*refresh token.*\); reconnect HubSpot/,
    );
  });

  it("GIVEN a private app token HubSpot no longer accepts WHEN the contact job runs THEN nothing is refreshed and the job parks saying the token was revoked", async () => {
    await connectWithStaticToken(shop, "pat-sandbox");
    await prisma.hubSpotConnection.update({
      where: { shopDomain: shop },
      data: { accessTokenEncrypted: encryptToken("pat-revoked", parseEncryptionKey(process.env.ENCRYPTION_KEY)) },
    });
    await storeLeadsWithJobs(shop, [aLeadRow(shop, 1)]);

    await runDueJobs();

    expect(refreshes()).toHaveLength(0);
    const job = await jobOf();
    expect(job.status).toBe("parked");
    expect(job.lastError).toMatch(
      /^auth: HubSpot refused the private app token or service key \(401: .*\): it was revoked or replaced; reconnect HubSpot/,
    );
  });
});
