/**
 * What the outbox does after a failed HubSpot call: retry later with exponential backoff and
 * jitter, pause the whole account until HubSpot's daily limit resets, or park the job with its
 * error once retrying cannot help (bad data) or has been tried `maxAttempts` times.
 */
import { nextMidnight } from "../analytics/days";
import type { CrmErrorKind } from "../integrations/hubspot/crm-port";

export type RetryOptions = {
  baseDelayMs: number;
  maxDelayMs: number;
  maxAttempts: number;
  /** A 429 on the rolling window: wait about one window. */
  rateWindowMs: number;
};

export const DEFAULT_RETRY: RetryOptions = {
  baseDelayMs: 2_000,
  maxDelayMs: 15 * 60_000,
  maxAttempts: 8,
  rateWindowMs: 10_000,
};

export type FailureLike = { kind: CrmErrorKind; message: string; retryAfterMs?: number };

/** A migrating account without a Retry-After: look again in a few minutes (HubSpot says up to 24 hours). */
export const MIGRATION_WAIT_MS = 5 * 60_000;

export type NextStep =
  { action: "retry"; at: Date } | { action: "pause_account"; until: Date } | { action: "park"; reason: string };

/** Never retried: HubSpot will refuse the same data again, or the connection needs the merchant. */
const PERMANENT: ReadonlySet<CrmErrorKind> = new Set(["validation", "conflict", "auth", "forbidden", "not_found"]);

/**
 * "Equal jitter": half the exponential delay is fixed, half random, so retries spread out (no
 * thundering herd after an outage) but never come back immediately. `random` is in [0, 1).
 */
export function backoffDelayMs(
  attempt: number,
  options: Pick<RetryOptions, "baseDelayMs" | "maxDelayMs">,
  random: () => number,
): number {
  const exponential = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(exponential / 2 + random() * (exponential / 2));
}

/** HubSpot resets daily limits at midnight in the account's time zone. */
export function nextDailyReset(now: Date, timeZone: string): Date {
  return new Date(nextMidnight(now.getTime(), timeZone));
}

export function nextStep(
  failure: FailureLike,
  attempt: number,
  context: { now: Date; timeZone: string; random: () => number },
  options: RetryOptions = DEFAULT_RETRY,
): NextStep {
  if (failure.kind === "daily_limit") {
    // A minute past midnight: HubSpot's reset and our clock need not agree to the second.
    return {
      action: "pause_account",
      until: new Date(nextDailyReset(context.now, context.timeZone).getTime() + 60_000),
    };
  }
  if (failure.kind === "migrating") {
    // The whole account is moving between data centres: nothing of it can be written until HubSpot says.
    return {
      action: "pause_account",
      until: new Date(context.now.getTime() + (failure.retryAfterMs ?? MIGRATION_WAIT_MS)),
    };
  }
  if (PERMANENT.has(failure.kind)) return { action: "park", reason: `${failure.kind}: ${failure.message}` };
  if (attempt >= options.maxAttempts)
    return { action: "park", reason: `gave up after ${attempt} attempts: ${failure.kind}: ${failure.message}` };
  const delay =
    failure.kind === "rate_limited"
      ? options.rateWindowMs + Math.round(context.random() * options.rateWindowMs * 0.5)
      : backoffDelayMs(attempt, options, context.random);
  return { action: "retry", at: new Date(context.now.getTime() + delay) };
}
