/** The OAuth callback route: HubSpot's redirect in, the shop connected, the merchant sent home. */
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import prisma from "../../../app/db.server";
import { startOAuthConnection } from "../../../app/sync/connection.server";
import { oauthRedirectUri } from "../../../app/sync/oauth-callback.server";
import { loader } from "../../../app/routes/hubspot.oauth.callback";
import { startHubSpotSandbox, type HubSpotSandbox } from "../../../sandbox/hubspot";
import { useTestEncryptionKey } from "../../support/builders/lead-rows";
import { responseOf, routeArgs } from "../../support/http/responses";

let sandbox: HubSpotSandbox;

beforeEach(async () => {
  useTestEncryptionKey();
  sandbox = await startHubSpotSandbox({ tenSecondLimit: 100, windowMs: 1000 });
  process.env.HUBSPOT_API_BASE = sandbox.url;
  process.env.HUBSPOT_AUTHORIZE_URL = `${sandbox.url}/oauth/authorize`;
  process.env.HUBSPOT_CLIENT_ID = "sandbox-client-id";
  process.env.HUBSPOT_CLIENT_SECRET = "sandbox-client-secret";
});
afterEach(() => sandbox.close());
afterAll(() => prisma.$disconnect());

const appUrl = () => process.env.SHOPIFY_APP_URL ?? "";

/** The merchant consents in HubSpot; returns the URL HubSpot redirects the browser to. */
async function consentRedirect(shopDomain: string): Promise<string> {
  const authorize = await fetch(startOAuthConnection(shopDomain, oauthRedirectUri(appUrl())), { redirect: "manual" });
  return authorize.headers.get("location") ?? "";
}

const callLoader = (url: string): Promise<Response> => responseOf(loader(routeArgs(new Request(url))));

describe("GET /hubspot/oauth/callback", () => {
  it("GIVEN HubSpot's redirect after consent THEN the shop is connected and the merchant goes back to the app", async () => {
    const shop = `callback-${randomUUID().slice(0, 8)}.myshopify.com`;
    const redirectTo = await consentRedirect(shop);
    expect(redirectTo.startsWith(oauthRedirectUri(appUrl()))).toBe(true);

    const response = await callLoader(redirectTo);

    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe(`https://${shop}/admin/apps/${process.env.SHOPIFY_API_KEY}`);
    const connection = await prisma.hubSpotConnection.findUniqueOrThrow({ where: { shopDomain: shop } });
    expect(connection.mode).toBe("oauth");
    expect(connection.accessTokenEncrypted).not.toContain("sandbox");
  });

  it("GIVEN a tampered state THEN it answers 400 and connects nothing", async () => {
    const shop = `tampered-${randomUUID().slice(0, 8)}.myshopify.com`;
    const redirectTo = new URL(await consentRedirect(shop));
    redirectTo.searchParams.set("state", `${redirectTo.searchParams.get("state")}x`);

    const response = await callLoader(redirectTo.toString());

    expect(response.status).toBe(400);
    expect(await response.text()).toMatch(/OAuth callback was refused/);
    expect(await prisma.hubSpotConnection.count({ where: { shopDomain: shop } })).toBe(0);
  });

  it.each([
    ["?error=access_denied&error_description=The+user+declined", /HubSpot did not connect: The user declined/],
    ["?state=abc", /has no `code` parameter/],
  ])("GIVEN %s THEN it answers 400 saying why", async (query, message) => {
    const response = await callLoader(`${oauthRedirectUri(appUrl())}${query}`);
    expect(response.status).toBe(400);
    expect(await response.text()).toMatch(message);
  });
});
