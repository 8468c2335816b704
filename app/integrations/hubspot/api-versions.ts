/**
 * The one place that names the HubSpot API version ChatLift calls (issue #15 item 8). HubSpot ends
 * its numbered paths (v4 associations on 2027-03-30, v1–v3 and legacy apps in September 2027), so
 * every call is on the date-based paths (/crm/objects/2026-03/…), each built by `hubspotPath` below:
 * moving to a later version is one edit here, plus whatever request bodies that version changes
 * (2026-03: a property option needs its displayOrder). SDK 14's typed clients hard-code the numbered
 * paths, so calls go through the SDK's own request pieces (sdk-request.server.ts says why and how).
 *
 * OAuth is dated too: code exchange and refresh on `/oauth/2026-03/token`, an OAuth token's scopes from
 * `/oauth/2026-03/token/introspect`. One numbered call stays, listed below: a pasted private app token's
 * scopes come from `/oauth/v2/private-apps/get/access-token-info`, which HubSpot publishes in no dated
 * (nor any OpenAPI) form, and the dated introspection needs an OAuth app's client id and secret, which a
 * pasted token has not. A test fails SUNSET_WARNING_DAYS before an exception's end, and on any request
 * off the named version.
 */
export const HUBSPOT_API_VERSION = "2026-03";

/** The API families ChatLift calls; each path is `/<family>/<version>/<rest>`. */
export type HubSpotApiFamily =
  | "crm/objects"
  | "crm/associations"
  | "crm/properties"
  | "crm/pipelines"
  | "crm/owners"
  | "events"
  | "account-info"
  | "oauth";

/** The date-based path of `rest` in `family`, e.g. ("crm/objects", "contacts/batch/upsert"). */
export function hubspotPath(family: HubSpotApiFamily, rest = ""): string {
  const tail = rest.replace(/^\/+/, "");
  return `/${family}/${HUBSPOT_API_VERSION}${tail ? `/${tail}` : ""}`;
}

/** Whether a request path is on a date-based version (a `YYYY-MM` segment right after its family). */
export function isDateBasedPath(path: string): boolean {
  return /^\/[a-z-]+(?:\/[a-z-]+)?\/\d{4}-\d{2}(?:\/|$|\?)/.test(path);
}

export const SUNSET_WARNING_DAYS = 60;

/** Numbered paths still called on purpose (see above), with the day HubSpot ends them ("September 2027": its first day). */
export const HUBSPOT_NUMBERED_EXCEPTIONS: ReadonlyArray<{ path: string; endsOn: string }> = [
  { path: "/oauth/v2/private-apps/get/access-token-info", endsOn: "2027-09-01" },
];
