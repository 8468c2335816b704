/** HubSpot's daily limit is per account: one shop reaching it must not hold back another shop. */
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import prisma from "../../../app/db.server";
import { connectWithStaticToken } from "../../../app/sync/connection.server";
import { syncHealth } from "../../../app/sync/health.server";
import { registerHubSpotJobs } from "../../../app/sync/jobs.server";
import { CONTACT_JOB, HUBSPOT_JOB_KINDS } from "../../../app/sync/outbox.server";
import { drainJobs } from "../../../app/platform/jobs/runner.server";
import { startHubSpotSandbox, type HubSpotSandbox } from "../../../sandbox/hubspot";
import { aLeadRow, storeLeadsWithJobs, useTestEncryptionKey } from "../../support/builders/lead-rows";

const UPSERT = "/crm/objects/2026-03/contacts/batch/upsert";
const TOKEN_A = "pat-shop-a";
const TOKEN_B = "pat-shop-b";
let sandbox: HubSpotSandbox;
let shopA: string;
let shopB: string;
let run = 0;

beforeEach(async () => {
  useTestEncryptionKey();
  sandbox = await startHubSpotSandbox({ tenSecondLimit: 100, windowMs: 1000, staticTokens: [TOKEN_A, TOKEN_B] });
  process.env.HUBSPOT_API_BASE = sandbox.url;
  run += 1;
  shopA = `pause-a-${process.pid}-${run}.myshopify.com`;
  shopB = `pause-b-${process.pid}-${run}.myshopify.com`;
  registerHubSpotJobs();
  vi.spyOn(console, "error").mockImplementation(() => undefined);
});
afterEach(() => sandbox.close());
afterAll(() => prisma.$disconnect());

const contactJobs = (shopDomain: string) =>
  prisma.job.findMany({ where: { kind: CONTACT_JOB, shopDomain }, orderBy: { id: "asc" } });
const upsertedEmails = (token: string) =>
  sandbox
    .requestsTo("POST", UPSERT)
    .filter((request) => request.authorization === `Bearer ${token}` && request.status === 200)
    .flatMap((request) => (request.body as { inputs: Array<{ id: string }> }).inputs.map((input) => input.id));

describe("daily limit of one shop's HubSpot account", () => {
  it("GIVEN two connected shops WHEN HubSpot answers a DAILY 429 to shop A's token THEN only shop A's HubSpot jobs wait until the reset", async () => {
    await connectWithStaticToken(shopA, TOKEN_A);
    await connectWithStaticToken(shopB, TOKEN_B);
    await storeLeadsWithJobs(shopA, [aLeadRow(shopA, 1)]);
    await storeLeadsWithJobs(shopB, [aLeadRow(shopB, 11)]);
    sandbox.inject({ status: 429, policy: "DAILY", token: TOKEN_A, path: UPSERT });

    await drainJobs();

    const dailyRefusals = sandbox.requestsTo("POST", UPSERT).filter((request) => request.status === 429);
    expect(dailyRefusals.map((request) => request.authorization)).toEqual([`Bearer ${TOKEN_A}`]);
    expect(upsertedEmails(TOKEN_B)).toEqual(["shopper11@example.com"]);
    expect((await contactJobs(shopB)).map((job) => job.status)).toEqual(["done"]);
    const [waiting] = await contactJobs(shopA);
    const pauses = await prisma.jobShopPause.findMany({
      where: { shopDomain: { in: [shopA, shopB] } },
      orderBy: { kind: "asc" },
    });
    expect(pauses.map((pause) => [pause.kind, pause.shopDomain])).toEqual(
      [...HUBSPOT_JOB_KINDS].sort().map((kind) => [kind, shopA]),
    );
    expect(pauses[0]?.until.getTime()).toBeGreaterThan(Date.now());
    expect(waiting).toMatchObject({
      status: "queued",
      attempts: 0,
      runAt: pauses[0]?.until,
      lastError: "daily_limit: You have reached your daily limit.",
    });
    expect(await prisma.jobKindPause.count({ where: { kind: { in: [...HUBSPOT_JOB_KINDS] } } })).toBe(0);
    expect((await syncHealth(shopA)).pausedUntil).toEqual(pauses[0]?.until);
    expect((await syncHealth(shopB)).pausedUntil).toBeNull();
  });

  it("GIVEN shop A paused by its daily limit WHEN both shops enqueue new leads THEN shop B's sync and shop A's waits without calling HubSpot", async () => {
    await connectWithStaticToken(shopA, TOKEN_A);
    await connectWithStaticToken(shopB, TOKEN_B);
    await storeLeadsWithJobs(shopA, [aLeadRow(shopA, 1)]);
    sandbox.inject({ status: 429, policy: "DAILY", token: TOKEN_A, path: UPSERT, times: 1 });
    await drainJobs();
    const callsOfA = sandbox.requests.filter((request) => request.authorization === `Bearer ${TOKEN_A}`).length;

    await storeLeadsWithJobs(shopA, [aLeadRow(shopA, 2)]);
    await storeLeadsWithJobs(shopB, [aLeadRow(shopB, 12)]);
    await drainJobs();

    expect(upsertedEmails(TOKEN_B)).toEqual(["shopper12@example.com"]);
    expect((await contactJobs(shopB)).map((job) => job.status)).toEqual(["done"]);
    expect((await contactJobs(shopA)).map((job) => [job.status, job.attempts])).toEqual([
      ["queued", 0],
      ["queued", 0],
    ]);
    expect(sandbox.requests.filter((request) => request.authorization === `Bearer ${TOKEN_A}`)).toHaveLength(callsOfA);
    expect(upsertedEmails(TOKEN_A)).toEqual([]);
  });
});

describe("an account migrating between HubSpot's data centres (477)", () => {
  it("GIVEN HubSpot answers 477 with Retry-After to shop A THEN shop A's HubSpot jobs wait that long without spending attempts, shop B syncs", async () => {
    await connectWithStaticToken(shopA, TOKEN_A);
    await connectWithStaticToken(shopB, TOKEN_B);
    await storeLeadsWithJobs(shopA, [aLeadRow(shopA, 1)]);
    await storeLeadsWithJobs(shopB, [aLeadRow(shopB, 11)]);
    sandbox.inject({ status: 477, retryAfterSeconds: 7200, token: TOKEN_A, path: UPSERT });
    const before = Date.now();

    await drainJobs();

    expect(upsertedEmails(TOKEN_B)).toEqual(["shopper11@example.com"]);
    const [waiting] = await contactJobs(shopA);
    expect(waiting).toMatchObject({ status: "queued", attempts: 0 });
    expect(waiting!.lastError).toMatch(/^migrating: /);
    const waitedMs = waiting!.runAt.getTime() - before;
    expect(waitedMs).toBeGreaterThanOrEqual(7200_000 - 1_000);
    expect(waitedMs).toBeLessThanOrEqual(7200_000 + 60_000);
    const pauses = await prisma.jobShopPause.findMany({ where: { shopDomain: { in: [shopA, shopB] } } });
    expect(new Set(pauses.map((pause) => pause.shopDomain))).toEqual(new Set([shopA]));
    expect(pauses[0]?.reason).toMatch(/moving this account between data centres/);
  });
});
