/**
 * The libSQL client behind the app's SQLite adapter: ONE connection, its pragmas set, and its
 * prepared statements kept.
 *
 * Why not @libsql/client as it comes: its file client hands its connection to every
 * transaction and opens a new one for the next statement, so each transaction paid a connection
 * open, a schema parse and a cold page cache, and per-connection settings (synchronous,
 * busy_timeout) were lost after the first transaction. It also prepares every statement afresh
 * (SQLite parses and plans the SQL each time: about a fifth of the database time of an ingest
 * request). This client speaks to the `libsql` driver (the one @libsql/client wraps) directly and
 * keeps the most recently used statements prepared. Prisma's adapter already runs every
 * statement and every transaction one at a time (its own mutex), so one connection is enough.
 *
 * Pragmas: WAL lets readers (the admin, another process such as `npm run worker`) work while
 * one writer commits; synchronous=NORMAL is WAL's recommended setting (a commit is durable once
 * the WAL is synced at checkpoint; a power cut can lose the last commits, never corrupt the
 * file); busy_timeout makes a second process wait for the write lock instead of failing
 * (without both, three processes writing one file lost most of their transactions to
 * SQLITE_BUSY / "Operation has timed out": tests/integration/platform/jobs/processes-sharing-sqlite.test.ts).
 * Transactions begin IMMEDIATE: they take the write lock up front, so a transaction that reads
 * and then writes never finds its snapshot overtaken by another process's commit. WAL
 * checkpoints run in a background thread, not inside commits (wal-checkpointer.ts).
 */
import Database from "libsql";
import { CHECKPOINT_FALLBACK_PAGES, startWalCheckpointer, type WalCheckpointer } from "./wal-checkpointer";
import {
  LibsqlError,
  type Client,
  type Config,
  type InArgs,
  type InStatement,
  type ResultSet,
  type Transaction,
  type TransactionMode,
} from "@libsql/client";
import { bindArgs, driverError, resultSet, rowFromSql } from "./sqlite-values";
import { redactUrl, sqliteFileOf } from "./database-url";

export const SQLITE_PRAGMAS = [
  // First, so that even switching the file to WAL (which needs a moment alone with it) waits
  // for another process instead of failing.
  "PRAGMA busy_timeout = 5000",
  "PRAGMA journal_mode = WAL",
  "PRAGMA synchronous = NORMAL",
  // 64 MiB of page cache instead of SQLite's 2 MiB: attribution reads sessions and writes credits
  // across tables of millions of rows, and with one connection this is the app's only cache.
  "PRAGMA cache_size = -65536",
  // Deleted rows are overwritten with zeros, not just unlinked: a redacted customer's email must not
  // stay readable in the file's free space (erase-deleted.server.ts then truncates the WAL).
  "PRAGMA secure_delete = ON",
] as const;

/** Prisma's SQL has a few hundred shapes (an IN list of each length is one); the rest are re-prepared when used. */
const STATEMENT_CACHE_SIZE = 500;

export function createSqliteClient(config: Pick<Config, "url">): Client {
  return new OneConnectionClient(sqlitePath(config.url));
}

/** `file:/abs/path` (what database-url.js makes), `file:relative`, or `:memory:` (Prisma's shadow database). */
export function sqlitePath(url: string): string {
  if (url === ":memory:") return url;
  if (!url.startsWith("file:")) {
    throw new LibsqlError(
      `SQLite URL must start with "file:" or be ":memory:"; got "${redactUrl(url)}"`,
      "URL_SCHEME_NOT_SUPPORTED",
    );
  }
  const file = sqliteFileOf(url);
  if (!file) throw new LibsqlError(`SQLite URL "${redactUrl(url)}" names no file`, "URL_INVALID");
  return file;
}

/**
 * A statement with what it returns: the columns of a prepared statement only change with the
 * schema of what it selects, and the app always names its columns (Prisma does; no raw SELECT *), so
 * they are read once (the driver's columns() cost as much as a small query's rows).
 */
interface Prepared {
  statement: Database.Statement;
  columns: string[] | null;
  columnTypes: string[];
}

class OneConnectionClient implements Client {
  readonly protocol = "file";
  closed = false;
  private db: Database.Database;
  private configured = false;
  private checkpointer: WalCheckpointer | null = null;
  private readonly statements = new Map<string, Prepared>();

  constructor(private readonly path: string) {
    this.db = new Database(path);
  }

  execute(stmt: InStatement): Promise<ResultSet>;
  execute(sql: string, args?: InArgs): Promise<ResultSet>;
  async execute(stmt: InStatement | string, args?: InArgs): Promise<ResultSet> {
    return typeof stmt === "string" ? this.run(stmt, args) : this.run(stmt.sql, stmt.args);
  }

  /** All statements or none, in one transaction (what @libsql/client's batch promises). */
  async batch(stmts: Array<InStatement | [string, InArgs?]>, mode: TransactionMode = "deferred"): Promise<ResultSet[]> {
    return this.inTransaction(mode === "deferred" ? "BEGIN DEFERRED" : "BEGIN IMMEDIATE", () =>
      stmts.map((stmt) =>
        Array.isArray(stmt)
          ? this.run(stmt[0], stmt[1])
          : typeof stmt === "string"
            ? this.run(stmt)
            : this.run(stmt.sql, stmt.args),
      ),
    );
  }

