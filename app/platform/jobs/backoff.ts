/**
 * When a failed job runs again: exponential (base × 2^(attempt−1)), capped, with "equal jitter"
 * (a random point in the upper half) so jobs that failed together, say during an outage of the
 * same API, do not all come back in the same second.
 */
export interface BackoffPolicy {
  baseMs: number;
  maxMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 5_000, maxMs: 60 * 60_000 };

/** `attempt` is the number of the attempt that just failed, from 1. */
export function retryDelayMs(
  attempt: number,
  random: () => number = Math.random,
  policy: BackoffPolicy = DEFAULT_BACKOFF,
): number {
  const ceiling = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

/**
 * Thrown by a handler that cannot run yet through no fault of the job (an API's daily limit,
 * a rate limit with a known reset): the job waits until `until` without spending an attempt,
 * and with `pauseKind` every job of its kind waits too.
 */
export class JobDeferral extends Error {
  override name = "JobDeferral";
  constructor(
    readonly until: Date,
    readonly reason: string,
    readonly pauseKind = false,
  ) {
    super(reason);
  }
}

/** One line of error for the job's row: enough to act on, never a whole stack. */
export function describeError(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text.length > 2000 ? `${text.slice(0, 2000)}…` : text;
}
