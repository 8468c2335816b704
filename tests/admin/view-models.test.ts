import { describe, expect, it } from "vitest";
import { appEmbedDeepLink, numericId, orderAdminUrl } from "../../app/admin/ui/links";
import { buildDashboard, dashboardCsv, parseSelection } from "../../app/admin/dashboard/dashboard";
import { widgetWeight } from "../../app/admin/settings/widget-weight";
import { emptyRollup } from "../../app/analytics/rollup";
import { lift } from "../../app/analytics/lift";

const noOutcome = { visitors: 0, convertingVisitors: 0, revenue: { n: 0, sum: 0, sumOfSquares: 0 } };

describe("admin view models", () => {
  it.each([
    ["gid://shopify/Order/5001", "5001"],
    ["5001", "5001"],
    ["gid://shopify/Order/", null],
  ])("numericId(%s) is %s", (gid, expected) => {
    expect(numericId(gid)).toBe(expected);
  });

  it("links an order into Shopify admin by store handle, and nothing for a malformed id", () => {
    expect(orderAdminUrl("harbor-supply.myshopify.com", "gid://shopify/Order/42")).toBe(
      "https://admin.shopify.com/store/harbor-supply/orders/42",
    );
    expect(orderAdminUrl("harbor-supply.myshopify.com", "not-an-order")).toBeNull();
  });

  it("builds the app embed deep link from the shop, key and block handle", () => {
    expect(appEmbedDeepLink("harbor-supply.myshopify.com", "abc123", "chatlift-embed")).toBe(
      "https://harbor-supply.myshopify.com/admin/themes/current/editor?context=apps&activateAppId=abc123/chatlift-embed",
    );
  });

  it("defaults the selection to the last 30 days and the shop's window and model", () => {
    const parsed = parseSelection(new URLSearchParams(""), { today: "2026-11-20", window: 14, model: "linear" });
    expect(parsed).toEqual({
      ok: true,
      selection: { from: "2026-10-22", to: "2026-11-20", window: 14, model: "linear" },
    });
  });

  it("refuses more than a year of days", () => {
    expect(
      parseSelection(new URLSearchParams("from=2024-01-01&to=2026-01-01"), {
        today: "2026-11-20",
        window: 7,
        model: "last_touch",
      }),
    ).toEqual({ ok: false, errors: ["choose at most 366 days"] });
  });

  it("writes CSV money in the currency's own digits (JPY has none)", () => {
    const day = emptyRollup("2026-11-20", "treatment");
    day.credited["last_touch:7"] = { orders: 1, direct: 4200, assisted: 0 };
    const dashboard = buildDashboard({
      selection: { from: "2026-11-20", to: "2026-11-20", window: 7, model: "last_touch" },
      currency: "JPY",
      rollups: [day],
      lift: lift(noOutcome, noOutcome),
      conversionToMacro: [],
    });
    expect(dashboardCsv(dashboard, 0)).toBe(
      "day,sessions,engaged_sessions,micro_conversions,credited_revenue_jpy_last_touch_7d\r\n2026-11-20,0,0,0,4200\r\n",
    );
  });

  it("flags a widget over either budget", () => {
    expect(widgetWeight(3948, 20052).withinBudget).toBe(true);
    expect(widgetWeight(4001, 100).withinBudget).toBe(false);
    expect(widgetWeight(3000, 21001).withinBudget).toBe(false);
  });
});
