#!/usr/bin/env node
/**
 * Stand-in for Prisma's native `schema-engine` binary, which the Prisma CLI downloads from
 * Prisma's servers (unreachable offline and in CI). prisma.config.ts points
 * PRISMA_SCHEMA_ENGINE_BINARY here, so `prisma migrate …`, `prisma db …` and `prisma generate`
 * run unchanged on top of Prisma's own engine compiled to wasm (@prisma/schema-engine-wasm)
 * with our driver adapters (libsql for SQLite, pg for PostgreSQL).
 *
 * The CLI runs this file directly, with whatever `node` is first on PATH: keep it plain ESM
 * JavaScript that Node 20 and 22 both run.
 *
 * Protocol, as the CLI (prisma/build/cli.js) speaks it:
 *   schema-engine --version
 *   schema-engine --datasource '{"url":…}' cli can-connect-to-database|create-database
 *     → exit code; on failure a JSON ERROR line on stderr with the Prisma error code.
 *   schema-engine [--datamodels <schema file>]… [--datasource '{"url":…,"shadowDatabaseUrl":…}']
 *     → JSON-RPC 2.0, one message per line on stdin/stdout; logs as JSON lines on stderr.
 */
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import { redactUrl } from "./engine/database-url.mjs";
import { dropPendingShadowDatabases } from "./engine/postgres.mjs";
import { runCliCommand, UserFacingError } from "./engine/cli-commands.mjs";
import { log, logUserFacingError, routeNodeWarningsToLog } from "./engine/log.mjs";
import { EngineSession, MethodNotFoundError } from "./engine/session.mjs";
import { loadSchemaEngineWasm } from "./engine/wasm.mjs";

routeNodeWarningsToLog();

const { values: options, positionals } = parseArgs({
  allowPositionals: true,
  strict: false,
  options: {
    datamodels: { type: "string", multiple: true },
    datasource: { type: "string" },
    version: { type: "boolean", short: "V" },
    "enabled-preview-features": { type: "string" },
    "extension-types": { type: "string" },
  },
});

/** @type {import("./engine/session.mjs").Datasource | undefined} */
const datasource = typeof options.datasource === "string" ? JSON.parse(options.datasource) : undefined;

if (options.version) {
  const { version } = await loadSchemaEngineWasm();
  process.stdout.write(`schema-engine-cli ${version()} (wasm stand-in: scripts/prisma/schema-engine.mjs)\n`);
} else if (positionals[0] === "cli") {
  process.exitCode = await runCli(positionals[1] ?? "");
} else {
  serveJsonRpc();
}

/**
 * @param {string} command
 * @returns {Promise<number>} the exit code
 */
async function runCli(command) {
  // The CLI ignores the first stderr line of a `cli` run (the native engine's start-up line).
  log("INFO", { message: `Starting schema engine stand-in (cli ${command})` });
  try {
    if (!datasource?.url) throw new UserFacingError("The `cli` commands need --datasource with a url.");
    const result = await runCliCommand(command, datasource.url);
    if (result !== undefined) process.stdout.write(`${result}\n`);
    return 0;
  } catch (error) {
    const e = /** @type {Error & { code?: string }} */ (error);
    logUserFacingError(redactUrl(e.message), e instanceof UserFacingError ? e.code : undefined);
    return 1;
  }
}

function serveJsonRpc() {
  let nextPrintId = 1;
  /** @type {Map<string, (message: any) => void>} */
  const awaitingCli = new Map();

  /** @param {unknown} message */
  const send = (message) => process.stdout.write(`${JSON.stringify(message)}\n`);

  const session = new EngineSession({
    datasource,
    datamodelPaths: Array.isArray(options.datamodels) ? options.datamodels.map(String) : [],
    log: (line) => process.stderr.write(line.endsWith("\n") ? line : `${line}\n`),
    print: (content) =>
      new Promise((resolve) => {
        const id = `print-${nextPrintId++}`;
        awaitingCli.set(id, () => resolve());
        send({ jsonrpc: "2.0", id, method: "print", params: { content } });
      }),
  });

  // One request at a time, in order, like the native engine; stdin keeps being read meanwhile
  // because a request may wait for the CLI's answer to a `print`.
  let queue = Promise.resolve();

  createInterface({ input: process.stdin, crlfDelay: Infinity })
    .on("line", (line) => {
      if (!line.trim()) return;
      /** @type {any} */
      let message;
      try {
        message = JSON.parse(line);
      } catch {
        send({ jsonrpc: "2.0", id: null, error: { code: -32700, message: "Parse error" } });
        return;
      }
      if (message.method === undefined) {
        awaitingCli.get(String(message.id))?.(message);
        awaitingCli.delete(String(message.id));
        return;
      }
      queue = queue.then(async () => {
        try {
          const result = await session.call(message.method, message.params ?? {});
          send({ jsonrpc: "2.0", id: message.id, result: result ?? {} });
        } catch (error) {
          send({ jsonrpc: "2.0", id: message.id, error: toRpcError(error) });
        }
      });
    })
    .on("close", () => {
      queue.then(shutDown);
    });

  // The CLI ends stdin and then kills the engine right away; finish cleaning up first.
  process.on("SIGTERM", () => void shutDown());
  process.on("SIGINT", () => void shutDown());
}

async function shutDown() {
  await dropPendingShadowDatabases();
  process.exit(0);
}

/**
 * The native engine's error shape: the CLI shows `data.message`, keys decisions on
 * `data.error_code` (P3005, P3009, …) and offers a bug report when `data.is_panic`.
 *
 * @param {unknown} error
 */
function toRpcError(error) {
  if (error instanceof MethodNotFoundError) return { code: -32601, message: error.message };
  const e = /** @type {Error & { code?: unknown, meta?: unknown }} */ (error);
  const isPanic = error instanceof WebAssembly.RuntimeError;
  return {
    code: 4466,
    message: "An error happened. Check the data field for details.",
    data: {
      is_panic: isPanic,
      // The CLI prints this as is: a driver's message may quote the datasource URL.
      message: redactUrl(e?.message ?? String(error)),
      meta: e?.meta ?? null,
      error_code: typeof e?.code === "string" ? e.code : null,
    },
  };
}
