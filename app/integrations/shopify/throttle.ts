/**
 * Pacing by the Admin GraphQL cost throttle, pure. Shopify keeps a leaky bucket per app and shop and reports
 * it with every answer (`extensions.cost.throttleStatus`); a request whose requested cost the bucket cannot
 * pay is answered THROTTLED. Waiting before sending, from the last report, avoids most of those answers; the
 * rest are waited out with the same arithmetic.
 */
export interface ThrottleStatus {
  maximumAvailable: number;
  currentlyAvailable: number;
  /** Points restored per second. */
  restoreRate: number;
}

export interface QueryCost {
  requestedQueryCost?: number | null;
  actualQueryCost?: number | null;
  throttleStatus?: ThrottleStatus;
}

/** A bucket as last reported, and when. */
export interface BucketReading {
  status: ThrottleStatus;
  atMs: number;
}

/** Points in the bucket now, given a reading taken earlier (it refills at restoreRate, up to its maximum). */
export function availableNow(reading: BucketReading, nowMs: number): number {
  const { status } = reading;
  const elapsedSeconds = Math.max(0, nowMs - reading.atMs) / 1000;
  return Math.min(status.maximumAvailable, status.currentlyAvailable + elapsedSeconds * status.restoreRate);
}

/**
 * How long to wait before a request that will ask for `cost` points. No reading yet: send and learn.
 * A cost beyond the bucket's size can never be paid: that is a query to split, not a wait.
 */
export function waitBeforeRequestMs(reading: BucketReading | null, cost: number, nowMs: number): number {
  if (!reading || cost <= 0) return 0;
  const { status } = reading;
  if (cost > status.maximumAvailable) {
    throw new RangeError(`a query costing ${cost} points can never run in a bucket of ${status.maximumAvailable}`);
  }
  if (!(status.restoreRate > 0))
    throw new RangeError(`a bucket restoring ${status.restoreRate} points/s never refills`);
  const available = availableNow(reading, nowMs);
  if (available >= cost) return 0;
  return Math.ceil(((cost - available) / status.restoreRate) * 1000);
}

interface ErrorLike {
  message?: unknown;
  extensions?: { code?: unknown } | null;
}

/**
 * Shopify answers a throttled request with HTTP 200 and an error whose code is THROTTLED. The body is Shopify's
 * own (`errors` a list) from a bare client; the library's `admin.graphql` throws it wrapped, the list then
 * under `errors.graphQLErrors`.
 */
export function isThrottledAnswer(body: unknown): boolean {
  const errors = (body as { errors?: unknown } | null)?.errors;
  const list = Array.isArray(errors) ? errors : (errors as { graphQLErrors?: unknown } | null)?.graphQLErrors;
  if (!Array.isArray(list)) return false;
  return list.some((error: ErrorLike) => error?.extensions?.code === "THROTTLED" || error?.message === "Throttled");
}

/** The cost report of an answer, if it has one. */
export function costOf(body: unknown): QueryCost | null {
  const cost = (body as { extensions?: { cost?: QueryCost } } | null)?.extensions?.cost;
  return cost && typeof cost === "object" ? cost : null;
}
