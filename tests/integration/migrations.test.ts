/**
 * The two providers' migrations stay in step, and the ordinary workflow makes new ones offline:
 * edit prisma/schema.prisma, run `npm run db:migrate -- --name x`, deploy.
 */
import { execFileSync } from "node:child_process";
import { cpSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, inject, it } from "vitest";
import { derivePostgresqlSchema } from "../../scripts/prisma/postgresql-schema.mjs";
import { projectRoot } from "../support/database";

const read = (relative: string) => readFileSync(path.join(projectRoot, relative), "utf8");
const migrationNames = (root: string, dir: string) =>
  readdirSync(path.join(root, dir), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();

describe("committed migrations", () => {
  it("the PostgreSQL schema is exactly the one derived from prisma/schema.prisma", () => {
    // Fails when someone edits schema.prisma without `npm run db:migrate`.
    expect(read("prisma/postgresql/schema.prisma")).toBe(derivePostgresqlSchema(read("prisma/schema.prisma")));
  });

  it("SQLite and PostgreSQL have the same migrations, by name and order", () => {
    const sqlite = migrationNames(projectRoot, "prisma/migrations");
    expect(sqlite.length).toBeGreaterThan(0);
    expect(migrationNames(projectRoot, "prisma/postgresql/migrations")).toEqual(sqlite);
  });

  it("each migrations folder is locked to its provider", () => {
    expect(read("prisma/migrations/migration_lock.toml")).toMatch(/provider = "sqlite"/);
    expect(read("prisma/postgresql/migrations/migration_lock.toml")).toMatch(/provider = "postgresql"/);
  });
});

describe("npm run db:migrate", () => {
  it("GIVEN a new field in schema.prisma WHEN db:migrate runs offline THEN both providers get a migration that deploy applies", () => {
    // GIVEN a copy of the project's database tooling with one more field on Shop
    const root = mkdtempSync(path.join(inject("scratchDir"), "db-migrate-"));
    for (const item of ["package.json", "prisma.config.ts", "prisma", "scripts", "app/platform/db"]) {
      cpSync(path.join(projectRoot, item), path.join(root, item), { recursive: true });
    }
    symlinkSync(path.join(projectRoot, "node_modules"), path.join(root, "node_modules"), "dir");
    const schemaPath = path.join(root, "prisma/schema.prisma");
    writeFileSync(
      schemaPath,
      readFileSync(schemaPath, "utf8").replace(
        "  uninstalledAt DateTime?\n",
        "  uninstalledAt DateTime?\n  planName      String?\n",
      ),
    );
    const before = migrationNames(root, "prisma/migrations");
    const env = { ...process.env, DATABASE_URL: `file:${path.join(root, "data/dev.sqlite")}`, CHECKPOINT_DISABLE: "1" };
    const node = (args: string[]) =>
      execFileSync(process.execPath, args, { cwd: root, env, encoding: "utf8", stdio: "pipe" });

    // WHEN the developer runs db:migrate
    node(["scripts/db-migrate.mjs", "--name", "add_plan_name"]);

    // THEN one new migration exists for each provider, with the same name
    const added = migrationNames(root, "prisma/migrations").filter((name) => !before.includes(name));
    expect(added).toHaveLength(1);
    expect(added[0]).toMatch(/^\d{14}_add_plan_name$/);
    expect(migrationNames(root, "prisma/postgresql/migrations")).toContain(added[0]);
    const sqliteSql = readFileSync(path.join(root, "prisma/migrations", added[0]!, "migration.sql"), "utf8");
    const postgresSql = readFileSync(
      path.join(root, "prisma/postgresql/migrations", added[0]!, "migration.sql"),
      "utf8",
    );
    expect(sqliteSql).toContain("planName");
    expect(postgresSql).toMatch(/ALTER TABLE "Shop" ADD COLUMN\s+"planName" TEXT/);
    expect(readFileSync(path.join(root, "prisma/postgresql/schema.prisma"), "utf8")).toContain("planName");

    // AND a fresh database takes every migration with the ordinary deploy
    const fresh = `file:${path.join(root, "data/fresh.sqlite")}`;
    const deploy = execFileSync(process.execPath, ["node_modules/prisma/build/index.js", "migrate", "deploy"], {
      cwd: root,
      env: { ...env, DATABASE_URL: fresh },
      encoding: "utf8",
      stdio: "pipe",
    });
    expect(deploy).toContain(added[0]);
    expect(deploy).toMatch(/have been successfully applied/);

    // AND running it again with no change creates nothing
    node(["scripts/db-migrate.mjs", "--name", "nothing"]);
    expect(migrationNames(root, "prisma/migrations")).toEqual([...before, added[0]].sort());
    // Two db:migrate runs and a deploy, all Prisma CLI and all CPU: 12 s alone, 45 s beside other files on 2 cores.
  }, 180_000);
});
