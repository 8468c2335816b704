import { describe, expect, it } from "vitest";
import { evaluate } from "../../../app/routing/engine";
import { aLead, aRule, aRuleSet, daysAgo, hoursAgo } from "../../support/builders/routing-rules";
import { NOW_MS } from "../../support/clock";

const demo = { fact: "micro_conversion", kind: "demo_booked" } as const;
const options = { now: NOW_MS, ownerAssignment: {} };

describe("stop and continue", () => {
  it("lets every matching rule act when each says continue", () => {
    // GIVEN two matching rules that continue
    const ruleSet = aRuleSet([aRule({ id: "first", then: "continue" }), aRule({ id: "second", then: "continue" })]);
    // WHEN a lead with an email is evaluated
    const { decisions, intents } = evaluate(ruleSet, aLead(), options);
    // THEN both match and both emit
    expect(decisions.map((d) => [d.ruleId, d.status])).toEqual([
      ["first", "matched"],
      ["second", "matched"],
    ]);
    expect(intents.map((i) => i.ruleId)).toEqual(["first", "second"]);
  });

  it("stops after a matching rule that says stop, and says why the rest were not checked", () => {
    // GIVEN a non-matching stop rule, a matching stop rule and a third rule
    const ruleSet = aRuleSet([
      aRule({ id: "demo", name: "Demo", conditions: demo, then: "stop" }),
      aRule({ id: "email", name: "Email", then: "stop" }),
      aRule({ id: "later", name: "Later" }),
    ]);
    // WHEN evaluated
    const { decisions, intents } = evaluate(ruleSet, aLead(), options);
    // THEN the first does not match, the second matches and stops, the third is not reached
    expect(decisions.map((d) => d.status)).toEqual(["not_matched", "matched", "not_reached"]);
    expect(intents.map((i) => i.ruleId)).toEqual(["email"]);
    expect(decisions[2]?.reason).toBe('Rule "Later" (v1) was not checked: rule "Email" matched first and stops there.');
  });

  it("skips disabled rules, so a disabled stop rule stops nothing", () => {
    const ruleSet = aRuleSet([aRule({ id: "off", enabled: false, then: "stop" }), aRule({ id: "on" })]);
    const { decisions } = evaluate(ruleSet, aLead(), options);
    expect(decisions.map((d) => d.status)).toEqual(["disabled", "matched"]);
    expect(decisions[0]?.conditions).toBeNull();
  });
});

