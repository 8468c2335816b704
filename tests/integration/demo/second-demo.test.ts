/**
 * A second `npm run demo` while one runs must leave the first intact: it used to delete the running demo's
 * database, then crash on an unhandled EADDRINUSE. Now it checks its ports and its database before it
 * builds, deletes or starts anything, says what to do, and exits non-zero. Driven through the CLI, as a
 * person runs it; a plain server stands in for the running demo's admin port.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { DEFAULT_PORTS } from "../../../scripts/demo/config";
import { projectRoot } from "../../support/database";

const HINT = "npm run demo -- --ports any --db data/demo-2.sqlite";

/** A database file as a running demo holds it, last written a minute ago. */
function aRunningDemosDatabase(): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), "chatlift-second-demo-")), "demo.sqlite");
  writeFileSync(file, "the running demo's rows");
  const aMinuteAgo = new Date(Date.now() - 60_000);
  utimesSync(file, aMinuteAgo, aMinuteAgo);
  return file;
}

const fingerprint = (file: string) => {
  const { size, mtimeMs } = statSync(file);
  return { size, mtimeMs, content: readFileSync(file, "utf8") };
};

/** `npm run demo -- …args` (tsx, as npm runs it), to its exit. */
function runDemo(args: string[]): Promise<{ code: number | null; output: string }> {
  const demo = spawn(path.join(projectRoot, "node_modules/.bin/tsx"), ["scripts/demo/main.ts", ...args], {
    cwd: projectRoot,
    env: { ...process.env, NODE_ENV: "production" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  demo.stdout.on("data", (chunk: Buffer) => (output += chunk));
  demo.stderr.on("data", (chunk: Buffer) => (output += chunk));
  return new Promise((resolve) => demo.once("exit", (code) => resolve({ code, output })));
}

let occupant: Server | undefined;
afterEach(async () => {
  await new Promise<void>((resolve) => (occupant ? occupant.close(() => resolve()) : resolve()));
  occupant = undefined;
});

describe("a second npm run demo while one runs", () => {
  it("GIVEN the admin port taken WHEN the demo starts THEN it exits non-zero with the hint, its database untouched", async () => {
    // GIVEN a program listening on the demo's admin port (if another one already does, so much the better)
    occupant = createServer((_, res) => res.end("the running demo"));
    await new Promise<void>((resolve) => {
      occupant!.once("error", () => resolve());
      occupant!.listen(DEFAULT_PORTS.admin, "127.0.0.1", () => resolve());
    });
    const database = aRunningDemosDatabase();
    const before = fingerprint(database);

    // WHEN the person starts the demo again on the default ports
    const { code, output } = await runDemo(["--db", database]);

    // THEN it names the port, prints the way to run a second demo, exits non-zero, and changed nothing
    expect(code).not.toBe(0);
    expect(output).toContain(`port ${DEFAULT_PORTS.admin} (admin) already in use`);
    expect(output).toContain(HINT);
    expect(output).not.toMatch(/Unhandled|uncaught|at Server\.setupListenHandle/i);
    expect(fingerprint(database)).toEqual(before);
    expect(existsSync(`${database}.pid`)).toBe(false);
  }, 60_000);

  it("GIVEN a live demo on the database WHEN a second starts on free ports THEN it refuses and leaves that database alone", async () => {
    // GIVEN the database of a demo still running (this test process stands in for it)
    const database = aRunningDemosDatabase();
    writeFileSync(`${database}.pid`, String(process.pid));
    const before = fingerprint(database);

    // WHEN a second demo follows the `--ports any` hint but keeps that database
    const { code, output } = await runDemo(["--ports", "any", "--db", database]);

    // THEN it refuses, names the running demo and the way out, and the database is as it was
    expect(code).not.toBe(0);
    expect(output).toContain(`is the database of the demo running as process ${process.pid}`);
    expect(output).toContain(HINT);
    expect(fingerprint(database)).toEqual(before);
    expect(readFileSync(`${database}.pid`, "utf8")).toBe(String(process.pid));
  }, 60_000);
});
