/**
 * After a redaction, the deleted bytes must leave the database files too, not only the tables.
 *
 * SQLite: every connection runs with `secure_delete` (sqlite-client.ts), so a deleted or updated
 * row's old bytes are zeroed in its page; but in WAL mode the pages that held them before the
 * redaction may still sit in the `-wal` file (earlier frames) until it is reused. A TRUNCATE
 * checkpoint copies the zeroed pages into the database file and empties the WAL. Kept as before:
 * free pages left by deletes made before secure_delete was on, and an index's interior divider
 * keys, which SQLite rewrites only when the page splits or merges (`VACUUM` rewrites everything).
 *
 * PostgreSQL: a delete leaves dead tuples in the table's pages until VACUUM, and the write-ahead
 * log keeps the change until the segment is recycled after the next checkpoints. VACUUM of the
 * touched tables makes the dead tuples unreachable and their space reusable (it does not zero them;
 * `VACUUM FULL` rewrites the table but locks it). Backups and WAL archives keep their copies for
 * as long as the operator keeps them: README "Personal data" says so.
 */
import prisma, { databaseTarget } from "../../db.server";

/**
 * Up to ~3 s: the background checkpointer's own PASSIVE checkpoint (wal-checkpointer.ts) makes a TRUNCATE
 * answer busy while it runs, and on a loaded machine one outlasted three tries 200 ms apart (CI, 2026-12-04:
 * 16 copies of a redacted email left in the WAL). Shopify waits 5 s for the webhook's answer.
 */
const CHECKPOINT_ATTEMPTS = 15;
const RETRY_MS = 200;

export type Erasure =
  | { provider: "sqlite"; walTruncated: boolean }
  | { provider: "postgresql"; vacuumed: string[] }
  | { provider: "sqlite-memory" };

export async function eraseDeletedBytes(tables: readonly string[]): Promise<Erasure> {
  if (databaseTarget.provider === "postgresql") {
    const names = tables.filter((table) => /^\w+$/.test(table));
    // Outside any transaction (VACUUM refuses one); one statement, tables in a fixed order.
    if (names.length) await prisma.$executeRawUnsafe(`VACUUM ${names.map((name) => `"${name}"`).join(", ")}`);
    return { provider: "postgresql", vacuumed: names };
  }
  if (!databaseTarget.filePath) return { provider: "sqlite-memory" };
  for (let attempt = 1; attempt <= CHECKPOINT_ATTEMPTS; attempt += 1) {
    const [result] = await prisma.$queryRawUnsafe<Array<{ busy: number | bigint }>>("PRAGMA wal_checkpoint(TRUNCATE)");
    if (Number(result?.busy ?? 1) === 0) return { provider: "sqlite", walTruncated: true };
    await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
  }
  // A reader in another process (npm run worker) held the WAL: its frames are overwritten as it is reused.
  console.warn("[privacy] the WAL could not be truncated after a redaction (a reader held it); it empties later");
  return { provider: "sqlite", walTruncated: false };
}
