import { describe, expect, it } from "vitest";
import { orderFromPayload, orderPayloadSchema, trackingOf } from "../../../app/attribution/orders/order-payload";
import { orderFromGraphql, reconciledOrderSchema } from "../../../app/attribution/orders/reconciled-order";
import { webhookFixture } from "../../../sandbox/shopify/fixture-files";
import { aGraphqlOrder } from "../../../sandbox/shopify/order-payloads";
import { NOW } from "../../support/clock";

describe("what an order webhook says has shipped", () => {
  it("GIVEN Shopify's full example order (its only fulfillment failed) THEN nothing is tracked and nothing has shipped", () => {
    const order = orderFromPayload(orderPayloadSchema.parse(webhookFixture("orders-create.full")));
    expect(order.fulfillment).toEqual({ status: null, tracking: [] });
  });

  it("GIVEN a fulfillment shipped in two parcels and a cancelled one THEN each live parcel is tracked, paired by position", () => {
    const tracking = trackingOf([
      {
        status: "cancelled",
        tracking_company: "DHL",
        tracking_number: "VOID",
        tracking_url: "https://dhl.example/VOID",
      },
      {
        status: "success",
        shipment_status: "delivered",
        tracking_company: "UPS",
        tracking_number: "1Z1",
        tracking_numbers: ["1Z1", "1Z2"],
        tracking_url: "https://ups.example/1Z1",
        tracking_urls: ["https://ups.example/1Z1", "https://ups.example/1Z2"],
      },
      { status: "open", tracking_company: "Royal Mail", tracking_number: null, tracking_url: null },
    ]);
    expect(tracking).toEqual([
      { company: "UPS", number: "1Z1", url: "https://ups.example/1Z1", shipmentStatus: "delivered" },
      { company: "UPS", number: "1Z2", url: "https://ups.example/1Z2", shipmentStatus: "delivered" },
    ]);
  });

  it("GIVEN only the singular tracking fields THEN they are the parcel", () => {
    expect(
      trackingOf([{ status: "success", tracking_company: null, tracking_number: "123", tracking_url: null }]),
    ).toEqual([{ company: null, number: "123", url: null, shipmentStatus: null }]);
  });
});

describe("what a reconciled order (Admin GraphQL) says has shipped, in the webhook's words", () => {
  const reconciled = (overrides: Record<string, unknown>) =>
    orderFromGraphql(reconciledOrderSchema.parse(aGraphqlOrder(1, NOW, overrides)));

  it("GIVEN a fulfilled order delivered by UPS and a cancelled fulfillment THEN it is stored as the webhook would store it", () => {
    const order = reconciled({
      displayFulfillmentStatus: "FULFILLED",
      fulfillments: [
        {
          status: "CANCELLED",
          displayStatus: "CANCELED",
          trackingInfo: [{ company: "DHL", number: "VOID", url: null }],
        },
        {
          status: "SUCCESS",
          displayStatus: "DELIVERED",
          trackingInfo: [{ company: "UPS", number: "1Z1", url: "https://ups.example/1Z1" }],
        },
      ],
    });
    expect(order.fulfillment).toEqual({
      status: "fulfilled",
      tracking: [{ company: "UPS", number: "1Z1", url: "https://ups.example/1Z1", shipmentStatus: "delivered" }],
    });
  });

  it("GIVEN an unfulfilled order THEN nothing has shipped; GIVEN an answer without the fields THEN the stored fulfillment is left alone", () => {
    expect(reconciled({}).fulfillment).toEqual({ status: null, tracking: [] });
    expect(reconciled({ displayFulfillmentStatus: undefined, fulfillments: undefined }).fulfillment).toBeUndefined();
  });
});
