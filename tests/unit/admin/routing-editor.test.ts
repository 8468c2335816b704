/** The routing editor's pure pieces: list changes on a stored set, and each error put beside its field. */
import { describe, expect, it } from "vitest";
import {
  errorsForRule,
  moveRule,
  parseRuleForm,
  putRule,
  RuleNotFound,
  type EditableRuleSet,
} from "../../../app/admin/routing/editor";
import { parseRuleSet } from "../../../app/routing/validate";

const rule = (id: string) => ({
  id,
  name: id,
  conditions: { fact: "email", is: "captured" },
  actions: [{ type: "set_lead_status", status: "NEW" }],
});
const stored: EditableRuleSet = {
  version: 4,
  ruleSet: parseRuleSet({ version: 4, rules: [rule("a"), rule("b"), rule("c")] }),
};
const ids = (change: { rules: Array<{ id: string }> }) => change.rules.map((entry) => entry.id);

describe("rule list changes", () => {
  it.each([
    ["b", "up", ["b", "a", "c"]],
    ["b", "down", ["a", "c", "b"]],
    ["a", "up", ["a", "b", "c"]],
    ["c", "down", ["a", "b", "c"]],
  ] as const)("moving %s %s gives %j", (id, direction, expected) => {
    expect(ids(moveRule(stored, id, direction))).toEqual(expected);
  });

  it("leaves the stored set untouched and drops its version (the routing stage numbers the new one)", () => {
    const change = moveRule(stored, "c", "up");
    expect(ids(stored.ruleSet ?? { rules: [] })).toEqual(["a", "b", "c"]);
    expect(change).not.toHaveProperty("version");
  });

  it("puts an edited rule in its place, a new one last, and refuses an unknown one", () => {
    expect(putRule(stored, "b", rule("bee"))).toMatchObject({ index: 1 });
    expect(ids(putRule(stored, "b", rule("bee")).change)).toEqual(["a", "bee", "c"]);
    expect(putRule(stored, null, rule("d")).index).toBe(3);
    expect(() => moveRule(stored, "zzz", "up")).toThrow(RuleNotFound);
  });
});

describe("errorsForRule", () => {
  it("puts each error of rule 1 beside its field, counting actions from 1, and everything else on the form", () => {
    const errors = [
      { path: "rules[1].name", message: "must not be empty" },
      { path: "rules[1].conditions.any[0].value", message: "must be a number" },
      { path: "rules[1].actions[2].ownerIds[0]", message: "must be a HubSpot owner id (digits)" },
      { path: "rules[1].actions[0]", message: "a rule assigns at most one owner" },
      { path: "rules[10].id", message: '"b" is already the id of rules[1]' },
      { path: "scoring.halfLifeDays", message: "must be at least 0.5" },
    ];

    expect(errorsForRule(errors, 1)).toEqual({
      name: ["must not be empty"],
      conditions: ["any[0].value: must be a number"],
      actions: [
        "action 3, ownerIds[0]: must be a HubSpot owner id (digits)",
        "action 1: a rule assigns at most one owner",
      ],
      form: ['rules[10].id: "b" is already the id of rules[1]', "scoring.halfLifeDays: must be at least 0.5"],
    });
  });
});

describe("parseRuleForm", () => {
  it("reads the checkbox, and reports JSON that does not parse beside its field", () => {
    const parsed = parseRuleForm({
      baseVersion: "3",
      originalId: "",
      id: "x",
      name: "X",
      enabled: "on",
      then: "stop",
      conditions: "{",
      actions: "[]",
    });
    expect(parsed).toMatchObject({
      ok: false,
      baseVersion: 3,
      originalId: null,
      form: { enabled: true },
      fieldErrors: { conditions: [expect.stringMatching(/^is not valid JSON/)] },
    });
    expect(
      parseRuleForm({ baseVersion: "3", id: "x", name: "X", then: "stop", conditions: "{}", actions: "[]" }),
    ).toMatchObject({ ok: true, rule: { enabled: false } });
  });
});
