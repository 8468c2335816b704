/**
 * The one place that names the HubSpot API versions ChatLift calls, and when HubSpot ends each.
 * Decision (issue #15 item 8): ChatLift stays on the numbered paths SDK 14 calls for now (its typed
 * clients know no others, and the date-based paths, e.g. /crm/objects/2026-03/…, are a different
 * shape for every endpoint), and moves each family to its date-based path (2026-03 or later,
 * through the SDK's `apiRequest` where its clients lag) before the date below. A test fails
 * SUNSET_WARNING_DAYS before a sunset while any request still uses that family, so the move cannot
 * be forgotten: the v4 associations call is first (HubSpot ends v4 support on 2027-03-30).
 */
export const SUNSET_WARNING_DAYS = 60;

/** Path prefix → the last day HubSpot supports it (v1–v3 and legacy apps: "September 2027", its first day here). */
export const HUBSPOT_API_SUNSETS: ReadonlyArray<{ prefix: string; endsOn: string }> = [
  { prefix: "/crm/v4/", endsOn: "2027-03-30" },
  { prefix: "/crm/v3/", endsOn: "2027-09-01" },
  { prefix: "/events/v3/", endsOn: "2027-09-01" },
  { prefix: "/account-info/v3/", endsOn: "2027-09-01" },
  { prefix: "/oauth/v1/", endsOn: "2027-09-01" },
  { prefix: "/oauth/v2/", endsOn: "2027-09-01" },
];

/** The sunset of the API family a request path belongs to, or null when this file names none for it. */
export function sunsetOf(path: string): string | null {
  return HUBSPOT_API_SUNSETS.find((entry) => path.startsWith(entry.prefix))?.endsOn ?? null;
}
