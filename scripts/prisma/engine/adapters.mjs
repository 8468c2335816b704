/**
 * Driver adapters for the wasm schema engine, with the fixes it needs to behave like Prisma's
 * native engine: SQLite through @prisma/adapter-libsql (here), PostgreSQL through
 * @prisma/adapter-pg (postgres.mjs).
 */
import { mkdirSync } from "node:fs";
import path from "node:path";
import { PrismaLibSql } from "@prisma/adapter-libsql";
import { DriverAdapterError, bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import { configuredPostgresShadow, postgresFactory, temporaryPostgresShadow } from "./postgres.mjs";
import { hasMultipleStatements } from "./sql-statements.mjs";
import { trace } from "./log.mjs";

/**
 * @typedef {import("./database-url.mjs").DatabaseTarget} DatabaseTarget
 * @typedef {import("./database-url.mjs").SqliteTarget} SqliteTarget
 * @typedef {import("@prisma/driver-adapter-utils").SqlDriverAdapter} SqlDriverAdapter
 * @typedef {import("@prisma/driver-adapter-utils").SqlMigrationAwareDriverAdapterFactory} MigrationAwareFactory
 * @typedef {MigrationAwareFactory & { mainAdapters: Set<SqlDriverAdapter> }} TrackedFactory
 * @typedef {import("./postgres.mjs").InnerFactory} InnerFactory
 */

/**
 * The adapter factory for the wasm engine, already bound with bindMigrationAwareSqlAdapterFactory
 * (the engine reads driver errors through the registry that binding adds; unbound, it fails with
 * "Cannot read properties of null").
 *
 * @param {DatabaseTarget} target
 * @param {{ shadowDatabaseUrl?: string }} [options]
 * @returns {{ factory: object, tracked: TrackedFactory }}
 */
export function createEngineAdapterFactory(target, options = {}) {
  const tracked = createTrackedFactory(target, options);
  return { factory: bindMigrationAwareSqlAdapterFactory(tracked), tracked };
}

/**
 * An unbound factory that remembers the main-database adapters it hands out (SQLite reset needs
 * the engine's own connection, which holds an exclusive lock) and applies the per-driver fixes.
 *
 * @param {DatabaseTarget} target
 * @param {{ shadowDatabaseUrl?: string }} options
 * @returns {TrackedFactory}
 */
function createTrackedFactory(target, options) {
  const inner = target.provider === "sqlite" ? sqliteFactory(target) : postgresFactory(target);
  /** @type {Set<SqlDriverAdapter>} */
  const mainAdapters = new Set();

  return {
    provider: inner.provider,
    adapterName: inner.adapterName,
    mainAdapters,
    connect: async () => {
      const adapter = await inner.connect();
      mainAdapters.add(adapter);
      const dispose = adapter.dispose.bind(adapter);
      adapter.dispose = async () => {
        mainAdapters.delete(adapter);
        await dispose();
      };
      return adapter;
    },
    connectToShadowDb: async () => {
      // libsql's own shadow (an in-memory database) is right; adapter-pg's is not (see below).
      if (target.provider === "sqlite" && inner.connectToShadowDb) return inner.connectToShadowDb();
      if (target.provider === "sqlite") throw new Error("the SQLite adapter offers no shadow database");
      try {
        if (options.shadowDatabaseUrl) return await configuredPostgresShadow(target, options.shadowDatabaseUrl);
        return await temporaryPostgresShadow(target);
      } catch (error) {
        throw withVisibleMessage(error);
      }
    },
  };
}

/**
 * The engine reports a plain JS error from an adapter as "External error id#0"; a driver error
 * carries its message through.
 *
 * @param {unknown} error
 */
function withVisibleMessage(error) {
  if (!(error instanceof Error) || error instanceof DriverAdapterError) return error;
  return new DriverAdapterError({
    kind: "postgres",
    code: "",
    severity: "ERROR",
    message: error.message,
    detail: undefined,
    column: undefined,
    hint: undefined,
  });
}

/**
 * @param {SqliteTarget} target
 * @returns {InnerFactory}
 */
function sqliteFactory(target) {
  if (target.filePath) mkdirSync(path.dirname(target.filePath), { recursive: true });
  const inner = new PrismaLibSql({ url: target.url });
  return {
    provider: inner.provider,
    adapterName: inner.adapterName,
    connect: async () => patchSqliteAdapter(await inner.connect()),
    connectToShadowDb: async () => patchSqliteAdapter(await inner.connectToShadowDb()),
  };
}

/**
 * The engine replays each migration file on the shadow database through `executeRaw`, as one
 * text. libsql's `execute` runs the first statement of such a text and silently drops the rest,
 * which would leave a wrong shadow schema (and wrong generated migrations), so multi-statement
 * texts without parameters go through the script path.
 *
 * @param {SqlDriverAdapter} adapter
 */
function patchSqliteAdapter(adapter) {
  const executeRaw = adapter.executeRaw.bind(adapter);
  const queryRaw = adapter.queryRaw.bind(adapter);
  const executeScript = adapter.executeScript.bind(adapter);
  adapter.executeRaw = async (query) => {
    trace("executeRaw", query.sql);
    if (query.args.length === 0 && hasMultipleStatements(query.sql)) {
      await executeScript(query.sql);
      return 0;
    }
    return executeRaw(query);
  };
  adapter.queryRaw = async (query) => {
    trace("queryRaw", query.sql);
    return queryRaw(query);
  };
  adapter.executeScript = async (script) => {
    trace("executeScript", script);
    return executeScript(script);
  };
  return adapter;
}
