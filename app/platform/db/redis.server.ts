/**
 * The process's one Redis connection, when REDIS_URL is set: state that must be the same for
 * every app instance and worker (HubSpot's per-portal pacing, the storefront's ingest buckets)
 * lives there. Without REDIS_URL every caller falls back to per-process state and says so in the
 * README's "Several instances" section.
 */
import { Redis } from "ioredis";
import { readRedisUrl, redisKeyPrefix } from "../config/app-config";

declare global {
  // Remix's dev server re-imports modules: one connection per process.
  var chatliftRedis: Redis | null | undefined;
}

let lastErrorLoggedAt = 0;

/** The shared connection, or null when REDIS_URL is unset. */
export function sharedRedis(): Redis | null {
  if (globalThis.chatliftRedis !== undefined) return globalThis.chatliftRedis;
  const url = readRedisUrl(process.env);
  const client = url
    ? new Redis(url, {
        // A command waits through two reconnects at most, then fails: a caller decides what a
        // missing Redis means (ingest admits on its own buckets; HubSpot calls fail and retry later).
        maxRetriesPerRequest: 2,
        connectionName: "chatlift",
      })
    : null;
  client?.on("error", (error: Error) => {
    // ioredis emits on every reconnect attempt: one line a minute is enough to be seen.
    if (Date.now() - lastErrorLoggedAt < 60_000) return;
    lastErrorLoggedAt = Date.now();
    console.error(`[redis] ${error.message} (REDIS_URL is set: shared rate limits are degraded until it answers)`);
  });
  globalThis.chatliftRedis = client;
  return client;
}

export function redisConfigured(): boolean {
  return readRedisUrl(process.env) !== undefined;
}

/** Prefix of every key and channel ChatLift uses (CHATLIFT_REDIS_PREFIX, "chatlift:"). */
export function redisKey(...parts: string[]): string {
  return redisKeyPrefix(process.env) + parts.join(":");
}

/** For scripts and tests that end the process cleanly. */
export async function closeSharedRedis(): Promise<void> {
  const client = globalThis.chatliftRedis;
  globalThis.chatliftRedis = undefined;
  if (client) await client.quit().catch(() => client.disconnect());
}
