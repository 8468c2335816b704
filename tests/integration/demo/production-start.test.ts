/**
 * `npm start` (app/shopify.server.ts, no CHATLIFT_DEMO / CHATLIFT_DEMO_SECRET in its
 * environment) refuses a demo session: the admin and the app proxy answer 403 for the demo shop.
 * Needs app/shopify.server.ts to guard its session storage (app/platform/shops/demo-session-guard.server.ts).
 */
import { randomBytes } from "node:crypto";
import { Session } from "@shopify/shopify-api";
import { PrismaSessionStorage } from "@shopify/shopify-app-session-storage-prisma";
import { beforeAll, describe, expect, it } from "vitest";
import prisma from "../../../app/db.server";
import { demoAccessToken } from "../../../app/platform/shops/demo-session";
import { authenticate } from "../../../app/shopify.server";
import { documentRequest } from "../../support/http/signed-requests";
import { thrown } from "../../support/http/responses";
import { signedProxyRequest } from "../../support/http/signed-requests";

const STORE = `chatlift-demo-${randomBytes(3).toString("hex")}`;
const SHOP = `${STORE}.myshopify.com`;

beforeAll(async () => {
  // GIVEN a database holding a demo session (say, data/demo.sqlite served by `npm start`)
  expect(process.env.CHATLIFT_DEMO).toBeUndefined();
  await new PrismaSessionStorage(prisma as never).storeSession(
    new Session({
      id: `offline_${SHOP}`,
      shop: SHOP,
      state: "installed",
      isOnline: false,
      scope: process.env.SCOPES,
      accessToken: demoAccessToken("d".repeat(64), SHOP),
    }),
  );
});

describe("npm start and a demo session", () => {
  it("refuses the admin with 403", async () => {
    const response = await thrown(authenticate.admin(await documentRequest(STORE, "/app/dashboard")));
    expect(response.status).toBe(403);
    expect(await response.text()).toContain("npm run demo");
  });

  it("refuses the app proxy with 403", async () => {
    const response = await thrown(authenticate.public.appProxy(signedProxyRequest({ shop: SHOP, body: "{}" })));
    expect(response.status).toBe(403);
  });
});
