/**
 * HubSpot's two request limits per account: a rolling window (100, 110 or 190 requests per
 * 10 s depending on the app and tier) and a daily cap. The window is rolling, not fixed: a
 * request counts against every window that contains it, so a burst at the end of one "window"
 * and another at the start of the next is refused.
 */
import type { RateLimitPolicy } from "./errors";

export type LimitOptions = { tenSecondLimit: number; windowMs: number; dailyLimit: number };

export class AccountLimits {
  private accepted: number[] = [];
  private head = 0;
  private usedToday = 0;

  constructor(private options: LimitOptions) {}

  configure(options: Partial<LimitOptions>): void {
    this.options = { ...this.options, ...options };
  }

  get settings(): LimitOptions {
    return { ...this.options };
  }

  /** Counts the request when it fits both limits; otherwise names the policy it broke. */
  take(now: number): RateLimitPolicy | null {
    if (this.usedToday >= this.options.dailyLimit) return "DAILY";
    while (this.head < this.accepted.length && (this.accepted[this.head] as number) <= now - this.options.windowMs)
      this.head += 1;
    if (this.head > 1024) {
      this.accepted = this.accepted.slice(this.head);
      this.head = 0;
    }
    if (this.accepted.length - this.head >= this.options.tenSecondLimit) return "TEN_SECONDLY_ROLLING";
    this.accepted.push(now);
    this.usedToday += 1;
    return null;
  }

  headers(now: number): Record<string, string> {
    const inWindow = this.accepted.filter((at) => at > now - this.options.windowMs).length;
    return {
      "x-hubspot-ratelimit-interval-milliseconds": String(this.options.windowMs),
      "x-hubspot-ratelimit-max": String(this.options.tenSecondLimit),
      "x-hubspot-ratelimit-remaining": String(Math.max(0, this.options.tenSecondLimit - inWindow)),
      "x-hubspot-ratelimit-daily": String(this.options.dailyLimit),
      "x-hubspot-ratelimit-daily-remaining": String(Math.max(0, this.options.dailyLimit - this.usedToday)),
    };
  }

  /** HubSpot resets the daily count at midnight in the account's time zone; tests call this instead. */
  resetDay(): void {
    this.usedToday = 0;
  }
}
