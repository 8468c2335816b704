/**
 * The rephrasing verifier: every kind of fact a model could invent (a number, a price, a percentage, a date, a
 * discount code, an address, an email, another product's name) is refused, and faithful rephrasings that only
 * write the same values differently ("thirty" for "30", "25.00 EUR" for "€25", "March 3rd" for "3 March") pass.
 */
import { describe, expect, it } from "vitest";
import { verifyRephrasing, type VerifierInput } from "../../../app/answers/rephrase-verifier";

const RETURNS =
  "You can return unworn items within 30 days of delivery for a full refund. Returns are free within the EU; elsewhere a label costs €25.";
const SHIPPING =
  "Orders placed before 3 March 2027 ship the same day. Orders leave our warehouse within two business days. Questions: help@harbor.example or https://harbor.example/pages/contact.";
const PRODUCT = "The Linen Shirt costs $59.00 and is 20% off until Friday. Sizes: S, M.";
const TITLES = ["Linen Shirt", "Alpine Down Jacket", "Wool Beanie", "XL"];

function aCheck(output: string, overrides: Partial<VerifierInput> = {}): VerifierInput {
  return {
    output,
    allowed: [RETURNS, SHIPPING, PRODUCT, "How long do I have to return something?"],
    productTitles: TITLES,
    ...overrides,
  };
}

describe("the rephrasing verifier, invented facts", () => {
  it.each([
    ["a changed number", "You have 45 days to send it back.", "number", "45"],
    ["a number word that is not in the sources", "You have sixty days to send it back.", "number", "60"],
    ["a changed price", "The Linen Shirt costs $49.00.", "price", "$49"],
    ["a price in another currency", "The Linen Shirt costs 59 EUR.", "price", "EUR59"],
    ["a price the sources never gave", "A return label costs just £4.99.", "price", "GBP4.99"],
    ["an invented percentage", "Returns are free and everything is 15% off this week.", "percentage", "15%"],
    ["a percentage in words", "You get twenty-five percent off today.", "percentage", "25%"],
    ["an invented date", "Returns are free until 12 April 2027.", "date", "4-12"],
    ["an invented numeric date", "Order by 2027-05-01 for same-day shipping.", "date", "5-1"],
    ["an invented weekday", "We ship every Monday.", "date", "weekday 1"],
    ["an invented month", "Returns are free until December.", "date", "month 12"],
    ["an invented discount code", "Use code SAVE20 at checkout.", "code", "SAVE20"],
    ["a lower-case code with digits", "Use welcome10 for a welcome gift.", "code", "WELCOME10"],
    ["an all-capitals code", "Enter FREESHIP at checkout.", "code", "FREESHIP"],
    ["an invented address", "Details at https://deals.example.com/promo.", "url", "deals.example.com/promo"],
    ["a bare domain", "See harbor-outlet.com for more.", "url", "harbor-outlet.com"],
    ["a store path the sources never named", "See /discount/SUMMER for details.", "url", "/discount/summer"],
    ["an invented email", "Write to returns@harbor.example.", "email", "returns@harbor.example"],
    ["another product's name", "You might also like the Alpine Down Jacket.", "product", "Alpine Down Jacket"],
  ])("GIVEN %s THEN it is refused as a %s", (_, output, kind, fact) => {
    expect(verifyRephrasing(aCheck(output))).toEqual({ ok: false, reason: "invented", kind, fact });
  });

  it("GIVEN an empty or whitespace output THEN it is refused as empty", () => {
    expect(verifyRephrasing(aCheck("  \n "))).toEqual({ ok: false, reason: "empty" });
  });

  it("GIVEN an output far longer than an answer THEN it is refused", () => {
    expect(verifyRephrasing(aCheck("Returns are free. ".repeat(100)))).toEqual({ ok: false, reason: "too_long" });
  });

  it("GIVEN a code that only the question names THEN it passes, and the same code without the question is refused", () => {
    const output = "Yes, WELCOME10 works on sale items.";
    const withQuestion = aCheck(output, { allowed: [RETURNS, "Does WELCOME10 work on sale items?"] });
    expect(verifyRephrasing(withQuestion).ok).toBe(true);
    expect(verifyRephrasing(aCheck(output, { allowed: [RETURNS] }))).toMatchObject({ kind: "code" });
  });
});

describe("the rephrasing verifier, faithful rephrasings", () => {
  it.each([
    ["digits as words", "You have thirty days from delivery to return unworn items."],
    ["a compound adjective", "We offer a thirty-day return window for unworn items."],
    ["a price written the other way round", "Outside the EU a return label is 25.00 EUR."],
    ["a price in words", "Outside the EU a label costs twenty-five euros."],
    ["a dollar price without cents", "The Linen Shirt is $59 and 20 percent off until Friday."],
    ["a date the other way round", "Order before March 3rd, 2027 and it ships the same day."],
    ["a numeric date", "Orders placed before 03/03/2027 ship the same day."],
    ["a German rephrasing", "Sie können ungetragene Artikel innerhalb von dreißig Tagen zurückgeben."],
    ["German business days", "Bestellungen verlassen unser Lager innerhalb von zwei Werktagen."],
    ["the contact address and email", "Write to help@harbor.example or visit harbor.example/pages/contact."],
    ["the shop's domain alone", "Everything is on harbor.example."],
    ["the cited product's name", "The Linen Shirt comes in S and M."],
    ["'one' as a pronoun", "The blue one can be returned within 30 days, like any other."],
  ])("GIVEN %s THEN it passes", (_, output) => {
    expect(verifyRephrasing(aCheck(output))).toEqual({ ok: true, text: output });
  });

  it("GIVEN German-formatted money in the sources THEN the English spelling of the same amount passes", () => {
    const check = aCheck("The label costs €1,234.50.", { allowed: ["Das Etikett kostet 1.234,50 €."] });
    expect(verifyRephrasing(check).ok).toBe(true);
  });

  it("GIVEN an amount 'one' before a unit THEN it is a number the sources must state", () => {
    expect(verifyRephrasing(aCheck("It ships within one business day."))).toMatchObject({ kind: "number", fact: "1" });
  });
});
