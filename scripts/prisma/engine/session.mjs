/**
 * One schema-engine process = one session: the JSON-RPC methods the Prisma CLI calls, answered by
 * the wasm engine, with the differences between the wasm engine and the native one bridged here.
 */
import { readFileSync } from "node:fs";
import { runCliCommand } from "./cli-commands.mjs";
import { createEngineAdapterFactory } from "./adapters.mjs";
import { parseDatabaseUrl } from "./database-url.mjs";
import { loadSchemaEngineWasm } from "./wasm.mjs";

/**
 * @typedef {import("@prisma/schema-engine-wasm").SchemaEngine} WasmEngine
 * @typedef {import("@prisma/schema-engine-wasm").MigrationList} MigrationList
 * @typedef {import("@prisma/schema-engine-wasm").SchemaFilter} SchemaFilter
 * @typedef {import("@prisma/schema-engine-wasm").DiffTarget} DiffTarget
 * @typedef {{ url?: string, shadowDatabaseUrl?: string }} Datasource
 * @typedef {(content: string) => Promise<void>} Print asks the CLI to print to its stdout
 */

/** Methods the wasm engine answers as they are. */
const PASS_THROUGH = new Set([
  "applyMigrations",
  "ensureConnectionValidity",
  "introspect",
  "introspectSql",
  "markMigrationApplied",
  "markMigrationRolledBack",
  "schemaPush",
  "version",
]);

const NO_FILTERS = { externalTables: [], externalEnums: [] };

/** Matches the wasm engine's error when `_prisma_migrations` is missing (SQLite, PostgreSQL). */
const MISSING_MIGRATIONS_TABLE =
  /no such table: (?:main\.)?_prisma_migrations|relation "(?:[^"]*\.)?_prisma_migrations" does not exist/;

const SHADOW_DATABASE_LOST = /shadow DB must be provided through an external factory/i;

export class MethodNotFoundError extends Error {
  name = "MethodNotFoundError";
}

export class EngineSession {
  /** @type {Promise<{ engine: WasmEngine, tracked: import("./adapters.mjs").TrackedFactory, target: import("./adapters.mjs").DatabaseTarget }> | undefined} */
  #main;
  /** @type {Promise<WasmEngine> | undefined} */
  #offline;

  /**
   * @param {{ datasource?: Datasource, datamodelPaths: string[], print: Print, log: (line: string) => void }} options
   */
  constructor({ datasource, datamodelPaths, print, log }) {
    this.datasource = datasource;
    this.print = print;
    this.log = log;
    /** @type {[string, string][] | undefined} */
    this.datamodels = datamodelPaths.length
      ? datamodelPaths.map((file) => [file, readFileSync(file, "utf8")])
      : undefined;
  }

  /**
   * @param {string} method
   * @param {any} params
   * @returns {Promise<unknown>}
   */
  async call(method, params) {
    switch (method) {
      case "diff":
        return this.#diff(params);
      case "diagnoseMigrationHistory":
        return this.#diagnoseMigrationHistory(params);
      case "devDiagnostic":
        return this.#devDiagnostic(params);
      case "evaluateDataLoss":
      case "createMigration":
        return this.#withShadowDatabase(method, params);
      case "reset":
        return this.#reset(params);
      case "dbExecute":
        return this.#dbExecute(params);
      case "createDatabase":
        return this.#createDatabase(params);
      case "getDatabaseVersion":
        return (await this.#mainEngine()).engine.version(params);
      default:
        if (!PASS_THROUGH.has(method)) throw new MethodNotFoundError(`Method not found: ${method}`);
        return /** @type {any} */ ((await this.#mainEngine()).engine)[method](params);
    }
  }

  /** Connects lazily: `migrate diff` between two schema files must work with no database at all. */
  #mainEngine() {
    this.#main ??= (async () => {
      const url = this.datasource?.url;
      if (!url) throw new Error("This command needs a database, but Prisma passed no datasource URL to the schema engine.");
      const target = parseDatabaseUrl(url);
      const { factory, tracked } = createEngineAdapterFactory(target, {
        shadowDatabaseUrl: this.datasource?.shadowDatabaseUrl || undefined,
      });
      const { SchemaEngine } = await loadSchemaEngineWasm();
      const engine = await SchemaEngine.new({ datamodels: this.datamodels }, this.log, factory);
      return { engine, tracked, target };
    })();
    return this.#main;
  }

