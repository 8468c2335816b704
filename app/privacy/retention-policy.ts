/**
 * What data retention means for a shop, pure: the cutoff a shop's retention days give at a
 * moment, and when the daily sweep runs next. Storefront data (events, chat sessions,
 * micro-conversions) and leads older than the cutoff go; orders and credits follow Shopify's
 * own data (privacy webhooks), and HubSpot contacts are the merchant's to manage in HubSpot.
 */
export const DAY_MS = 86_400_000;

/** Rows whose last activity is before this are deleted. */
export function retentionCutoff(now: Date, retentionDays: number): Date {
  if (!Number.isInteger(retentionDays) || retentionDays < 1)
    throw new RangeError(`retention must be a whole number of days, got ${retentionDays}`);
  return new Date(now.getTime() - retentionDays * DAY_MS);
}

/**
 * The next sweep: the next 03:00 UTC after `now`, a quiet hour for most storefronts, so a
 * restart or a late run never makes sweeps drift through the day.
 */
export function nextSweepAt(now: Date, hourUtc = 3): Date {
  const next = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), hourUtc));
  return next.getTime() > now.getTime() ? next : new Date(next.getTime() + DAY_MS);
}

export type RetentionReport = {
  shopDomain: string;
  cutoff: string;
  events: number;
  microConversions: number;
  chatSessions: number;
  leads: number;
  routingDecisions: number;
  /** Pending routing actions (tasks, deals, events) of the deleted leads. */
  routingActions: number;
  /** Rollup visitors (pseudonymous id → their orders) idle since the cutoff. */
  visitors: number;
  /** Days of the language model's rephrasing counts (AnswerLlmUsage) before the cutoff. */
  llmUsageDays: number;
  /** Old leads kept because a HubSpot sync for them is still waiting or parked. */
  leadsKeptForSync: number;
};
