import { beforeAll, describe, expect, it } from "vitest";
import prisma from "../../app/db.server";
import { loader as auditLoader } from "../../app/routes/app.orders._index";
import { loader as orderLoader } from "../../app/routes/app.orders.$orderId";
import { documentRequest, fetchRequest } from "../support/http/signed-requests";
import { domainOf, storeOfflineSession } from "../support/builders/sessions";
import { routeArgs, thrown } from "../support/http/responses";
import { aCreditedOrder, daysAgo } from "../support/builders/stored-orders";

const HARBOR = "harbor-supply";
const PEAK = "north-peak";

describe("order audit", () => {
  let harborOrder: string;
  let peakOrder: string;

  beforeAll(async () => {
    // GIVEN two installed shops, each with credited orders of its own
    await storeOfflineSession(prisma, HARBOR);
    await storeOfflineSession(prisma, PEAK);
    harborOrder = await aCreditedOrder(prisma, domainOf(HARBOR), daysAgo(1), [
      { rule: "line_item", role: "direct", amountMinor: 2500 },
      { rule: "line_item", role: "assisted", amountMinor: 1700 },
      { rule: "line_item", model: "linear", role: "direct", amountMinor: 2500 },
    ]);
    await aCreditedOrder(prisma, domainOf(HARBOR), daysAgo(3), [
      { rule: "email", windowDays: 30, amountMinor: 900, grossAmountMinor: 1200 },
    ]);
    peakOrder = await aCreditedOrder(prisma, domainOf(PEAK), daysAgo(2), [
      { rule: "discount_code", explanation: "north-peak's own secret sentence" },
    ]);
  });

  it("lists the shop's credits with amount, rule, window, model, sentence and a link into Shopify admin", async () => {
    // WHEN harbor-supply opens the audit on every model and window
    const data = await auditLoader(routeArgs(await documentRequest(HARBOR, "/app/orders?model=any&window=any")));

    // THEN it sees its four credits, newest order first, and nothing of north-peak's
    expect(data.errors).toEqual([]);
    expect(data.rows).toHaveLength(4);
    expect(data.rows.map((row) => row.explanation).join(" ")).not.toContain("north-peak");
    const numeric = harborOrder.split("/").pop();
    expect(data.rows[0]).toMatchObject({
      orderId: harborOrder,
      rule: "line_item",
      model: "last_touch",
      windowDays: 7,
      role: "direct",
      amount: "$25.00",
      adminUrl: `https://admin.shopify.com/store/harbor-supply/orders/${numeric}`,
    });
    const refunded = data.rows.find((row) => row.rule === "email");
    expect(refunded).toMatchObject({ amount: "$9.00", grossAmount: "$12.00", windowDays: 30 });
  });

  it.each([
    ["rule=email&window=any", ["email"]],
    ["model=linear", ["line_item"]],
    ["rule=line_item&model=last_touch", ["line_item", "line_item"]],
    ["window=30", ["email"]],
  ])("filters by %s", async (query, rules) => {
    const data = await auditLoader(routeArgs(await fetchRequest(HARBOR, `/app/orders?${query}`)));
    expect(data.rows.map((row) => row.rule)).toEqual(rules);
  });

  it("GIVEN no model or window in the query WHEN the audit opens THEN it shows the shop's own (last touch, 7 days)", async () => {
    const data = await auditLoader(routeArgs(await fetchRequest(HARBOR, "/app/orders")));
    expect(data.filters).toEqual({ rule: "", model: "last_touch", window: "7" });
    expect(data.rows.map((row) => [row.model, row.windowDays])).toEqual([
      ["last_touch", 7],
      ["last_touch", 7],
    ]);
  });

  it("refuses an unknown filter value with a message naming the allowed ones", async () => {
    const data = await auditLoader(routeArgs(await fetchRequest(HARBOR, "/app/orders?rule=guess&window=3")));
    expect(data.rows).toEqual([]);
    expect(data.errors).toEqual([
      "rule must be one of line_item, cart_attribute, pixel_checkout, discount_code, customer, email",
      "window must be one of 1, 7, 14, 30 days or any",
    ]);
  });

  it("explains one order with all of its credits", async () => {
    const numeric = harborOrder.split("/").pop() as string;
    const data = await orderLoader(
      routeArgs(await documentRequest(HARBOR, `/app/orders/${numeric}`), { orderId: numeric }),
    );
    expect(data.order.credits.map((credit) => [credit.model, credit.role])).toEqual([
      ["last_touch", "direct"],
      ["last_touch", "assisted"],
      ["linear", "direct"],
    ]);
  });

  describe("cross-shop access", () => {
    it("answers 404 when one shop asks for another shop's order by id", async () => {
      // GIVEN north-peak's valid session token WHEN it asks for harbor-supply's order
      const numeric = harborOrder.split("/").pop() as string;
      const response = await thrown(
        orderLoader(routeArgs(await fetchRequest(PEAK, `/app/orders/${numeric}`), { orderId: numeric })),
      );
      // THEN the order does not exist for it
      expect(response.status).toBe(404);
    });

    it("ignores a shop named in the query string: the token decides", async () => {
      const request = await fetchRequest(PEAK, `/app/orders?shop=${domainOf(HARBOR)}`);
      const data = await auditLoader(routeArgs(request));
      expect(data.rows.map((row) => row.orderId)).toEqual([peakOrder]);
    });

    it("rejects a token signed with another app's secret", async () => {
      const { getJwt, APP_URL, API_KEY } = await import("@shopify/shopify-api/test-helpers");
      const { token } = await getJwt(HARBOR, API_KEY, "not-the-app-secret");
      const request = new Request(`${APP_URL}/app/orders`, { headers: { authorization: `Bearer ${token}` } });
      const response = await thrown(auditLoader(routeArgs(request)));
      expect(response.status).toBe(401);
    });
  });
});
