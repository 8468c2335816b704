/**
 * What the rules chose for a lead's HubSpot contact, kept on the lead so every later contact
 * update carries it: the last lifecycle stage and lead status a rule set, and the fixed property
 * values of sync_contact actions (a later rule's value for the same property wins). A rule that
 * stops matching takes nothing back: HubSpot keeps what was written, and so does the lead.
 */
import { ONCE_ONLY, type Intent } from "./intents";

export type RoutedFields = { lifecycleStage?: string; leadStatus?: string; properties: Record<string, string> };

export function routedFieldsAfter(before: RoutedFields, intents: readonly Intent[]): RoutedFields {
  const after: RoutedFields = { ...before, properties: { ...before.properties } };
  for (const intent of intents) {
    if (intent.kind === "set_lifecycle_stage") after.lifecycleStage = intent.stage;
    else if (intent.kind === "set_lead_status") after.leadStatus = intent.status;
    else if (intent.kind === "upsert_contact") Object.assign(after.properties, intent.properties);
  }
  return after;
}

/** Lead.routedProperties is JSON text of string values; anything else stored there is ignored. */
export function readRoutedProperties(text: string | null | undefined): Record<string, string> {
  if (!text) return {};
  try {
    const value: unknown = JSON.parse(text);
    if (!value || typeof value !== "object" || Array.isArray(value)) return {};
    return Object.fromEntries(
      Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === "string"),
    );
  } catch {
    return {};
  }
}

/** The once-only intents (task, deal, ticket, event) as the HubSpot worker takes them: no email, which it reads fresh. */
export type LeadActionIntent = Exclude<
  Intent,
  { kind: "upsert_contact" | "set_lifecycle_stage" | "set_lead_status" | "assign_owner" }
>;
export type StoredLeadAction = DistributiveOmit<LeadActionIntent, "email"> & { dedupeKey: string };
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

const isLeadAction = (intent: Intent): intent is LeadActionIntent => ONCE_ONLY.has(intent.kind);

export function leadActionsOf(intents: readonly Intent[]): StoredLeadAction[] {
  return intents.flatMap((intent): StoredLeadAction[] => {
    if (!isLeadAction(intent)) return [];
    if (!intent.dedupeKey) return [];
    const { email: _email, ...rest } = intent;
    return [{ ...rest, dedupeKey: intent.dedupeKey }];
  });
}
