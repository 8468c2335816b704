import { describe, expect, it } from "vitest";
import { EMAIL_MARK, PHONE_MARK, redactContactDetails } from "../../../app/answers/redact";

describe("redactContactDetails, emails", () => {
  it.each([
    ["my email is ann.lee+shop@example.co.uk thanks", `my email is ${EMAIL_MARK} thanks`],
    ["ANN@EXAMPLE.COM", EMAIL_MARK],
    ["order #1001, jörg.müller@beispiel.de", `order #1001, ${EMAIL_MARK}`],
    ["two: a@b.io and c_d@e-f.org.", `two: ${EMAIL_MARK} and ${EMAIL_MARK}.`],
  ])("GIVEN %j THEN the address is gone", (question, redacted) => {
    expect(redactContactDetails(question)).toBe(redacted);
  });
});

describe("redactContactDetails, phone numbers", () => {
  it.each([
    ["call me on +44 20 7946 0958 please", `call me on ${PHONE_MARK} please`],
    ["+1 (415) 555-0132", PHONE_MARK],
    ["+49 (0)30 1234567", PHONE_MARK],
    ["0049 30 1234 5678", PHONE_MARK],
    ["mobile 07700 900123", `mobile ${PHONE_MARK}`],
    ["tel. 030/1234567", `tel. ${PHONE_MARK}`],
    ["(030) 123 45 67", PHONE_MARK],
    ["415.555.0132", PHONE_MARK],
    ["+33612345678", PHONE_MARK],
    ["ring 4155550132 after 5", `ring ${PHONE_MARK} after 5`],
  ])("GIVEN %j THEN the number is gone", (question, redacted) => {
    expect(redactContactDetails(question)).toBe(redacted);
  });
});

describe("redactContactDetails keeps what identifies no one", () => {
  it.each([
    "where is order #1001?",
    "where is my order 1001",
    "order number 1045872 has not arrived",
    "is it still $1,299.00?",
    "costs 1.299,00 € or 49,90 EUR",
    "USD 1 299.00",
    "delivered on 2026-12-03 or 03.12.2026 or 12/03/2026?",
    "I need 2 of size 38, 3 of 40",
    "does 100% cotton shrink at 30 degrees?",
  ])("GIVEN %j THEN nothing changes", (question) => {
    expect(redactContactDetails(question)).toBe(question);
  });
});
