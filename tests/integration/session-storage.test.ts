import { afterAll, describe, expect, inject, it } from "vitest";
import { Session } from "@shopify/shopify-api";
import { PrismaSessionStorage } from "@shopify/shopify-app-session-storage-prisma";
import { createDatabaseClient } from "../../app/db.server";
import { resolveDatabase } from "../../app/db/database-url";
import { migrateDatabase, testDatabaseUrl } from "../support/database";

describe("Shopify sessions in the app's database", () => {
  // GIVEN a database migrated from scratch by the ordinary `prisma migrate deploy`
  const url = testDatabaseUrl("sessions", inject("scratchDir"));
  const migrateOutput = migrateDatabase(url);
  const db = createDatabaseClient(resolveDatabase(url));
  const storage = new PrismaSessionStorage(db as never, { connectionRetries: 1 });

  afterAll(async () => {
    await db.$disconnect();
  });

  it("applies every committed migration", () => {
    expect(migrateOutput).toMatch(/migrations? (have been successfully applied|are already applied)|No pending migrations/i);
  });

  it("stores, loads and deletes an offline session", async () => {
    const shop = `sessions-${Date.now()}.myshopify.com`;
    const session = new Session({
      id: `offline_${shop}`,
      shop,
      state: "state-1",
      isOnline: false,
      scope: "read_orders,write_app_proxy",
      accessToken: "shpat_test_token",
      expires: new Date("2027-01-01T00:00:00.000Z"),
    });

    // WHEN it is stored and read back
    await storage.storeSession(session);
    const loaded = await storage.loadSession(session.id);

    // THEN every field survives the round trip
    expect(loaded?.toObject()).toEqual(session.toObject());
    expect((await storage.findSessionsByShop(shop)).map((s) => s.id)).toEqual([session.id]);

    // WHEN it is deleted THEN it is gone
    await storage.deleteSession(session.id);
    expect(await storage.loadSession(session.id)).toBeUndefined();
  });

  it("stores an online session with its staff user", async () => {
    const shop = `online-${Date.now()}.myshopify.com`;
    const session = new Session({
      id: `${shop}_42`,
      shop,
      state: "s",
      isOnline: true,
      accessToken: "t",
      onlineAccessInfo: {
        expires_in: 86400,
        associated_user_scope: "read_orders",
        associated_user: {
          id: 42,
          first_name: "Ada",
          last_name: "Lovelace",
          email: "ada@example.com",
          email_verified: true,
          account_owner: true,
          locale: "en",
          collaborator: false,
        },
      },
    });
    await storage.storeSession(session);
    const loaded = await storage.loadSession(session.id);
    expect(loaded?.onlineAccessInfo?.associated_user).toMatchObject({ id: 42, email: "ada@example.com" });
    await storage.deleteSessions([session.id]);
    expect(await storage.loadSession(session.id)).toBeUndefined();
  });
});
