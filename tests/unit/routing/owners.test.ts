import { describe, expect, it } from "vitest";
import { evaluate } from "../../../app/routing/engine";
import { restoreRoundRobinState, type RoundRobinState } from "../../../app/routing/owners";
import type { RuleSet } from "../../../app/routing/rule-schema";
import { aLead, aRule, aRuleSet } from "../../support/builders/routing-rules";
import { NOW_MS } from "../../support/clock";

const OWNERS = ["11", "22", "33", "44", "55", "66", "77"];
const roundRobin = (ownerIds = OWNERS) =>
  aRuleSet([aRule({ id: "rr", actions: [{ type: "assign_owner", mode: "round_robin", ownerIds }] })]);

/** Routes `count` fresh leads, carrying the state from one lead to the next as a caller would. */
function route(
  ruleSet: RuleSet,
  count: number,
  state: RoundRobinState,
  from = 0,
): { owners: string[]; state: RoundRobinState } {
  const owners: string[] = [];
  for (let i = from; i < from + count; i++) {
    const result = evaluate(ruleSet, aLead({ leadId: `rr-${i}` }), { now: NOW_MS, ownerAssignment: state });
    state = result.ownerAssignment;
    owners.push(result.ownerId as string);
  }
  return { owners, state };
}

const tally = (owners: string[]) =>
  owners.reduce<Record<string, number>>((counts, id) => ({ ...counts, [id]: (counts[id] ?? 0) + 1 }), {});

describe("round-robin owner assignment", () => {
  it("spreads 1,000 leads over 7 owners within ±1 of each other", () => {
    // GIVEN a round-robin rule over 7 owners WHEN 1,000 leads arrive
    const { owners } = route(roundRobin(), 1000, {});
    // THEN every owner gets 142 or 143 leads
    const counts = Object.values(tally(owners));
    expect(counts).toHaveLength(7);
    expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(1000);
  });

  it("continues the rotation after a restart exactly where it stopped", () => {
    // GIVEN 1,000 leads routed without interruption
    const straight = route(roundRobin(), 1000, {});
    // WHEN the same leads are routed with a restart after 437: state serialized, process gone, state read back
    const before = route(roundRobin(), 437, {});
    const stored = JSON.stringify(before.state);
    const after = route(roundRobin(), 563, restoreRoundRobinState(JSON.parse(stored)), 437);
    // THEN the owners are the same, lead for lead
    expect([...before.owners, ...after.owners]).toEqual(straight.owners);
    expect(after.state).toEqual(straight.state);
  });

  it("does not advance for a lead that already has an owner", () => {
    const ruleSet = roundRobin(["1", "2"]);
    const owned = evaluate(ruleSet, aLead({ ownerId: "9" }), {
      now: NOW_MS,
      ownerAssignment: { rr: { lastOwnerId: "1", assigned: 1 } },
    });
    expect(owned.ownerId).toBe("9");
    expect(owned.intents).toEqual([]);
    expect(owned.ownerAssignment).toEqual({ rr: { lastOwnerId: "1", assigned: 1 } });
    expect(owned.decisions[0]?.actions[0]?.result).toBe("kept owner 9, who already owns the contact");
  });

  it("picks up after the last owner when the pool is edited, and from the count when that owner left", () => {
    const state = { rr: { lastOwnerId: "2", assigned: 5 } };
    expect(evaluate(roundRobin(["1", "2", "3", "4"]), aLead(), { now: NOW_MS, ownerAssignment: state }).ownerId).toBe(
      "3",
    );
    expect(evaluate(roundRobin(["1", "3", "4"]), aLead(), { now: NOW_MS, ownerAssignment: state }).ownerId).toBe("4"); // 5 % 3 = 2 → "4"
  });

  it("names the owner and their turn in the decision", () => {
    const ruleSet = roundRobin(["1", "2"]);
    const result = evaluate(ruleSet, aLead(), {
      now: NOW_MS,
      ownerAssignment: { rr: { lastOwnerId: "1", assigned: 1 } },
      ownerNames: { "2": "Bea Sales" },
    });
    expect(result.decisions[0]?.actions[0]?.result).toBe("Bea Sales (2) (2 of 2 in rotation)");
  });

  it("refuses stored state it cannot read instead of silently starting over", () => {
    expect(() => restoreRoundRobinState({ rr: { lastOwnerId: 3 } })).toThrow();
    expect(restoreRoundRobinState(null)).toEqual({});
  });
});
