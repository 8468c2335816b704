import { describe, expect, it } from "vitest";
import { describeErrors, parseRuleSet, RuleSetError, validateRuleSet } from "../../../app/routing/validate";
import { aRule } from "../../support/builders/routing-rules";

const withRule = (rule: Record<string, unknown>) => ({
  version: 1,
  rules: [aRule({ id: "ok-1" }), aRule({ id: "ok-2" }), { ...aRule({ id: "bad" }), ...rule }],
});
const errorsOf = (input: unknown) => {
  const result = validateRuleSet(input);
  if (result.ok) throw new Error("expected the rule set to be invalid");
  return result.errors;
};

describe("validateRuleSet", () => {
  it("fills defaults of a minimal valid set", () => {
    // GIVEN a rule with only the required fields WHEN validated
    const result = validateRuleSet({
      version: 2,
      rules: [
        {
          id: "r",
          name: "R",
          conditions: { fact: "consent", state: "granted" },
          actions: [{ type: "set_lead_status", status: "NEW" }],
        },
      ],
    });
    // THEN it is enabled, continues, and the scoring defaults are in place
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.ruleSet.rules[0]).toMatchObject({ enabled: true, then: "continue" });
    expect(result.ruleSet.scoring).toMatchObject({
      halfLifeDays: 14,
      qualifiedThreshold: 50,
      maxPerKind: 3,
      weights: {},
    });
  });

  it.each<[string, Record<string, unknown>, string, string]>([
    [
      "a text where a number belongs",
      {
        conditions: {
          any: [
            { fact: "consent", state: "granted" },
            { fact: "cart_value", op: "gte", value: "100" },
          ],
        },
      },
      "rules[2].conditions.any[1].value",
      "must be a number",
    ],
    [
      "an unknown fact",
      { conditions: { all: [{ fact: "weather" }] } },
      "rules[2].conditions.all[0].fact",
      "must be one of: micro_conversion, intent_score",
    ],
    [
      "an unknown micro-conversion kind",
      { conditions: { fact: "micro_conversion", kind: "hug" } },
      "rules[2].conditions.kind",
      "must be one of: fit_help, recommendation_click",
    ],
    [
      "a misspelt field",
      { conditions: { fact: "micro_conversion", kind: "fit_help", withinDay: 3 } },
      "rules[2].conditions",
      "unknown field: withinDay",
    ],
    [
      "a missing value under not",
      { conditions: { not: { fact: "qualifier", question: "team_size", op: "gte" } } },
      "rules[2].conditions.not.value",
      'is required for "gte"',
    ],
    [
      "values on present",
      { conditions: { fact: "utm", field: "source", op: "present", values: ["x"] } },
      "rules[2].conditions.values",
      'must be left out for "present"',
    ],
    [
      "a lower-case country",
      { conditions: { fact: "country", op: "in", countries: ["de"] } },
      "rules[2].conditions.countries[0]",
      "a two-letter ISO country code",
    ],
    ["an empty any", { conditions: { any: [] } }, "rules[2].conditions.any", "must have at least 1 condition"],
    [
      "a combinator with a leaf field beside it",
      { conditions: { all: [], fact: "email" } },
      "rules[2].conditions",
      '"all" must stand alone',
    ],
    ["no actions", { actions: [] }, "rules[2].actions", "must have at least 1 item"],
    [
      "an unknown action",
      { actions: [{ type: "send_fax" }] },
      "rules[2].actions[0].type",
      "must be one of: sync_contact",
    ],
    [
      "a fractional delay",
      { actions: [{ type: "create_task", subject: "Call", dueInHours: 1.5 }] },
      "rules[2].actions[0].dueInHours",
      "must be a whole number",
    ],
    [
      "an unknown placeholder",
      { actions: [{ type: "create_task", subject: "Call {{phone}}", dueInHours: 1 }] },
      "rules[2].actions[0].subject",
      "unknown placeholder {{phone}}",
    ],
    [
      "a round-robin owner twice",
      { actions: [{ type: "assign_owner", mode: "round_robin", ownerIds: ["1", "2", "1"] }] },
      "rules[2].actions[0].ownerIds[2]",
      "owner 1 is listed twice",
    ],
    [
      "a fixed owner without id",
      { actions: [{ type: "assign_owner", mode: "fixed" }] },
      "rules[2].actions[0].ownerId",
      'is required for "fixed"',
    ],
    [
      "a reserved property in set",
      { actions: [{ type: "sync_contact", set: { hubspot_owner_id: "1" } }] },
      "rules[2].actions[0].set.hubspot_owner_id",
      "is set by its own action",
    ],
    [
      "an unknown ChatLift property",
      { actions: [{ type: "sync_contact", properties: ["chatlift_mood"] }] },
      "rules[2].actions[0].properties[0]",
      "must be one of: chatlift_intent_score",
    ],
    [
      "two owners in one rule",
      {
        actions: [
          { type: "assign_owner", mode: "fixed", ownerId: "1" },
          { type: "assign_owner", mode: "fixed", ownerId: "2" },
        ],
      },
      "rules[2].actions[1]",
      "a rule assigns at most one owner",
    ],
    ["an id already used", { id: "ok-1" }, "rules[2].id", '"ok-1" is already the id of rules[0]'],
    ["a missing name", { name: undefined }, "rules[2].name", "is required"],
    ["a bad then", { then: "maybe" }, "rules[2].then", "must be one of: stop, continue"],
  ])("names the path of %s", (_name, rule, path, message) => {
    // GIVEN a rule set whose third rule has one mistake WHEN validated
    const errors = errorsOf(withRule(rule));
    // THEN exactly that error is reported, at its path
    expect(errors).toHaveLength(1);
    expect(errors[0]?.path).toBe(path);
    expect(errors[0]?.message).toContain(message);
  });

  it("reports every error at once, cross-rule ones included", () => {
    const errors = errorsOf({
      version: 0,
      rules: [
        aRule({ id: "same", conditions: { fact: "intent_score", op: "gte", value: 101 } }),
        aRule({ id: "same", actions: [] }),
      ],
      scoring: { halfLifeDays: 0 },
    });
    expect(describeErrors(errors).split("\n")).toEqual([
      "version: must be at least 1",
      "rules[0].conditions.value: must be at most 100",
      "rules[1].actions: must have at least 1 item",
      "scoring.halfLifeDays: must be at least 0.5",
      'rules[1].id: "same" is already the id of rules[0]',
    ]);
  });

  it("refuses a set that is not an object", () => {
    expect(errorsOf("rules")).toEqual([{ path: "(root)", message: "must be an object" }]);
  });

  it("throws a RuleSetError with the errors from parseRuleSet", () => {
    expect(() => parseRuleSet({ version: 1, rules: [{}] })).toThrow(RuleSetError);
  });
});
