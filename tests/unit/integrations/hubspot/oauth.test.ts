import { describe, expect, it } from "vitest";
import {
  createState,
  installUrl,
  needsRefresh,
  STATE_TTL_MS,
  tokensFromGrant,
  verifyState,
} from "../../../../app/integrations/hubspot/oauth";
import { limiterSettingsFor } from "../../../../app/integrations/hubspot/rate-pacing";
import { NOW } from "../../../support/clock";

const SECRET = "app-secret";

describe("OAuth state", () => {
  const state = createState("shop-one.myshopify.com", SECRET, NOW, "nonce123");

  it("GIVEN the state we issued THEN the callback learns the shop", () => {
    expect(verifyState(state, SECRET, new Date(NOW.getTime() + 60_000), "shop-one.myshopify.com")).toEqual({
      ok: true,
      shop: "shop-one.myshopify.com",
    });
  });

  it.each([
    ["missing", null, NOW, undefined, "state is missing or malformed"],
    [
      "forged",
      state.replace(/.$/, (last) => (last === "A" ? "B" : "A")),
      NOW,
      undefined,
      "state signature does not match",
    ],
    [
      "expired",
      state,
      new Date(NOW.getTime() + STATE_TTL_MS + 1),
      undefined,
      "state has expired; start the connection again",
    ],
    ["another shop's", state, NOW, "shop-two.myshopify.com", "state was issued for another shop"],
  ])("GIVEN a %s state THEN it is refused", (_, given, at, shop, reason) => {
    expect(verifyState(given, SECRET, at, shop)).toEqual({ ok: false, reason });
  });

  it("GIVEN the install URL THEN it names client, redirect, scopes and state", () => {
    const url = new URL(
      installUrl({
        clientId: "cid",
        redirectUri: "https://app.example/hubspot/callback",
        state,
        authorizeUrl: "http://127.0.0.1:4010/oauth/authorize",
      }),
    );
    expect(url.origin + url.pathname).toBe("http://127.0.0.1:4010/oauth/authorize");
    expect(url.searchParams.get("client_id")).toBe("cid");
    expect(url.searchParams.get("redirect_uri")).toBe("https://app.example/hubspot/callback");
    expect(url.searchParams.get("scope")).toContain("crm.objects.contacts.write");
    expect(url.searchParams.get("optional_scope")).toBe(
      "behavioral_events.event_definitions.read_write analytics.behavioral_events.send tickets crm.objects.orders.read crm.objects.orders.write crm.schemas.orders.read crm.schemas.orders.write",
    );
    expect(url.searchParams.get("state")).toBe(state);
  });
});

describe("refresh ahead of expiry", () => {
  const tokens = tokensFromGrant({ accessToken: "a", refreshToken: "r", expiresInSeconds: 1800 }, NOW);

  it.each([
    [0, false],
    [24 * 60_000, false],
    [25 * 60_000, true],
    [31 * 60_000, true],
  ])("GIVEN %i ms after the grant THEN refresh is %s", (elapsed, expected) => {
    expect(needsRefresh(tokens, new Date(NOW.getTime() + elapsed))).toBe(expected);
  });

  it("GIVEN a static token THEN it is never refreshed", () => {
    expect(needsRefresh({ mode: "static", accessToken: "pat" }, NOW)).toBe(false);
  });
});

describe("pacing for the account's limit", () => {
  it.each([
    [100, 104],
    [110, 95],
    [190, 55],
  ])(
    "GIVEN %i requests per 10 s THEN requests start %i ms apart, never more than the limit in any 10 s",
    (limit, minTime) => {
      const settings = limiterSettingsFor(limit);
      expect(settings.minTime).toBe(minTime);
      expect(Math.floor(10_000 / settings.minTime) + 1).toBeLessThanOrEqual(limit);
    },
  );

  it("GIVEN two workers THEN each takes half the limit", () => {
    expect(limiterSettingsFor(110, { workers: 2 }).minTime).toBe(Math.ceil(10_000 / 53));
  });
});
