/**
 * Token buckets keyed by visitor or shop, in memory, for the storefront's app-proxy routes
 * (events, answers, order-status attempts). A visitor's widget sends a few requests a minute; a
 * flood from one visitor id (a script) or one shop (a bot wave) is answered with 429 and
 * Retry-After before it reaches the database. Per process; shared-buckets.server.ts puts the
 * ingest buckets on Redis when REDIS_URL is set and falls back to these otherwise.
 */
export interface BucketLimit {
  /** Tokens a quiet key may spend at once. */
  burst: number;
  /** Tokens added back per second. */
  perSecond: number;
}

export type Admission = { ok: true } | { ok: false; retryAfterS: number };

interface Bucket {
  tokens: number;
  at: number;
}

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private takesSinceSweep = 0;

  constructor(
    private readonly limit: BucketLimit,
    /** Above this many keys, buckets that have refilled completely are forgotten. */
    private readonly maxKeys = 100_000,
  ) {}

  /** Spends `cost` tokens of `key` if it has them; otherwise says when it will. */
  take(key: string, cost: number, nowMs: number): Admission {
    const spend = Math.min(cost, this.limit.burst);
    const bucket = this.refilled(key, nowMs);
    if (bucket.tokens >= spend) {
      bucket.tokens -= spend;
      this.buckets.set(key, bucket);
      this.sweepNow(nowMs);
      return { ok: true };
    }
    return { ok: false, retryAfterS: Math.max(1, Math.ceil((spend - bucket.tokens) / this.limit.perSecond)) };
  }

  /** Gives tokens back (the request was refused by a later check and stored nothing). */
  refund(key: string, cost: number, nowMs: number): void {
    const bucket = this.refilled(key, nowMs);
    bucket.tokens = Math.min(this.limit.burst, bucket.tokens + cost);
    this.buckets.set(key, bucket);
  }

  clear(): void {
    this.buckets.clear();
  }

  get size(): number {
    return this.buckets.size;
  }

  private refilled(key: string, nowMs: number): Bucket {
    const bucket = this.buckets.get(key);
    if (!bucket) return { tokens: this.limit.burst, at: nowMs };
    const elapsedS = Math.max(0, nowMs - bucket.at) / 1000;
    return { tokens: Math.min(this.limit.burst, bucket.tokens + elapsedS * this.limit.perSecond), at: nowMs };
  }

  private sweepNow(nowMs: number): void {
    this.takesSinceSweep += 1;
    if (this.buckets.size <= this.maxKeys && this.takesSinceSweep < 10_000) return;
    this.takesSinceSweep = 0;
    for (const [key, bucket] of this.buckets) {
      if (bucket.tokens + ((nowMs - bucket.at) / 1000) * this.limit.perSecond >= this.limit.burst)
        this.buckets.delete(key);
    }
  }
}
