/**
 * `hubspot.lead_actions`: a lead's pending rule actions (tasks, deals, tickets, custom events), enqueued
 * by the contact sync once the contact exists in HubSpot. HubSpot has no
 * idempotency key for tasks or deals, so each action is applied in steps, each recorded in
 * RoutingAction before the next: create (the id HubSpot answered is stored at once), then
 * associate with the contact, then done. A retry after any step skips what is recorded: a
 * half-applied action is finished, never created again. Deals also carry their action key in a
 * unique property and are looked up by it before creating, which closes the gap between
 * HubSpot's answer and the stored id; for tasks and events that gap remains (a worker killed in
 * it creates the task or sends the event twice).
 */
import prisma from "../db.server";
import { isCrmError, type CrmPort } from "../integrations/hubspot/crm-port";
import type { JobContext } from "../platform/jobs/runner.server";
import { pendingLeadActions } from "../routing/decisions.server";
import type { StoredLeadAction } from "../routing/routed-fields";
import { contactUpdateFor } from "./contact-properties";
import { customEventDefinitionFor, customEventFor, routedDealFor, taskFor } from "./lead-actions";
import type { ShopCrm } from "./shop-crm.server";
import { contactFactsOfLead } from "./contact-facts.server";
import { consentOf, type LeadActionsJobPayload } from "./outbox.server";
import { runShopJob } from "./single-job.server";
import { applyTicketAction } from "./ticket-jobs.server";

type Lead = NonNullable<Awaited<ReturnType<typeof prisma.lead.findUnique>>>;
type Step = { hubspotObjectId?: string | null; associatedAt?: Date; doneAt?: Date; note?: string };

async function record(shopDomain: string, leadId: string, action: StoredLeadAction, step: Step): Promise<void> {
  const key = { shopDomain_dedupeKey: { shopDomain, dedupeKey: action.dedupeKey } };
  await prisma.routingAction.upsert({
    where: key,
    create: { shopDomain, dedupeKey: action.dedupeKey, leadId, kind: action.kind, ...step },
    update: step,
  });
}

/** The contact the task or deal is associated with: synced already, or upserted now by email. */
async function contactIdOf(crm: CrmPort, lead: Lead): Promise<string> {
  if (lead.hubspotContactId) return lead.hubspotContactId;
  const { email, properties } = contactUpdateFor(await contactFactsOfLead(lead));
  const [contact] = await crm.upsertContacts([{ email, properties }]);
  if (!contact) throw new Error(`HubSpot's upsert did not answer for lead ${lead.id}`);
  await prisma.lead.update({ where: { id: lead.id }, data: { hubspotContactId: contact.contactId } });
  return contact.contactId;
}

async function createDeal(crm: CrmPort, action: Extract<StoredLeadAction, { kind: "create_deal" }>): Promise<string> {
  const found = await crm.findRoutedDeals([action.dedupeKey]);
  if (found[0]) return found[0].dealId;
  try {
    const [created] = await crm.createRoutedDeals([routedDealFor(action)]);
    if (!created) throw new Error(`HubSpot did not answer with the deal for ${action.dedupeKey}`);
    return created.dealId;
  } catch (error) {
    // Created meanwhile by another run: the unique routing key refused the second one.
    const again = isCrmError(error) && error.kind === "conflict" ? await crm.findRoutedDeals([action.dedupeKey]) : [];
    if (again[0]) return again[0].dealId;
    throw error;
  }
}

async function apply(
  shop: ShopCrm,
  lead: Lead,
  action: StoredLeadAction,
  contactId: () => Promise<string>,
): Promise<void> {
  const { shopDomain, id: leadId } = lead;
  const stored = await prisma.routingAction.findUnique({
    where: { shopDomain_dedupeKey: { shopDomain, dedupeKey: action.dedupeKey } },
  });
  if (stored?.doneAt) return;
  if (action.kind === "send_event") {
    if (!shop.customEventsAvailable)
      return record(shopDomain, leadId, action, {
        doneAt: new Date(),
        note: "not sent: this HubSpot connection cannot send custom behavioral events (the HubSpot page says why)",
      });
    // The rule names its own event: HubSpot takes occurrences only of a defined event.
    await shop.crm.ensureEventDefinition(customEventDefinitionFor(action));
    await shop.crm.sendEvents([customEventFor(action, lead.email, shop.portalId)]);
    return record(shopDomain, leadId, action, { doneAt: new Date() });
  }
  if (action.kind === "create_ticket")
    return applyTicketAction(shop.crm, lead, action, stored, contactId, (step) =>
      record(shopDomain, leadId, action, step),
    );
  let objectId = stored?.hubspotObjectId;
  if (!objectId) {
    objectId =
      action.kind === "create_task"
        ? (await shop.crm.createTasks([taskFor(action)]))[0]
        : await createDeal(shop.crm, action);
    if (!objectId) throw new Error(`HubSpot did not answer with the ${action.kind} for ${action.dedupeKey}`);
    await record(shopDomain, leadId, action, { hubspotObjectId: objectId });
  }
  await shop.crm.associate(action.kind === "create_task" ? "tasks" : "deals", "contacts", [
    { fromId: objectId, toId: await contactId() },
  ]);
  const at = new Date();
  await record(shopDomain, leadId, action, { associatedAt: at, doneAt: at });
}

export async function runLeadActionsJob(payload: unknown, context: JobContext): Promise<void> {
  const { shopDomain, leadId } = payload as LeadActionsJobPayload;
  await runShopJob(shopDomain, context, async (shop) => {
    const lead = await prisma.lead.findUnique({ where: { id: leadId } });
    // Redacted, or consent withdrawn since the rules ran: nothing leaves the shop.
    if (!lead || lead.shopDomain !== shopDomain || consentOf(lead) !== "granted") return;
    // Decisions deleted by a redaction since: their actions are gone with them.
    const actions = await pendingLeadActions(shopDomain, leadId);
    let contactId: Promise<string> | undefined;
    const contact = () => (contactId ??= contactIdOf(shop.crm, lead));
    for (const action of actions) await apply(shop, lead, action, contact);
  });
}
