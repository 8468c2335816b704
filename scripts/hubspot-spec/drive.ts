/**
 * Every kind of request ChatLift sends HubSpot, made once through the app's own adapter against a
 * fresh sandbox (an Enterprise portal, so the event calls are made too), and handed back as the
 * sandbox recorded them. The same operations the sync, routing and connect code call: if the
 * adapter learns a new call, it is added here, or the check cannot see it.
 */
import {
  exchangeOAuthCode,
  createHubSpotCrm,
  refreshOAuthTokens,
} from "../../app/integrations/hubspot/hubspot-adapter.server";
import { HUBSPOT_OPTIONAL_SCOPES, HUBSPOT_SCOPES } from "../../app/integrations/hubspot/oauth";
import {
  CONTACT_PROPERTIES,
  DEAL_PROPERTIES,
  MICRO_CONVERSION_EVENT_DEFINITION,
  PROPERTY_GROUP,
  TICKET_PROPERTIES,
} from "../../app/sync/chatlift-properties";
import { dealFor } from "../../app/sync/deals";
import { ORDER_PROPERTIES } from "../../app/sync/order-credits";
import { eventNameFor } from "../../app/sync/intent-events";
import { startHubSpotSandbox } from "../../sandbox/hubspot";
import { seedSyncedOrder } from "../../sandbox/hubspot/order-store";
import type { RecordedRequest } from "../../sandbox/hubspot/page";

const REDIRECT = "http://localhost/hubspot/callback";

