/**
 * The sandbox's HubSpot orders, each rule on its own (order-routes.ts): the order scopes (403 MISSING_SCOPES
 * with HubSpot's body), every field the Orders spec's search request requires, the filter a Shopify-synced
 * order is found by, unknown order ids and properties refused, and a 207 per input for traced batches.
 */
import { afterEach, describe, expect, it } from "vitest";
import { startHubSpotSandbox, type HubSpotSandbox, type SandboxOptions } from "../../../../sandbox/hubspot";
import { ordersOf, seedSyncedOrder } from "../../../../sandbox/hubspot/order-store";
import { ORDER_SCOPES } from "../../../../sandbox/hubspot/scopes";

const SEARCH = "/crm/objects/2026-03/orders/search";
const UPDATE = "/crm/objects/2026-03/orders/batch/update";
let sandbox: HubSpotSandbox;

afterEach(() => sandbox.close());

async function aPortal(options: SandboxOptions = {}) {
  sandbox = await startHubSpotSandbox({ tenSecondLimit: 100, windowMs: 1000, ...options });
}

async function post(path: string, body: unknown) {
  const response = await fetch(`${sandbox.url}${path}`, {
    method: "POST",
    headers: { authorization: "Bearer pat-sandbox", "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

const aSearch = (fields: Record<string, unknown> = {}) => ({
  filterGroups: [{ filters: [{ propertyName: "hs_external_order_id", operator: "IN", values: ["5001", "5002"] }] }],
  properties: ["hs_external_order_id"],
  sorts: [],
  limit: 100,
  after: "0",
  ...fields,
});

const aSyncedOrder = (externalOrderId: string) =>
  seedSyncedOrder(sandbox.state, { externalOrderId, name: `#${externalOrderId}`, total: "80.00", currency: "USD" });

describe("the sandbox's HubSpot orders", () => {
  it("GIVEN a token without the order scopes THEN search and update answer HubSpot's 403 MISSING_SCOPES naming the scope", async () => {
    await aPortal({ withheldScopes: ORDER_SCOPES });

    const search = await post(SEARCH, aSearch());
    const update = await post(UPDATE, { inputs: [] });

    expect(search.status).toBe(403);
    expect(search.body).toMatchObject({
      category: "MISSING_SCOPES",
      errors: [{ context: { requiredGranularScopes: ["crm.objects.orders.read"] } }],
    });
    expect(update.status).toBe(403);
    expect(update.body).toMatchObject({
      errors: [{ context: { requiredGranularScopes: ["crm.objects.orders.write"] } }],
    });
  });

  it("GIVEN a search without a field the spec requires THEN it is refused as invalid input", async () => {
    await aPortal();
    for (const field of ["after", "filterGroups", "limit", "properties", "sorts"]) {
      const body: Record<string, unknown> = aSearch();
      delete body[field];
      const answer = await post(SEARCH, body);
      expect(answer.status).toBe(400);
      expect(answer.body.message).toBe(`Invalid input JSON: ${field} is required`);
    }
  });

  it("GIVEN Shopify-synced orders THEN an IN filter on hs_external_order_id finds exactly those, with the asked properties", async () => {
    await aPortal();
    const first = aSyncedOrder("5001");
    aSyncedOrder("6001");

    const answer = await post(SEARCH, aSearch());

    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      total: 1,
      results: [{ id: first, properties: { hs_object_id: first, hs_external_order_id: "5001" } }],
    });
    expect(answer.body).not.toHaveProperty("paging");
  });

  it("GIVEN an update of an order the portal lacks THEN it is refused with 404 and nothing is written", async () => {
    await aPortal();
    const order = aSyncedOrder("5001");

    const answer = await post(UPDATE, {
      inputs: [
        { id: order, properties: { hs_order_name: "renamed" } },
        { id: "999999", properties: { hs_order_name: "ghost" } },
      ],
    });

    expect(answer.status).toBe(404);
    expect(answer.body.category).toBe("OBJECT_NOT_FOUND");
    expect(ordersOf(sandbox.state).get(order)?.properties.hs_order_name).toBe("#5001");
  });

  it("GIVEN a property the portal's orders lack THEN an untraced batch fails whole and a traced one answers 207 for that input only", async () => {
    await aPortal();
    const good = aSyncedOrder("5001");
    const bad = aSyncedOrder("5002");

    const whole = await post(UPDATE, {
      inputs: [
        { id: good, properties: { hs_order_name: "ok" } },
        { id: bad, properties: { chatlift_credited_amount: "12.00" } },
      ],
    });
    expect(whole.status).toBe(400);
    expect(String(whole.body.message)).toMatch(/PROPERTY_DOESNT_EXIST/);
    expect(ordersOf(sandbox.state).get(good)?.properties.hs_order_name).toBe("#5001");

    const partial = await post(UPDATE, {
      inputs: [
        { id: good, properties: { hs_order_name: "ok" }, objectWriteTraceId: "0" },
        { id: bad, properties: { chatlift_credited_amount: "12.00" }, objectWriteTraceId: "1" },
      ],
    });
    expect(partial.status).toBe(207);
    expect(partial.body).toMatchObject({
      results: [{ id: good, objectWriteTraceId: "0" }],
      errors: [{ context: { objectWriteTraceId: ["1"] } }],
    });
    expect(ordersOf(sandbox.state).get(good)?.properties.hs_order_name).toBe("ok");
  });

  it("GIVEN a number property THEN a value that is not a number is refused as HubSpot does", async () => {
    await aPortal();
    const order = aSyncedOrder("5001");

    const answer = await post(UPDATE, { inputs: [{ id: order, properties: { hs_total_price: "lots" } }] });

    expect(answer.status).toBe(400);
    expect(String(answer.body.message)).toMatch(/INVALID_DECIMAL/);
  });
});
