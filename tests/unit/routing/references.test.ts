import { describe, expect, it } from "vitest";
import { LEAD_STATUSES, LIFECYCLE_STAGES } from "../../../app/routing/action-schema";
import { checkReferences, type HubSpotReferences } from "../../../app/routing/references";
import { aRule, aRuleSet } from "../../support/builders/routing-rules";

const hubspot: HubSpotReferences = {
  owners: [{ id: "1" }, { id: "2" }],
  pipelines: [{ id: "default", label: "Sales", stages: [{ id: "appointmentscheduled" }, { id: "closedwon" }] }],
  ticketPipelines: [],
  lifecycleStages: LIFECYCLE_STAGES,
  leadStatuses: LEAD_STATUSES,
  customEventsAvailable: false,
};

describe("references to HubSpot", () => {
  it("flags every rule that points at an owner, pipeline, stage or status that is gone", () => {
    // GIVEN rules naming things HubSpot has and things it no longer has
    const ruleSet = aRuleSet([
      aRule({
        id: "fine",
        actions: [
          { type: "assign_owner", mode: "round_robin", ownerIds: ["1", "2"] },
          { type: "create_deal", pipelineId: "default", stageId: "closedwon" },
        ],
      }),
      aRule({
        id: "owner-left",
        name: "Owner left",
        actions: [
          { type: "assign_owner", mode: "round_robin", ownerIds: ["1", "9"] },
          { type: "create_task", subject: "x", dueInHours: 1, ownerId: "8" },
        ],
      }),
      aRule({ id: "pipeline-gone", actions: [{ type: "create_deal", pipelineId: "enterprise", stageId: "new" }] }),
      aRule({
        id: "stage-gone",
        actions: [
          { type: "create_deal", pipelineId: "default", stageId: "demo" },
          { type: "set_lifecycle_stage", stage: "champion" },
          { type: "set_lead_status", status: "HOT" },
        ],
      }),
    ]);
    // WHEN checked against the account
    const problems = checkReferences(ruleSet, hubspot);
    // THEN each is named with its path; the fine rule is not flagged
    expect(problems).toEqual([
      {
        ruleId: "owner-left",
        ruleName: "Owner left",
        path: "rules[1].actions[0].ownerIds[1]",
        message: "owner 9 does not exist in HubSpot",
      },
      {
        ruleId: "owner-left",
        ruleName: "Owner left",
        path: "rules[1].actions[1].ownerId",
        message: "owner 8 does not exist in HubSpot",
      },
      expect.objectContaining({
        ruleId: "pipeline-gone",
        path: "rules[2].actions[0].pipelineId",
        message: "deal pipeline enterprise does not exist in HubSpot",
      }),
      expect.objectContaining({
        ruleId: "stage-gone",
        path: "rules[3].actions[0].stageId",
        message: "stage demo is not in pipeline Sales",
      }),
      expect.objectContaining({
        ruleId: "stage-gone",
        path: "rules[3].actions[1].stage",
        message: "lifecycle stage champion does not exist in HubSpot",
      }),
      expect.objectContaining({
        ruleId: "stage-gone",
        path: "rules[3].actions[2].status",
        message: "lead status HOT does not exist in HubSpot",
      }),
    ]);
  });

  it("flags custom events on an account that cannot receive them", () => {
    const ruleSet = aRuleSet([aRule({ id: "event", actions: [{ type: "send_event", name: "chat_qualified" }] })]);
    expect(checkReferences(ruleSet, hubspot).map((p) => [p.path, p.message])).toEqual([
      ["rules[0].actions[0].name", "custom events need HubSpot Enterprise: this account cannot receive them"],
    ]);
    expect(checkReferences(ruleSet, { ...hubspot, customEventsAvailable: true })).toEqual([]);
  });

  it("flags disabled rules too: turning one on later must not surprise", () => {
    const ruleSet = aRuleSet([
      aRule({ id: "off", enabled: false, actions: [{ type: "assign_owner", mode: "fixed", ownerId: "7" }] }),
    ]);
    expect(checkReferences(ruleSet, hubspot).map((p) => p.ruleId)).toEqual(["off"]);
  });
});
