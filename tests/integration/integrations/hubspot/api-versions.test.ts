/**
 * The HubSpot API version decision (app/integrations/hubspot/api-versions.ts), held by a test: every
 * request the adapter sends, for every operation it has (scripts/hubspot-spec/drive.ts makes each
 * once), is on HubSpot's date-based paths of the one version api-versions.ts names, except the named
 * numbered exceptions, and none of those is within SUNSET_WARNING_DAYS of its end (today's real
 * date: this guard exists to fail in time).
 */
import { describe, expect, it } from "vitest";
import {
  HUBSPOT_API_VERSION,
  HUBSPOT_NUMBERED_EXCEPTIONS,
  SUNSET_WARNING_DAYS,
  hubspotPath,
  isDateBasedPath,
} from "../../../../app/integrations/hubspot/api-versions";
import { driveAdapter } from "../../../../scripts/hubspot-spec/drive";

const DAY = 86_400_000;

describe("HubSpot API versions", () => {
  it("GIVEN a family and a rest WHEN the path is built THEN it carries the one version, and is recognised as dated", () => {
    expect(hubspotPath("crm/objects", "contacts/batch/upsert")).toBe(
      `/crm/objects/${HUBSPOT_API_VERSION}/contacts/batch/upsert`,
    );
    expect(hubspotPath("crm/owners")).toBe(`/crm/owners/${HUBSPOT_API_VERSION}`);
    expect(hubspotPath("oauth", "/token")).toBe(`/oauth/${HUBSPOT_API_VERSION}/token`);
    expect(isDateBasedPath(hubspotPath("events", "send/batch"))).toBe(true);
    expect(isDateBasedPath("/crm/v3/objects/contacts/batch/upsert")).toBe(false);
    expect(isDateBasedPath("/crm/v4/associations/tasks/contacts/batch/associate/default")).toBe(false);
  });

  it("GIVEN every operation of the adapter WHEN it calls the sandbox THEN each path is on the named version or a named exception", async () => {
    const requests = await driveAdapter();
    const paths = [...new Set(requests.map((request) => request.path))].filter((path) => path !== "/oauth/authorize");
    expect(paths.length).toBeGreaterThan(20);
    const exceptions = new Set(HUBSPOT_NUMBERED_EXCEPTIONS.map((exception) => exception.path));
    const numbered = paths.filter((path) => !exceptions.has(path) && !isDateBasedPath(path));
    expect(numbered, "every HubSpot call goes through hubspotPath (api-versions.ts)").toEqual([]);
    const otherVersion = paths.filter((path) => isDateBasedPath(path) && !path.includes(`/${HUBSPOT_API_VERSION}`));
    expect(otherVersion).toEqual([]);
    // The footprint looks before it creates: a GET may find nothing (404); nothing else may be refused.
    const refused = requests.filter(
      (request) => request.status >= 400 && !(request.method === "GET" && request.status === 404),
    );
    expect(refused.map((request) => `${request.method} ${request.path} ${request.status}`)).toEqual([]);
  });

  it("GIVEN the numbered paths still called on purpose THEN none is within the warning period of its end", () => {
    const soon = HUBSPOT_NUMBERED_EXCEPTIONS.filter(
      (exception) => Date.parse(exception.endsOn) - Date.now() < SUNSET_WARNING_DAYS * DAY,
    );
    expect(soon, "move these to a date-based path (or drop them) before HubSpot ends them").toEqual([]);
  });
});
