/**
 * The merchant's offer rules on hand-built conversations: which rule offers a person and why, in the merchant's
 * order; rules a conversation cannot have facts for are refused when saved; stored rules that no longer parse
 * offer nothing; the Conversations page's three fields round-trip; a request while a rule matches is the rule's.
 */
import { describe, expect, it } from "vitest";
import {
  offerFor,
  offerFormOf,
  offerRulesSchema,
  readOfferRules,
  rulesOfOfferForm,
  type ConversationFacts,
  type OfferRule,
} from "../../../app/conversations/handoff-offers";
import { AFTER_ABSTENTION_MS, reasonFor } from "../../../app/conversations/handoff";
import type { LeadFacts } from "../../../app/routing/facts";
import { NOW_MS } from "../../support/clock";
import { aLead } from "../../support/builders/routing-rules";

/** A conversation with no cart, no answers and one product page, unless told otherwise (no lead: no email yet). */
function aConversation(overrides: Partial<LeadFacts> = {}, abstentions = 0): ConversationFacts {
  return {
    abstentions,
    facts: aLead({
      leadId: "session:sess_1",
      email: undefined,
      consent: "none",
      pages: [{ type: "product", path: "/products/standing-desk", handle: "standing-desk", at: NOW_MS }],
      ...overrides,
    }),
  };
}

const rules = (input: unknown[]): OfferRule[] => offerRulesSchema.parse(input);

const RULES = rules([
  { id: "unanswered", name: "After 2 unanswered questions", afterAbstentions: 2 },
  { id: "big-cart", name: "Cart over $200", when: { fact: "cart_value", op: "gte", value: 200 } },
  { id: "b2b", name: "Teams of 50+", when: { fact: "qualifier", question: "team_size", op: "gte", value: 50 } },
  { id: "desks", name: "Desk pages", when: { fact: "page_visited", handles: ["standing-desk"] } },
]);