describe("decisions", () => {
  it("records the rule, version, conditions and a reason a merchant can read", () => {
    // GIVEN version 7 of a rule on demo bookings
    const ruleSet = aRuleSet(
      [aRule({ id: "demo", name: "Demo booked", conditions: { all: [{ fact: "email", is: "business" }, demo] } })],
      { version: 7 },
    );
    // WHEN a business lead who booked a demo yesterday is evaluated
    const [decision] = evaluate(
      ruleSet,
      aLead({ leadId: "L1", email: "ann@acme.com", microConversions: [{ kind: "demo_booked", at: daysAgo(1) }] }),
      options,
    ).decisions;
    // THEN the decision names all of it
    expect(decision).toMatchObject({
      leadId: "L1",
      ruleId: "demo",
      ruleSetVersion: 7,
      status: "matched",
      decidedAt: new Date(NOW_MS).toISOString(),
    });
    expect(decision?.because).toEqual([
      "left a business email (acme.com (business))",
      "booked a demo at least 1 time (1 time)",
    ]);
    expect(decision?.reason).toBe(
      'Rule "Demo booked" (v7) matched: left a business email (acme.com (business)); booked a demo at least 1 time (1 time). Actions: sync the contact with chatlift_intent_score → queued.',
    );
  });

  it("is plain JSON, so decisions and intents are stored as they are", () => {
    const ruleSet = aRuleSet([
      aRule({
        conditions: { all: [{ not: { fact: "country", op: "in", countries: ["DE"] } }] },
        actions: [{ type: "create_task", subject: "Call", dueInHours: 1 }],
      }),
    ]);
    const evaluation = evaluate(ruleSet, aLead({ country: "FR" }), options);
    expect(JSON.parse(JSON.stringify(evaluation))).toEqual(evaluation);
  });

  it("says which condition failed when a rule does not match", () => {
    const ruleSet = aRuleSet([
      aRule({ name: "Demo booked", conditions: { all: [{ fact: "email", is: "captured" }, demo] } }),
    ]);
    const [decision] = evaluate(ruleSet, aLead(), options).decisions;
    expect(decision?.reason).toBe('Rule "Demo booked" (v1) did not match: booked a demo at least 1 time (0 times).');
  });

  it.each([
    ["no email", aLead({ email: undefined }), "no_email", "the lead has not left an email yet"],
    ["no consent under opt-in", aLead({ consent: "none" }), "no_consent", "the lead has not given marketing consent"],
    ["withdrawn consent", aLead({ consent: "withdrawn" }), "no_consent", "the lead has not given marketing consent"],
  ] as const)("matches but sends nothing for a lead with %s", (_name, lead, withheld, words) => {
    // GIVEN a rule that matches every lead, with a round-robin owner
    const ruleSet = aRuleSet([
      aRule({
        conditions: { all: [] },
        actions: [{ type: "assign_owner", mode: "round_robin", ownerIds: ["1", "2"] }],
      }),
    ]);
    // WHEN evaluated
    const result = evaluate(ruleSet, lead, options);
    // THEN the decision says why nothing was sent, and the rotation has not moved
    expect(result.decisions[0]).toMatchObject({ status: "matched", withheld });
    expect(result.decisions[0]?.reason).toContain(words);
    expect(result.intents).toEqual([]);
    expect(result.scoreIntent).toBeNull();
    expect(result.ownerAssignment).toEqual({});
  });

  it("sends leads without consent when the shop works on notice", () => {
    const ruleSet = aRuleSet([aRule()]);
    const result = evaluate(ruleSet, aLead({ consent: "none" }), { ...options, consentMode: "notice" });
    expect(result.intents).toHaveLength(1);
  });
});

