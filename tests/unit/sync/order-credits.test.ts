/** Deals, HubSpot orders or both: what one run of `hubspot.deal` does for one credited order (order-credits.ts). */
import { describe, expect, it } from "vitest";
import { ordersAccess, ORDER_SCOPES, shopifyOrderKeys } from "../../../app/integrations/hubspot/order-port";
import {
  creditRecordOf,
  creditStep,
  orderCreditProperties,
  ORDER_SYNC_RECHECK_MS,
  ORDER_SYNC_WAIT_MS,
} from "../../../app/sync/order-credits";
import { HOUR, NOW } from "../../support/clock";

const granted = ordersAccess(["oauth", ...ORDER_SCOPES]);
const lacking = ordersAccess(["oauth", "crm.objects.orders.read"]);
const placedAt = new Date(NOW.getTime() - HOUR);
const step = (record: "deals" | "orders" | "both", synced: boolean | null, access = granted, at = placedAt) =>
  creditStep({ record, access, synced, placedAt: at, now: NOW });

describe("where a credited order goes", () => {
  it("GIVEN deals (the default) THEN a deal is created and HubSpot's orders are left alone", () => {
    expect(creditRecordOf(null)).toBe("deals");
    expect(creditRecordOf("bogus")).toBe("deals");
    expect(step("deals", null)).toEqual({ action: "record", order: false, deal: "create" });
  });

  it("GIVEN orders and a synced HubSpot order THEN the order is written and only a deal made earlier is updated", () => {
    expect(step("orders", true)).toEqual({ action: "record", order: true, deal: "update" });
  });

  it("GIVEN orders and no synced order yet, placed an hour ago THEN the run waits ORDER_SYNC_RECHECK_MS and makes nothing", () => {
    expect(step("orders", false)).toEqual({
      action: "wait",
      until: new Date(NOW.getTime() + ORDER_SYNC_RECHECK_MS),
      reason: expect.stringMatching(/no order for it yet/),
    });
  });

  it("GIVEN orders and no synced order a day after the order THEN a deal is made, so the credit is not lost", () => {
    const longAgo = new Date(NOW.getTime() - ORDER_SYNC_WAIT_MS);
    expect(step("orders", false, granted, longAgo)).toEqual({ action: "record", order: false, deal: "create" });
  });

  it("GIVEN the wait ends within the next recheck THEN the run looks again exactly when it ends", () => {
    const almost = new Date(NOW.getTime() - ORDER_SYNC_WAIT_MS + 60_000);
    expect(step("orders", false, granted, almost)).toMatchObject({ until: new Date(NOW.getTime() + 60_000) });
  });

  it("GIVEN both THEN the deal is made at once, and the order written only when HubSpot has it", () => {
    expect(step("both", true)).toEqual({ action: "record", order: true, deal: "create" });
    expect(step("both", false)).toEqual({ action: "record", order: false, deal: "create" });
  });

  it("GIVEN the order scopes missing THEN orders parks naming them, and both still makes its deal", () => {
    expect(lacking).toEqual({ available: false, reason: expect.stringContaining("crm.objects.orders.write") });
    expect(step("orders", null, lacking)).toEqual({
      action: "park",
      reason: expect.stringMatching(/HubSpot orders are chosen.*lacks crm\.objects\.orders\.write.*choose deals/),
    });
    expect(step("both", null, lacking)).toEqual({ action: "record", order: false, deal: "create" });
    expect(ordersAccess(null)).toMatchObject({ available: false, reason: expect.stringMatching(/reconnect/) });
  });

  it("GIVEN a credit THEN the order carries amount, rule, model and window as HubSpot property strings", () => {
    expect(
      orderCreditProperties({ amount: "42.50", rule: "cart_attribute", model: "last_touch", windowDays: 7 }),
    ).toEqual({
      chatlift_credited_amount: "42.50",
      chatlift_credit_rule: "cart_attribute",
      chatlift_credit_model: "last_touch",
      chatlift_credit_window_days: "7",
    });
  });

  it("GIVEN a Shopify order GID THEN HubSpot's order is looked for by the GID and by the numeric id", () => {
    expect(shopifyOrderKeys("gid://shopify/Order/5001")).toEqual(["gid://shopify/Order/5001", "5001"]);
    expect(shopifyOrderKeys("5001")).toEqual(["5001"]);
  });
});
