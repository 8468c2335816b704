/**
 * Why: the CRM port's half for a shopper handed to a person — tickets and notes — in ChatLift's words, apart
 * from crm-port.ts so that file does not grow past reading. Pure types: the operations over the SDK live in
 * ticket-operations.server.ts and note-operations.server.ts. Nothing here imports crm-port.ts (which extends
 * this port), so the two never import each other.
 */

/** HubSpot-defined association type ids (HubSpot's association type reference): ticket → contact. */
export const TICKET_TO_CONTACT = 16;
/** note → contact and note → ticket. */
export const NOTE_TO_CONTACT = 202;
export const NOTE_TO_TICKET = 228;

/** The ticket property holding a routing rule's action key: unique, so a retried action never makes two tickets. */
export const TICKET_ROUTING_KEY_PROPERTY = "chatlift_routing_key";

export type TicketCreate = {
  /** ChatLift's idempotency key: the rule action's dedupe key, stored in the unique ticket property. */
  routingKey: string;
  /** The contact the ticket is associated with, in the same call. */
  contactId: string;
  subject: string;
  /** The ticket's description: the shopper's question, in their words. */
  content?: string;
  pipelineId: string;
  stageId: string;
  ownerId?: string;
  priority?: "LOW" | "MEDIUM" | "HIGH";
};
export type RoutedTicket = { routingKey: string; ticketId: string };

export type TicketPipeline = { id: string; label: string; stages: Array<{ id: string; label: string }> };

export type NoteWrite = {
  /** HubSpot shows a note's body as rich text: HTML, every shopper's word escaped by the caller. */
  body: string;
  /** When the note is dated on the timeline (HubSpot requires it). */
  timestamp: string;
  ownerId?: string;
};
export type NoteTarget = { objectType: "contacts" | "tickets"; id: string };

export interface TicketNotePort {
  /** Ticket pipelines with their stages (archived ones left out); needs the `tickets` scope. */
  listTicketPipelines(): Promise<TicketPipeline[]>;
  /** Tickets a routing rule already created, by their unique routing key. */
  findRoutedTickets(routingKeys: string[]): Promise<RoutedTicket[]>;
  /** One call: the ticket, associated with its contact. A key HubSpot already holds fails as a `conflict`. */
  createRoutedTicket(ticket: TicketCreate): Promise<RoutedTicket>;
  /** One call: a note associated with its targets; the note's id. */
  createNote(note: NoteWrite, targets: NoteTarget[]): Promise<string>;
  /** Replaces a note's body; false when HubSpot holds no such note (someone deleted it in HubSpot). */
  updateNote(noteId: string, note: NoteWrite): Promise<boolean>;
}
