/**
 * The Prisma CLI runs Prisma's own schema engine where this machine has it and the offline stand-in
 * where it does not (scripts/prisma/schema-engine-choice.mjs), and neither the stand-in nor the
 * migration script ever prints a database password. Fake engines are shell scripts in temp folders:
 * nothing is downloaded.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, inject, it } from "vitest";
import { projectRoot } from "../support/database";
import {
  STAND_IN,
  chooseSchemaEngine,
  prismaCacheRoot,
  prismaEngineCandidates,
  prismaInstall,
} from "../../scripts/prisma/schema-engine-choice.mjs";

const TARGET = "debian-openssl-3.0.x";
const ENGINES_VERSION = "d1b3f377ca835d73fd50954a5e22128b9ebdd6b8";

/** A node_modules and a download cache with no engine in them yet. */
function machine() {
  const root = mkdtempSync(path.join(inject("scratchDir"), "schema-engine-"));
  const where = {
    binaryTarget: TARGET,
    enginesVersion: ENGINES_VERSION,
    enginesDir: path.join(root, "node_modules/@prisma/engines"),
    prismaDir: path.join(root, "node_modules/prisma"),
    cacheRoot: path.join(root, "cache/prisma"),
  };
  return { where, candidates: prismaEngineCandidates(where) };
}

function fakeEngine(file: string, { executable = true } = {}) {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, '#!/bin/sh\necho "schema-engine-cli fake-engine-for-test"\n');
  chmodSync(file, executable ? 0o755 : 0o644);
  return file;
}

describe("choosing the schema engine", () => {
  it("GIVEN Prisma's engine installed in @prisma/engines WHEN choosing THEN the CLI gets that binary", () => {
    const { where, candidates } = machine();
    const engine = fakeEngine(path.join(where.enginesDir, `schema-engine-${TARGET}`));

    expect(chooseSchemaEngine({}, candidates)).toMatchObject({ engine: "prisma", path: engine });
  });

  it("GIVEN the engine only in Prisma's download cache WHEN choosing THEN the cached binary is used", () => {
    const { where, candidates } = machine();
    const engine = fakeEngine(path.join(where.cacheRoot, "master", ENGINES_VERSION, TARGET, "schema-engine"));

    expect(chooseSchemaEngine({}, candidates)).toMatchObject({ engine: "prisma", path: engine });
  });

  it("GIVEN no engine, or one that is not executable, WHEN choosing THEN the stand-in is used", () => {
    const { where, candidates } = machine();
    expect(chooseSchemaEngine({}, candidates)).toMatchObject({ engine: "stand-in", path: STAND_IN });

    fakeEngine(path.join(where.enginesDir, `schema-engine-${TARGET}`), { executable: false });
    expect(chooseSchemaEngine({}, candidates)).toMatchObject({ engine: "stand-in", path: STAND_IN });
    expect(chooseSchemaEngine({}, [])).toMatchObject({ engine: "stand-in", path: STAND_IN });
  });

  it("GIVEN an engine for another platform only WHEN choosing THEN the stand-in is used", () => {
    const { where, candidates } = machine();
    fakeEngine(path.join(where.enginesDir, "schema-engine-darwin-arm64"));

    expect(chooseSchemaEngine({}, candidates).engine).toBe("stand-in");
  });

  it("GIVEN CHATLIFT_SCHEMA_ENGINE or PRISMA_SCHEMA_ENGINE_BINARY WHEN choosing THEN they override the search", () => {
    const { where, candidates } = machine();
    const engine = fakeEngine(path.join(where.enginesDir, `schema-engine-${TARGET}`));

    const choose = (mode: string, where = candidates) => chooseSchemaEngine({ CHATLIFT_SCHEMA_ENGINE: mode }, where);
    expect(choose("stand-in")).toMatchObject({ engine: "stand-in", path: STAND_IN });
    expect(choose("prisma")).toMatchObject({ engine: "prisma", path: engine });
    // Absent: PRISMA_SCHEMA_ENGINE_BINARY stays unset, so the CLI looks (or downloads) itself.
    expect(choose("prisma", [])).toMatchObject({ engine: "prisma", path: undefined });
    expect(chooseSchemaEngine({ PRISMA_SCHEMA_ENGINE_BINARY: "/opt/schema-engine" }, candidates)).toMatchObject({
      engine: "prisma",
      path: "/opt/schema-engine",
    });
    expect(() => chooseSchemaEngine({ CHATLIFT_SCHEMA_ENGINE: "native" }, candidates)).toThrow(
      /CHATLIFT_SCHEMA_ENGINE must be one of auto, stand-in, prisma; got "native"/,
    );
  });

  it("GIVEN XDG_CACHE_HOME, APPDATA or AWS Lambda THEN the cache folder is where @prisma/fetch-engine downloads to", () => {
    expect(prismaCacheRoot({}, "linux", "/home/dev")).toBe("/home/dev/.cache/prisma");
    expect(prismaCacheRoot({ XDG_CACHE_HOME: "/xdg" }, "linux", "/home/dev")).toBe("/xdg/prisma");
    expect(prismaCacheRoot({ AWS_LAMBDA_FUNCTION_VERSION: "1" }, "linux", "/home/dev")).toBe("/tmp/prisma-download");
    expect(prismaCacheRoot({ APPDATA: "C:\\Users\\dev\\AppData\\Roaming" }, "win32", "C:\\Users\\dev")).toMatch(
      /Prisma$/,
    );
  });
});

