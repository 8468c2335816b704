import { describe, expect, it } from "vitest";
import { evaluate } from "../../../app/routing/engine";
import { findTemplate, RULE_TEMPLATES, type TemplateChoices } from "../../../app/routing/templates";
import { validateRuleSet } from "../../../app/routing/validate";
import { aLead, aRuleSet, daysAgo } from "../../support/builders/routing-rules";
import { NOW_MS } from "../../support/clock";

const choices: TemplateChoices = {
  pipelineId: "default",
  stageId: "appointmentscheduled",
  ownerIds: ["101", "102"],
  bigCartValue: 500,
};
const template = (id: string) => {
  const found = findTemplate(id);
  if (!found) throw new Error(`no template ${id}`);
  return found.build(choices);
};

describe("rule templates", () => {
  it("all validate, together in one rule set", () => {
    const result = validateRuleSet({ version: 1, rules: RULE_TEMPLATES.map((t) => t.build(choices)) });
    expect(result.ok ? [] : result.errors).toEqual([]);
  });

  it("say which choices they need", () => {
    const pricing = findTemplate("pricing-team-mql");
    expect(pricing?.needs).toEqual(["ownerIds"]);
    expect(() => pricing?.build({})).toThrow("template needs ownerIds");
  });

  it("email captured + demo booked → deal in the chosen pipeline and a task for the owner", () => {
    // GIVEN the demo template, and a lead with an owner who left their email and booked a demo
    const ruleSet = aRuleSet([template("demo-deal")]);
    const lead = aLead({
      leadId: "D1",
      email: "ann@acme.com",
      ownerId: "101",
      microConversions: [
        { kind: "email_capture", at: daysAgo(1) },
        { kind: "demo_booked", at: daysAgo(1) },
      ],
    });
    // WHEN evaluated
    const { intents, decisions } = evaluate(ruleSet, lead, { now: NOW_MS, ownerAssignment: {} });
    // THEN a deal and a task for that owner are emitted, and later rules are not checked
    expect(intents.map((i) => i.kind)).toEqual(["upsert_contact", "create_deal", "create_task"]);
    expect(intents[1]).toMatchObject({
      pipelineId: "default",
      stageId: "appointmentscheduled",
      name: "Demo: ann@acme.com",
      ownerId: "101",
    });
    expect(intents[2]).toMatchObject({
      subject: "Prepare the demo with ann@acme.com",
      ownerId: "101",
      dueAt: new Date(NOW_MS + 24 * 3_600_000).toISOString(),
    });
    expect(decisions[0]?.reason).toContain("Later rules are not checked.");
  });

  it("fit help + add to cart → lifecycle lead and product interest", () => {
    const ruleSet = aRuleSet([template("fit-help-cart")]);
    const lead = aLead({
      microConversions: [
        { kind: "fit_help", at: daysAgo(2) },
        { kind: "add_to_cart", at: daysAgo(1) },
      ],
    });
    const { intents } = evaluate(ruleSet, lead, { now: NOW_MS, ownerAssignment: {} });
    expect(intents.map((i) => (i.kind === "upsert_contact" ? i.chatliftProperties : i.kind))).toEqual([
      "set_lifecycle_stage",
      ["chatlift_product_interest", "chatlift_intent_score"],
    ]);
  });

  it.each([
    [12, true],
    [9, false],
  ])("pricing page + team size %i → marketing-qualified with a round-robin owner: %s", (teamSize, matches) => {
    const ruleSet = aRuleSet([template("pricing-team-mql")]);
    const lead = aLead({
      pages: [{ type: "page", path: "/pages/pricing", handle: "pricing", at: daysAgo(1) }],
      qualifierAnswers: { team_size: { kind: "number", value: teamSize } },
    });
    const { intents } = evaluate(ruleSet, lead, { now: NOW_MS, ownerAssignment: {} });
    expect(intents.map((i) => i.kind)).toEqual(matches ? ["set_lifecycle_stage", "assign_owner"] : []);
    if (matches) expect(intents[1]).toMatchObject({ ownerId: "101", how: "round_robin" });
  });

  it("business email + big cart calls only first-time buyers with a company address", () => {
    const ruleSet = aRuleSet([template("business-big-cart")]);
    const business = evaluate(ruleSet, aLead({ email: "cto@acme.com", cartValue: 60_000 }), {
      now: NOW_MS,
      ownerAssignment: {},
    });
    const freeMail = evaluate(ruleSet, aLead({ email: "cto@gmail.com", cartValue: 60_000 }), {
      now: NOW_MS,
      ownerAssignment: {},
    });
    expect(business.intents.map((i) => i.kind)).toEqual(["set_lead_status", "create_task"]);
    expect(freeMail.intents).toEqual([]);
  });
});
