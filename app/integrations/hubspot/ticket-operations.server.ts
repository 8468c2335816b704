/**
 * Why: the ticket half of TicketNotePort over the SDK's ticket and pipeline APIs (the adapter builds them on the
 * shop's one client and limiter). A ticket is created with its contact association in the same call and is found
 * again by its unique routing key, so a retried job never makes a second one.
 */
import type { CrmError } from "./crm-port";
import { livePipelines, objectsPath, type HubSpotApis, type ObjectResult, crmCalls } from "./hubspot-apis.server";
import { TICKET_ROUTING_KEY_PROPERTY, TICKET_TO_CONTACT, type TicketNotePort } from "./ticket-port";

type TicketOperations = Pick<TicketNotePort, "listTicketPipelines" | "findRoutedTickets" | "createRoutedTicket">;

export function createTicketOperations<Category extends string>(
  apis: HubSpotApis,
  hubspotDefined: Category,
  toCrmError: (error: unknown) => CrmError,
): TicketOperations {
  const call = crmCalls(toCrmError);

  return {
    async listTicketPipelines() {
      return call(() => livePipelines(apis, "tickets"));
    },

    async findRoutedTickets(routingKeys) {
      if (routingKeys.length === 0) return [];
      const { json } = await call(() =>
        apis.request("POST", objectsPath("tickets", "batch/read"), {
          idProperty: TICKET_ROUTING_KEY_PROPERTY,
          inputs: routingKeys.map((id) => ({ id })),
          properties: [TICKET_ROUTING_KEY_PROPERTY],
          propertiesWithHistory: [],
        }),
      );
      return (json as { results: ObjectResult[] }).results.flatMap((ticket) => {
        const key = ticket.properties[TICKET_ROUTING_KEY_PROPERTY];
        return key ? [{ routingKey: key, ticketId: ticket.id }] : [];
      });
    },

    async createRoutedTicket(ticket) {
      const { json } = await call(() =>
        apis.request("POST", objectsPath("tickets"), {
          properties: {
            subject: ticket.subject,
            hs_pipeline: ticket.pipelineId,
            hs_pipeline_stage: ticket.stageId,
            [TICKET_ROUTING_KEY_PROPERTY]: ticket.routingKey,
            ...(ticket.content ? { content: ticket.content } : {}),
            ...(ticket.ownerId ? { hubspot_owner_id: ticket.ownerId } : {}),
            ...(ticket.priority ? { hs_ticket_priority: ticket.priority } : {}),
          },
          associations: [
            {
              to: { id: ticket.contactId },
              types: [{ associationCategory: hubspotDefined as never, associationTypeId: TICKET_TO_CONTACT }],
            },
          ],
        }),
      );
      return { routingKey: ticket.routingKey, ticketId: (json as { id: string }).id };
    },
  };
}
