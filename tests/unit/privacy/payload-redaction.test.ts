/**
 * The pure half of customers/redact: who the request is about, read from Shopify's raw text with
 * ids exact, and what a stored webhook body keeps once that customer is taken out of it (enough
 * for its job to still store the order).
 */
import { describe, expect, it } from "vitest";
import { parseCustomersRedactBody, subjectOf } from "../../../app/privacy/customer-subject";
import { concernsSubject, redactPersonalData, redactText, REDACTED } from "../../../app/privacy/payload-redaction";
import { orderFromPayload, orderPayloadSchema } from "../../../app/attribution/orders/order-payload";
import { webhookFixture } from "../../../sandbox/shopify/fixture-files";

const FULL_ORDER = webhookFixture<Record<string, unknown>>("orders-create.full");
const BOB = subjectOf({ id: 207119551, email: "Bob.Norman@mail.example.com", phone: "+16136120707" });

describe("the subject of customers/redact", () => {
  it("GIVEN a 19-digit customer id in the raw body THEN it is kept exact, with the orders to redact as gids", () => {
    const parsed = parseCustomersRedactBody(
      '{"customer":{"id":7301234567890123456,"email":" Ann@Example.COM ","phone":null},"orders_to_redact":[9300000000000000001,42]}',
    );
    expect(parsed).toEqual({
      ok: true,
      subject: {
        customerIds: ["gid://shopify/Customer/7301234567890123456"],
        emails: ["ann@example.com"],
        phones: [],
        orderIds: ["gid://shopify/Order/9300000000000000001", "gid://shopify/Order/42"],
      },
    });
  });

  it("GIVEN an id already rounded by JSON.parse THEN it is refused rather than redacting someone else", () => {
    // What JSON.parse makes of 7301234567890123456.
    const rounded = JSON.parse("7301234567890123456") as number;
    expect(() => subjectOf({ id: rounded })).toThrow(/past 2\^53/);
  });

  it("GIVEN a NUL and an unpaired surrogate in the email THEN they are cleaned as in every stored body (PostgreSQL refuses both)", () => {
    const parsed = parseCustomersRedactBody('{"customer":{"id":1,"email":"ann\\u0000@example.com\\ud800"}}');
    expect(parsed).toMatchObject({ ok: true, subject: { emails: ["ann@example.com\ufffd"] } });
  });

  it("GIVEN a body without a customer THEN the problem is named", () => {
    expect(parseCustomersRedactBody('{"shop_id":1}')).toMatchObject({ ok: false, problems: [{ path: "customer" }] });
  });
});

describe("a stored webhook body without the customer", () => {
  it("GIVEN Shopify's full order example THEN it concerns Bob (email, customer id or order) and no one else", () => {
    expect(concernsSubject(FULL_ORDER, BOB)).toBe(true);
    expect(concernsSubject(FULL_ORDER, subjectOf({ id: 207119551 }))).toBe(true);
    expect(concernsSubject({ body: FULL_ORDER }, subjectOf({ ordersToRedact: [String(FULL_ORDER.id)] }))).toBe(true);
    expect(concernsSubject(FULL_ORDER, subjectOf({ id: 1, email: "someone@example.org" }))).toBe(false);
  });

  it("GIVEN Bob's order redacted THEN no email, name, phone or street is left AND the order still reads, stripped", () => {
    const redacted = redactPersonalData(FULL_ORDER, BOB);
    const text = JSON.stringify(redacted).toLowerCase();
    for (const trace of ["bob.norman@mail.example.com", "norman", "chestnut street", "6136120707", "40202"]) {
      expect(text).not.toContain(trace);
    }
    const order = orderFromPayload(orderPayloadSchema.parse(redacted));
    expect(order).toMatchObject({ name: FULL_ORDER.name, email: null, customerId: null });
    expect(order.lines.length).toBeGreaterThan(0);
    expect(order.fulfillment?.tracking).toEqual([]);
  });

  it("GIVEN an error message quoting the email in another case THEN it is replaced", () => {
    expect(redactText("HubSpot: contact BOB.NORMAL@x exists; bob.norman@MAIL.example.com refused", BOB)).toBe(
      `HubSpot: contact BOB.NORMAL@x exists; ${REDACTED} refused`,
    );
  });
});
