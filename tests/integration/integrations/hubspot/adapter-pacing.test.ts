/**
 * Every call now goes through the SDK's request pieces (sdk-request.server.ts), so the pacing that
 * keeps a portal under HubSpot's rolling limit must be the shop client's own: as shipped, the SDK's
 * `apiRequest` would pace by whichever client was built last (another portal's, with another limit).
 */
import { afterEach, describe, expect, it } from "vitest";
import { createHubSpotCrm } from "../../../../app/integrations/hubspot/hubspot-adapter.server";
import { startHubSpotSandbox, type HubSpotSandbox } from "../../../../sandbox/hubspot";

const sandboxes: HubSpotSandbox[] = [];
afterEach(async () => {
  await Promise.all(sandboxes.splice(0).map((sandbox) => sandbox.close()));
});

describe("adapter pacing on the date-based paths", () => {
  it("GIVEN a portal with a small limit WHEN a faster portal's client is built after it THEN the first still paces to its own limit (no 429)", async () => {
    const slow = await startHubSpotSandbox({ tenSecondLimit: 8, windowMs: 1000 });
    const fast = await startHubSpotSandbox({ tenSecondLimit: 1000, windowMs: 1000 });
    sandboxes.push(slow, fast);
    const slowCrm = createHubSpotCrm({
      accessToken: "pat-sandbox",
      basePath: slow.url,
      tenSecondLimit: 8,
      windowMs: 1000,
      attempts: 1,
    });
    createHubSpotCrm({
      accessToken: "pat-sandbox",
      basePath: fast.url,
      tenSecondLimit: 1000,
      windowMs: 1000,
      attempts: 1,
    });

    await Promise.all(Array.from({ length: 20 }, () => slowCrm.getAccountInfo()));

    expect(slow.requestsTo("GET", "/account-info/2026-03/details")).toHaveLength(20);
    expect(slow.count429()).toBe(0);
  });
});
