import { describe, expect, it } from "vitest";
import { dryRun } from "../../../app/routing/dry-run";
import { nameOwners } from "../../../app/routing/actions";
import { aLead, aRule, aRuleSet, daysAgo } from "../../support/builders/routing-rules";
import { NOW_MS } from "../../support/clock";

const demoRule = aRule({
  id: "demo",
  name: "Demo",
  conditions: { fact: "micro_conversion", kind: "demo_booked" },
  actions: [
    { type: "assign_owner", mode: "round_robin", ownerIds: ["1", "2", "3"] },
    { type: "create_task", subject: "Call {{email}}", dueInHours: 4 },
  ],
  then: "stop",
});
const everyone = aRule({ id: "everyone", name: "Everyone", conditions: { all: [] } });

/** 10 leads: 7 booked a demo (one without consent), 3 did not. */
const leads = Array.from({ length: 10 }, (_, i) =>
  aLead({
    leadId: `dry-${i}`,
    consent: i === 6 ? "none" : "granted",
    microConversions: i < 7 ? [{ kind: "demo_booked", at: daysAgo(i + 1) }] : [],
  }),
);

describe("dry run", () => {
  it("counts per rule what would happen, with the first leads as samples", () => {
    // GIVEN a demo rule that stops, and a catch-all rule after it
    const ruleSet = aRuleSet([demoRule, everyone]);
    // WHEN previewed over 10 leads, 2 samples per rule
    const report = dryRun(ruleSet, leads, { now: NOW_MS, samplesPerRule: 2 });
    // THEN the demo rule matches 7 (one withheld for consent) and stops them; the catch-all gets the 3 others
    const [demo, rest] = report.rules;
    expect(demo?.counts).toEqual({ matched: 7, not_matched: 3, disabled: 0, not_reached: 0 });
    expect(demo?.withheld).toBe(1);
    expect(demo?.intents).toEqual({ assign_owner: 6, create_task: 6 });
    expect(demo?.owners).toEqual({ "1": 2, "2": 2, "3": 2 });
    expect(demo?.samples.map((s) => s.leadId)).toEqual(["dry-0", "dry-1"]);
    expect(demo?.samples[0]?.reason).toContain("booked a demo at least 1 time (1 time)");
    expect(demo?.missed.map((s) => s.leadId)).toEqual(["dry-7", "dry-8"]);
    expect(rest?.counts).toEqual({ matched: 3, not_matched: 0, disabled: 0, not_reached: 7 });
    expect(report).toMatchObject({ leads: 10, unrouted: 0, intents: 15 });
  });

  it("leaves the stored round-robin state untouched", () => {
    // GIVEN the state as stored
    const stored = { demo: { lastOwnerId: "3", assigned: 30 } };
    const snapshot = structuredClone(stored);
    // WHEN previewed
    const report = dryRun(aRuleSet([demoRule]), leads, { now: NOW_MS, ownerAssignment: stored });
    // THEN the rotation in the preview continues from it, and the stored state is unchanged
    expect(report.rules[0]?.samples[0]?.reason).toContain("owner 1 (1 of 3 in rotation)");
    expect(stored).toEqual(snapshot);
  });

  it("GIVEN a task subject and deal name with {{email}} WHEN previewed THEN the reasons show them filled, as HubSpot gets them", () => {
    // GIVEN a rule whose task and deal name the lead by email, for a lead with consent and one without
    const rule = aRule({
      id: "call",
      name: "Call",
      conditions: { fact: "micro_conversion", kind: "demo_booked" },
      actions: [
        { type: "create_task", subject: "Call {{ email }} (score {{score}})", dueInHours: 4 },
        { type: "create_deal", pipelineId: "default", stageId: "appointmentscheduled", name: "Demo: {{email}}" },
      ],
    });
    // WHEN previewed
    const report = dryRun(aRuleSet([rule]), leads.slice(5, 7), { now: NOW_MS });
    // THEN every sample's reason carries the lead's own email, never the placeholder
    const [sent, withheld] = report.rules[0]?.samples ?? [];
    expect(sent?.reason).toContain('create a task "Call dry-5@acme.com (score ');
    expect(sent?.reason).toContain('"Demo: dry-5@acme.com"');
    expect(withheld?.reason).toContain('create a task "Call dry-6@acme.com (score ');
    expect(report.rules[0]?.samples.map((sample) => sample.reason).join(" ")).not.toContain("{{");
  });

  it("GIVEN the HubSpot owners' names WHEN previewed THEN the reasons name owners by name", () => {
    const report = dryRun(aRuleSet([demoRule]), leads.slice(0, 1), {
      now: NOW_MS,
      ownerNames: { "1": "Ada Lovelace", "2": "Grace Hopper" },
    });
    const reason = report.rules[0]?.samples[0]?.reason ?? "";
    expect(reason).toContain("round-robin over Ada Lovelace (1), Grace Hopper (2) or owner 3");
    expect(reason).toContain("→ Ada Lovelace (1) (1 of 3 in rotation)");
  });

  it("GIVEN a reason stored with owner ids WHEN the owners' names are known THEN each id is named, unknown ones kept", () => {
    const stored =
      'Rule "Demo" (v1) matched. Actions: assign owner 1 (unless the contact has one) → owner 1; create a task "Call owner 12" for owner 3.';
    expect(nameOwners(stored, { "1": "Ada Lovelace" })).toBe(
      'Rule "Demo" (v1) matched. Actions: assign Ada Lovelace (1) (unless the contact has one) → Ada Lovelace (1); create a task "Call owner 12" for owner 3.',
    );
  });

  it("counts leads no rule matched and disabled rules", () => {
    const ruleSet = aRuleSet([demoRule, { ...everyone, enabled: false }]);
    const report = dryRun(ruleSet, leads, { now: NOW_MS });
    expect(report.unrouted).toBe(3);
    expect(report.rules[1]?.counts.disabled).toBe(10);
  });
});
