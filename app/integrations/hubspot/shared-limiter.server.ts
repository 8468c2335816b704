/**
 * Where the SDK's limiter keeps its count. HubSpot limits each portal, not each process: with one
 * Bottleneck per worker, N workers would each pace at 97 % of the limit and together send N times
 * it. @hubspot/api-client builds its limiter as `new Bottleneck(limiterOptions)`, so Bottleneck's
 * clustering mode fits without touching the SDK: with REDIS_URL set, every client of one portal
 * (in any process) gets the same limiter id on one Redis, and Bottleneck keeps `minTime` spacing
 * and `maxConcurrent` there, on Redis's clock. Without REDIS_URL the limiter stays in the process
 * (the job runner guard then lets only one process run jobs on a PostgreSQL database).
 */
import Bottleneck from "bottleneck";
import { redisKey, sharedRedis } from "../../platform/db/redis.server";
import type { LimiterSettings } from "./rate-pacing";

/** Idle limiter state leaves Redis after this long. */
const IDLE_EXPIRY_MS = 10 * 60_000;

let connection: Bottleneck.IORedisConnection | undefined;

/**
 * The SDK's `limiterOptions` for one portal: clustered on Redis when it is configured and the
 * portal is known, otherwise this process's own limiter. The account's limit is part of the id:
 * Bottleneck keeps the settings a clustered limiter was first made with, so a changed limit gets
 * a limiter of its own instead of being ignored.
 */
export function hubspotLimiterOptions(settings: LimiterSettings, portalId?: number): Bottleneck.ConstructorOptions {
  const redis = portalId === undefined ? null : sharedRedis();
  if (!redis) return settings;
  connection ??= new Bottleneck.IORedisConnection({ client: redis });
  return {
    ...settings,
    id: redisKey("hubspot", `portal-${portalId}`, settings.id),
    datastore: "ioredis",
    connection,
    clearDatastore: false,
    timeout: IDLE_EXPIRY_MS,
  };
}
