/**
 * The CrmPort's operations over the SDK's request, which hubspot-adapter.server.ts builds (and is
 * the only file to build an SDK client). Each operation is one or two HubSpot calls on the paths
 * api-versions.ts names; every failure leaves as a CrmError. The footprint (group, properties,
 * event definitions) lives in footprint-operations.server.ts.
 */
import {
  CrmError,
  type AccountInfo,
  type CreatedDeal,
  type CrmObjectType,
  type CrmOwner,
  type ContactUpsert,
  type CrmPort,
  type DealCreate,
  type RoutedDealCreate,
  type UpsertedContact,
  ORDER_ID_PROPERTY,
  ROUTING_KEY_PROPERTY,
} from "./crm-port";
import { createFootprintOperations } from "./footprint-operations.server";
import { hubspotPath } from "./api-versions";
import {
  livePipelines,
  objectsPath as objects,
  propertyDefinition,
  type HubSpotApis,
  type ObjectResult,
  crmCalls,
} from "./hubspot-apis.server";
import { createNoteOperations } from "./note-operations.server";
import { createOrderOperations } from "./order-operations.server";
import { createTicketOperations } from "./ticket-operations.server";
import { createLifecycleReadback } from "./lifecycle-readback.server";
import { settleBatch, traceIdOf, type BatchAnswer } from "./multi-status";

/** HubSpot-defined association type ids: deal → contact is 3, task → contact 204. */
export const DEAL_TO_CONTACT = 3;
export const TASK_TO_CONTACT = 204;
const MAX_EVENTS_PER_CALL = 500;

