/**
 * The HubSpot API versions decision (app/integrations/hubspot/api-versions.ts), held by a test: every
 * kind of request the adapter sends belongs to a family with a named sunset, none is within
 * SUNSET_WARNING_DAYS of it (today's real date: this guard exists to fail in time), and ChatLift asks
 * for no HubSpot Orders scope while it writes no orders (the Orders decision in the README).
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { HUBSPOT_API_SUNSETS, SUNSET_WARNING_DAYS, sunsetOf } from "../../../../app/integrations/hubspot/api-versions";
import { createHubSpotCrm } from "../../../../app/integrations/hubspot/hubspot-adapter.server";
import { HUBSPOT_OPTIONAL_SCOPES, HUBSPOT_SCOPES } from "../../../../app/integrations/hubspot/oauth";
import { startHubSpotSandbox, type HubSpotSandbox } from "../../../../sandbox/hubspot";

let sandbox: HubSpotSandbox;
beforeEach(async () => {
  sandbox = await startHubSpotSandbox({ customEvents: true });
});
afterEach(() => sandbox.close());

const DAY = 86_400_000;

describe("HubSpot API versions", () => {
  it("GIVEN the adapter's calls THEN each path's family has a sunset more than the warning period away", async () => {
    const crm = createHubSpotCrm({ accessToken: "pat-sandbox", basePath: sandbox.url, attempts: 1 });
    await crm.getAccountInfo();
    await crm.getGrantedScopes("static");
    const [ada] = await crm.upsertContacts([{ email: "ada@example.com", properties: { lifecyclestage: "lead" } }]);
    const [taskId] = await crm.createTasks([{ subject: "Call", dueAt: "2026-12-05T12:00:00.000Z" }]);
    await crm.associate("tasks", "contacts", [{ fromId: taskId ?? "", toId: ada?.contactId ?? "" }]);
    await crm.listOwners();

    const paths = [...new Set(sandbox.requests.map((request) => request.path))];
    expect(paths.filter((path) => sunsetOf(path) === null)).toEqual([]);
    const soon = paths.filter((path) => Date.parse(sunsetOf(path) as string) - Date.now() < SUNSET_WARNING_DAYS * DAY);
    expect(soon, `move these to HubSpot's date-based paths before ${HUBSPOT_API_SUNSETS[0]?.endsOn}`).toEqual([]);
  });

  it("GIVEN ChatLift writes deals, not HubSpot orders THEN it asks for no orders scope", () => {
    expect([...HUBSPOT_SCOPES, ...HUBSPOT_OPTIONAL_SCOPES].filter((scope) => scope.includes("orders"))).toEqual([]);
  });
});
