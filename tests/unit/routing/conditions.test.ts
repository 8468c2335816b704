import { describe, expect, it } from "vitest";
import type { Condition } from "../../../app/routing/condition-schema";
import { evaluateCondition, explainOutcome, type ConditionContext } from "../../../app/routing/conditions";
import type { LeadFacts } from "../../../app/routing/facts";
import { aLead, daysAgo } from "../../support/builders/routing-rules";
import { NOW_MS } from "../../support/clock";

const contextFor = (facts: LeadFacts, score = 0): ConditionContext => ({
  facts,
  now: NOW_MS,
  score,
  qualifiedThreshold: 50,
  freeMailDomains: ["example-mail.org"],
});
const check = (condition: Condition, facts: LeadFacts, score?: number) =>
  evaluateCondition(condition, contextFor(facts, score));

const demoYesterday = aLead({
  microConversions: [
    { kind: "demo_booked", at: daysAgo(1) },
    { kind: "add_to_cart", at: daysAgo(10) },
    { kind: "add_to_cart", at: daysAgo(2) },
  ],
});

describe("leaf conditions", () => {
  it.each<[string, Condition, LeadFacts, boolean]>([
    [
      "a kind done at least once",
      { fact: "micro_conversion", kind: "demo_booked", op: "gte", count: 1 },
      demoYesterday,
      true,
    ],
    ["a kind never done", { fact: "micro_conversion", kind: "fit_help", op: "gte", count: 1 }, demoYesterday, false],
    [
      "count within N days",
      { fact: "micro_conversion", kind: "add_to_cart", op: "gte", count: 2, withinDays: 7 },
      demoYesterday,
      false,
    ],
    [
      "count over all time",
      { fact: "micro_conversion", kind: "add_to_cart", op: "gte", count: 2 },
      demoYesterday,
      true,
    ],
    ["any kind, exactly 3", { fact: "micro_conversion", kind: "any", op: "eq", count: 3 }, demoYesterday, true],
    [
      "page type seen",
      { fact: "page_visited", pageTypes: ["product"] },
      aLead({ pages: [{ type: "product", path: "/products/tee", handle: "tee", at: daysAgo(1) }] }),
      true,
    ],
    [
      "page handle, any case",
      { fact: "page_visited", handles: ["Pricing"] },
      aLead({ pages: [{ type: "page", path: "/pages/pricing", handle: "pricing", at: daysAgo(1) }] }),
      true,
    ],
    [
      "page too long ago",
      { fact: "page_visited", handles: ["pricing"], withinDays: 7 },
      aLead({ pages: [{ type: "page", path: "/pages/pricing", handle: "pricing", at: daysAgo(8) }] }),
      false,
    ],
    [
      "product by gid or number",
      { fact: "product", productIds: ["gid://shopify/Product/42"] },
      aLead({ productIds: ["42"] }),
      true,
    ],
    [
      "collection by handle",
      { fact: "collection", collections: ["summer"] },
      aLead({ collections: ["summer", "gid://shopify/Collection/7"] }),
      true,
    ],
    ["cart value in shop money", { fact: "cart_value", op: "gte", value: 100 }, aLead({ cartValue: 10_000 }), true],
    ["cart value a cent short", { fact: "cart_value", op: "gte", value: 100 }, aLead({ cartValue: 9_999 }), false],
    ["no cart is an empty cart", { fact: "cart_value", op: "lt", value: 1 }, aLead({ cartValue: undefined }), true],
    [
      "cart value in yen",
      { fact: "cart_value", op: "gt", value: 5000 },
      aLead({ currency: "JPY", cartValue: 5001 }),
      true,
    ],
    ["order count", { fact: "order_count", op: "gte", value: 2 }, aLead({ orders: { count: 2, revenue: 5000 } }), true],
    [
      "order revenue",
      { fact: "order_revenue", op: "gt", value: 50 },
      aLead({ orders: { count: 2, revenue: 5000 } }),
      false,
    ],
    ["country in list", { fact: "country", op: "in", countries: ["DE", "AT"] }, aLead({ country: "de" }), true],
    ["country not in list", { fact: "country", op: "not_in", countries: ["DE"] }, aLead({ country: "FR" }), true],
    [
      "unknown country is never in or out",
      { fact: "country", op: "not_in", countries: ["DE"] },
      aLead({ country: undefined }),
      false,
    ],
    [
      "utm source equals, case-insensitive",
      { fact: "utm", field: "source", op: "equals", values: ["google", "bing"] },
      aLead({ utm: { source: "Google" } }),
      true,
    ],
    [
      "utm campaign contains",
      { fact: "utm", field: "campaign", op: "contains", values: ["b2b"] },
      aLead({ utm: { campaign: "spring-B2B-2026" } }),
      true,
    ],
    ["utm medium absent", { fact: "utm", field: "medium", op: "absent" }, aLead({ utm: { source: "x" } }), true],
    ["consent granted", { fact: "consent", state: "granted" }, aLead({ consent: "granted" }), true],
    ["consent withdrawn", { fact: "consent", state: "withdrawn" }, aLead({ consent: "granted" }), false],
    ["business email", { fact: "email", is: "business" }, aLead({ email: "ann@acme.com" }), true],
    ["free-mail is not business", { fact: "email", is: "business" }, aLead({ email: "ann@gmail.com" }), false],
    [
      "merchant's extra free-mail domain",
      { fact: "email", is: "free_mail" },
      aLead({ email: "ann@example-mail.org" }),
      true,
    ],
    ["no email is not captured", { fact: "email", is: "captured" }, aLead({ email: undefined }), false],
    [
      "email domain ends with",
      { fact: "email_domain", op: "ends_with", values: [".edu"] },
      aLead({ email: "bo@cs.mit.edu" }),
      true,
    ],
    [
      "qualifier number ≥",
      { fact: "qualifier", question: "team_size", op: "gte", value: 10 },
      aLead({ qualifierAnswers: { team_size: { kind: "number", value: 12 } } }),
      true,
    ],
    [
      "qualifier number <",
      { fact: "qualifier", question: "team_size", op: "gte", value: 10 },
      aLead({ qualifierAnswers: { team_size: { kind: "number", value: 9 } } }),
      false,
    ],
    ["qualifier unanswered", { fact: "qualifier", question: "team_size", op: "lt", value: 10 }, aLead(), false],
    [
      "qualifier choice",
      { fact: "qualifier", question: "budget", op: "is_any_of", choices: ["high", "mid"] },
      aLead({ qualifierAnswers: { budget: { kind: "choice", value: "mid" } } }),
      true,
    ],
    [
      "qualifier answered",
      { fact: "qualifier", question: "budget", op: "answered" },
      aLead({ qualifierAnswers: { budget: { kind: "choice", value: "low" } } }),
      true,
    ],
  ])("%s", (_name, condition, facts, expected) => {
    // GIVEN a lead WHEN the condition is checked THEN it matches as expected
    expect(check(condition, facts).matched).toBe(expected);
  });

  it.each<[Condition, number, boolean]>([
    [{ fact: "intent_score", op: "gte", value: 60 }, 60, true],
    [{ fact: "intent_score", op: "gt", value: 60 }, 60, false],
    [{ fact: "qualified", is: true }, 50, true],
    [{ fact: "qualified", is: true }, 49, false],
    [{ fact: "qualified", is: false }, 49, true],
  ])("scores: %j at score %i → %s", (condition, score, expected) => {
    expect(check(condition, aLead(), score).matched).toBe(expected);
  });
});

