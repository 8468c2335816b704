/**
 * Values between the app's SQLite connection (sqlite-client.ts) and the `libsql` driver, converted
 * as @libsql/client converted them, so that Prisma's adapter sees exactly what it saw through it.
 */
import Database from "libsql";
import { LibsqlError, type InArgs, type InValue, type ResultSet, type Row } from "@libsql/client";

const MIN_SAFE = BigInt(Number.MIN_SAFE_INTEGER);
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);
const MIN_INT64 = -(2n ** 63n);
const MAX_INT64 = 2n ** 63n - 1n;

export function bindArgs(args: InArgs | undefined): unknown[] | Record<string, unknown> {
  if (args === undefined) return [];
  if (Array.isArray(args)) return args.map(valueToSql);
  const named: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(args))
    named[/^[@$:]/.test(name) ? name.slice(1) : name] = valueToSql(value);
  return named;
}

/** @libsql/client's conversions, so that values reach SQLite as they did through it. */
function valueToSql(value: InValue): unknown {
  switch (typeof value) {
    case "number":
      if (!Number.isFinite(value))
        throw new RangeError("Only finite numbers (not Infinity or NaN) can be passed as arguments");
      return value;
    case "bigint":
      if (value < MIN_INT64 || value > MAX_INT64)
        throw new RangeError("bigint is too large to be represented as a 64-bit integer and passed as argument");
      return value;
    case "boolean":
      return value ? 1 : 0;
    case "undefined":
      throw new TypeError("undefined cannot be passed as argument to the database");
  }
  if (value instanceof ArrayBuffer) return Buffer.from(value);
  if (value instanceof Date) return value.valueOf();
  return value;
}

/**
 * A row as Prisma's adapter reads it: by position. Integers arrive as bigints (safe mode) and
 * become numbers, refusing any a number cannot hold exactly (as @libsql/client's "number" mode does).
 */
export function rowFromSql(row: unknown[]): Row {
  for (let i = 0; i < row.length; i += 1) {
    const value = row[i];
    if (typeof value === "bigint") {
      if (value < MIN_SAFE || value > MAX_SAFE)
        throw new RangeError("Received integer which cannot be safely represented as a JavaScript number");
      row[i] = Number(value);
    } else if (value instanceof Buffer) {
      row[i] = value.buffer.slice(value.byteOffset, value.byteOffset + value.byteLength);
    }
  }
  return row as unknown as Row;
}

export function resultSet(
  columns: string[],
  columnTypes: string[],
  rows: Row[],
  rowsAffected: number,
  lastInsertRowid: bigint | undefined,
): ResultSet {
  return {
    columns,
    columnTypes,
    rows,
    rowsAffected,
    lastInsertRowid,
    toJSON: () => ({ columns, columnTypes, rows, rowsAffected, lastInsertRowid: lastInsertRowid?.toString() ?? null }),
  };
}

/** SQLite's primary result codes by number (extended codes carry the primary one in their low byte). */
const SQLITE_CODES = [
  "SQLITE_OK",
  "SQLITE_ERROR",
  "SQLITE_INTERNAL",
  "SQLITE_PERM",
  "SQLITE_ABORT",
  "SQLITE_BUSY",
  "SQLITE_LOCKED",
  "SQLITE_NOMEM",
  "SQLITE_READONLY",
  "SQLITE_INTERRUPT",
  "SQLITE_IOERR",
  "SQLITE_CORRUPT",
  "SQLITE_NOTFOUND",
  "SQLITE_FULL",
  "SQLITE_CANTOPEN",
  "SQLITE_PROTOCOL",
  "SQLITE_EMPTY",
  "SQLITE_SCHEMA",
  "SQLITE_TOOBIG",
  "SQLITE_CONSTRAINT",
  "SQLITE_MISMATCH",
  "SQLITE_MISUSE",
  "SQLITE_NOLFS",
  "SQLITE_AUTH",
  "SQLITE_FORMAT",
  "SQLITE_RANGE",
  "SQLITE_NOTADB",
  "SQLITE_NOTICE",
  "SQLITE_WARNING",
];

/** Driver errors in @libsql/client's shape (code, extendedCode, rawCode), which Prisma's adapter classifies. */
export function driverError(error: unknown): unknown {
  if (!(error instanceof Database.SqliteError)) return error;
  const { rawCode } = error as { rawCode?: number };
  const primary =
    rawCode === undefined ? "SQLITE_UNKNOWN" : (SQLITE_CODES[rawCode & 0xff] ?? `SQLITE_UNKNOWN_${rawCode & 0xff}`);
  return new LibsqlError(error.message, primary, error.code, rawCode, error);
}
