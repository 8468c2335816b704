import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import prisma from "../../app/db.server";
import { loader } from "../../app/routes/app.dashboard";
import { loader as exportLoader } from "../../app/routes/app.dashboard.export";
import { documentRequest, fetchRequest } from "../support/http/signed-requests";
import { domainOf, storeOfflineSession } from "../support/builders/sessions";
import { routeArgs } from "../support/http/responses";
import { aChatSession, aCreditedOrder, daysAgo } from "../support/builders/stored-orders";
import { freezeClock, NOW } from "../support/clock";
import { refreshShopRollupsFully } from "../../app/analytics/rollups/refresh.server";

const HARBOR = "harbor-supply";
const PEAK = "north-peak";
const fitFlow = (complete: boolean) => [
  { type: "chat_opened" },
  { type: "flow_started", flowId: "fit" },
  { type: "step_viewed", flowId: "fit", stepId: "ask" },
  ...(complete
    ? [
        { type: "step_viewed", flowId: "fit", stepId: "answer" },
        { type: "micro_conversion", microKind: "fit_help", flowId: "fit" },
        { type: "flow_completed", flowId: "fit" },
      ]
    : []),
];

describe("dashboard", () => {
  // A frozen clock: "the last 30 days" is the same window on every run.
  beforeAll(() => {
    freezeClock();
  });
  afterAll(() => {
    vi.useRealTimers();
  });

  beforeAll(async () => {
    const shop = domainOf(HARBOR);
    await storeOfflineSession(prisma, HARBOR);
    await storeOfflineSession(prisma, PEAK);
    // GIVEN harbor-supply: two engaged sessions (one converts through the fit flow, one drops
    // off after the first step), one session that never opened chat, one holdout session
    const converting = await aChatSession(prisma, shop, daysAgo(2), {
      events: [...fitFlow(true), { type: "micro_conversion", microKind: "add_to_cart" }],
    });
    await aChatSession(prisma, shop, daysAgo(2), { events: fitFlow(false) });
    await aChatSession(prisma, shop, daysAgo(1));
    await aChatSession(prisma, shop, daysAgo(1), { arm: "holdout" });
    // …and one credited order from the converting session, credited under two models
    await aCreditedOrder(prisma, shop, daysAgo(1), [
      { chatSessionId: converting, role: "direct", amountMinor: 3000 },
      { chatSessionId: converting, role: "assisted", amountMinor: 1200 },
      { chatSessionId: converting, model: "linear", role: "direct", amountMinor: 3000 },
    ]);
    await prisma.order.updateMany({ where: { shopDomain: shop }, data: { chatSessionId: converting } });
    // …summed into daily rollups by the rollup job (the page reads only those)
    await refreshShopRollupsFully(shop, NOW);
  });

  it("shows the cards, series, funnel and top micro-conversions of the shop's own data", async () => {
    const result = await loader(routeArgs(await documentRequest(HARBOR, "/app/dashboard?window=7&model=last_touch")));
    if (!result.ok) throw new Error(result.errors.join("; "));
    const { cards, funnels, topMicroConversions, series, empty } = result.dashboard;

    expect(empty).toBe(false);
    expect(cards).toMatchObject({
      sessions: 4,
      engagedSessions: 2,
      microConversions: 2,
      microConversionRate: 0.25,
      creditedDirect: 3000,
      creditedAssisted: 1200,
      creditedOrders: 1,
      revenuePerEngagedSession: 2100,
    });
    expect(cards.lift.tooSmallToSay).toBe(true);
    expect(cards.lift.treatment).toMatchObject({ visitors: 3, convertingVisitors: 1 });
    expect(funnels).toEqual([
      {
        // No flow of the shop is called "fit" any more (deleted): its history keeps its id for a name.
        flowId: "fit",
        name: "fit",
        started: 2,
        completed: 1,
        completionRate: 0.5,
        steps: [
          { stepId: "ask", kind: null, reached: 2, dropOff: 0.5 },
          { stepId: "answer", kind: null, reached: 1, dropOff: 0 },
        ],
      },
    ]);
    expect(topMicroConversions).toEqual([
      { kind: "add_to_cart", count: 1, share: 0.5 },
      { kind: "fit_help", count: 1, share: 0.5 },
    ]);
    expect(series).toHaveLength(30);
    expect(series.reduce((sum, point) => sum + point.creditedRevenue, 0)).toBe(4200);
  });

  it("switches model: linear credits only the direct pool here", async () => {
    const result = await loader(routeArgs(await fetchRequest(HARBOR, "/app/dashboard?model=linear&window=7")));
    expect(result.ok && result.dashboard.cards).toMatchObject({ creditedDirect: 3000, creditedAssisted: 0 });
  });

  it("is empty, not another shop's data, for a shop without sessions", async () => {
    const result = await loader(routeArgs(await documentRequest(PEAK, `/app/dashboard?shop=${domainOf(HARBOR)}`)));
    expect(result.ok && result.dashboard).toMatchObject({ empty: true, cards: { sessions: 0, creditedDirect: 0 } });
  });

  it("refuses a reversed date range with a clear message", async () => {
    const result = await loader(routeArgs(await fetchRequest(HARBOR, "/app/dashboard?from=2026-11-10&to=2026-11-01")));
    expect(result).toEqual({ ok: false, errors: ["the start date must not be after the end date"] });
  });

  it("exports the daily series as CSV", async () => {
    const response = await exportLoader(
      routeArgs(await fetchRequest(HARBOR, "/app/dashboard/export?window=7&model=last_touch")),
    );
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    const lines = (await response.text()).trim().split("\r\n");
    expect(lines[0]).toBe("day,sessions,engaged_sessions,micro_conversions,credited_revenue_usd_last_touch_7d");
    expect(lines).toHaveLength(31);
    expect(lines.filter((line) => line.endsWith(",42.00"))).toHaveLength(1);
  });
});
