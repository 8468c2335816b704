/**
 * The libSQL client behind the app's SQLite adapter: ONE connection, with the pragmas set.
 *
 * Why not @libsql/client as it comes: its file client hands its connection to every
 * transaction and opens a new one for the next statement, so each transaction paid a connection
 * open, a schema parse and a cold page cache, and per-connection settings (synchronous,
 * busy_timeout) were lost after the first transaction. Prisma's adapter already runs every
 * statement and every transaction one at a time (its own mutex), so one connection is enough.
 *
 * Pragmas: WAL lets readers (the admin, another process such as `npm run worker`) work while
 * one writer commits; synchronous=NORMAL is WAL's recommended setting (a commit is durable once
 * the WAL is synced at checkpoint; a power cut can lose the last commits, never corrupt the
 * file); busy_timeout makes a second process wait for the write lock instead of failing
 * (without both, three processes writing one file lost most of their transactions to
 * SQLITE_BUSY / "Operation has timed out": tests/integration/jobs/processes-sharing-sqlite.test.ts).
 * Transactions begin IMMEDIATE: they take the write lock up front, so a transaction that reads
 * and then writes never finds its snapshot overtaken by another process's commit.
 */
import { createClient, type Client, type Config, type InArgs, type InStatement, type ResultSet, type Transaction } from "@libsql/client";

export const SQLITE_PRAGMAS = [
  // First, so that even switching the file to WAL (which needs a moment alone with it) waits
  // for another process instead of failing.
  "PRAGMA busy_timeout = 5000",
  "PRAGMA journal_mode = WAL",
  "PRAGMA synchronous = NORMAL",
  // 64 MiB of page cache instead of SQLite's 2 MiB: attribution reads sessions and writes credits
  // across tables of millions of rows, and with one connection this is the app's only cache.
  "PRAGMA cache_size = -65536",
] as const;

export function createSqliteClient(config: Config): Client {
  return new OneConnectionClient(createClient(config));
}

class OneConnectionClient implements Client {
  private configured: Promise<void> | null = null;

  constructor(private readonly client: Client) {}

  /** Configures the connection before its first statement; a failed attempt is retried by the next call. */
  private get ready(): Promise<void> {
    this.configured ??= this.configure().catch((error: unknown) => {
      this.configured = null;
      throw error;
    });
    return this.configured;
  }

  get closed(): boolean {
    return this.client.closed;
  }

  get protocol(): string {
    return this.client.protocol;
  }

  execute(stmt: InStatement): Promise<ResultSet>;
  execute(sql: string, args?: InArgs): Promise<ResultSet>;
  async execute(stmt: InStatement | string, args?: InArgs): Promise<ResultSet> {
    await this.ready;
    return typeof stmt === "string" ? this.client.execute(stmt, args) : this.client.execute(stmt);
  }

  async batch(...params: Parameters<Client["batch"]>): Promise<ResultSet[]> {
    await this.ready;
    return this.client.batch(...params);
  }

  async migrate(stmts: InStatement[]): Promise<ResultSet[]> {
    await this.ready;
    return this.client.migrate(stmts);
  }

  async executeMultiple(sql: string): Promise<void> {
    await this.ready;
    return this.client.executeMultiple(sql);
  }

  /** The transaction runs on the same connection; the adapter's lock keeps everything else out until it ends. */
  async transaction(): Promise<Transaction> {
    await this.ready;
    await this.client.execute("BEGIN IMMEDIATE");
    return new SameConnectionTransaction(this.client);
  }

  sync(): ReturnType<Client["sync"]> {
    return this.client.sync();
  }

  close(): void {
    this.client.close();
  }

  reconnect(): void {
    this.client.reconnect();
    this.configured = null;
  }

  private async configure(): Promise<void> {
    for (const pragma of SQLITE_PRAGMAS) await this.client.execute(pragma);
  }
}

class SameConnectionTransaction implements Transaction {
  closed = false;

  constructor(private readonly client: Client) {}

  execute(stmt: InStatement): Promise<ResultSet> {
    this.checkOpen();
    return this.client.execute(stmt);
  }

  async batch(stmts: InStatement[]): Promise<ResultSet[]> {
    const results = [];
    for (const stmt of stmts) results.push(await this.execute(stmt));
    return results;
  }

  executeMultiple(sql: string): Promise<void> {
    this.checkOpen();
    return this.client.executeMultiple(sql);
  }

  async commit(): Promise<void> {
    this.checkOpen();
    this.closed = true;
    try {
      await this.client.execute("COMMIT");
    } catch (error) {
      // A failed COMMIT (e.g. SQLITE_BUSY) leaves the transaction open: end it, or the connection stays stuck in it.
      await this.client.execute("ROLLBACK").catch(() => undefined);
      throw error;
    }
  }

  async rollback(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    // SQLite may already have rolled back on its own (some errors do): nothing left to undo then.
    await this.client.execute("ROLLBACK").catch((error: unknown) => {
      if (!/no transaction is active/i.test(String(error))) throw error;
    });
  }

  close(): void {
    this.rollback().catch(() => undefined); // close() cannot report; a failed ROLLBACK leaves nothing to keep
  }

  private checkOpen(): void {
    if (this.closed) throw new Error("this SQLite transaction has already ended");
  }
}