export async function driveAdapter(): Promise<RecordedRequest[]> {
  const sandbox = await startHubSpotSandbox({ customEvents: true, staticTokens: ["pat-spec-check"] });
  try {
    const client = {
      basePath: sandbox.url,
      clientId: sandbox.account.clientId,
      clientSecret: sandbox.account.clientSecret,
    };
    // OAuth: the consent screen stands in for the browser; then the code exchange, a refresh and the token info.
    const authorize = new URL("/oauth/authorize", sandbox.url);
    authorize.searchParams.set("client_id", client.clientId);
    authorize.searchParams.set("redirect_uri", REDIRECT);
    authorize.searchParams.set("scope", HUBSPOT_SCOPES.join(" "));
    authorize.searchParams.set("optional_scope", HUBSPOT_OPTIONAL_SCOPES.join(" "));
    const consent = await fetch(authorize, { redirect: "manual" });
    const code = new URL(consent.headers.get("location") ?? "").searchParams.get("code") ?? "";
    const tokens = await exchangeOAuthCode({ ...client, code, redirectUri: REDIRECT });
    await refreshOAuthTokens({ ...client, refreshToken: tokens.refreshToken });
    await createHubSpotCrm({
      accessToken: tokens.accessToken,
      basePath: sandbox.url,
      attempts: 1,
      oauthApp: { clientId: client.clientId, clientSecret: client.clientSecret },
    }).getGrantedScopes("oauth");

    const crm = createHubSpotCrm({ accessToken: "pat-spec-check", basePath: sandbox.url, attempts: 1 });
    const account = await crm.getAccountInfo();
    await crm.getGrantedScopes("static");
    for (const [objectType, definitions] of [
      ["contacts", CONTACT_PROPERTIES],
      ["deals", DEAL_PROPERTIES],
    ] as const) {
      await crm.ensurePropertyGroup(objectType, PROPERTY_GROUP.name, PROPERTY_GROUP.label);
      await crm.ensureProperties(objectType, PROPERTY_GROUP.name, definitions);
    }
    // A contact enumeration the portal holds without one of ChatLift's options: the call that adds it.
    await crm.ensureProperties(
      "contacts",
      PROPERTY_GROUP.name,
      CONTACT_PROPERTIES.map((definition) =>
        definition.options
          ? { ...definition, options: [...definition.options, { label: "Spec check", value: "chatlift_spec_check" }] }
          : definition,
      ),
    );
    await crm.ensureEventDefinition(MICRO_CONVERSION_EVENT_DEFINITION);
    // A definition that lacks a property and an option: the calls that add them.
    await crm.ensureEventDefinition({
      ...MICRO_CONVERSION_EVENT_DEFINITION,
      properties: [
        ...MICRO_CONVERSION_EVENT_DEFINITION.properties.map((property) =>
          property.options
            ? { ...property, options: [...property.options, { label: "Spec check", value: "chatlift_spec_check" }] }
            : property,
        ),
        { name: "chatlift_spec_check", label: "Spec check", type: "string" },
      ],
    });

    const [ada] = await crm.upsertContacts([
      { email: "ada@example.com", properties: { firstname: "Ada", lifecyclestage: "lead" } },
    ]);
    await crm.upsertContacts([{ email: "ada@example.com", properties: { lifecyclestage: "marketingqualifiedlead" } }]);
    const deal = dealFor(
      {
        orderId: "gid://shopify/Order/1",
        orderName: "#1001",
        amount: 42,
        currency: account.currency,
        placedAt: new Date("2026-11-20T12:00:00Z"),
        creditRule: "cart_attribute",
        contactId: ada?.contactId,
      },
      { pipeline: "default", stage: "closedwon", portalCurrencies: account.currencies },
    );
    const [created] = await crm.createDeals([deal]);
    await crm.findDealsByOrderId([deal.orderId, "gid://shopify/Order/2"]);
    await crm.updateDeals([{ dealId: created?.dealId ?? "", properties: { amount: "40.00" } }]);
    const [routed] = await crm.createRoutedDeals([
      {
        routingKey: "lead:rule:create_deal:1",
        properties: { dealname: "Demo", pipeline: "default", dealstage: "appointmentscheduled" },
      },
    ]);
    await crm.findRoutedDeals(["lead:rule:create_deal:1"]);
    await crm.associate("deals", "contacts", [{ fromId: routed?.dealId ?? "", toId: ada?.contactId ?? "" }]);
    const [taskId] = await crm.createTasks([
      { subject: "Call Ada", dueAt: "2026-11-21T12:00:00.000Z", priority: "HIGH", taskType: "CALL", ownerId: "501" },
    ]);
    await crm.associate("tasks", "contacts", [{ fromId: taskId ?? "", toId: ada?.contactId ?? "" }]);
    await crm.sendEvents([
      {
        eventName: eventNameFor(account.portalId, MICRO_CONVERSION_EVENT_DEFINITION.name),
        email: "ada@example.com",
        occurredAt: "2026-11-20T12:00:00.000Z",
        properties: { kind: "add_to_cart", value: "35" },
      },
    ]);
    // A shopper handed to a person: the ticket key property, a ticket on the contact, its transcript note.
    await crm.ensurePropertyGroup("tickets", PROPERTY_GROUP.name, PROPERTY_GROUP.label);
    await crm.ensureProperties("tickets", PROPERTY_GROUP.name, TICKET_PROPERTIES);
    const [ticketPipeline] = await crm.listTicketPipelines();
    await crm.findRoutedTickets(["lead:rule:create_ticket:1"]);
    const ticket = await crm.createRoutedTicket({
      routingKey: "lead:rule:create_ticket:1",
      contactId: ada?.contactId ?? "",
      subject: "Ada asks about sizes",
      content: "Does the M run small?",
      pipelineId: ticketPipeline?.id ?? "",
      stageId: ticketPipeline?.stages[0]?.id ?? "",
      ownerId: "501",
      priority: "HIGH",
    });
    const note = { body: "<p>Ada: Does the M run small?</p>", timestamp: "2026-11-20T12:00:00.000Z", ownerId: "501" };
    const noteId = await crm.createNote(note, [
      { objectType: "contacts", id: ada?.contactId ?? "" },
      { objectType: "tickets", id: ticket.ticketId },
    ]);
    await crm.updateNote(noteId, { ...note, body: "<p>Ada: Does the M run small? Staff: a little.</p>" });
    await crm.listOwners();
    await crm.listPipelines();
    await crm.listPropertyOptions("contacts", "hs_lead_status");
    // HubSpot orders (order-operations.server.ts): an order as HubSpot's Shopify sync leaves it, credited by ChatLift.
    await crm.ensurePropertyGroup("orders", PROPERTY_GROUP.name, PROPERTY_GROUP.label);
    await crm.ensureProperties("orders", PROPERTY_GROUP.name, ORDER_PROPERTIES);
    seedSyncedOrder(sandbox.state, { externalOrderId: "5001", name: "#1001", total: "80.00", currency: "USD" });
    const [synced] = await crm.findSyncedOrders(["gid://shopify/Order/5001"]);
    const hubspotOrderId = synced?.hubspotOrderId ?? "";
    await crm.updateOrders([{ hubspotOrderId, properties: { chatlift_credited_amount: "40.00" } }]);
    await crm.associate("orders", "contacts", [{ fromId: hubspotOrderId, toId: ada?.contactId ?? "" }]);
    await crm.gdprDelete(ada?.contactId ?? "");
    return [...sandbox.requests];
  } finally {
    await sandbox.close();
  }
}
