import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { Session } from "@shopify/shopify-api";
import { PrismaSessionStorage } from "@shopify/shopify-app-session-storage-prisma";
import { createDatabaseClient } from "../../app/db.server";
import { resolveDatabase } from "../../app/platform/db/database-url";
import { freshSqliteUrl, migrateDatabase } from "../support/database";
import { createTemplateDatabase, dropRunDatabases } from "../support/postgres-databases";

// The library's types pin Prisma 6; the Prisma 7 client fulfils the same contract.
const sessionStorageFor = (client: ReturnType<typeof createDatabaseClient>) =>
  new PrismaSessionStorage(client as never, { connectionRetries: 1 });

describe("Shopify sessions in the app's database", () => {
  // GIVEN an empty database (SQLite, or PostgreSQL under `npm run test:pg`) migrated from
  // scratch by the ordinary `prisma migrate deploy`
  const postgres = process.env.TEST_DATABASE_URL;
  let url: string;
  let migrateOutput: string;
  let db: ReturnType<typeof createDatabaseClient>;
  let storage: ReturnType<typeof sessionStorageFor>;

  beforeAll(async () => {
    url = postgres ? await createTemplateDatabase(postgres) : freshSqliteUrl("sessions", inject("scratchDir"));
    migrateOutput = migrateDatabase(url);
    db = createDatabaseClient(resolveDatabase(url));
    storage = sessionStorageFor(db);
  });

  afterAll(async () => {
    await db.$disconnect();
    if (postgres) await dropRunDatabases(postgres, url);
  });

  it("runs on the database the run asked for", () => {
    expect(resolveDatabase(url).provider).toBe(postgres ? "postgresql" : "sqlite");
  });

  it("applies every committed migration", () => {
    expect(migrateOutput).toMatch(/have been successfully applied/);
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
