/**
 * The analytics export settings through real admin requests over HTTP: a GA4 destination saved with its
 * secret encrypted (never sent back), an empty secret keeps the saved one, a bad measurement id or
 * a missing token answered 422 beside the field with nothing saved.
 */
import { randomBytes, randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

process.env.ENCRYPTION_KEY = randomBytes(32).toString("base64");

import prisma from "../../app/db.server";
import { action, loader } from "../../app/routes/app.analytics-export";
import { domainOf, storeOfflineSession } from "../support/builders/sessions";
import { routeArgs } from "../support/http/responses";
import { serveRoutes, type RouteServer } from "../support/http/route-server";
import { adminFetchHeaders, documentRequest } from "../support/http/signed-requests";

const STORE = `analytics-export-${randomUUID().slice(0, 8)}`;
const SECRET = "mp-secret-QWERTY123";
type Body = { ok: boolean; fieldErrors?: Record<string, string> };
const PATH = "/app/analytics-export";
let server: RouteServer;
/** The Settings form's post, as the embedded page sends it (session token in Authorization). */
const post = async (fields: Record<string, string>) => {
  const response = await fetch(`${server.origin}${PATH}`, {
    method: "POST",
    headers: await adminFetchHeaders(STORE, PATH),
    body: new URLSearchParams(fields),
  });
  return { status: response.status, body: (await response.json()) as Body };
};
const page = async () => loader(routeArgs(await documentRequest(STORE, PATH)));

beforeAll(async () => {
  await storeOfflineSession(prisma, STORE);
  server = await serveRoutes({ [PATH]: action });
});
afterAll(() => server?.close());

describe("analytics export settings", () => {
  it("GIVEN a measurement id and secret WHEN saved THEN the page shows GA4 on, never the secret", async () => {
    expect(await post({ kind: "ga4", enabled: "true", measurementId: "g-abc123xyz", secret: SECRET })).toMatchObject({
      status: 200,
      body: { ok: true },
    });
    const { ga4 } = await page();
    expect(ga4).toMatchObject({ kind: "ga4", enabled: true, measurementId: "G-ABC123XYZ", delivered: 0 });
    expect(JSON.stringify(await page())).not.toContain(SECRET);
    const row = await prisma.analyticsDestination.findUniqueOrThrow({
      where: { shopDomain_kind: { shopDomain: domainOf(STORE), kind: "ga4" } },
    });
    expect(row.secretEncrypted).not.toContain(SECRET);
    expect(
      await prisma.job.count({ where: { kind: "analytics.export", shopDomain: domainOf(STORE), status: "queued" } }),
    ).toBe(1);

    await post({ kind: "ga4", enabled: "false", measurementId: "G-ABC123XYZ", secret: "" });
    const kept = await prisma.analyticsDestination.findUniqueOrThrow({
      where: { shopDomain_kind: { shopDomain: domainOf(STORE), kind: "ga4" } },
    });
    expect(kept).toMatchObject({ enabled: false, secretEncrypted: row.secretEncrypted });
  });

  it("GIVEN a bad measurement id or no Mixpanel token WHEN saved THEN 422 beside the field, nothing saved", async () => {
    const bad = await post({ kind: "ga4", enabled: "true", measurementId: "UA-1234-1", secret: SECRET });
    expect(bad).toMatchObject({
      status: 422,
      body: { ok: false, fieldErrors: { measurementId: expect.stringContaining("G-") } },
    });
    const missing = await post({ kind: "mixpanel", enabled: "true", region: "eu", secret: "" });
    expect(missing).toMatchObject({
      status: 422,
      body: { fieldErrors: { secret: expect.stringContaining("project token") } },
    });
    expect((await page()).mixpanel).toBeNull();
    expect(JSON.stringify(bad)).not.toContain(SECRET);
  });
});
