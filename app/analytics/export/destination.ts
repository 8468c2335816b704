/** Why: the export's names shared by its job, its settings and the admin: one spelling of each. */
export const DESTINATION_KINDS = ["ga4", "mixpanel"] as const;
export type DestinationKind = (typeof DESTINATION_KINDS)[number];

export const EXPORT_JOB = "analytics.export";
export const exportJobKey = (shopDomain: string, kind: string) => `${shopDomain}|${kind}`;

/**
 * Events are exported once they were received this long ago: every write received before them has
 * committed by then (cursor.server.ts), and the pixel, which reports the visitor's consent a moment
 * after the chat starts, has been heard before the export decides.
 */
export const EXPORT_LAG_MS = 2 * 60_000;
/** How often an enabled destination looks for new events when it has caught up. */
export const EXPORT_EVERY_MS = 60_000;
/** Events read per run; a full page runs again at once. */
export const EXPORT_PAGE = 2000;
/** A first export reaches back this far (by receipt): GA4 refuses events older than 72 hours. */
export const FIRST_EXPORT_REACH_MS = 71 * 3_600_000;
/** Mixpanel records per /import request (its limit is 2,000 and 10 MB). */
export const MIXPANEL_BATCH = 1000;
