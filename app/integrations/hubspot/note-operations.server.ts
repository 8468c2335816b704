/**
 * Why: the note half of TicketNotePort over the SDK's notes API. A note is created with its associations in one
 * call and later replaced in place (PATCH), so a conversation that goes on updates its one note on the contact.
 */
import type { CrmError } from "./crm-port";
import { objectsPath, type HubSpotApis } from "./hubspot-apis.server";
import { NOTE_TO_CONTACT, NOTE_TO_TICKET, type NoteWrite, type TicketNotePort } from "./ticket-port";

type NoteOperations = Pick<TicketNotePort, "createNote" | "updateNote">;

const TYPE_TO = { contacts: NOTE_TO_CONTACT, tickets: NOTE_TO_TICKET } as const;

const noteProperties = (note: NoteWrite) => ({
  hs_timestamp: note.timestamp,
  hs_note_body: note.body,
  ...(note.ownerId ? { hubspot_owner_id: note.ownerId } : {}),
});

export function createNoteOperations<Category extends string>(
  apis: HubSpotApis,
  hubspotDefined: Category,
  toCrmError: (error: unknown) => CrmError,
): NoteOperations {
  return {
    async createNote(note, targets) {
      try {
        const { json } = await apis.request("POST", objectsPath("notes"), {
          properties: noteProperties(note),
          associations: targets.map((target) => ({
            to: { id: target.id },
            types: [{ associationCategory: hubspotDefined as never, associationTypeId: TYPE_TO[target.objectType] }],
          })),
        });
        return (json as { id: string }).id;
      } catch (error) {
        throw toCrmError(error);
      }
    },

    async updateNote(noteId, note) {
      try {
        await apis.request("PATCH", objectsPath("notes", encodeURIComponent(noteId)), {
          properties: noteProperties(note),
        });
        return true;
      } catch (error) {
        const crmError = toCrmError(error);
        if (crmError.kind === "not_found") return false;
        throw crmError;
      }
    },
  };
}
