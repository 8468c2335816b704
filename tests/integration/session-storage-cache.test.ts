/**
 * The offline-session cache in front of the library's PrismaSessionStorage (app/platform/shops/
 * offline-session-cache.server.ts), on the test's own database: what it serves, for how long,
 * and what makes it forget.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { PrismaSessionStorage } from "@shopify/shopify-app-session-storage-prisma";
import prisma from "../../app/db.server";
import {
  cacheOfflineSessions,
  forgetAllSessions,
  OFFLINE_SESSION_TTL_MS,
} from "../../app/platform/shops/offline-session-cache.server";
import { recordUninstall } from "../../app/platform/shops/shop-lifecycle.server";
import { anOfflineSession } from "../support/builders/sessions";
import { Session } from "@shopify/shopify-api";

const RUN = randomUUID().slice(0, 8);
let shopCounter = 0;
const aShop = () => `cache-${(shopCounter += 1)}-${RUN}.myshopify.com`;

// A frozen clock the test moves by hand.
let clock = Date.parse("2026-11-21T10:00:00.000Z");
const now = () => clock;
// The session storage types pin Prisma 6; the Prisma 7 client fulfils the same contract.
const storage = cacheOfflineSessions(new PrismaSessionStorage(prisma as never, { connectionRetries: 1 }), now);

/** Deletes the row without going through the storage, as uninstall and shop/redact do. */
const deleteRowsOf = (shop: string) => prisma.session.deleteMany({ where: { shop } });

beforeEach(() => forgetAllSessions());
afterAll(() => prisma.$disconnect());

describe("offline sessions cached in front of the session storage", () => {
  it("GIVEN a loaded offline session WHEN its row goes behind the storage's back THEN it is served until the TTL ends, then not", async () => {
    const shop = aShop();
    await storage.storeSession(anOfflineSession(shop));
    expect((await storage.loadSession(`offline_${shop}`))?.accessToken).toBe("shpat_test");

    await deleteRowsOf(shop);

    clock += OFFLINE_SESSION_TTL_MS - 1;
    expect((await storage.loadSession(`offline_${shop}`))?.shop).toBe(shop);
    clock += 1;
    expect(await storage.loadSession(`offline_${shop}`)).toBeUndefined();
  });

  it("GIVEN a cached session WHEN the app records the shop's uninstall THEN the next load finds nothing at once", async () => {
    const shop = aShop();
    await prisma.shop.create({ data: { domain: shop } });
    await storage.storeSession(anOfflineSession(shop));
    await storage.loadSession(`offline_${shop}`);

    await recordUninstall(shop);

    expect(await storage.loadSession(`offline_${shop}`)).toBeUndefined();
  });

  it("GIVEN a cached session WHEN the library stores a refreshed token or deletes it THEN the next load sees that", async () => {
    const shop = aShop();
    await storage.storeSession(anOfflineSession(shop));
    await storage.loadSession(`offline_${shop}`);

    await storage.storeSession(anOfflineSession(shop, { accessToken: "shpat_refreshed" }));
    expect((await storage.loadSession(`offline_${shop}`))?.accessToken).toBe("shpat_refreshed");

    await storage.deleteSession(`offline_${shop}`);
    expect(await storage.loadSession(`offline_${shop}`)).toBeUndefined();
  });

  it("GIVEN no session yet THEN its absence is not remembered: an install is usable at once", async () => {
    const shop = aShop();
    expect(await storage.loadSession(`offline_${shop}`)).toBeUndefined();

    await prisma.session.create({
      data: {
        id: `offline_${shop}`,
        shop,
        state: "installed",
        isOnline: false,
        scope: "read_orders",
        accessToken: "shpat_new",
      },
    });

    expect((await storage.loadSession(`offline_${shop}`))?.accessToken).toBe("shpat_new");
  });

  it("GIVEN an online (per-user) session THEN every load reads the database", async () => {
    const shop = aShop();
    const online = new Session({
      id: `${shop}_42`,
      shop,
      state: "s",
      isOnline: true,
      scope: "read_orders",
      accessToken: "shpua_user",
      expires: new Date(clock + 3_600_000),
    });
    await storage.storeSession(online);
    await storage.loadSession(online.id);

    await deleteRowsOf(shop);

    expect(await storage.loadSession(online.id)).toBeUndefined();
  });
});