describe("intents", () => {
  it("turns every action into the exact intent, with the owner threaded into task and deal", () => {
    // GIVEN a rule with every kind of action
    const ruleSet = aRuleSet(
      [
        aRule({
          id: "all-actions",
          name: "Everything",
          actions: [
            { type: "sync_contact", properties: ["chatlift_product_interest"], set: { interest_source: "chat" } },
            { type: "set_lifecycle_stage", stage: "marketingqualifiedlead" },
            { type: "set_lead_status", status: "NEW" },
            { type: "assign_owner", mode: "fixed", ownerId: "501" },
            {
              type: "create_task",
              subject: "Call {{email}}",
              body: "Score {{score}} from {{rule}}",
              dueInHours: 24,
              priority: "HIGH",
              taskType: "CALL",
            },
            { type: "create_deal", pipelineId: "default", stageId: "appointmentscheduled", amount: "cart_value" },
            { type: "send_event", name: "chat_qualified", properties: { rule: "{{rule}}" } },
          ],
        }),
      ],
      { version: 3 },
    );
    const lead = aLead({
      leadId: "L9",
      email: "ann@acme.com",
      cartValue: 12_345,
      microConversions: [{ kind: "demo_booked", at: NOW_MS }],
    });
    // WHEN evaluated
    const { intents } = evaluate(ruleSet, lead, options);
    // THEN each intent is plain data the worker can send as is
    const source = { leadId: "L9", email: "ann@acme.com", ruleId: "all-actions", ruleSetVersion: 3 };
    expect(intents).toEqual([
      {
        ...source,
        kind: "upsert_contact",
        chatliftProperties: ["chatlift_product_interest"],
        properties: { interest_source: "chat" },
      },
      { ...source, kind: "set_lifecycle_stage", stage: "marketingqualifiedlead" },
      { ...source, kind: "set_lead_status", status: "NEW" },
      { ...source, kind: "assign_owner", ownerId: "501", how: "fixed" },
      {
        ...source,
        kind: "create_task",
        subject: "Call ann@acme.com",
        body: "Score 40 from Everything",
        dueAt: new Date(NOW_MS + 24 * 3_600_000).toISOString(),
        priority: "HIGH",
        taskType: "CALL",
        ownerId: "501",
        dedupeKey: "L9:all-actions:create_task:1",
      },
      {
        ...source,
        kind: "create_deal",
        pipelineId: "default",
        stageId: "appointmentscheduled",
        name: "Chat lead ann@acme.com",
        amount: "123.45",
        currency: "USD",
        ownerId: "501",
        dedupeKey: "L9:all-actions:create_deal:1",
      },
      {
        ...source,
        kind: "send_event",
        name: "chat_qualified",
        properties: { rule: "Everything" },
        occurredAt: new Date(NOW_MS).toISOString(),
        dedupeKey: "L9:all-actions:send_event:1",
      },
    ]);
  });

  it("does not repeat a task or deal the lead already got from this rule", () => {
    // GIVEN a lead whose deal from this rule was already emitted
    const ruleSet = aRuleSet([
      aRule({
        id: "deal",
        actions: [
          { type: "create_deal", pipelineId: "default", stageId: "qualifiedtobuy" },
          { type: "create_task", subject: "Call", dueInHours: 1 },
        ],
      }),
    ]);
    const lead = aLead({ leadId: "L2", emittedOnce: ["L2:deal:create_deal:1"] });
    // WHEN evaluated again on the next event
    const result = evaluate(ruleSet, lead, options);
    // THEN only the task is emitted; the deal is named as already done
    expect(result.intents.map((i) => i.kind)).toEqual(["create_task"]);
    expect(result.decisions[0]?.actions[0]?.result).toBe("already done for this lead earlier: not repeated");
  });

  it("keeps the contact's owner unless told to overwrite, and gives it to later rules' tasks", () => {
    const ruleSet = aRuleSet([
      aRule({ id: "owner", actions: [{ type: "assign_owner", mode: "fixed", ownerId: "2" }] }),
      aRule({ id: "task", actions: [{ type: "create_task", subject: "Call", dueInHours: 2 }] }),
    ]);
    const kept = evaluate(ruleSet, aLead({ ownerId: "1" }), options);
    expect(kept.intents.map((i) => [i.kind, "ownerId" in i ? i.ownerId : undefined])).toEqual([["create_task", "1"]]);
    expect(kept.ownerId).toBe("1");
    const fresh = evaluate(ruleSet, aLead(), options);
    expect(fresh.intents.map((i) => [i.kind, "ownerId" in i ? i.ownerId : undefined])).toEqual([
      ["assign_owner", "2"],
      ["create_task", "2"],
    ]);
    expect(fresh.ownerId).toBe("2");
  });

  it("writes the recomputed intent score only when it changed", () => {
    // GIVEN no rules and a lead who booked a demo 14 days ago (40 points, half-life 14 days → 20)
    const ruleSet = aRuleSet([]);
    const lead = aLead({ leadId: "L3", microConversions: [{ kind: "demo_booked", at: hoursAgo(14 * 24) }] });
    // WHEN HubSpot has an older score, and again when it already has 20
    const changed = evaluate(ruleSet, { ...lead, intentScore: 35 }, options);
    const same = evaluate(ruleSet, { ...lead, intentScore: 20 }, options);
    // THEN only the first writes the score property
    expect(changed.score.score).toBe(20);
    expect(changed.scoreIntent).toEqual({
      leadId: "L3",
      email: "L3@acme.com",
      ruleId: null,
      ruleSetVersion: 1,
      kind: "upsert_contact",
      chatliftProperties: ["chatlift_intent_score"],
      properties: {},
    });
    expect(same.scoreIntent).toBeNull();
  });

  it("uses the recomputed score in score conditions, not the stored one", () => {
    const ruleSet = aRuleSet([aRule({ conditions: { fact: "qualified", is: true } })]);
    const lead = aLead({ intentScore: 90, microConversions: [{ kind: "link_click", at: NOW_MS }] });
    expect(evaluate(ruleSet, lead, options).decisions[0]?.status).toBe("not_matched");
  });
});
