/**
 * Why: a rule's create_ticket action, applied by the `hubspot.lead_actions` job like its tasks and deals, with
 * the same guarantees. HubSpot has no idempotency key for tickets, so the ticket carries the action's key in a
 * unique property (created on first use: the `tickets` scope allows it) and is looked up by it before creating:
 * a retry — even after a worker died between HubSpot's answer and the stored id — finds the ticket and never
 * makes a second. The ticket is created already associated with the contact; the conversation's transcript
 * follows as a note on it, recorded like a step (RoutingAction) so a retry does not add it twice. What the
 * shopper asked is read here, when sending, never from the rules' intents or decision log.
 */
import prisma from "../db.server";
import { isCrmError, type CrmPort } from "../integrations/hubspot/crm-port";
import type { TicketCreate } from "../integrations/hubspot/ticket-port";
import { readConversation } from "../conversations/conversation-detail.server";
import { handoffQuestion, latestHandoffRequest, type HandoffRequest } from "../routing/handoff-facts.server";
import { sessionsOfLead } from "../routing/lead-facts.server";
import type { StoredLeadAction } from "../routing/routed-fields";
import { PROPERTY_GROUP, TICKET_PROPERTIES } from "./chatlift-properties";
import { transcriptNoteBody } from "./chat-notes";

export type TicketAction = Extract<StoredLeadAction, { kind: "create_ticket" }>;
type Lead = NonNullable<Awaited<ReturnType<typeof prisma.lead.findUnique>>>;
export type TicketStep = { hubspotObjectId?: string; associatedAt?: Date; doneAt?: Date };

/** The transcript note's own step: its id, so a retry after the note was made does not make another. */
export const transcriptNoteKey = (action: TicketAction) => `${action.dedupeKey}:transcript`;

/** Ports whose account has the ticket key property already (checked once per port and process). */
const keyed = new WeakSet<CrmPort>();

async function ensureTicketKey(crm: CrmPort): Promise<void> {
  if (keyed.has(crm)) return;
  await crm.ensurePropertyGroup("tickets", PROPERTY_GROUP.name, PROPERTY_GROUP.label);
  await crm.ensureProperties("tickets", PROPERTY_GROUP.name, TICKET_PROPERTIES);
  keyed.add(crm);
}

async function handoffOf(lead: Lead): Promise<{ request: HandoffRequest | null; question?: string }> {
  const sessions = await sessionsOfLead(prisma, lead);
  const request = await latestHandoffRequest(
    prisma,
    lead.shopDomain,
    sessions.map((session) => session.id),
  );
  return { request, question: request ? await handoffQuestion(prisma, lead.shopDomain, request) : undefined };
}

async function createTicket(crm: CrmPort, ticket: TicketCreate): Promise<string> {
  await ensureTicketKey(crm);
  const found = await crm.findRoutedTickets([ticket.routingKey]);
  if (found[0]) return found[0].ticketId;
  try {
    return (await crm.createRoutedTicket(ticket)).ticketId;
  } catch (error) {
    // Created meanwhile by another run: the unique routing key refused the second one.
    const again =
      isCrmError(error) && error.kind === "conflict" ? await crm.findRoutedTickets([ticket.routingKey]) : [];
    if (again[0]) return again[0].ticketId;
    throw error;
  }
}

/**
 * The ticket (unless recorded), its transcript note (unless recorded), then done. `record` writes the action's
 * RoutingAction row; `stored` is that row as the job found it.
 */
export async function applyTicketAction(
  crm: CrmPort,
  lead: Lead,
  action: TicketAction,
  stored: { hubspotObjectId: string | null } | null,
  contactId: () => Promise<string>,
  record: (step: TicketStep) => Promise<void>,
  now = new Date(),
): Promise<void> {
  const { request, question } = await handoffOf(lead);
  let ticketId = stored?.hubspotObjectId ?? undefined;
  if (!ticketId) {
    ticketId = await createTicket(crm, {
      routingKey: action.dedupeKey,
      contactId: await contactId(),
      subject: action.subject,
      pipelineId: action.pipelineId,
      stageId: action.stageId,
      ...(question ? { content: question } : {}),
      ...(action.ownerId ? { ownerId: action.ownerId } : {}),
      ...(action.priority ? { priority: action.priority } : {}),
    });
    // Associated with the contact in the same call.
    await record({ hubspotObjectId: ticketId, associatedAt: now });
  }
  const noteKey = { shopDomain: lead.shopDomain, dedupeKey: transcriptNoteKey(action) };
  const note = await prisma.routingAction.findUnique({ where: { shopDomain_dedupeKey: noteKey } });
  if (!note?.hubspotObjectId) {
    const sessionId = request?.sessionId ?? lead.lastSessionId;
    const conversation = await readConversation(lead.shopDomain, sessionId);
    const noteId = await crm.createNote(
      {
        body: transcriptNoteBody({ sessionId, question, lines: conversation?.transcript ?? [] }),
        timestamp: (request?.at ?? now).toISOString(),
        ...(action.ownerId ? { ownerId: action.ownerId } : {}),
      },
      [{ objectType: "tickets", id: ticketId }],
    );
    // Done at once: a note is no pending rule action (the lead_actions job looks for those).
    await prisma.routingAction.upsert({
      where: { shopDomain_dedupeKey: noteKey },
      create: { ...noteKey, leadId: lead.id, kind: "ticket_transcript", hubspotObjectId: noteId, doneAt: now },
      update: { hubspotObjectId: noteId, doneAt: now },
    });
  }
  await record({ doneAt: now });
}
