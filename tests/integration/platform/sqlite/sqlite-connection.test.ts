/**
 * The app's own SQLite connection (app/platform/db/sqlite-client.ts): kept statements, the driver's
 * errors in the shape Prisma's adapter classifies, and WAL checkpoints done by a background
 * thread (app/platform/db/wal-checkpointer.ts), which must never keep a process alive.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { Client } from "@libsql/client";
import { createSqliteClient, sqlitePath } from "../../../../app/platform/db/sqlite-client";
import { CHECKPOINT_FALLBACK_PAGES } from "../../../../app/platform/db/wal-checkpointer";
import { projectRoot } from "../../../support/database";

const dirs: string[] = [];
const clients: Client[] = [];

function freshFile(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "chatlift-sqlite-"));
  dirs.push(dir);
  return path.join(dir, "app.sqlite");
}

function open(file: string): Client {
  const client = createSqliteClient({ url: `file:${file}` });
  clients.push(client);
  return client;
}

afterEach(() => {
  for (const client of clients.splice(0)) client.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function until(check: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return check();
}

describe("the app's SQLite connection", () => {
  it("GIVEN a statement run again after the table changed THEN the kept statement sees the new schema", async () => {
    const client = open(freshFile());
    await client.execute("CREATE TABLE t (a INTEGER)");
    await client.execute({ sql: "INSERT INTO t (a) VALUES (?)", args: [1] });
    const before = await client.execute("SELECT a FROM t");
    await client.execute("ALTER TABLE t ADD COLUMN b TEXT");
    await client.execute({ sql: "INSERT INTO t (a) VALUES (?)", args: [2] });

    const after = await client.execute("SELECT a FROM t ORDER BY a");

    expect(before.rows.map((row) => row[0])).toEqual([1]);
    expect(after.rows.map((row) => row[0])).toEqual([1, 2]);
  });

  it("GIVEN more distinct statements than are kept THEN every one still runs, the evicted ones prepared again", async () => {
    const client = open(freshFile());
    for (let i = 0; i < 600; i += 1) expect((await client.execute(`SELECT ${i} AS n`)).rows[0]?.[0]).toBe(i);

    expect((await client.execute("SELECT 0 AS n")).rows[0]?.[0]).toBe(0);
  });

  it("GIVEN a duplicate key THEN the error carries SQLite's codes, as @libsql/client's did (Prisma's adapter reads them)", async () => {
    const client = open(freshFile());
    await client.execute('CREATE TABLE t ("id" TEXT PRIMARY KEY)');
    await client.execute({ sql: 'INSERT INTO t ("id") VALUES (?)', args: ["x"] });

    const error = await client
      .execute({ sql: 'INSERT INTO t ("id") VALUES (?)', args: ["x"] })
      .catch((thrown: unknown) => thrown);

    expect(error).toMatchObject({
      code: "SQLITE_CONSTRAINT",
      extendedCode: "SQLITE_CONSTRAINT_PRIMARYKEY",
      rawCode: 1555,
    });
    expect(String((error as Error).message)).toContain("UNIQUE constraint failed: t.id");
  });

  it("GIVEN an integer a JavaScript number cannot hold THEN reading it fails loudly instead of rounding", async () => {
    const client = open(freshFile());

    await expect(client.execute("SELECT 9007199254740993 AS big")).rejects.toThrow(RangeError);
  });

  it("GIVEN a transaction that fails THEN nothing of it is kept and the connection takes the next one", async () => {
    const client = open(freshFile());
    await client.execute('CREATE TABLE t ("id" TEXT PRIMARY KEY)');

    const failed = await client
      .batch(["INSERT INTO t VALUES ('a')", "INSERT INTO t VALUES ('a')"], "write")
      .catch((thrown: unknown) => thrown);
    const tx = await client.transaction("write");
    await tx.execute("INSERT INTO t VALUES ('b')");
    await tx.commit();

    expect(failed).toBeInstanceOf(Error);
    expect((await client.execute("SELECT id FROM t")).rows.map((row) => row[0])).toEqual(["b"]);
  });

  it(`GIVEN a few thousand pages written (well under the connection's own ${CHECKPOINT_FALLBACK_PAGES}) THEN the background thread copies them into the database file`, async () => {
    const file = freshFile();
    const client = open(file);
    await client.execute("CREATE TABLE t (data TEXT)");
    const sizeBefore = statSync(file).size;
    // The connection itself would only copy past this many pages: anything copied sooner is the thread's.
    expect((await client.execute("PRAGMA wal_autocheckpoint")).rows[0]?.[0]).toBe(CHECKPOINT_FALLBACK_PAGES);

    // About 2,200 pages: 30 commits of 100 rows of 3 KB.
    const hundredRows =
      "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100) INSERT INTO t SELECT ? FROM n";
    for (let i = 0; i < 30; i += 1) await client.batch([{ sql: hundredRows, args: ["x".repeat(3_000)] }], "write");

    const copied = await until(() => statSync(file).size > sizeBefore + 2_000 * 4_096, 5_000);
    expect(copied).toBe(true);
  });

  it("GIVEN a process that used the connection and did not close it THEN it still exits when its work is done", () => {
    const file = freshFile();
    const script = path.join(path.dirname(file), "use-and-leave.mts");
    writeFileSync(
      script,
      `import { createSqliteClient } from ${JSON.stringify(path.join(projectRoot, "app/platform/db/sqlite-client.ts"))};
       const client = createSqliteClient({ url: "file:${file}" });
       await client.execute("CREATE TABLE t (a INTEGER)");
       console.log("done");`,
    );

    const child = spawnSync(process.execPath, ["--import", "tsx", script], {
      cwd: projectRoot,
      encoding: "utf8",
      timeout: 20_000,
    });

    expect(child.stdout.trim(), child.stderr).toBe("done");
    expect(child.status).toBe(0);
  });

  it.each(["closes the connection", "leaves the connection open"])(
    "GIVEN a process that %s and exits while the thread is checkpointing THEN it exits cleanly (a thread ended inside the driver aborted it)",
    (ending) => {
      const file = freshFile();
      const script = path.join(path.dirname(file), "exit-mid-checkpoint.mts");
      // The database file only grows once a checkpoint copies pages into it: the script exits at that moment.
      writeFileSync(
        script,
        `import { statSync } from "node:fs";
         import { createSqliteClient } from ${JSON.stringify(path.join(projectRoot, "app/platform/db/sqlite-client.ts"))};
         const client = createSqliteClient({ url: "file:${file}" });
         await client.execute("CREATE TABLE t (data TEXT)");
         const before = statSync(${JSON.stringify(file)}).size;
         const rows = "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100) INSERT INTO t SELECT ? FROM n";
         for (let i = 0; i < 60; i += 1) await client.batch([{ sql: rows, args: ["x".repeat(3_000)] }], "write");
         const deadline = Date.now() + 10_000;
         while (statSync(${JSON.stringify(file)}).size === before && Date.now() < deadline);
         if (${JSON.stringify(ending === "closes the connection")}) client.close();
         console.log(statSync(${JSON.stringify(file)}).size > before ? "exited mid-checkpoint" : "no checkpoint seen");`,
      );

      const child = spawnSync(process.execPath, ["--import", "tsx", script], {
        cwd: projectRoot,
        encoding: "utf8",
        timeout: 30_000,
      });

      expect(child.stdout.trim(), child.stderr).toBe("exited mid-checkpoint");
      expect(child.status, child.stderr).toBe(0);
    },
    40_000,
  );

  it("GIVEN URLs THEN the file is found as database-url.js writes it, and anything else is refused by name", () => {
    expect(sqlitePath("file:/data/app.sqlite")).toBe("/data/app.sqlite");
    expect(sqlitePath("file:///data/app.sqlite")).toBe("/data/app.sqlite");
    expect(sqlitePath("file:./data/app.sqlite?mode=rwc")).toBe("./data/app.sqlite");
    expect(sqlitePath(":memory:")).toBe(":memory:");
    expect(() => sqlitePath("libsql://example.turso.io")).toThrow(/must start with "file:"/);
    expect(() => sqlitePath("file:")).toThrow(/names no file/);
  });
});
