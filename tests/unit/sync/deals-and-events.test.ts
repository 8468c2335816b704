import { describe, expect, it } from "vitest";
import { CrmError } from "../../../app/integrations/hubspot/crm-port";
import { dealFor, dealsToCreate, DEFAULT_DEAL_SETTINGS } from "../../../app/sync/deals";
import { intentEventsFor } from "../../../app/sync/intent-events";
import { deliverIsolating } from "../../../app/sync/isolate";
import { NOW } from "../../support/clock";

const order = {
  orderId: "gid://shopify/Order/1042",
  orderName: "#1042",
  amount: 120,
  currency: "EUR",
  placedAt: NOW,
  creditRule: "line_item_from_chat",
  contactId: "77",
};

describe("deals for credited orders", () => {
  it("GIVEN a credited order THEN the deal carries amount, pipeline, stage and the credit rule", () => {
    expect(dealFor(order, { pipeline: "shop", stage: "won" })).toEqual({
      orderId: "gid://shopify/Order/1042",
      contactId: "77",
      properties: {
        dealname: "Shopify order #1042",
        amount: "120.00",
        deal_currency_code: "EUR",
        pipeline: "shop",
        dealstage: "won",
        closedate: "2026-11-20T12:00:00.000Z",
        chatlift_credit_rule: "line_item_from_chat",
      },
    });
  });

  it("GIVEN an order HubSpot already has and a repeated order THEN only new orders are created, once", () => {
    const first = dealFor(order, DEFAULT_DEAL_SETTINGS);
    const second = dealFor({ ...order, orderId: "2" }, DEFAULT_DEAL_SETTINGS);
    const third = dealFor({ ...order, orderId: "3" }, DEFAULT_DEAL_SETTINGS);
    const toCreate = dealsToCreate([first, second, third, third], [{ orderId: order.orderId, dealId: "9" }]);
    expect(toCreate.map((deal) => deal.orderId)).toEqual(["2", "3"]);
  });
});

describe("intent signals as custom events", () => {
  const signal = {
    email: "Ada@Example.com",
    kind: "add_to_cart" as const,
    occurredAt: NOW,
    value: 35,
    currency: "EUR",
    productId: "8123",
  };

  it("GIVEN an account with custom events THEN each signal becomes pe{portalId}_chatlift_micro_conversion", () => {
    expect(intentEventsFor([signal], { portalId: 62515, customEventsAvailable: true })).toEqual([
      {
        eventName: "pe62515_chatlift_micro_conversion",
        email: "ada@example.com",
        occurredAt: "2026-11-20T12:00:00.000Z",
        properties: { kind: "add_to_cart", value: "35.00", currency: "EUR", product_id: "8123" },
      },
    ]);
  });

  it("GIVEN an account without them THEN no event is sent (properties carry the signal)", () => {
    expect(intentEventsFor([signal], { portalId: 62515, customEventsAvailable: false })).toEqual([]);
  });
});

describe("isolating bad records by splitting", () => {
  const refuseBad = async (items: string[]) => {
    if (items.some((item) => item.startsWith("bad")))
      throw new CrmError("validation", `refused ${items.join(",")}`, 400);
    return items;
  };

  it("GIVEN one bad record among eight THEN it alone is rejected and seven are delivered", async () => {
    const items = ["a", "b", "c", "bad-d", "e", "f", "g", "h"];
    const result = await deliverIsolating(items, refuseBad);
    expect(result.delivered.sort()).toEqual(["a", "b", "c", "e", "f", "g", "h"]);
    expect(result.rejected.map((rejected) => rejected.item)).toEqual(["bad-d"]);
    expect(result.rejected[0]?.error.message).toBe("refused bad-d");
    expect(result.deferred).toBeNull();
    expect(result.calls).toBe(7); // 8 → 4+4 → 2+2 → 1+1
  });

  it("GIVEN an outage after the first half THEN the untried items are deferred, not rejected", async () => {
    let calls = 0;
    const result = await deliverIsolating(["bad-a", "b", "c", "d"], async (items) => {
      calls += 1;
      if (calls > 2) throw new CrmError("server", "502 Bad Gateway", 502);
      return refuseBad(items);
    });
    expect(result.rejected).toEqual([]);
    expect(result.deferred?.items).toEqual(["bad-a", "b", "c", "d"]);
    expect(result.deferred?.error.kind).toBe("server");
  });
});
