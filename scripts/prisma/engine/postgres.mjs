/**
 * PostgreSQL through @prisma/adapter-pg, fixed where the wasm schema engine needs more than the
 * adapter gives: catalog types, whole-script execution, `?schema=`, shadow databases.
 */
import { randomUUID } from "node:crypto";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { parseDatabaseUrl, withDatabase } from "./database-url.mjs";
import { trace } from "./log.mjs";

/**
 * @typedef {import("./database-url.mjs").PostgresTarget} PostgresTarget
 * @typedef {import("@prisma/driver-adapter-utils").SqlDriverAdapter} SqlDriverAdapter
 */

/**
 * One provider's plain adapter factory, before adapters.mjs binds and tracks it (SQLite's too).
 * @typedef {{ provider: "sqlite" | "postgres", adapterName: string, connect(): Promise<SqlDriverAdapter>, connectToShadowDb?(): Promise<SqlDriverAdapter> }} InnerFactory
 */

/**
 * adapter-pg cannot map PostgreSQL's internal one-byte `"char"` type (oid 18), which the
 * engine's catalog queries return (e.g. pg_class.relkind). Its values are already plain strings,
 * so relabelling the column as `text` (oid 25) is exact.
 */
class CharAsTextClient extends pg.Client {
  /**
   * @param {any} config
   * @param {any} [values]
   * @param {any} [callback]
   */
  query(config, values, callback) {
    if (typeof values === "function") {
      callback = values;
      values = undefined;
    }
    if (typeof callback === "function") {
      return super.query(config, values, (/** @type {any} */ err, /** @type {any} */ res) =>
        callback(err, err ? res : relabelCharColumns(res)),
      );
    }
    const result = /** @type {any} */ (super.query(config, values));
    return result && typeof result.then === "function" ? result.then(relabelCharColumns) : result;
  }
}

const PG_CHAR_OID = 18;
const PG_TEXT_OID = 25;

/** @param {any} result one result, or an array of them for a multi-statement query */
function relabelCharColumns(result) {
  for (const one of Array.isArray(result) ? result : [result]) {
    for (const field of one?.fields ?? []) {
      if (field.dataTypeID === PG_CHAR_OID) field.dataTypeID = PG_TEXT_OID;
    }
  }
  return result;
}

/**
 * With `?schema=…`, adapter-pg only reports the schema to the engine, but migration scripts use
 * unqualified names: like the native engine, put the schema on the search path (and create it).
 *
 * @param {PostgresTarget} target
 * @returns {InnerFactory}
 */
export function postgresFactory(target) {
  /** @type {import("pg").PoolConfig} */
  const config = { connectionString: target.url, Client: CharAsTextClient };
  const schema = target.schema ? `"${target.schema.replaceAll('"', '""')}"` : undefined;
  // libpq's `options` is split on whitespace unless backslash-escaped.
  if (schema) config.options = `-c search_path=${schema.replace(/([\\ ])/g, "\\$1")}`;
  const inner = new PrismaPg(config, target.schema ? { schema: target.schema } : undefined);
  return {
    provider: inner.provider,
    adapterName: inner.adapterName,
    connect: async () => {
      const adapter = patchPostgresAdapter(await inner.connect());
      if (schema) {
        try {
          await adapter.executeScript(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
        } catch (error) {
          await adapter.dispose();
          throw error;
        }
      }
      return adapter;
    },
  };
}

/**
 * adapter-pg's `executeScript` splits the script on every `;`, which breaks on a `;` inside a
 * string literal, a comment or a function body. Sending the whole text as one simple-protocol
 * query is what the native engine does (tokio-postgres `batch_execute`).
 *
 * @param {SqlDriverAdapter} adapter a PrismaPgAdapter
 */
function patchPostgresAdapter(adapter) {
  const internals = /** @type {{ underlyingDriver(): pg.Pool, onError(error: unknown): never }} */ (
    /** @type {unknown} */ (adapter)
  );
  const pool = internals.underlyingDriver();
  const executeRaw = adapter.executeRaw.bind(adapter);
  const queryRaw = adapter.queryRaw.bind(adapter);
  adapter.executeScript = async (script) => {
    trace("executeScript", script);
    try {
      await pool.query(script);
    } catch (error) {
      internals.onError(error);
    }
  };
  adapter.executeRaw = async (query) => {
    trace("executeRaw", query.sql);
    return executeRaw(query);
  };
  adapter.queryRaw = async (query) => {
    trace("queryRaw", query.sql);
    return queryRaw(query);
  };
  return adapter;
}

/**
 * A shadow database named by `shadowDatabaseUrl`. The native engine empties it before each use;
 * the wasm engine does not (replaying the migrations then fails on leftovers), so we do.
 *
 * @param {PostgresTarget} main
 * @param {string} shadowDatabaseUrl
 * @returns {Promise<SqlDriverAdapter>}
 */
export async function configuredPostgresShadow(main, shadowDatabaseUrl) {
  const shadow = parseDatabaseUrl(shadowDatabaseUrl);
  if (shadow.provider !== "postgres") {
    throw new Error("shadowDatabaseUrl must be a PostgreSQL URL, like the main datasource");
  }
  const where = (/** @type {PostgresTarget} */ t) => {
    const { hostname, port } = new URL(t.url);
    return `${hostname}:${port || 5432}/${t.database}`;
  };
  if (where(shadow) === where(main)) {
    throw new Error("shadowDatabaseUrl names the main database; it must be a separate database (it is emptied on every use)");
  }
  const adapter = await postgresFactory(shadow).connect();
  const schema = `"${(shadow.schema ?? "public").replaceAll('"', '""')}"`;
  try {
    await adapter.executeScript(`DROP SCHEMA IF EXISTS ${schema} CASCADE; CREATE SCHEMA ${schema};`);
  } catch (error) {
    await adapter.dispose();
    throw error;
  }
  return adapter;
}

/** Temporary shadow databases not dropped yet, so a signal can still drop them. */
/** @type {Set<() => Promise<void>>} */
const pendingDrops = new Set();

/**
 * adapter-pg's own `connectToShadowDb` creates a database and then opens a pool with
 * `{ connectionString, database }`; `pg` lets the connection string win, so the "shadow" is the
 * main database itself. We create and connect to a real temporary database instead, and drop it
 * when the engine disposes of it.
 *
 * @param {PostgresTarget} main
 * @returns {Promise<SqlDriverAdapter>}
 */
export async function temporaryPostgresShadow(main) {
  const admin = await postgresFactory(main).connect();
  const name = `prisma_migrate_shadow_db_${randomUUID()}`;
  try {
    await admin.executeScript(`CREATE DATABASE "${name}"`);
  } catch (error) {
    await admin.dispose();
    throw error;
  }
  const drop = async () => {
    pendingDrops.delete(drop);
    try {
      await admin.executeScript(`DROP DATABASE IF EXISTS "${name}"`);
    } finally {
      await admin.dispose();
    }
  };
  pendingDrops.add(drop);
  /** @type {SqlDriverAdapter} */
  let shadow;
  try {
    shadow = await postgresFactory(withDatabase(main, name)).connect();
  } catch (error) {
    await drop();
    throw error;
  }
  const dispose = shadow.dispose.bind(shadow);
  shadow.dispose = async () => {
    try {
      await dispose();
    } finally {
      await drop();
    }
  };
  return shadow;
}

/** Drops temporary shadow databases left open (the CLI kills the engine right after its last call). */
export async function dropPendingShadowDatabases() {
  await Promise.allSettled([...pendingDrops].map((drop) => drop()));
}
