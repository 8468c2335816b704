/**
 * A routing rule's one-time actions as CRM port inputs: a task for the owner, a deal in the
 * rule's pipeline and stage, a custom behavioral event. Pure; the worker (app/sync/
 * lead-action-jobs.server.ts) sends them, stores what HubSpot created, then associates.
 */
import type { BehavioralEvent, EventDefinition, RoutedDealCreate, TaskCreate } from "../integrations/hubspot/crm-port";
import type { StoredLeadAction } from "../routing/routed-fields";
import { eventNameFor } from "./intent-events";

type Of<K extends StoredLeadAction["kind"]> = Extract<StoredLeadAction, { kind: K }>;

/** Created without its association: the worker stores the task's id first, then associates. */
export function taskFor(action: Of<"create_task">): TaskCreate {
  return {
    subject: action.subject,
    dueAt: action.dueAt,
    priority: action.priority,
    taskType: action.taskType,
    ...(action.body ? { body: action.body } : {}),
    ...(action.ownerId ? { ownerId: action.ownerId } : {}),
  };
}

export function routedDealFor(action: Of<"create_deal">): RoutedDealCreate {
  return {
    routingKey: action.dedupeKey,
    properties: {
      dealname: action.name,
      pipeline: action.pipelineId,
      dealstage: action.stageId,
      deal_currency_code: action.currency,
      ...(action.amount ? { amount: action.amount } : {}),
      ...(action.ownerId ? { hubspot_owner_id: action.ownerId } : {}),
    },
  };
}

export function customEventFor(action: Of<"send_event">, email: string, portalId: number): BehavioralEvent {
  return {
    eventName: eventNameFor(portalId, action.name),
    email: email.trim().toLowerCase(),
    occurredAt: action.occurredAt,
    properties: { ...action.properties },
  };
}

/** The definition a rule's custom event needs before HubSpot takes it: its properties, all text. */
export function customEventDefinitionFor(action: Of<"send_event">): EventDefinition {
  const label = action.name.replace(/_/g, " ").replace(/^./, (first) => first.toUpperCase());
  return {
    name: action.name,
    label,
    description: "Sent by a ChatLift routing rule.",
    properties: Object.keys(action.properties).map((name) => ({
      name,
      label: name.replace(/_/g, " "),
      type: "string",
    })),
  };
}
