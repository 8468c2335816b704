/**
 * How fast one account may be called. HubSpot counts requests in a rolling window (10 s): a
 * fixed-window reservoir would allow a full window's worth at the end of one window and again at
 * the start of the next, which the rolling window refuses. Even spacing never does: with starts
 * `minTime` apart, any 10 s holds at most `window / minTime + 1` of them. A small headroom absorbs
 * the jitter between when a request leaves and when HubSpot counts it.
 */

/** OAuth (public) apps: 110 per 10 s; private apps / service keys: 100 (Free/Starter) or 190 (Pro/Enterprise). */
export const TEN_SECOND_LIMITS = [100, 110, 190] as const;
export const RATE_WINDOW_MS = 10_000;
export const PACING_HEADROOM = 0.97;

export type LimiterSettings = { minTime: number; maxConcurrent: number; id: string };

export function limiterSettingsFor(
  tenSecondLimit: number,
  options: { windowMs?: number; headroom?: number; workers?: number } = {},
): LimiterSettings {
  if (!Number.isInteger(tenSecondLimit) || tenSecondLimit < 1)
    throw new Error(`tenSecondLimit must be a positive integer, got ${tenSecondLimit}`);
  const windowMs = options.windowMs ?? RATE_WINDOW_MS;
  const headroom = options.headroom ?? PACING_HEADROOM;
  // Several workers calling the same account share its limit.
  const share = (tenSecondLimit * headroom) / Math.max(1, options.workers ?? 1);
  const minTime = Math.ceil(windowMs / Math.max(1, Math.floor(share)));
  // Enough requests in flight that a slow answer does not idle the pacing, few enough to stay polite.
  const maxConcurrent = Math.max(1, Math.min(8, Math.ceil(share / 20)));
  return { minTime, maxConcurrent, id: `hubspot-${tenSecondLimit}-per-${windowMs}ms` };
}

/** Requests per second this pacing allows at most: what a benchmark compares itself to. */
export function pacedRequestsPerSecond(settings: LimiterSettings): number {
  return 1000 / settings.minTime;
}
