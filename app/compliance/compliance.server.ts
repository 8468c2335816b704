/**
 * Shopify's mandatory privacy webhooks. Each handler is idempotent (Shopify retries, and may
 * deliver the same request twice) and deletes only what ChatLift holds for the subject.
 *
 * What ChatLift holds grows with the product: when a model gains customer- or shop-keyed data,
 * the matching delete below must grow with it (tests/integration/webhooks.test.ts checks the
 * tables of capture and orders).
 */
import prisma from "../db.server";
import { isUniqueViolation } from "../db/errors";
import { normalizeEmail } from "../attribution/links";
import { customerGid } from "../capture/ingest-plan";
import { enqueueGdprDeletes } from "../hubspot/outbox.server";

export interface RedactionReport {
  /** Rows deleted, by table, so the audit log says exactly what was erased. */
  deleted: Record<string, number>;
  /** Rows kept with the subject's personal fields cleared, by table. */
  anonymized?: Record<string, number>;
  /** HubSpot contacts queued for GDPR deletion. */
  hubspotDeletesQueued?: number;
}

export interface CustomerRef {
  id?: string | number | null;
  email?: string | null;
}

/** shop/redact: everything of the shop goes, 48 hours after uninstall. */
export async function redactShop(shopDomain: string): Promise<RedactionReport> {
  const where = { shopDomain };
  const [sessions, deliveries, events, micros, chatSessions, decisions, leads, credits, refunds, orders, jobs, hubspot, ruleSets, roundRobin, rollups, visitors, rollupStates, shops] = await prisma.$transaction([
    prisma.session.deleteMany({ where: { shop: shopDomain } }),
    prisma.webhookDelivery.deleteMany({ where }),
    prisma.chatEvent.deleteMany({ where }),
    prisma.microConversion.deleteMany({ where }),
    prisma.chatSession.deleteMany({ where }),
    prisma.routingDecision.deleteMany({ where }),
    prisma.lead.deleteMany({ where }),
    prisma.credit.deleteMany({ where }),
    prisma.refund.deleteMany({ where }),
    prisma.order.deleteMany({ where }), // its lines go with it (cascade)
    // Jobs name their shop in the payload (order webhook bodies hold customer data).
    prisma.job.deleteMany({ where: { OR: [{ shopDomain }, { payload: { contains: `"shopDomain":${JSON.stringify(shopDomain)}` } }] } }),
    prisma.hubSpotConnection.deleteMany({ where }),
    prisma.routingRuleSet.deleteMany({ where }),
    prisma.roundRobinState.deleteMany({ where }),
    prisma.dailyRollup.deleteMany({ where }),
    prisma.visitor.deleteMany({ where }),
    prisma.rollupState.deleteMany({ where }),
    prisma.shop.deleteMany({ where: { domain: shopDomain } }),
  ]);
  return {
    deleted: {
      Session: sessions.count,
      WebhookDelivery: deliveries.count,
      ChatEvent: events.count,
      MicroConversion: micros.count,
      ChatSession: chatSessions.count,
      RoutingDecision: decisions.count,
      Lead: leads.count,
      Credit: credits.count,
      Refund: refunds.count,
      Order: orders.count,
      Job: jobs.count,
      HubSpotConnection: hubspot.count,
      RoutingRuleSet: ruleSets.count,
      RoundRobinState: roundRobin.count,
      DailyRollup: rollups.count,
      Visitor: visitors.count,
      RollupState: rollupStates.count,
      Shop: shops.count,
    },
  };
}

/**
 * customers/redact: the customer's chat data goes (the sessions seen logged in as them or with
 * their email, every event and micro-conversion of those sessions, their lead). Their orders
 * stay for the merchant's revenue figures, stripped of the email and customer id.
 */
export async function redactCustomer(shopDomain: string, customer: CustomerRef): Promise<RedactionReport> {
  const customerId = customer.id == null ? null : customerGid(String(customer.id));
  const email = normalizeEmail(customer.email);
  const who = [...(customerId ? [{ customerId }] : []), ...(email ? [{ email }] : [])];
  if (!who.length) return { deleted: {} };
  const sessions = await prisma.chatSession.findMany({ where: { shopDomain, OR: who }, select: { id: true } });
  const sessionIds = sessions.map((session) => session.id);
  const customerLeads = await prisma.lead.findMany({ where: { shopDomain, OR: who }, select: { id: true, email: true, hubspotContactId: true } });
  const synced = customerLeads.filter((lead) => lead.hubspotContactId !== null);
  const [events, micros, chatSessions, decisions, leads, orders, hubspotDeletes] = await prisma.$transaction([
    prisma.chatEvent.deleteMany({ where: { shopDomain, sessionId: { in: sessionIds } } }),
    prisma.microConversion.deleteMany({ where: { shopDomain, OR: [{ sessionId: { in: sessionIds } }, ...(email ? [{ email }] : [])] } }),
    prisma.chatSession.deleteMany({ where: { shopDomain, id: { in: sessionIds } } }),
    // Routing decisions quote the lead's facts in their reasons.
    prisma.routingDecision.deleteMany({ where: { shopDomain, leadId: { in: customerLeads.map((lead) => lead.id) } } }),
    prisma.lead.deleteMany({ where: { shopDomain, OR: who } }),
    prisma.order.updateMany({ where: { shopDomain, OR: who }, data: { customerId: null, email: null } }),
    // Only when the merchant turned HubSpot GDPR deletion on (the statement inserts nothing otherwise).
    enqueueGdprDeletes(prisma, shopDomain, synced.map((lead) => lead.email)),
  ]);
  return {
    deleted: {
      ChatEvent: events.count,
      MicroConversion: micros.count,
      ChatSession: chatSessions.count,
      RoutingDecision: decisions.count,
      Lead: leads.count,
    },
    anonymized: { Order: orders.count },
    ...(hubspotDeletes ? { hubspotDeletesQueued: hubspotDeletes } : {}),
  };
}

/**
 * customers/data_request: Shopify asks the app to hand the merchant what it holds for a
 * customer. The request is recorded once (by webhook id) so it can be answered from the admin.
 */
export async function recordCustomerDataRequest(
  shopDomain: string,
  webhookId: string,
  topic: string,
): Promise<{ firstDelivery: boolean }> {
  try {
    await prisma.webhookDelivery.create({ data: { webhookId, shopDomain, topic } });
    return { firstDelivery: true };
  } catch (error) {
    if (isUniqueViolation(error)) return { firstDelivery: false };
    throw error;
  }
}
