import { describe, expect, it } from "vitest";
import { retryAfterOf, toCrmError } from "../../../app/integrations/hubspot/hubspot-adapter.server";
import { MIGRATION_WAIT_MS, nextStep } from "../../../app/sync/retry-policy";
import { NOW, NOW_MS } from "../../support/clock";

const context = { now: NOW, timeZone: "UTC", random: () => 0.5 };

describe("HubSpot's 477 Migration in Progress", () => {
  it("GIVEN a 477 with Retry-After 3600 THEN a retryable 'migrating' error that pauses the account an hour, whatever the attempt", () => {
    const error = toCrmError({ code: 477, body: { message: "migrating" }, headers: { "retry-after": "3600" } });
    expect(error).toMatchObject({ kind: "migrating", status: 477, retryAfterMs: 3_600_000, retryable: true });
    for (const attempt of [1, 8, 20])
      expect(nextStep(error, attempt, context)).toEqual({
        action: "pause_account",
        until: new Date(NOW_MS + 3_600_000),
      });
  });

  it("GIVEN a 477 without Retry-After THEN the account is looked at again in a few minutes", () => {
    expect(nextStep(toCrmError({ code: 477, body: {} }), 1, context)).toEqual({
      action: "pause_account",
      until: new Date(NOW_MS + MIGRATION_WAIT_MS),
    });
  });

  it.each([
    [{ "Retry-After": "120" }, 120_000],
    [{ "retry-after": new Date(NOW_MS + 90_000).toUTCString() }, 90_000],
    [{ "retry-after": "soon" }, undefined],
    [{}, undefined],
  ])("GIVEN Retry-After %j THEN %s ms", (headers, ms) => {
    expect(retryAfterOf(headers, NOW_MS)).toBe(ms);
  });
});
