/**
 * PostgreSQL test databases, the way SQLite test files get their own copy: one template
 * database migrated once per run, and a fresh database per test file created from it with
 * CREATE DATABASE … TEMPLATE (a file copy inside the server: fast). Files stay isolated and
 * may run in parallel; the run's databases are dropped at the end.
 */
import { randomUUID } from "node:crypto";
import pg from "pg";

export function withDatabaseName(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

function databaseName(url: string): string {
  return decodeURIComponent(new URL(url).pathname.slice(1)) || "postgres";
}

async function onServer<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** A new, empty database for this run's template; its URL. */
export async function createTemplateDatabase(baseUrl: string): Promise<string> {
  const name = `${databaseName(baseUrl)}_t${randomUUID().slice(0, 8)}`;
  await onServer(baseUrl, (client) => client.query(`CREATE DATABASE ${quote(name)}`));
  return withDatabaseName(baseUrl, name);
}

/** A copy of the (migrated, idle) template for one test file; its URL. */
export async function copyTemplateDatabase(baseUrl: string, templateUrl: string): Promise<string> {
  const template = databaseName(templateUrl);
  const name = `${template}_f${randomUUID().slice(0, 8)}`;
  await onServer(baseUrl, (client) => client.query(`CREATE DATABASE ${quote(name)} TEMPLATE ${quote(template)}`));
  return withDatabaseName(baseUrl, name);
}

/** Drops the template and every copy made from it. */
export async function dropRunDatabases(baseUrl: string, templateUrl: string): Promise<void> {
  const template = databaseName(templateUrl);
  await onServer(baseUrl, async (client) => {
    const { rows } = await client.query<{ datname: string }>(
      "SELECT datname FROM pg_database WHERE datname = $1 OR datname LIKE $2",
      [template, `${template}\\_f%`],
    );
    for (const { datname } of rows) await client.query(`DROP DATABASE IF EXISTS ${quote(datname)} WITH (FORCE)`);
  });
}