  async migrate(stmts: InStatement[]): Promise<ResultSet[]> {
    this.run("PRAGMA foreign_keys = off");
    try {
      return this.inTransaction("BEGIN DEFERRED", () =>
        stmts.map((stmt) => (typeof stmt === "string" ? this.run(stmt) : this.run(stmt.sql, stmt.args))),
      );
    } finally {
      this.run("PRAGMA foreign_keys = on");
    }
  }

  async executeMultiple(sql: string): Promise<void> {
    this.ensureOpen();
    try {
      this.db.exec(sql);
    } catch (error) {
      throw driverError(error);
    } finally {
      // As @libsql/client does: a script never leaves a transaction open behind it.
      if (this.db.inTransaction) this.run("ROLLBACK");
    }
  }

  /** The transaction runs on the same connection; the adapter's lock keeps everything else out until it ends. */
  async transaction(): Promise<Transaction> {
    this.run("BEGIN IMMEDIATE");
    return new SameConnectionTransaction(this);
  }

  sync(): ReturnType<Client["sync"]> {
    return Promise.reject(new LibsqlError("A local SQLite file has no remote to sync with", "SYNC_NOT_SUPPORTED"));
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.statements.clear();
    this.checkpointer?.stop();
    this.checkpointer = null;
    this.db.close();
  }

  reconnect(): void {
    if (!this.closed) this.db.close();
    this.statements.clear();
    this.db = new Database(this.path);
    this.closed = false;
    this.configured = false;
  }

  /** Runs one statement now (the driver is synchronous), from the statement cache when it can. */
  run(sql: string, args?: InArgs): ResultSet {
    this.ensureOpen();
    try {
      const { statement, columns, columnTypes } = this.prepared(sql);
      const bound = bindArgs(args);
      if (!columns) {
        const info = statement.run(bound);
        return resultSet([], [], [], info.changes, BigInt(info.lastInsertRowid));
      }
      return resultSet(columns, columnTypes, (statement.all(bound) as unknown[][]).map(rowFromSql), 0, undefined);
    } catch (error) {
      throw driverError(error);
    }
  }

  private inTransaction<T>(begin: string, work: () => T): T {
    this.run(begin);
    try {
      const result = work();
      this.run("COMMIT");
      return result;
    } finally {
      if (this.db.inTransaction) this.run("ROLLBACK");
    }
  }

  private prepared(sql: string): Prepared {
    const cached = this.statements.get(sql);
    if (cached) {
      // Map order is the recency order: move the hit to the end.
      this.statements.delete(sql);
      this.statements.set(sql, cached);
      return cached;
    }
    const statement = this.db.prepare(sql);
    statement.safeIntegers(true);
    let prepared: Prepared = { statement, columns: null, columnTypes: [] };
    if (statement.reader) {
      statement.raw(true);
      const columns = statement.columns();
      prepared = {
        statement,
        columns: columns.map((column) => column.name),
        columnTypes: columns.map((column) => column.type ?? ""),
      };
    }
    this.statements.set(sql, prepared);
    if (this.statements.size > STATEMENT_CACHE_SIZE)
      this.statements.delete(this.statements.keys().next().value as string);
    return prepared;
  }

  /** Sets the pragmas before the first statement; a failed attempt (another process holding the file) is retried by the next one. */
  private ensureOpen(): void {
    if (this.closed) throw new LibsqlError("The client is closed", "CLIENT_CLOSED");
    if (this.configured) return;
    try {
      for (const pragma of SQLITE_PRAGMAS) this.db.exec(pragma);
      if (this.path !== ":memory:") {
        this.db.exec(`PRAGMA wal_autocheckpoint = ${CHECKPOINT_FALLBACK_PAGES}`);
        this.checkpointer ??= startWalCheckpointer(this.path);
      }
    } catch (error) {
      throw driverError(error);
    }
    this.configured = true;
  }
}

class SameConnectionTransaction implements Transaction {
  closed = false;

  constructor(private readonly connection: OneConnectionClient) {}

  async execute(stmt: InStatement): Promise<ResultSet> {
    this.checkOpen();
    return typeof stmt === "string" ? this.connection.run(stmt) : this.connection.run(stmt.sql, stmt.args);
  }

  async batch(stmts: InStatement[]): Promise<ResultSet[]> {
    const results = [];
    for (const stmt of stmts) results.push(await this.execute(stmt));
    return results;
  }

  executeMultiple(sql: string): Promise<void> {
    this.checkOpen();
    return this.connection.executeMultiple(sql);
  }

  async commit(): Promise<void> {
    this.checkOpen();
    this.closed = true;
    try {
      this.connection.run("COMMIT");
    } catch (error) {
      // A failed COMMIT (e.g. SQLITE_BUSY) leaves the transaction open: end it, or the connection stays stuck in it.
      try {
        this.connection.run("ROLLBACK");
      } catch {
        // nothing more to undo
      }
      throw error;
    }
  }

  async rollback(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    try {
      this.connection.run("ROLLBACK");
    } catch (error) {
      // SQLite may already have rolled back on its own (some errors do): nothing left to undo then.
      if (!/no transaction is active/i.test(String(error))) throw error;
    }
  }

  close(): void {
    this.rollback().catch(() => undefined); // close() cannot report; a failed ROLLBACK leaves nothing to keep
  }

  private checkOpen(): void {
    if (this.closed) throw new LibsqlError("The transaction is closed", "TRANSACTION_CLOSED");
  }
}
