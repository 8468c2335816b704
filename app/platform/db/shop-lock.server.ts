/**
 * One at a time per shop, across every app instance and worker: for work that reads a shop's
 * state, acts on it and writes the result, where two interleaved runs would lose one's effect
 * (a widget-config publish built from a state that another publish is about to replace; two
 * rollup refreshes rewriting the same Visitor rows).
 *
 * PostgreSQL: a session advisory lock keyed by (purpose, shop), held on a connection of a small
 * pool of its own for the whole work, which may include an outside call (Shopify) and several
 * transactions of its own. The work's queries use the app's pool, never the lock's, so holders
 * and waiters never starve each other of connections. A process that dies drops its connection
 * and with it the lock. SQLite: one app instance per database file (its single writer does not
 * serialize a read-act-write sequence across processes), so the in-process queue is the lock.
 */
import pg from "pg";
import { databaseTarget } from "../../db.server";

/** How long a run waits for another instance's run of the same shop before giving up. */
export const SHOP_LOCK_WAIT_MS = 120_000;

export class ShopLockTimeout extends Error {
  override name = "ShopLockTimeout";
}

const queues = new Map<string, Promise<unknown>>();
let pool: pg.Pool | undefined;

function lockPool(): pg.Pool {
  if (!pool) {
    pool = new pg.Pool({
      connectionString: databaseTarget.url,
      max: 8,
      application_name: "chatlift-shop-locks",
      allowExitOnIdle: true,
    });
    // An idle connection that breaks is replaced; a held one fails its run (lock lost with it).
    pool.on("error", (error) => console.error(`[shop-lock] ${error.message}`));
  }
  return pool;
}

/** Runs `work` while no other run of `purpose` for `shopDomain` runs anywhere; in order of arrival within a process. */
export function withShopLock<T>(purpose: string, shopDomain: string, work: () => Promise<T>): Promise<T> {
  const key = `${purpose}\u0000${shopDomain}`;
  const previous = queues.get(key) ?? Promise.resolve();
  const next = previous
    .catch(() => undefined)
    .then(() => (databaseTarget.provider === "postgresql" ? underAdvisoryLock(purpose, shopDomain, work) : work()));
  queues.set(key, next);
  void next
    .finally(() => {
      if (queues.get(key) === next) queues.delete(key);
    })
    .catch(() => undefined);
  return next;
}

async function underAdvisoryLock<T>(purpose: string, shopDomain: string, work: () => Promise<T>): Promise<T> {
  const client = await lockPool().connect();
  let broken: Error | undefined;
  try {
    await client.query(`SET statement_timeout = ${SHOP_LOCK_WAIT_MS}`);
    try {
      await client.query("SELECT pg_advisory_lock(hashtext($1), hashtext($2))", [`chatlift:${purpose}`, shopDomain]);
    } catch (error) {
      if ((error as { code?: string }).code === "57014")
        throw new ShopLockTimeout(
          `${purpose} of ${shopDomain}: another instance held it for more than ${SHOP_LOCK_WAIT_MS / 1000} s`,
        );
      throw error;
    }
    try {
      return await work();
    } finally {
      await client
        .query("SELECT pg_advisory_unlock(hashtext($1), hashtext($2))", [`chatlift:${purpose}`, shopDomain])
        .catch((error: Error) => (broken = error));
    }
  } finally {
    // A connection whose unlock failed is closed, which releases the lock for certain.
    client.release(broken);
  }
}

/** For scripts and tests that end the process cleanly. */
export async function closeShopLocks(): Promise<void> {
  const open = pool;
  pool = undefined;
  await open?.end();
}
