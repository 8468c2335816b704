/**
 * Rules that point at HubSpot things that are not there (a typo, an owner who left, a deleted
 * pipeline or stage, a lifecycle stage or lead status the account does not have, a custom event
 * on an account without custom events). Checked when a rule set is saved, so the warning comes
 * before the version is live; the rule list flags them too (never skips them silently). The
 * caller fetches the account's current lists.
 */
import type { Action } from "./action-schema";
import type { RuleSet } from "./rule-schema";
import { formatPath } from "./schema-tools";

type Pipelines = ReadonlyArray<{ id: string; label?: string; stages: ReadonlyArray<{ id: string; label?: string }> }>;

export type HubSpotReferences = {
  owners: ReadonlyArray<{ id: string; name?: string }>;
  pipelines: Pipelines;
  /** Ticket pipelines are HubSpot's own list, apart from deal pipelines. */
  ticketPipelines: Pipelines;
  /** Internal values of the contact properties' options: lifecyclestage and hs_lead_status. */
  lifecycleStages: readonly string[];
  leadStatuses: readonly string[];
  /** Custom behavioral events need Enterprise; without them a send_event action does nothing. */
  customEventsAvailable: boolean;
};

export type ReferenceProblem = { ruleId: string; ruleName: string; path: string; message: string };

type Found = { path: Array<string | number>; message: string };

function pipelineProblems(
  kind: "deal" | "ticket",
  pipelines: Pipelines,
  pipelineId: string,
  stageId: string,
  pipelineField: string,
  stageField: string,
): Found[] {
  const pipeline = pipelines.find((candidate) => candidate.id === pipelineId);
  if (!pipeline)
    return [{ path: [pipelineField], message: `${kind} pipeline ${pipelineId} does not exist in HubSpot` }];
  if (pipeline.stages.some((stage) => stage.id === stageId)) return [];
  return [{ path: [stageField], message: `stage ${stageId} is not in pipeline ${pipeline.label ?? pipeline.id}` }];
}

function problemsIn(action: Action, references: HubSpotReferences): Found[] {
  const owners = new Set(references.owners.map((owner) => owner.id));
  const found: Found[] = [];
  const owner = (id: string | undefined, path: Array<string | number>) => {
    if (id !== undefined && !owners.has(id)) found.push({ path, message: `owner ${id} does not exist in HubSpot` });
  };
  switch (action.type) {
    case "assign_owner":
      owner(action.ownerId, ["ownerId"]);
      action.ownerIds?.forEach((id, index) => owner(id, ["ownerIds", index]));
      break;
    case "create_task":
      owner(action.ownerId, ["ownerId"]);
      break;
    case "create_deal":
      found.push(
        ...pipelineProblems("deal", references.pipelines, action.pipelineId, action.stageId, "pipelineId", "stageId"),
      );
      break;
    case "create_ticket":
      found.push(
        ...pipelineProblems(
          "ticket",
          references.ticketPipelines,
          action.ticketPipelineId,
          action.ticketStageId,
          "ticketPipelineId",
          "ticketStageId",
        ),
      );
      break;
    case "set_lifecycle_stage":
      if (!references.lifecycleStages.includes(action.stage))
        found.push({ path: ["stage"], message: `lifecycle stage ${action.stage} does not exist in HubSpot` });
      break;
    case "set_lead_status":
      if (!references.leadStatuses.includes(action.status))
        found.push({ path: ["status"], message: `lead status ${action.status} does not exist in HubSpot` });
      break;
    case "send_event":
      if (!references.customEventsAvailable)
        found.push({
          path: ["name"],
          message: "custom events need HubSpot Enterprise: this account cannot receive them",
        });
      break;
    default:
      break;
  }
  return found;
}

export function checkReferences(ruleSet: RuleSet, references: HubSpotReferences): ReferenceProblem[] {
  return ruleSet.rules.flatMap((rule, ruleIndex) =>
    rule.actions.flatMap((action, actionIndex) =>
      problemsIn(action, references).map(({ path, message }) => ({
        ruleId: rule.id,
        ruleName: rule.name,
        path: formatPath(["rules", ruleIndex, "actions", actionIndex, ...path]),
        message,
      })),
    ),
  );
}