describe("the Prisma CLI with prisma.config.ts", () => {
  const prismaVersion = (env: Record<string, string>) =>
    execFileSync(process.execPath, ["node_modules/prisma/build/index.js", "--version"], {
      cwd: projectRoot,
      env: { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: "", CHATLIFT_SCHEMA_ENGINE: "", ...env },
      encoding: "utf8",
      stdio: "pipe",
    });

  it("GIVEN a real engine in the download cache WHEN the CLI runs THEN it runs that engine (the stand-in before)", async () => {
    const cache = mkdtempSync(path.join(inject("scratchDir"), "xdg-cache-"));
    const install = prismaInstall();
    const cached = path.join(
      cache,
      "prisma/master",
      install.enginesVersion,
      await install.binaryTarget(),
      "schema-engine",
    );

    expect(prismaVersion({ XDG_CACHE_HOME: cache })).toMatch(/Schema Engine\s*: schema-engine-cli .*wasm stand-in/);

    fakeEngine(cached);
    expect(prismaVersion({ XDG_CACHE_HOME: cache })).toMatch(
      /Schema Engine\s*: schema-engine-cli fake-engine-for-test/,
    );
  });
});

describe("GIVEN a DATABASE_URL with a password WHEN a Prisma tool refuses it THEN the password is not shown", () => {
  const SECRET_URL = "mysql://chatlift:s3cret-pw@db.internal:3306/chatlift";

  it("the schema-engine stand-in, as a `cli` command and over JSON-RPC", () => {
    const datasource = JSON.stringify({ url: SECRET_URL });
    const cli = spawnSync(process.execPath, [STAND_IN, "--datasource", datasource, "cli", "can-connect-to-database"], {
      cwd: projectRoot,
      encoding: "utf8",
    });
    expect(cli.status).toBe(1);
    expect(cli.stderr).toContain("mysql://***@db.internal:3306/chatlift");
    expect(cli.stderr).not.toContain("s3cret-pw");

    const rpc = spawnSync(process.execPath, [STAND_IN, "--datasource", datasource], {
      cwd: projectRoot,
      input: `${JSON.stringify({ jsonrpc: "2.0", id: 1, method: "getDatabaseVersion", params: {} })}\n`,
      encoding: "utf8",
    });
    const answer = JSON.parse(rpc.stdout.trim().split("\n")[0]!);
    expect(answer.error.data.message).toMatch(/supports SQLite/);
    expect(rpc.stdout + rpc.stderr).not.toContain("s3cret-pw");
  });

  it("npm run db:migrate", () => {
    const run = spawnSync(process.execPath, ["scripts/db-migrate.mjs", "--name", "refused"], {
      cwd: projectRoot,
      env: { ...process.env, DATABASE_URL: SECRET_URL },
      encoding: "utf8",
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/DATABASE_URL must start with "file:".*mysql:\/\/\*\*\*@db\.internal/);
    expect(run.stdout + run.stderr).not.toContain("s3cret-pw");
  });
});
