/**
 * The export specification: GA4's recommended events where GA4 has one, chat_* for the rest, and
 * nothing personal ever leaves (the never-exported names cannot be specified; values that look
 * like an email or phone number are dropped; an email capture without consent is not exported).
 */
import { describe, expect, it } from "vitest";
import {
  COMMON_PROPERTIES,
  EVENT_SPECS,
  NEVER_EXPORTED,
  isNeverExported,
  toExportedEvent,
} from "../../../../app/analytics/export/event-spec";
import { MICRO_CONVERSION_KINDS } from "../../../../contract/events";
import { aStoredEvent, aStoredMicro } from "../../../support/builders/export-events";

describe("the event specification", () => {
  it("GIVEN every micro-conversion kind WHEN looked up THEN each has exactly one specification", () => {
    for (const kind of MICRO_CONVERSION_KINDS) {
      expect(
        EVENT_SPECS.filter((spec) => spec.microKind === kind),
        kind,
      ).toHaveLength(1);
    }
  });

  it("GIVEN the specification WHEN its property names and sources are read THEN none is never-exported", () => {
    for (const spec of EVENT_SPECS) {
      for (const [name, { from }] of Object.entries({ ...COMMON_PROPERTIES, ...spec.properties })) {
        expect(isNeverExported(name), `${spec.name}.${name}`).toBe(false);
        expect(isNeverExported(from), `${spec.name}.${name} from ${from}`).toBe(false);
      }
    }
    expect(NEVER_EXPORTED).toEqual(expect.arrayContaining(["email", "phone", "question", "text", "customerId"]));
  });

  it("GIVEN GA4's naming rules WHEN every GA4 name is checked THEN each starts with a letter, is ≤ 40 characters of letters, digits and _", () => {
    for (const spec of EVENT_SPECS) expect(spec.ga4).toMatch(/^[A-Za-z][A-Za-z0-9_]{0,39}$/);
  });
});

describe("toExportedEvent", () => {
  it("GIVEN a consented email capture WHEN exported THEN it is generate_lead with no email", () => {
    const event = aStoredMicro("email_capture", { email: "ann@example.com", value: 12 }, { emailConsented: true });
    const exported = toExportedEvent(event);
    expect(exported).toMatchObject({ name: "chat_lead", ga4: "generate_lead" });
    expect(exported?.properties).toEqual({ flow_id: "size-help", value: 12 });
    expect(JSON.stringify(exported)).not.toContain("ann@example.com");
  });

  it("GIVEN an email capture without consent WHEN exported THEN nothing is exported", () => {
    expect(toExportedEvent(aStoredMicro("email_capture", {}, { emailConsented: false }))).toBeNull();
  });

  it("GIVEN a chat add to cart WHEN exported THEN it is add_to_cart with its item", () => {
    const event = aStoredMicro("add_to_cart", {
      productId: "7001",
      productVariantId: "8002",
      quantity: 2,
      value: 118,
      currency: "EUR",
    });
    expect(toExportedEvent(event)).toMatchObject({
      name: "chat_add_to_cart",
      ga4: "add_to_cart",
      properties: { flow_id: "size-help", currency: "EUR", value: 118 },
      items: [{ item_id: "7001", item_variant: "8002", quantity: 2, price: 59 }],
    });
  });

  it("GIVEN a coupon WHEN exported THEN it is select_promotion naming the flow and the code", () => {
    expect(toExportedEvent(aStoredMicro("coupon_applied", { code: "WELCOME10" }))).toMatchObject({
      ga4: "select_promotion",
      properties: { coupon: "WELCOME10", promotion_id: "size-help" },
    });
  });

  it("GIVEN a question with its text WHEN exported THEN only locale, page type and repair leave", () => {
    const event = aStoredEvent({
      type: "question_asked",
      flowId: null,
      data: { question: "I'm ann@example.com, call +44 20 7946 0958", locale: "en", pageType: "product" },
    });
    const exported = toExportedEvent(event);
    expect(exported?.properties).toEqual({ locale: "en", page_type: "product" });
    expect(JSON.stringify(exported)).not.toMatch(/ann@|7946/);
  });

  it("GIVEN a landing page with a query and a UTM holding an email WHEN exported THEN the query and the UTM are dropped", () => {
    const event = aStoredEvent({
      type: "session_started",
      flowId: null,
      data: {
        landingPath: "/products/linen-shirt?email=ann@example.com",
        returning: false,
        utm: { source: "newsletter", campaign: "ann@example.com" },
      },
    });
    expect(toExportedEvent(event)?.properties).toEqual({
      landing_page: "/products/linen-shirt",
      returning: false,
      utm_source: "newsletter",
    });
  });

  it("GIVEN an event type the specification does not name WHEN exported THEN nothing is exported", () => {
    expect(toExportedEvent(aStoredEvent({ type: "something_new" }))).toBeNull();
  });
});