type UpsertResult = ObjectResult & { new: boolean };
type OwnerPage = {
  results: Array<{ id: string; email?: string; firstName?: string; lastName?: string }>;
  paging?: { next?: { after?: string } };
};
export function createOperations<Category extends string>(
  apis: HubSpotApis,
  hubspotDefined: Category,
  toCrmError: (error: unknown) => CrmError,
): Omit<CrmPort, "getGrantedScopes"> {
  const call = crmCalls(toCrmError);

  const associationTo = (id: string, typeId: number) => ({
    to: { id },
    types: [{ associationCategory: hubspotDefined as never, associationTypeId: typeId }],
  });

  /** Deals by a unique property (order id, routing key): the value → the deal id, for those HubSpot has. */
  async function dealsByUniqueProperty(
    idProperty: string,
    values: string[],
  ): Promise<Array<{ key: string; dealId: string }>> {
    if (values.length === 0) return [];
    const { json } = await call(() =>
      apis.request("POST", objects("deals", "batch/read"), {
        idProperty,
        inputs: values.map((id) => ({ id })),
        properties: [idProperty],
        propertiesWithHistory: [],
      }),
    );
    return (json as BatchAnswer<ObjectResult>).results.flatMap((deal) => {
      const key = deal.properties[idProperty];
      return key ? [{ key, dealId: deal.id }] : [];
    });
  }

  const forwardLifecycleOnly = createLifecycleReadback(apis, call);

  return {
    ...createFootprintOperations(apis, toCrmError),
    ...createTicketOperations(apis, hubspotDefined, toCrmError),
    ...createNoteOperations(apis, hubspotDefined, toCrmError),
    ...createOrderOperations(apis, toCrmError),

    async getAccountInfo(): Promise<AccountInfo> {
      const { json } = await call(() => apis.request("GET", hubspotPath("account-info", "details")));
      const details = json as {
        portalId: number;
        timeZone: string;
        companyCurrency: string;
        additionalCurrencies?: string[];
      };
      return {
        portalId: details.portalId,
        timeZone: details.timeZone,
        currency: details.companyCurrency,
        currencies: [...new Set([details.companyCurrency, ...(details.additionalCurrencies ?? [])])],
      };
    },

    async upsertContacts(wanted) {
      if (wanted.length === 0) return [];
      const contacts = await forwardLifecycleOnly(wanted);
      const { json } = await call(() =>
        apis.request("POST", objects("contacts", "batch/upsert"), {
          inputs: contacts.map((contact, i) => ({
            idProperty: "email",
            id: contact.email,
            properties: contact.properties,
            objectWriteTraceId: traceIdOf(i),
          })),
        }),
      );
      // Paired by the trace id HubSpot echoes; the email only as a fallback (an upsert that matched a contact's
      // secondary email answers with its primary one).
      const byEmail = new Map(contacts.map((contact, i) => [contact.email.toLowerCase(), i]));
      return settleBatch(
        json as BatchAnswer<UpsertResult>,
        contacts.length,
        (result, i): UpsertedContact => ({
          email: (contacts[i] as ContactUpsert).email,
          contactId: result.id,
          created: result.new,
        }),
        (result) => byEmail.get((result.properties.email ?? "").toLowerCase()),
      );
    },

    async findDealsByOrderId(orderIds) {
      return (await dealsByUniqueProperty(ORDER_ID_PROPERTY, orderIds)).map(({ key, dealId }): CreatedDeal => ({
        orderId: key,
        dealId,
      }));
    },

    async updateDeals(updates) {
      if (updates.length === 0) return;
      const { json } = await call(() =>
        apis.request("POST", objects("deals", "batch/update"), {
          inputs: updates.map((update, i) => ({
            id: update.dealId,
            properties: update.properties,
            objectWriteTraceId: traceIdOf(i),
          })),
        }),
      );
      settleBatch(json as BatchAnswer<ObjectResult>, updates.length, () => undefined);
    },

    async findRoutedDeals(routingKeys) {
      return (await dealsByUniqueProperty(ROUTING_KEY_PROPERTY, routingKeys)).map(({ key, dealId }) => ({
        routingKey: key,
        dealId,
      }));
    },

    async createRoutedDeals(deals) {
      if (deals.length === 0) return [];
      const { json } = await call(() =>
        apis.request("POST", objects("deals", "batch/create"), {
          inputs: deals.map((deal, i) => ({
            properties: { ...deal.properties, [ROUTING_KEY_PROPERTY]: deal.routingKey },
            associations: [],
            objectWriteTraceId: traceIdOf(i),
          })),
        }),
      );
      const byKey = new Map(deals.map((deal, i) => [deal.routingKey, i]));
      return settleBatch(
        json as BatchAnswer<ObjectResult>,
        deals.length,
        (deal, i) => ({ routingKey: (deals[i] as RoutedDealCreate).routingKey, dealId: deal.id }),
        (deal) => byKey.get(deal.properties[ROUTING_KEY_PROPERTY] ?? ""),
      );
    },

    async listPipelines() {
      return call(() => livePipelines(apis, "deals"));
    },

    async listPropertyOptions(objectType, propertyName) {
      const property = await call(() => propertyDefinition(apis, objectType, propertyName));
      return property.options
        .filter((option) => !option.hidden)
        .map((option) => ({ value: option.value, label: option.label }));
    },

    async createDeals(deals) {
      if (deals.length === 0) return [];
      const { json } = await call(() =>
        apis.request("POST", objects("deals", "batch/create"), {
          inputs: deals.map((deal, i) => ({
            properties: { ...deal.properties, [ORDER_ID_PROPERTY]: deal.orderId },
            associations: deal.contactId ? [associationTo(deal.contactId, DEAL_TO_CONTACT)] : [],
            objectWriteTraceId: traceIdOf(i),
          })),
        }),
      );
      const byOrderId = new Map(deals.map((deal, i) => [deal.orderId, i]));
      return settleBatch(
        json as BatchAnswer<ObjectResult>,
        deals.length,
        (deal, i): CreatedDeal => ({ orderId: (deals[i] as DealCreate).orderId, dealId: deal.id }),
        (deal) => byOrderId.get(deal.properties[ORDER_ID_PROPERTY] ?? ""),
      );
    },

    async associate(from: CrmObjectType, to: CrmObjectType, pairs) {
      if (pairs.length === 0) return;
      await call(() =>
        apis.request("POST", hubspotPath("crm/associations", `${from}/${to}/batch/associate/default`), {
          inputs: pairs.map((pair) => ({ from: { id: pair.fromId }, to: { id: pair.toId } })),
        }),
      );
    },

    async sendEvents(events) {
      for (let start = 0; start < events.length; start += MAX_EVENTS_PER_CALL) {
        const slice = events.slice(start, start + MAX_EVENTS_PER_CALL);
        await call(() =>
          apis.request("POST", hubspotPath("events", "send/batch"), {
            inputs: slice.map((event) => ({
              eventName: event.eventName,
              email: event.email,
              occurredAt: new Date(event.occurredAt).toISOString(),
              properties: event.properties ?? {},
            })),
          }),
        );
      }
    },

    async listOwners() {
      const owners: CrmOwner[] = [];
      let after: string | undefined;
      do {
        const query: Record<string, string> = { limit: "100", archived: "false", ...(after ? { after } : {}) };
        const { json } = await call(() => apis.request("GET", hubspotPath("crm/owners"), undefined, query));
        const page = json as OwnerPage;
        for (const owner of page.results) {
          owners.push({
            id: owner.id,
            email: owner.email,
            name: [owner.firstName, owner.lastName].filter(Boolean).join(" ") || owner.email || owner.id,
          });
        }
        after = page.paging?.next?.after;
      } while (after);
      return owners;
    },

    async createTasks(tasks) {
      if (tasks.length === 0) return [];
      const { json } = await call(() =>
        apis.request("POST", objects("tasks", "batch/create"), {
          inputs: tasks.map((task, i) => ({
            objectWriteTraceId: traceIdOf(i),
            properties: {
              hs_timestamp: task.dueAt,
              hs_task_subject: task.subject,
              hs_task_status: "NOT_STARTED",
              ...(task.body ? { hs_task_body: task.body } : {}),
              ...(task.priority ? { hs_task_priority: task.priority } : {}),
              ...(task.taskType ? { hs_task_type: task.taskType } : {}),
              ...(task.ownerId ? { hubspot_owner_id: task.ownerId } : {}),
            },
            associations: task.contactId ? [associationTo(task.contactId, TASK_TO_CONTACT)] : [],
          })),
        }),
      );
      return settleBatch(json as BatchAnswer<ObjectResult>, tasks.length, (task) => task.id);
    },

    // By the contact's id, never by email: HubSpot blocklists an email it GDPR-deletes, even one it does not
    // hold, so a blind delete by email would stop that shopper from ever being synced again.
    async gdprDelete(contactId) {
      try {
        await apis.request("POST", objects("contacts", "gdpr-delete"), { objectId: contactId });
        return true;
      } catch (error) {
        if (error instanceof CrmError && error.kind === "not_found") return false;
        throw error;
      }
    },
  };
}
