/**
 * The demo session is refused by any start but the demo's own: a production start (no
 * CHATLIFT_DEMO / CHATLIFT_DEMO_SECRET) and a later demo start (another secret) answer 403,
 * through the real shopifyApp with real session tokens and signed app proxy requests.
 */
import "@shopify/shopify-app-remix/adapters/node";
import { randomBytes } from "node:crypto";
import { LogSeverity, Session } from "@shopify/shopify-api";
import { API_KEY, API_SECRET_KEY, APP_URL } from "@shopify/shopify-api/test-helpers";
import { AppDistribution, ApiVersion, shopifyApp } from "@shopify/shopify-app-remix/server";
import { PrismaSessionStorage } from "@shopify/shopify-app-session-storage-prisma";
import { beforeAll, describe, expect, it } from "vitest";
import prisma from "../../../app/db.server";
import { demoAccessToken, judgeSession } from "../../../app/platform/shops/demo-session";
import { refuseForeignDemoSessions } from "../../../app/platform/shops/demo-session-guard.server";
import { documentRequest, fetchRequest } from "../../support/http/signed-requests";
import { thrown } from "../../support/http/responses";
import { signedProxyRequest } from "../../support/http/signed-requests";

const RUN = randomBytes(3).toString("hex");
const DEMO_STORE = `chatlift-demo-${RUN}`;
const DEMO_SHOP = `${DEMO_STORE}.myshopify.com`;
const MERCHANT_STORE = `harbor-${RUN}`;
const MERCHANT_SHOP = `${MERCHANT_STORE}.myshopify.com`;
const SECRET = "a".repeat(64);
const OTHER_SECRET = "b".repeat(64);
const SCOPES = process.env.SCOPES as string;

type Env = Record<string, string | undefined>;
const PRODUCTION: Env = { NODE_ENV: "production" };
const THIS_DEMO: Env = { CHATLIFT_DEMO: "1", CHATLIFT_DEMO_SECRET: SECRET };
const LATER_DEMO: Env = { CHATLIFT_DEMO: "1", CHATLIFT_DEMO_SECRET: OTHER_SECRET };

/** shopifyApp as app/shopify.server.ts configures it, its storage guarded for `env`. */
function appStartedWith(env: Env) {
  return shopifyApp({
    apiKey: API_KEY,
    apiSecretKey: API_SECRET_KEY,
    appUrl: APP_URL,
    scopes: SCOPES.split(","),
    apiVersion: ApiVersion.October26,
    authPathPrefix: "/auth",
    logger: { level: LogSeverity.Error },
    sessionStorage: refuseForeignDemoSessions(new PrismaSessionStorage(prisma as never), env),
    distribution: AppDistribution.AppStore,
    future: { unstable_newEmbeddedAuthStrategy: true, expiringOfflineAccessTokens: true },
  });
}

const offline = (shop: string, accessToken: string) =>
  new Session({ id: `offline_${shop}`, shop, state: "installed", isOnline: false, scope: SCOPES, accessToken });

beforeAll(async () => {
  // GIVEN the demo shop's session as `npm run demo` stores it, and an ordinary merchant's
  const storage = new PrismaSessionStorage(prisma as never);
  await storage.storeSession(offline(DEMO_SHOP, demoAccessToken(SECRET, DEMO_SHOP)));
  await storage.storeSession(offline(MERCHANT_SHOP, "shpat_real_merchant_token"));
});

describe("which start accepts a demo session", () => {
  it.each([
    ["a production start", PRODUCTION, "refused"],
    ["the demo flag without a secret", { CHATLIFT_DEMO: "1" }, "refused"],
    ["a secret without the demo flag", { CHATLIFT_DEMO_SECRET: SECRET }, "refused"],
    ["a short secret", { CHATLIFT_DEMO: "1", CHATLIFT_DEMO_SECRET: "short" }, "refused"],
    ["a later demo start", LATER_DEMO, "refused"],
    ["the demo start that stored it", THIS_DEMO, "accepted"],
  ])("%s: %s", (_, env, verdict) => {
    expect(judgeSession({ shop: DEMO_SHOP, accessToken: demoAccessToken(SECRET, DEMO_SHOP) }, env)).toBe(verdict);
  });

  it("leaves ordinary sessions alone in every start", () => {
    for (const env of [PRODUCTION, THIS_DEMO])
      expect(judgeSession({ shop: MERCHANT_SHOP, accessToken: "shpat_x" }, env)).toBe("not_demo");
  });
});

describe("the admin with a demo session", () => {
  it("is refused by a production start with a 403 that says why", async () => {
    // WHEN a production start gets a valid session token for the demo shop
    const response = await thrown(
      appStartedWith(PRODUCTION).authenticate.admin(await documentRequest(DEMO_STORE, "/app")),
    );

    // THEN it answers 403 naming the demo, and never acts for the shop
    expect(response.status).toBe(403);
    expect(await response.text()).toContain("only the app started by `npm run demo` accepts");
  });

  it("is refused by a later demo start (another secret)", async () => {
    const response = await thrown(
      appStartedWith(LATER_DEMO).authenticate.admin(await fetchRequest(DEMO_STORE, "/app/dashboard")),
    );
    expect(response.status).toBe(403);
  });

  it("works in the demo start that stored it", async () => {
    const { session } = await appStartedWith(THIS_DEMO).authenticate.admin(
      await fetchRequest(DEMO_STORE, "/app/dashboard"),
    );
    expect(session.shop).toBe(DEMO_SHOP);
  });

  it("does not change an ordinary merchant's admin in a production start", async () => {
    const { session } = await appStartedWith(PRODUCTION).authenticate.admin(
      await fetchRequest(MERCHANT_STORE, "/app/dashboard"),
    );
    expect(session.accessToken).toBe("shpat_real_merchant_token");
  });
});

describe("the app proxy with a demo session", () => {
  it("is refused by a production start", async () => {
    const response = await thrown(
      appStartedWith(PRODUCTION).authenticate.public.appProxy(signedProxyRequest({ shop: DEMO_SHOP, body: "{}" })),
    );
    expect(response.status).toBe(403);
  });

  it("loads the demo session in the demo start", async () => {
    const { session } = await appStartedWith(THIS_DEMO).authenticate.public.appProxy(
      signedProxyRequest({ shop: DEMO_SHOP, body: "{}" }),
    );
    expect(session?.shop).toBe(DEMO_SHOP);
  });
});

describe("sessions listed by shop", () => {
  it("leave the demo session out outside the demo", async () => {
    const guarded = refuseForeignDemoSessions(new PrismaSessionStorage(prisma as never), PRODUCTION);
    expect(await guarded.findSessionsByShop(DEMO_SHOP)).toEqual([]);
    expect((await guarded.findSessionsByShop(MERCHANT_SHOP)).map((session) => session.shop)).toEqual([MERCHANT_SHOP]);
  });
});
