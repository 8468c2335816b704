import { describe, expect, it } from "vitest";
import { DatabaseUrlError, resolveDatabase } from "../../../app/platform/db/database-url";

describe("resolveDatabase", () => {
  it.each([
    [undefined, "sqlite", "file:/srv/chatlift/data/chatlift.sqlite"],
    ["", "sqlite", "file:/srv/chatlift/data/chatlift.sqlite"],
    ["file:./tmp/x.sqlite", "sqlite", "file:/srv/chatlift/tmp/x.sqlite"],
    ["file:/var/lib/chatlift.sqlite", "sqlite", "file:/var/lib/chatlift.sqlite"],
    ["postgres://u:p@localhost:5432/chatlift", "postgresql", "postgres://u:p@localhost:5432/chatlift"],
    ["postgresql://localhost/chatlift?schema=public", "postgresql", "postgresql://localhost/chatlift?schema=public"],
  ])("GIVEN DATABASE_URL=%j THEN the provider is %s at %s", (raw, provider, url) => {
    const target = resolveDatabase(raw, "/srv/chatlift");
    expect(target.provider).toBe(provider);
    expect(target.url).toBe(url);
  });

  it("picks each provider's own schema and migrations", () => {
    expect(resolveDatabase(undefined, "/x")).toMatchObject({
      schemaPath: "prisma/schema.prisma",
      migrationsPath: "prisma/migrations",
    });
    expect(resolveDatabase("postgres://localhost/db", "/x")).toMatchObject({
      schemaPath: "prisma/postgresql/schema.prisma",
      migrationsPath: "prisma/postgresql/migrations",
    });
  });

  it("refuses an unsupported URL with a message that names the accepted forms and hides the password", () => {
    const attempt = () => resolveDatabase("mysql://root:secret@localhost/db", "/x");
    expect(attempt).toThrow(DatabaseUrlError);
    expect(attempt).toThrow(/"file:".*"postgres:\/\/"/);
    expect(attempt).not.toThrow(/secret/);
  });

  it("refuses a file: URL without a path", () => {
    expect(() => resolveDatabase("file:", "/x")).toThrow(/names no SQLite file/);
  });
});
