/**
 * customers/data_request, pure: Shopify's body read with its ids exact, and the package built from
 * rows, refusing any row of another shop and keeping only the HubSpot sends that name this customer.
 */
import { describe, expect, it } from "vitest";
import { dataRequestView, parseDataRequestBody } from "../../../app/privacy/data-request";
import { buildDataPackage, type DataPackageRows } from "../../../app/privacy/data-request-package";
import { HOUR, NOW } from "../../support/clock";

const SHOP = "harbor-supply.myshopify.com";
const OTHER = "north-peak.myshopify.com";

/** The rows of one customer with one session, one lead and one order, as the reader hands them over. */
function someRows(overrides: Partial<DataPackageRows> = {}): DataPackageRows {
  return {
    shopDomain: SHOP,
    request: {
      id: "req-1",
      receivedAt: NOW,
      shopifyRequestId: "9999",
      customerId: "gid://shopify/Customer/191167",
      email: "john@example.com",
      phone: null,
      ordersRequested: [],
    },
    sessions: [{ shopDomain: SHOP, id: "sess-1", visitorId: "v-1" }],
    events: [],
    microConversions: [],
    leads: [{ shopDomain: SHOP, id: "lead-1", email: "john@example.com", routedProperties: null }],
    routingDecisions: [],
    routingActions: [],
    orders: [
      {
        shopDomain: SHOP,
        id: "gid://shopify/Order/1",
        discountCodes: "[]",
        tracking: "[]",
        totalMinor: 90_071_992_547_409_930n,
        lines: [],
      },
    ],
    refunds: [],
    credits: [],
    hubspotJobs: [],
    ...overrides,
  };
}

describe("parseDataRequestBody", () => {
  it("GIVEN Shopify's body with a 19-digit customer id and order ids THEN they are kept exact, as gids", () => {
    const parsed = parseDataRequestBody(
      '{"orders_requested":[9223372036854775807,220458,220458],"customer":{"id":9223372036854775806,' +
        '"email":" John@Example.com ","phone":"555-625-1199"},"data_request":{"id":9999}}',
    );
    expect(parsed).toEqual({
      ok: true,
      request: {
        shopifyRequestId: "9999",
        customerId: "gid://shopify/Customer/9223372036854775806",
        email: "john@example.com",
        phone: "555-625-1199",
        ordersRequested: ["gid://shopify/Order/9223372036854775807", "gid://shopify/Order/220458"],
      },
    });
  });

  it.each([
    ['{"customer":{}}', "customer"],
    ['{"orders_requested":[1]}', "customer"],
    ['{"customer":{"id":"12abc"}}', "customer.id"],
  ])("GIVEN %s THEN it is refused naming %s", (body, path) => {
    const parsed = parseDataRequestBody(body);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.problems.map((problem) => problem.path)).toContain(path);
  });
});

describe("buildDataPackage", () => {
  it("GIVEN a row of another shop among the rows THEN no package is built", () => {
    const rows = someRows({ credits: [{ shopDomain: OTHER, orderId: "gid://shopify/Order/1" }] });
    expect(() => buildDataPackage(rows, NOW)).toThrow(/a Credit row of north-peak/);
  });

  it("GIVEN HubSpot jobs of this shop and another THEN only those naming this customer's lead, order or email stay", () => {
    const job = (shopDomain: string, payload: object) => ({
      kind: "hubspot.contact",
      shopDomain,
      payload: JSON.stringify({ shopDomain, ...payload }),
    });
    const pkg = buildDataPackage(
      someRows({
        hubspotJobs: [
          job(SHOP, { leadId: "lead-1" }),
          job(SHOP, { orderId: "gid://shopify/Order/1" }),
          job(SHOP, { email: "john@example.com" }),
          job(OTHER, { leadId: "lead-1" }),
          job(SHOP, { leadId: "lead-2" }),
        ],
      }),
      NOW,
    );
    expect(pkg.hubspot.jobs.map((kept) => kept.payload)).toEqual([
      { shopDomain: SHOP, leadId: "lead-1" },
      { shopDomain: SHOP, orderId: "gid://shopify/Order/1" },
      { shopDomain: SHOP, email: "john@example.com" },
    ]);
  });

  it("GIVEN an amount past 2^53 THEN it is written exactly, and the shop is named once at the top", () => {
    const pkg = buildDataPackage(someRows(), NOW);
    expect(pkg.orders[0]).toMatchObject({ totalMinor: "90071992547409930", discountCodes: [], tracking: [] });
    expect(pkg.orders[0]).not.toHaveProperty("shopDomain");
    expect(pkg.shop).toBe(SHOP);
  });
});

describe("dataRequestView", () => {
  it("GIVEN a request received now THEN it is pending, to answer within 30 days, deleted after 90", () => {
    const row = {
      id: "req-1",
      customerId: "gid://shopify/Customer/191167",
      email: "john@example.com",
      phone: null,
      ordersRequested: '["gid://shopify/Order/1"]',
      receivedAt: NOW,
      exportedAt: null,
    };
    expect(dataRequestView(row)).toMatchObject({
      status: "pending",
      answerBy: "2026-12-20T12:00:00.000Z",
      deletedAt: "2027-02-18T12:00:00.000Z",
      ordersRequested: 1,
    });
    expect(dataRequestView({ ...row, exportedAt: new Date(NOW.getTime() + HOUR) })).toMatchObject({
      status: "exported",
      exportedAt: "2026-11-20T13:00:00.000Z",
    });
  });
});
