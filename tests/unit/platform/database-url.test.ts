/**
 * One DATABASE_URL rule for the app, the Prisma CLI, the schema-engine stand-in and the postinstall:
 * which file a `file:` URL names, and how a password is kept out of every message.
 */
import { describe, expect, it } from "vitest";
import {
  DatabaseUrlError,
  redactUrl,
  resolveDatabase,
  sqliteFileOf,
  sqliteUrlOf,
} from "../../../app/platform/db/database-url";
import { sqlitePath } from "../../../app/platform/db/sqlite-client";
import { parseDatabaseUrl } from "../../../scripts/prisma/engine/database-url.mjs";
import { otherDatabase } from "../../../scripts/prisma/setup.mjs";

describe("resolveDatabase", () => {
  it.each([
    [undefined, "sqlite", "file:/srv/chatlift/data/chatlift.sqlite"],
    ["", "sqlite", "file:/srv/chatlift/data/chatlift.sqlite"],
    ["file:./tmp/x.sqlite", "sqlite", "file:/srv/chatlift/tmp/x.sqlite"],
    ["file:/var/lib/chatlift.sqlite", "sqlite", "file:/var/lib/chatlift.sqlite"],
    ["file::memory:", "sqlite", "file::memory:"],
    ["postgres://u:p@localhost:5432/chatlift", "postgresql", "postgres://u:p@localhost:5432/chatlift"],
    ["postgresql://localhost/chatlift?schema=public", "postgresql", "postgresql://localhost/chatlift?schema=public"],
  ])("GIVEN DATABASE_URL=%j THEN the provider is %s at %s", (raw, provider, url) => {
    const target = resolveDatabase(raw, "/srv/chatlift");
    expect(target.provider).toBe(provider);
    expect(target.url).toBe(url);
  });

  it("GIVEN each provider THEN it picks that provider's own schema and migrations", () => {
    expect(resolveDatabase(undefined, "/x")).toMatchObject({
      schemaPath: "prisma/schema.prisma",
      migrationsPath: "prisma/migrations",
    });
    expect(resolveDatabase("postgres://localhost/db", "/x")).toMatchObject({
      schemaPath: "prisma/postgresql/schema.prisma",
      migrationsPath: "prisma/postgresql/migrations",
    });
  });

  it("GIVEN an unsupported URL THEN the message names the accepted forms and hides the password", () => {
    const attempt = () => resolveDatabase("mysql://root:secret@localhost/db", "/x");
    expect(attempt).toThrow(DatabaseUrlError);
    expect(attempt).toThrow(/"file:".*"postgres:\/\/"/);
    expect(attempt).not.toThrow(/secret/);
  });

  it("GIVEN a file: URL without a path THEN it is refused", () => {
    expect(() => resolveDatabase("file:", "/x")).toThrow(/names no SQLite file/);
  });

  it("GIVEN a broken percent-encoding THEN it is refused with a clear error", () => {
    expect(() => resolveDatabase("file:./data/50%.sqlite", "/x")).toThrow(/invalid percent-encoding/);
  });
});

describe("sqliteFileOf and sqliteUrlOf", () => {
  it.each([
    ["file:/data/app.sqlite", "/data/app.sqlite"],
    ["file:///data/app.sqlite", "/data/app.sqlite"],
    ["file:./data/app.sqlite?mode=rwc", "./data/app.sqlite"],
    ["file:./data/app.sqlite#x", "./data/app.sqlite"],
    ["file:./my%20shop.sqlite", "./my shop.sqlite"],
    ["file::memory:", ":memory:"],
    ["file:", ""],
  ])("GIVEN %j THEN the file is %j", (url, file) => {
    expect(sqliteFileOf(url)).toBe(file);
  });

  it.each(["/data/50%.sqlite", "/data/what?.sqlite", "/data/#1.sqlite", "/data/my shop.sqlite"])(
    "GIVEN the file %j THEN its URL names it again",
    (file) => {
      expect(sqliteFileOf(sqliteUrlOf(file))).toBe(file);
      expect(resolveDatabase(sqliteUrlOf(file)).filePath).toBe(file);
    },
  );

  it("GIVEN the same URL THEN the app, the engine stand-in and the postinstall name the same file", () => {
    const url = "file:./data/my%20shop.sqlite?connection_limit=1";
    const app = resolveDatabase(url, "/srv/chatlift");
    const engine = parseDatabaseUrl(url, "/srv/chatlift");
    expect(app.filePath).toBe("/srv/chatlift/data/my shop.sqlite");
    expect(engine).toMatchObject({ provider: "sqlite", filePath: app.filePath, url: app.url });
    expect(sqlitePath(app.url)).toBe(app.filePath);
  });
});

describe("redactUrl", () => {
  it.each([
    ["postgres://user:secret@host:5432/db", "postgres://***@host:5432/db"],
    ["postgresql://user:se@c/ret@host/db?schema=x", "postgresql://***@host/db?schema=x"],
    [
      "postgres://host/db?user=u&password=secret&sslmode=require",
      "postgres://host/db?user=u&password=***&sslmode=require",
    ],
    ["user:secret@host/db", "***@host/db"],
    ['connecting to "postgres://u:secret@h/db" failed', 'connecting to "postgres://***@h/db" failed'],
    ["postgres://localhost/db", "postgres://localhost/db"],
    ["file:./data/chatlift.sqlite", "file:./data/chatlift.sqlite"],
    ["@@unique on Shop failed", "@@unique on Shop failed"],
  ])("GIVEN %j THEN it shows %j", (text, shown) => {
    expect(redactUrl(text)).toBe(shown);
  });
});

describe("GIVEN a URL with a password that a caller refuses or reports WHEN it says so THEN no message holds the secret", () => {
  const messageOf = (attempt: () => unknown) => {
    try {
      attempt();
    } catch (error) {
      return (error as Error).message;
    }
    throw new Error("expected a refusal");
  };

  it("the app's resolveDatabase", () => {
    for (const url of [
      "mysql://root:secret@localhost/db",
      "root:secret@localhost/db",
      "file:./50%zz.sqlite?password=secret",
    ]) {
      expect(messageOf(() => resolveDatabase(url, "/x"))).not.toContain("secret");
    }
  });

  it("the app's SQLite client", () => {
    const message = messageOf(() => sqlitePath("libsql://user:secret@example.turso.io"));
    expect(message).toMatch(/must start with "file:"/);
    expect(message).not.toContain("secret");
  });

  it("the schema-engine stand-in's URL parser", () => {
    for (const url of ["mysql://user:secret@host/db", "postgres://user:sec/ret@host:port/db"]) {
      const message = messageOf(() => parseDatabaseUrl(url));
      expect(message).not.toMatch(/secret|sec\/ret/);
    }
  });

  it("the postinstall's reason for not migrating", () => {
    expect(otherDatabase("postgres://user:secret@db.internal/chatlift")).toBe(
      "DATABASE_URL points at postgres://***@db.internal/chatlift",
    );
    expect(otherDatabase("mysql://user:secret@host/db")).not.toContain("secret");
    expect(otherDatabase(undefined)).toBeNull();
    expect(otherDatabase("file:./data/chatlift.sqlite")).toBeNull();
    expect(otherDatabase("file:./data/other.sqlite")).toMatch(/points at file:\.\/data\/other\.sqlite/);
  });
});