  /**
   * Schema-to-schema diffs need no database, but the wasm engine insists on an adapter and
   * connects at start-up. Its SQL dialect follows the schemas' provider, not the adapter's, so an
   * in-memory SQLite adapter serves PostgreSQL schemas too.
   */
  #offlineEngine() {
    this.#offline ??= (async () => {
      const { factory } = createEngineAdapterFactory(parseDatabaseUrl("file::memory:"));
      const { SchemaEngine } = await loadSchemaEngineWasm();
      return SchemaEngine.new({ datamodels: this.datamodels }, this.log, factory);
    })();
    return this.#offline;
  }

  /**
   * The native engine prints the diff itself through a `print` request to the CLI and returns
   * only the exit code; the wasm engine returns the text instead, which the CLI would ignore.
   *
   * @param {import("@prisma/schema-engine-wasm").DiffParams} params
   */
  async #diff(params) {
    /** @param {DiffTarget} target */
    const needsDatabase = (target) => !["empty", "schemaDatamodel"].includes(target.tag);
    const engine =
      needsDatabase(params.from) || needsDatabase(params.to)
        ? (await this.#mainEngine()).engine
        : await this.#offlineEngine();
    const result = await engine.diff(params);
    if (result.stdout != null) {
      // The CLI appends a newline to what it prints.
      await this.print(result.stdout.endsWith("\n") ? result.stdout.slice(0, -1) : result.stdout);
    }
    return { exitCode: result.exitCode, stdout: null };
  }

  /**
   * The wasm engine fails (instead of reporting `hasMigrationsTable: false`) when
   * `_prisma_migrations` does not exist yet. Answer what the native engine answers, without
   * touching the database: `migrate status` and `migrate deploy` must stay read-only here.
   *
   * @param {import("@prisma/schema-engine-wasm").DiagnoseMigrationHistoryInput} params
   */
  async #diagnoseMigrationHistory(params) {
    const { engine } = await this.#mainEngine();
    try {
      return await engine.diagnoseMigrationHistory(params);
    } catch (error) {
      if (!isMissingMigrationsTable(error)) throw error;
      const names = params.migrationsList.migrationDirectories.map((dir) => dir.path);
      return {
        editedMigrationNames: [],
        failedMigrationNames: [],
        hasMigrationsTable: false,
        history: names.length ? { diagnostic: "databaseIsBehind", unappliedMigrationNames: names } : null,
      };
    }
  }

  /**
   * Same missing-table failure as above, in `migrate dev`. There, creating the table is what
   * the next step would do anyway; applying an empty migration list does exactly that, and
   * refuses (P3005) when the database has tables but no migration history, which `migrate dev`
   * must answer with a reset.
   *
   * @param {import("@prisma/schema-engine-wasm").DevDiagnosticInput} params
   */
  async #devDiagnostic(params) {
    const { engine } = await this.#mainEngine();
    try {
      return await engine.devDiagnostic(params);
    } catch (error) {
      if (!isMissingMigrationsTable(error)) throw error;
    }
    try {
      await engine.applyMigrations({
        migrationsList: { ...params.migrationsList, migrationDirectories: [] },
        filters: params.filters ?? NO_FILTERS,
      });
    } catch (error) {
      if (/** @type {{ code?: string }} */ (error).code !== "P3005") throw error;
      return {
        action: {
          tag: "reset",
          reason:
            "Drift detected: Your database schema is not in sync with your migration history.\n\n" +
            "The database has tables but no migration history (_prisma_migrations), e.g. after `prisma db push`.",
        },
      };
    }
    return engine.devDiagnostic(params);
  }

  /**
   * The wasm engine keeps the shadow database it set up during a devDiagnostic and loses it again
   * when, for instance, applyMigrations applies something, which is exactly what `migrate dev`
   * does between devDiagnostic and evaluateDataLoss/createMigration. It then fails with
   * "… shadow DB must be provided through an external factory" instead of connecting one; a
   * fresh devDiagnostic sets it up again. Both calls are read-only until they succeed.
   *
   * @param {"evaluateDataLoss" | "createMigration"} method
   * @param {{ migrationsList: MigrationList, filters?: SchemaFilter }} params
   */
  async #withShadowDatabase(method, params) {
    const { engine } = await this.#mainEngine();
    const call = () => /** @type {any} */ (engine)[method](params);
    try {
      return await call();
    } catch (error) {
      if (!(error instanceof Error && SHADOW_DATABASE_LOST.test(error.message))) throw error;
    }
    await this.#devDiagnostic({ migrationsList: params.migrationsList, filters: params.filters ?? NO_FILTERS });
    return call();
  }

  /**
   * The wasm engine's SQLite reset empties the tables but keeps them (the native one deletes the
   * database file), so the next `migrate` finds "tables already exist". Drop what is left, on the
   * engine's own connection: it holds SQLite's exclusive lock.
   *
   * @param {import("@prisma/schema-engine-wasm").ResetInput} params
   */
  async #reset(params) {
    const { engine, tracked, target } = await this.#mainEngine();
    await engine.reset(params);
    if (target.provider !== "sqlite") return {};
    for (const adapter of tracked.mainAdapters) await dropAllSqliteObjects(adapter);
    return {};
  }

  /**
   * `prisma db execute`: the script goes to the database as one script, like the native engine.
   *
   * @param {import("@prisma/schema-engine-wasm").DbExecuteParams} params
   */
  async #dbExecute(params) {
    const url = params.datasourceType.tag === "url" ? params.datasourceType.url : this.datasource?.url;
    if (!url) throw new Error("db execute: no datasource URL");
    const { tracked } = createEngineAdapterFactory(parseDatabaseUrl(url));
    const adapter = await tracked.connect();
    try {
      await adapter.executeScript(params.script);
    } catch (error) {
      // Driver adapter errors carry only a kind ("UniqueConstraintViolation") as their message.
      const cause = /** @type {{ cause?: { originalMessage?: string } }} */ (error).cause;
      throw cause?.originalMessage ? new Error(cause.originalMessage, { cause: error }) : error;
    } finally {
      await adapter.dispose();
    }
    return {};
  }

  /** @param {import("@prisma/schema-engine-wasm").CreateDatabaseParams} params */
  async #createDatabase(params) {
    const url = params.datasource.tag === "ConnectionString" ? params.datasource.url : this.datasource?.url;
    if (!url) throw new Error("createDatabase: no datasource URL");
    return { databaseName: await runCliCommand("create-database", url) };
  }
}

/** @param {unknown} error */
function isMissingMigrationsTable(error) {
  return error instanceof Error && MISSING_MIGRATIONS_TABLE.test(error.message);
}

/** @param {import("@prisma/driver-adapter-utils").SqlDriverAdapter} adapter */
async function dropAllSqliteObjects(adapter) {
  const query = async (/** @type {string} */ sql) =>
    (await adapter.queryRaw({ sql, args: [], argTypes: [] })).rows;
  const objects = await query(
    "SELECT type, name FROM sqlite_master WHERE type IN ('view', 'table') AND name NOT LIKE 'sqlite_%'",
  );
  if (objects.length === 0) return;
  const [[foreignKeys]] = await query("PRAGMA foreign_keys");
  const quote = (/** @type {string} */ name) => `"${name.replaceAll('"', '""')}"`;
  const drops = objects.map(([type, name]) => `DROP ${type === "view" ? "VIEW" : "TABLE"} IF EXISTS ${quote(String(name))};`);
  await adapter.executeScript(
    `PRAGMA foreign_keys = OFF;\n${drops.join("\n")}\nPRAGMA foreign_keys = ${Number(foreignKeys) ? "ON" : "OFF"};`,
  );
}
