/**
 * The routing side of a handoff: the fact handoff_requested (a yes / no, never the shopper's words), the
 * create_ticket action's intent with the owner a rule assigned, and the ticket pipeline checked against the
 * account's own ticket pipelines (not its deal pipelines).
 */
import { describe, expect, it } from "vitest";
import { evaluate } from "../../../app/routing/engine";
import { checkReferences } from "../../../app/routing/references";
import { LEAD_STATUSES, LIFECYCLE_STAGES } from "../../../app/routing/action-schema";
import { leadActionsOf } from "../../../app/routing/routed-fields";
import { aLead, aRule, aRuleSet } from "../../support/builders/routing-rules";
import { NOW_MS } from "../../support/clock";

const options = { now: NOW_MS, ownerAssignment: {} };
const ticket = { type: "create_ticket", ticketPipelineId: "0", ticketStageId: "1" } as const;
const handoffRule = aRule({
  id: "handoff",
  name: "Asked for a person",
  conditions: { fact: "handoff_requested" },
  actions: [{ type: "assign_owner", mode: "fixed", ownerId: "502" }, ticket],
});

describe("the handoff_requested fact", () => {
  it("GIVEN a lead who asked for a person WHEN rules run THEN the rule matches and says so without any words of the shopper", () => {
    const { decisions } = evaluate(aRuleSet([handoffRule]), aLead({ handoffRequested: true }), options);
    expect(decisions[0]?.status).toBe("matched");
    expect(decisions[0]?.because).toEqual(["asked for a person (handoff) (handoff requested)"]);
  });

  it("GIVEN a lead who never asked WHEN rules run THEN a handoff rule does not match, and `is: false` does", () => {
    const lead = aLead();
    expect(evaluate(aRuleSet([handoffRule]), lead, options).decisions[0]?.because).toEqual([
      "asked for a person (handoff) (no handoff)",
    ]);
    const notAsked = aRule({ conditions: { fact: "handoff_requested", is: false } });
    expect(evaluate(aRuleSet([notAsked]), lead, options).decisions[0]?.status).toBe("matched");
  });
});

describe("the create_ticket action", () => {
  it("GIVEN an owner assigned before it WHEN the rule matches THEN the ticket intent names that owner, the default subject filled, once per lead", () => {
    const lead = aLead({ leadId: "lead-t1", email: "lin@acme.io", handoffRequested: true });
    const { intents, decisions } = evaluate(aRuleSet([handoffRule]), lead, options);
    expect(leadActionsOf(intents)).toEqual([
      {
        leadId: "lead-t1",
        ruleId: "handoff",
        ruleSetVersion: 1,
        kind: "create_ticket",
        pipelineId: "0",
        stageId: "1",
        subject: "Chat handoff: lin@acme.io",
        ownerId: "502",
        dedupeKey: "lead-t1:handoff:create_ticket:1",
      },
    ]);
    expect(decisions[0]?.actions[1]?.result).toBe('"Chat handoff: lin@acme.io", for owner 502');

    const again = evaluate(
      aRuleSet([handoffRule]),
      { ...lead, emittedOnce: ["lead-t1:handoff:create_ticket:1"] },
      options,
    );
    expect(leadActionsOf(again.intents)).toEqual([]);
  });

  it("GIVEN a ticket stage missing from the ticket pipeline WHEN references are checked THEN the stage is flagged, against ticket pipelines only", () => {
    const references = {
      owners: [{ id: "502" }],
      pipelines: [{ id: "0", stages: [{ id: "1" }] }],
      ticketPipelines: [{ id: "0", label: "Support Pipeline", stages: [{ id: "2" }] }],
      lifecycleStages: LIFECYCLE_STAGES,
      leadStatuses: LEAD_STATUSES,
      customEventsAvailable: false,
    };
    expect(checkReferences(aRuleSet([handoffRule]), references)).toEqual([
      {
        ruleId: "handoff",
        ruleName: "Asked for a person",
        path: "rules[0].actions[1].ticketStageId",
        message: "stage 1 is not in pipeline Support Pipeline",
      },
    ]);
    expect(checkReferences(aRuleSet([handoffRule]), { ...references, ticketPipelines: [] })).toEqual([
      expect.objectContaining({ message: "ticket pipeline 0 does not exist in HubSpot" }),
    ]);
  });
});
