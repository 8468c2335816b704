/**
 * Bulk INSERT of many rows through ONE bound value: the rows travel as JSON text and the
 * database unpacks them (json_each on SQLite, jsonb_to_recordset on PostgreSQL). Through
 * createMany, the client's work per bound value (one per cell) cost more than the database's
 * insert itself; used for the two write-heavy tables, storefront events and credits.
 */
import { databaseTarget } from "../db.server";
import { Prisma, type Tx } from "../db.server";

/** A column and its PostgreSQL type (SQLite stores the JSON value as it is). */
export type JsonColumn = readonly [
  name: string,
  postgresType: "text" | "integer" | "bigint" | "double precision" | "boolean" | "timestamp(3)",
];

export type JsonRow = Record<string, string | number | boolean | null>;

const ROWS_PER_STATEMENT = 5_000;

/** Prisma's SQLite text form of a DateTime (PostgreSQL reads the same ISO text). */
export function jsonTimestamp(date: Date): string {
  return date.toISOString().replace("Z", "+00:00");
}

/** The INSERT statements (not yet run) for `rows`; run them in the caller's transaction. */
export function jsonInserts(
  db: Pick<Tx, "$executeRaw">,
  table: string,
  columns: readonly JsonColumn[],
  rows: readonly JsonRow[],
) {
  const names = Prisma.raw(columns.map(([name]) => `"${name}"`).join(", "));
  const statements = [];
  for (let start = 0; start < rows.length; start += ROWS_PER_STATEMENT) {
    const chunk = rows.slice(start, start + ROWS_PER_STATEMENT);
    statements.push(
      databaseTarget.provider === "postgresql"
        ? db.$executeRaw`INSERT INTO ${Prisma.raw(`"${table}"`)} (${names}) SELECT ${names} FROM jsonb_to_recordset(${JSON.stringify(chunk)}::jsonb) AS x(${Prisma.raw(columns.map(([name, type]) => `"${name}" ${type}`).join(", "))})`
        : // SQLite gets each row as an array, read by position: json_extract by name re-parsed
          // the row's object once per column and cost about twice the insert itself.
          db.$executeRaw`INSERT INTO ${Prisma.raw(`"${table}"`)} (${names}) SELECT ${Prisma.raw(columns.map((_, i) => `value ->> ${i}`).join(", "))} FROM json_each(${JSON.stringify(chunk.map((row) => columns.map(([name]) => row[name] ?? null)))})`,
    );
  }
  return statements;
}

/**
 * A unique violation raised by one of these raw INSERTs: Prisma reports raw-query failures as
 * P2010 (not P2002), with the driver adapter's own classification.
 */
export function isRawUniqueViolation(error: unknown): boolean {
  const meta =
    (error as { code?: string; meta?: { driverAdapterError?: { cause?: { kind?: string } } } } | null) ?? null;
  return meta?.code === "P2010" && meta.meta?.driverAdapterError?.cause?.kind === "UniqueConstraintViolation";
}
