/**
 * What a decision asks the HubSpot worker to do: plain JSON, stored in the outbox as is. The
 * worker turns intents into CRM port calls (contact upsert by email, task, deal with its
 * association, custom event); ChatLift's own property values are read fresh at send time, so
 * an intent names them instead of copying values that may be stale by then.
 *
 * Tasks, deals, tickets and events happen once per lead and rule: they carry a `dedupeKey` the outbox
 * keeps unique, and the engine skips keys the lead already has (LeadFacts.emittedOnce).
 */
export type IntentSource = {
  leadId: string;
  email: string;
  /** null: not from a rule (the intent score written on every event). */
  ruleId: string | null;
  ruleSetVersion: number;
  dedupeKey?: string;
};

export type IntentBody =
  | { kind: "upsert_contact"; chatliftProperties: string[]; properties: Record<string, string> }
  | { kind: "set_lifecycle_stage"; stage: string }
  | { kind: "set_lead_status"; status: string }
  | { kind: "assign_owner"; ownerId: string; how: "fixed" | "round_robin" }
  | {
      kind: "create_task";
      subject: string;
      body?: string;
      dueAt: string;
      priority: "LOW" | "MEDIUM" | "HIGH";
      taskType: "TODO" | "CALL" | "EMAIL";
      ownerId?: string;
    }
  | {
      kind: "create_deal";
      pipelineId: string;
      stageId: string;
      name: string;
      amount?: string;
      currency: string;
      ownerId?: string;
    }
  | {
      kind: "create_ticket";
      pipelineId: string;
      stageId: string;
      subject: string;
      priority?: "LOW" | "MEDIUM" | "HIGH";
      ownerId?: string;
    }
  | { kind: "send_event"; name: string; properties: Record<string, string>; occurredAt: string };

export type Intent = IntentSource & IntentBody;
export type IntentKind = IntentBody["kind"];

export const ONCE_ONLY: ReadonlySet<IntentKind> = new Set([
  "create_task",
  "create_deal",
  "create_ticket",
  "send_event",
]);

/** Once per lead, rule and the n-th action of its type in the rule (reordering keeps keys). */
export function dedupeKeyFor(leadId: string, ruleId: string, kind: IntentKind, nth: number): string {
  return `${leadId}:${ruleId}:${kind}:${nth}`;
}