describe("combinators", () => {
  const cart: Condition = { fact: "micro_conversion", kind: "add_to_cart", op: "gte", count: 1 };
  const fit: Condition = { fact: "micro_conversion", kind: "fit_help", op: "gte", count: 1 };
  const lead = aLead({ microConversions: [{ kind: "add_to_cart", at: daysAgo(1) }] });

  it.each<[string, Condition, boolean]>([
    ["all: one fails", { all: [cart, fit] }, false],
    ["all: empty matches every lead", { all: [] }, true],
    ["any: one matches", { any: [cart, fit] }, true],
    ["not: negates", { not: fit }, true],
    ["nested: all(any(fit, cart), not(fit))", { all: [{ any: [fit, cart] }, { not: fit }] }, true],
    ["double not", { not: { not: cart } }, true],
  ])("%s", (_name, condition, expected) => {
    expect(check(condition, lead).matched).toBe(expected);
  });

  it("explains a match by the leaves that matched, with what the lead did", () => {
    // GIVEN any(fit help, add to cart) and a lead who added to cart
    const result = check({ any: [fit, cart] }, lead);
    // WHEN explained THEN only the add to cart is named, with its count
    expect(explainOutcome(result)).toEqual(["added to cart from chat at least 1 time (1 time)"]);
  });

  it("explains a miss by the leaves that failed, and flips sense under not", () => {
    // GIVEN all(add to cart, not(add to cart within 7 days)) for a lead who added yesterday
    const result = check({ all: [cart, { not: { ...cart, withinDays: 7 } as Condition }] }, lead);
    // WHEN explained THEN the failing negated leaf is named
    expect(result.matched).toBe(false);
    expect(explainOutcome(result)).toEqual(["not added to cart from chat at least 1 time in the last 7 days (1 time)"]);
  });

  it("names paths of nested leaves for the decision log", () => {
    const result = check({ all: [cart, { any: [fit, { not: fit }] }] }, lead);
    const any = result.children?.[1];
    expect(any?.path).toBe("all[1]");
    expect(any?.children?.[1]?.children?.[0]?.path).toBe("all[1].any[1].not");
  });

  it("states money in the shop's currency", () => {
    const result = check({ fact: "cart_value", op: "gte", value: 100 }, aLead({ cartValue: 4200 }));
    expect(explainOutcome(result)).toEqual(["cart value ≥ $100.00 ($42.00)"]);
  });
});
