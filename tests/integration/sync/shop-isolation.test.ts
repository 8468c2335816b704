/**
 * One shop's broken HubSpot connection must not hold back another shop's contacts: shop A's OAuth
 * refresh refused, failing with a 5xx or hanging, and shop B's 15 leads (more than one claim of the
 * runner, so some are siblings the contact batch claims itself) all reach HubSpot in the same pass.
 * Before, A's failure ended the batch and B's siblings sat `running` for a whole lease.
 * The clock is not frozen here: the SDK's limiter (Bottleneck) spaces calls by Date.now(), and a
 * frozen Date makes every queued call wait a little longer than the one before.
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
import { MINUTE } from "../../support/clock";

const UPSERT = "/crm/objects/2026-03/contacts/batch/upsert";
const TOKEN = "/oauth/2026-03/token";
const REDIRECT = "https://chatlift.example/hubspot/callback";
const HEALTHY_LEADS = 15;
let sandbox: HubSpotSandbox;
let shopA: string;
let shopB: string;
let run = 0;

beforeEach(async () => {
  useTestEncryptionKey();
  sandbox = await startHubSpotSandbox({ tenSecondLimit: 100, windowMs: 1000 });
  process.env.HUBSPOT_API_BASE = sandbox.url;
  process.env.HUBSPOT_AUTHORIZE_URL = `${sandbox.url}/oauth/authorize`;
  process.env.HUBSPOT_CLIENT_ID = "sandbox-client-id";
  process.env.HUBSPOT_CLIENT_SECRET = "sandbox-client-secret";
  run += 1;
  shopA = `isolation-a-${process.pid}-${run}.myshopify.com`;
  shopB = `isolation-b-${process.pid}-${run}.myshopify.com`;
  registerHubSpotJobs();
  vi.spyOn(console, "error").mockImplementation(() => undefined);
});
afterEach(async () => {
  delete process.env.HUBSPOT_TIMEOUT_MS;
  await sandbox.close();
});
afterAll(() => prisma.$disconnect());

/**
 * GIVEN shop A connected by OAuth with its access token about to expire (the next job refreshes
 * it) and one lead due first; shop B connected with a private app token and 15 leads due after.
 */
async function twoShopsWithLeads(): Promise<void> {
  const authorize = await fetch(startOAuthConnection(shopA, REDIRECT), { redirect: "manual" });
  const back = new URL(authorize.headers.get("location") ?? "");
  await completeOAuthConnection({
    state: back.searchParams.get("state"),
    code: back.searchParams.get("code") ?? "",
    redirectUri: REDIRECT,
  });
  await prisma.hubSpotConnection.update({
    where: { shopDomain: shopA },
    data: { expiresAt: new Date(Date.now() + 2 * MINUTE) },
  });
  await connectWithStaticToken(shopB, "pat-sandbox");
  await storeLeadsWithJobs(shopA, [aLeadRow(shopA, 1)]);
  await storeLeadsWithJobs(
    shopB,
    Array.from({ length: HEALTHY_LEADS }, (_, index) => aLeadRow(shopB, 100 + index)),
  );
  await prisma.job.updateMany({
    where: { kind: CONTACT_JOB, shopDomain: shopA },
    data: { runAt: new Date(Date.now() - MINUTE) },
  });
}

const jobsOf = (shopDomain: string) =>
  prisma.job.findMany({ where: { kind: CONTACT_JOB, shopDomain }, orderBy: { id: "asc" } });
const upsertedEmails = () =>
  sandbox
    .requestsTo("POST", UPSERT)
    .filter((request) => request.status === 200)
    .flatMap((request) => (request.body as { inputs: Array<{ id: string }> }).inputs.map((input) => input.id))
    .sort();
const shopBEmails = Array.from({ length: HEALTHY_LEADS }, (_, index) => `shopper${100 + index}@example.com`).sort();

/** THEN every one of shop B's 15 contacts is at HubSpot and its jobs are done, none left running. */
async function expectShopBSynced(): Promise<void> {
  expect(upsertedEmails()).toEqual(shopBEmails);
  expect((await jobsOf(shopB)).map((job) => job.status)).toEqual(Array(HEALTHY_LEADS).fill("done"));
}

describe("contact sync when one shop's HubSpot connection fails", () => {
  it("GIVEN shop A's refresh token revoked in HubSpot WHEN one runner pass runs THEN shop B's 15 contacts arrive in that pass and A's job is parked with HubSpot's words", async () => {
    await twoShopsWithLeads();
    const key = parseEncryptionKey(process.env.ENCRYPTION_KEY);
    await prisma.hubSpotConnection.update({
      where: { shopDomain: shopA },
      data: { refreshTokenEncrypted: encryptToken("sandbox-refresh-revoked", key) },
    });

    await runDueJobs();

    await expectShopBSynced();
    const [jobA] = await jobsOf(shopA);
    expect(jobA).toMatchObject({ status: "parked", lockedBy: null });
    expect(jobA?.lastError).toMatch(/^auth: HubSpot refused the OAuth refresh_token: .*refresh token/);
  });

  it("GIVEN HubSpot's token endpoint answering 503 to shop A's refresh WHEN one runner pass runs THEN shop B's 15 contacts arrive and A's job waits for a retry", async () => {
    await twoShopsWithLeads();
    sandbox.inject({ status: 503, path: TOKEN });

    const started = Date.now();
    await runDueJobs();

    await expectShopBSynced();
    const [jobA] = await jobsOf(shopA);
    expect(jobA).toMatchObject({ status: "queued", attempts: 1, lockedBy: null });
    expect(jobA?.lastError).toMatch(/^server: /);
    expect(jobA?.runAt.getTime()).toBeGreaterThan(started);
  });

  it("GIVEN HubSpot's token endpoint hanging on shop A's refresh WHEN one runner pass runs THEN the refresh gives up after the timeout, B's 15 contacts arrive and A's job waits for a retry", async () => {
    await twoShopsWithLeads();
    process.env.HUBSPOT_TIMEOUT_MS = "300";
    sandbox.inject({ hang: true, path: TOKEN });

    await runDueJobs();

    await expectShopBSynced();
    const [jobA] = await jobsOf(shopA);
    expect(jobA).toMatchObject({ status: "queued", attempts: 1, lockedBy: null });
    expect(jobA?.lastError).toMatch(/300 ms/);
  }, 15_000);
});
