/**
 * What the sandbox account holds for tickets and notes, beside store.ts (which other endpoints share): HubSpot's
 * default ticket and note properties, its default ticket pipeline, and the records written through
 * ticket-note-routes.ts. Kept per store, seeded once by the server at start.
 */
import {
  groupsOf,
  propertiesOf,
  type CrmRecord,
  type Pipeline,
  type PropertyDefinition,
  type PropertyType,
  type SandboxStore,
} from "./store";

export type TicketNoteState = {
  tickets: Map<string, CrmRecord>;
  notes: Map<string, CrmRecord>;
  ticketPipelines: Pipeline[];
};

const states = new WeakMap<SandboxStore, TicketNoteState>();

/** HubSpot's default ticket pipeline ("Support Pipeline", id "0") and its stages. */
export const DEFAULT_TICKET_PIPELINE: Pipeline = {
  id: "0",
  label: "Support Pipeline",
  displayOrder: 0,
  archived: false,
  stages: [
    { id: "1", label: "New", displayOrder: 0, archived: false },
    { id: "2", label: "Waiting on contact", displayOrder: 1, archived: false },
    { id: "3", label: "Waiting on us", displayOrder: 2, archived: false },
    { id: "4", label: "Closed", displayOrder: 3, archived: false },
  ],
};

const EPOCH = "2024-01-01T00:00:00.000Z";
const builtin = (name: string, type: PropertyType, fieldType: string, groupName: string, options?: string[]) =>
  ({
    name,
    label: name,
    type,
    fieldType,
    groupName,
    options: options?.map((value) => ({ label: value, value })),
    createdAt: EPOCH,
    updatedAt: EPOCH,
    hubspotDefined: true,
  }) satisfies PropertyDefinition;

const DEFAULTS: Record<"tickets" | "notes", PropertyDefinition[]> = {
  tickets: [
    builtin("subject", "string", "text", "ticketinformation"),
    builtin("content", "string", "textarea", "ticketinformation"),
    builtin("hs_pipeline", "enumeration", "select", "ticketinformation"),
    builtin("hs_pipeline_stage", "enumeration", "select", "ticketinformation"),
    builtin("hs_ticket_priority", "enumeration", "select", "ticketinformation", ["LOW", "MEDIUM", "HIGH", "URGENT"]),
    builtin("hubspot_owner_id", "enumeration", "select", "ticketinformation"),
  ],
  notes: [
    builtin("hs_timestamp", "datetime", "date", "engagement"),
    builtin("hs_note_body", "string", "textarea", "engagement"),
    builtin("hubspot_owner_id", "enumeration", "select", "engagement"),
  ],
};

/** Called once by the server at start: HubSpot's default ticket and note properties, and the ticket pipelines. */
export function seedTicketsAndNotes(
  store: SandboxStore,
  ticketPipelines: Pipeline[] = [DEFAULT_TICKET_PIPELINE],
): void {
  for (const [objectType, definitions] of Object.entries(DEFAULTS)) {
    const properties = propertiesOf(store, objectType);
    const groups = groupsOf(store, objectType);
    for (const definition of definitions) {
      if (!properties.has(definition.name)) properties.set(definition.name, definition);
      if (!groups.has(definition.groupName))
        groups.set(definition.groupName, {
          name: definition.groupName,
          label: definition.groupName,
          displayOrder: groups.size,
          archived: false,
        });
    }
  }
  states.set(store, { tickets: new Map(), notes: new Map(), ticketPipelines: structuredClone(ticketPipelines) });
}

/** The sandbox account's tickets, notes and ticket pipelines (tests and the demo read them here). */
export function ticketsAndNotesOf(store: SandboxStore): TicketNoteState {
  const state = states.get(store);
  if (!state) throw new Error("sandbox store was not seeded with tickets and notes");
  return state;
}