describe("offer rules", () => {
  it("GIVEN two unanswered questions THEN the abstention rule offers a person, saying why", () => {
    expect(offerFor(RULES, aConversation({ pages: [] }, 2), NOW_MS)).toEqual({
      ruleId: "unanswered",
      name: "After 2 unanswered questions",
      because: ["2 questions not answered (at least 2)"],
    });
    expect(offerFor(RULES, aConversation({ pages: [] }, 1), NOW_MS)).toBeNull();
  });

  it("GIVEN a cart of $240.00 or of exactly $200.00 THEN the cart rule; $199.99 does not reach it", () => {
    const offered = (cartValue: number) => offerFor(RULES, aConversation({ cartValue, pages: [] }), NOW_MS);
    expect(offered(24_000)).toMatchObject({ ruleId: "big-cart", because: [expect.stringContaining("$240.00")] });
    expect(offered(20_000)?.ruleId).toBe("big-cart");
    expect(offered(19_999)).toBeNull();
  });

  it("GIVEN a team of 80, or of 12, or a choice answer THEN only 80 reaches the qualifier rule", () => {
    const offered = (answer: LeadFacts["qualifierAnswers"][string]) =>
      offerFor(RULES, aConversation({ pages: [], qualifierAnswers: { team_size: answer } }), NOW_MS)?.ruleId ?? null;
    expect(offered({ kind: "number", value: 80 })).toBe("b2b");
    expect(offered({ kind: "number", value: 12 })).toBeNull();
    expect(offered({ kind: "choice", value: "enterprise" })).toBeNull();
  });

  it("GIVEN several rules match THEN the first in the merchant's order wins; a disabled one is skipped", () => {
    const busy = aConversation({ cartValue: 50_000 }, 3);
    expect(offerFor(RULES, busy, NOW_MS)?.ruleId).toBe("unanswered");
    const [first, ...rest] = RULES;
    expect(offerFor([{ ...first!, enabled: false }, ...rest], busy, NOW_MS)?.ruleId).toBe("big-cart");
    expect(offerFor(RULES, aConversation(), NOW_MS)?.ruleId).toBe("desks");
    expect(offerFor([], busy, NOW_MS)).toBeNull();
  });

  it("GIVEN a rule with both an abstention count and a condition THEN it needs both", () => {
    const both = rules([
      {
        id: "stuck-buyer",
        name: "Stuck with a cart",
        afterAbstentions: 1,
        when: { fact: "cart_value", op: "gt", value: 0 },
      },
    ]);
    expect(offerFor(both, aConversation({ cartValue: 100 }, 0), NOW_MS)).toBeNull();
    expect(offerFor(both, aConversation({}, 1), NOW_MS)).toBeNull();
    expect(offerFor(both, aConversation({ cartValue: 100 }, 1), NOW_MS)?.because).toHaveLength(2);
  });

  it("GIVEN rules a conversation has no facts for, no condition, or one id twice THEN refused with paths", () => {
    const refused = offerRulesSchema.safeParse([
      { id: "buyers", name: "Past buyers", when: { any: [{ fact: "order_count", op: "gte", value: 1 }] } },
      { id: "empty", name: "Nothing" },
      { id: "fine", name: "Fine", afterAbstentions: 1 },
      { id: "typo", name: "Typo", when: { fact: "cart_value", op: "gte", valeu: 5 } },
    ]);
    expect(refused.success).toBe(false);
    const problems = refused.error!.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^0\.when: a conversation has no order_count before a lead/),
        "1.when: needs afterAbstentions, when or both",
        "3.when: unknown field: valeu",
      ]),
    );
    // Ids are compared once every rule reads.
    const twice = offerRulesSchema.safeParse([
      { id: "same", name: "One", afterAbstentions: 1 },
      { id: "same", name: "Two", afterAbstentions: 2 },
    ]);
    expect(twice.error?.issues.map((issue) => [issue.path.join("."), issue.message])).toEqual([
      ["1.id", '"same" twice'],
    ]);
  });

  it("GIVEN stored rules that no longer parse THEN they offer nothing, never an error", () => {
    expect(readOfferRules(null)).toEqual([]);
    expect(readOfferRules("{not json")).toEqual([]);
    expect(readOfferRules('[{"id":"x","name":"x"}]')).toEqual([]);
    expect(readOfferRules(JSON.stringify(RULES))).toEqual(RULES);
  });

  it("GIVEN the page's three fields THEN they become rules and read back; hand-written rules are kept after them", () => {
    const form = { afterAbstentions: 3, cartAtLeast: 150, qualifier: { question: "seats", atLeast: 10 } };
    const handWritten = RULES.filter((rule) => rule.id === "desks");
    const saved = rules(rulesOfOfferForm(form, [...RULES.slice(0, 1), ...handWritten], "EUR"));
    expect(saved.map((rule) => [rule.id, rule.name])).toEqual([
      ["unanswered", "After 3 unanswered questions"],
      ["big-cart", "Cart from chat worth at least 150 EUR"],
      ["qualifier", "seats at least 10"],
      ["desks", "Desk pages"],
    ]);
    expect(offerFormOf(saved)).toEqual(form);
    expect(offerFormOf(rules(rulesOfOfferForm({}, saved, "EUR")))).toEqual({});
  });

  it("GIVEN a rule offers a person THEN a request is the rule's, even right after an abstention; a sent reason stands", () => {
    const abstained = { type: "answer_abstained", occurredAt: NOW_MS - 1_000 };
    expect(reasonFor("asked", abstained, NOW_MS, true)).toBe("rule");
    expect(reasonFor("asked", abstained, NOW_MS, false)).toBe("abstained");
    expect(reasonFor("asked", { ...abstained, occurredAt: NOW_MS - AFTER_ABSTENTION_MS - 1 }, NOW_MS, true)).toBe(
      "rule",
    );
    expect(reasonFor("abstained", null, NOW_MS, true)).toBe("abstained");
  });
});
