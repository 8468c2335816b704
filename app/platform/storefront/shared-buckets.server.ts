/**
 * The storefront's per-visitor and per-shop token buckets, shared by every app instance when
 * REDIS_URL is set: N instances behind a load balancer then admit what one would, not N times it.
 * Both buckets are checked and spent in one Redis script on Redis's clock, so a batch is admitted
 * by both or by neither, whatever the instances' clocks. Without REDIS_URL, or while Redis does not
 * answer (said on stderr), each instance counts alone (rate-limit.ts), as a single instance does.
 */
import type { Redis } from "ioredis";
import { redisKey, sharedRedis } from "../db/redis.server";
import { RateLimiter, type BucketLimit } from "./rate-limit";

export type PairAdmission = { ok: true } | { ok: false; scope: "visitor" | "shop"; retryAfterS: number };

export interface BucketPair {
  /** Spends `cost` from the visitor's and the shop's bucket, or from neither. */
  admit(shopDomain: string, visitorId: string, cost: number, nowMs: number): Promise<PairAdmission>;
  /** Tests and benchmarks: forget this process's buckets (shared ones refill and expire on their own). */
  forgetLocal(): void;
}

// KEYS: visitor bucket, shop bucket. ARGV: visitor burst, per second, shop burst, per second, cost.
// Returns {0, 0} when admitted, {1 | 2, retry-after seconds} when the visitor's | shop's bucket is short.
const ADMIT_SCRIPT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local cost = tonumber(ARGV[5])
local function level(key, burst, rate)
  local b = redis.call('HMGET', key, 't', 'a')
  local tokens, at = tonumber(b[1]), tonumber(b[2])
  if tokens == nil or at == nil then return burst end
  return math.min(burst, tokens + math.max(0, now - at) / 1000 * rate)
end
local limits = {{tonumber(ARGV[1]), tonumber(ARGV[2])}, {tonumber(ARGV[3]), tonumber(ARGV[4])}}
local levels = {}
for i = 1, 2 do
  local burst, rate = limits[i][1], limits[i][2]
  levels[i] = level(KEYS[i], burst, rate)
  local spend = math.min(cost, burst)
  if levels[i] < spend then return {i, math.max(1, math.ceil((spend - levels[i]) / rate))} end
end
for i = 1, 2 do
  local burst, rate = limits[i][1], limits[i][2]
  redis.call('HSET', KEYS[i], 't', tostring(levels[i] - math.min(cost, burst)), 'a', tostring(now))
  redis.call('PEXPIRE', KEYS[i], math.ceil(burst / rate * 1000) + 1000)
end
return {0, 0}
`;

type AdmitCommand = {
  chatliftAdmit(visitorKey: string, shopKey: string, ...args: number[]): Promise<[number, number]>;
};

const defined = new WeakSet<Redis>();
let lastFallbackSaidAt = 0;

/** `name` keeps one route's buckets apart from another's (events, questions). */
export function bucketPair(name: string, visitorLimit: BucketLimit, shopLimit: BucketLimit): BucketPair {
  const visitors = new RateLimiter(visitorLimit);
  const shops = new RateLimiter(shopLimit);
  const locally = (shopDomain: string, visitorId: string, cost: number, nowMs: number): PairAdmission => {
    const visitorKey = `${shopDomain}/${visitorId}`;
    const visitor = visitors.take(visitorKey, cost, nowMs);
    if (!visitor.ok) return { ok: false, scope: "visitor", retryAfterS: visitor.retryAfterS };
    const shop = shops.take(shopDomain, cost, nowMs);
    if (shop.ok) return { ok: true };
    visitors.refund(visitorKey, cost, nowMs);
    return { ok: false, scope: "shop", retryAfterS: shop.retryAfterS };
  };
  return {
    forgetLocal() {
      visitors.clear();
      shops.clear();
    },
    async admit(shopDomain, visitorId, cost, nowMs) {
      const redis = sharedRedis();
      if (!redis) return locally(shopDomain, visitorId, cost, nowMs);
      if (!defined.has(redis)) {
        redis.defineCommand("chatliftAdmit", { numberOfKeys: 2, lua: ADMIT_SCRIPT });
        defined.add(redis);
      }
      // The shop in braces: both keys hash to one slot, as a script on a Redis Cluster requires.
      const base = redisKey("limits", name, `{${shopDomain}}`);
      try {
        const [verdict, retryAfterS] = await (redis as unknown as AdmitCommand).chatliftAdmit(
          `${base}:visitor:${visitorId}`,
          `${base}:shop`,
          visitorLimit.burst,
          visitorLimit.perSecond,
          shopLimit.burst,
          shopLimit.perSecond,
          cost,
        );
        if (verdict === 0) return { ok: true };
        return { ok: false, scope: verdict === 1 ? "visitor" : "shop", retryAfterS };
      } catch (error) {
        if (Date.now() - lastFallbackSaidAt > 60_000) {
          lastFallbackSaidAt = Date.now();
          console.error(`[limits] Redis did not answer (${(error as Error).message}): counting in this instance alone`);
        }
        return locally(shopDomain, visitorId, cost, nowMs);
      }
    },
  };
}
