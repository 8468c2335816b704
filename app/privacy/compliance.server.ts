/**
 * Shopify's mandatory privacy webhooks. Each handler is idempotent (Shopify retries, and may
 * deliver the same request twice) and deletes only what ChatLift holds for the subject.
 *
 * What ChatLift holds grows with the product: when a model gains customer- or shop-keyed data,
 * the matching delete below must grow with it (tests/integration/webhooks.test.ts checks the
 * tables of capture and orders).
 */
import prisma from "../db.server";
import { isUniqueViolation } from "../platform/db/errors";
import { normalizeEmail } from "../attribution/links";
import { customerGid } from "../capture/ingest-plan";
import { enqueueGdprDeletes } from "../sync/outbox.server";

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
  // Children before parents; a test checks every shop-keyed model of the schema is named here.
  const deletes = {
    Session: prisma.session.deleteMany({ where: { shop: shopDomain } }),
    WebhookDelivery: prisma.webhookDelivery.deleteMany({ where }),
    WebhookDeadLetter: prisma.webhookDeadLetter.deleteMany({ where }),
    ChatEvent: prisma.chatEvent.deleteMany({ where }),
    MicroConversion: prisma.microConversion.deleteMany({ where }),
    ChatSession: prisma.chatSession.deleteMany({ where }),
    RoutingDecision: prisma.routingDecision.deleteMany({ where }),
    RoutingAction: prisma.routingAction.deleteMany({ where }),
    Lead: prisma.lead.deleteMany({ where }),
    Credit: prisma.credit.deleteMany({ where }),
    Refund: prisma.refund.deleteMany({ where }),
    Order: prisma.order.deleteMany({ where }), // its lines go with it (cascade)
    // Jobs name their shop in the payload (order webhook bodies hold customer data).
    Job: prisma.job.deleteMany({
      where: { OR: [{ shopDomain }, { payload: { contains: `"shopDomain":${JSON.stringify(shopDomain)}` } }] },
    }),
    JobShopPause: prisma.jobShopPause.deleteMany({ where }),
    HubSpotConnection: prisma.hubSpotConnection.deleteMany({ where }),
    RoutingRuleSet: prisma.routingRuleSet.deleteMany({ where }),
    RoundRobinState: prisma.roundRobinState.deleteMany({ where }),
    Experiment: prisma.experiment.deleteMany({ where }),
    FlowVersion: prisma.flowVersion.deleteMany({ where }),
    WidgetPublication: prisma.widgetPublication.deleteMany({ where }),
    Flow: prisma.flow.deleteMany({ where }),
    DailyRollup: prisma.dailyRollup.deleteMany({ where }),
    Visitor: prisma.visitor.deleteMany({ where }),
    RollupState: prisma.rollupState.deleteMany({ where }),
    KnowledgeSource: prisma.knowledgeSource.deleteMany({ where }),
    KnowledgeFaq: prisma.knowledgeFaq.deleteMany({ where }),
    KnowledgeSynonym: prisma.knowledgeSynonym.deleteMany({ where }),
    KnowledgeSync: prisma.knowledgeSync.deleteMany({ where }),
    KnowledgeIndex: prisma.knowledgeIndex.deleteMany({ where }),
    AnswerLlm: prisma.answerLlm.deleteMany({ where }),
    AnswerLlmUsage: prisma.answerLlmUsage.deleteMany({ where }),
    Shop: prisma.shop.deleteMany({ where: { domain: shopDomain } }),
  };
  const results = await prisma.$transaction(Object.values(deletes));
  return { deleted: Object.fromEntries(Object.keys(deletes).map((table, index) => [table, results[index]!.count])) };
}

/**
 * customers/redact: the customer's chat data goes (the sessions seen logged in as them or with
 * their email, every event and micro-conversion of those sessions, the questions typed in their
 * browser's other sessions, their lead). Their orders stay for the merchant's revenue figures,
 * stripped of the email, customer id and tracking.
 */
export async function redactCustomer(shopDomain: string, customer: CustomerRef): Promise<RedactionReport> {
  const customerId = customer.id == null ? null : customerGid(String(customer.id));
  const email = normalizeEmail(customer.email);
  const who = [...(customerId ? [{ customerId }] : []), ...(email ? [{ email }] : [])];
  if (!who.length) return { deleted: {} };
  const sessions = await prisma.chatSession.findMany({
    where: { shopDomain, OR: who },
    select: { id: true, visitorId: true },
  });
  const sessionIds = sessions.map((session) => session.id);
  const visitorIds = [...new Set(sessions.map((session) => session.visitorId))];
  // Questions are the shopper's own words: those typed in the same browser while not logged in go too.
  const browserSessions = await prisma.chatSession.findMany({
    where: { shopDomain, visitorId: { in: visitorIds }, id: { notIn: sessionIds } },
    select: { id: true },
  });
  const customerLeads = await prisma.lead.findMany({
    where: { shopDomain, OR: who },
    select: { id: true, email: true, hubspotContactId: true },
  });
  const synced = customerLeads.filter((lead) => lead.hubspotContactId !== null);
  const [events, questions, micros, chatSessions, visitors, decisions, actions, leads, orders, hubspotDeletes] =
    await prisma.$transaction([
      prisma.chatEvent.deleteMany({ where: { shopDomain, sessionId: { in: sessionIds } } }),
      prisma.chatEvent.deleteMany({
        where: { shopDomain, sessionId: { in: browserSessions.map((session) => session.id) }, type: "question_asked" },
      }),
      prisma.microConversion.deleteMany({
        where: { shopDomain, OR: [{ sessionId: { in: sessionIds } }, ...(email ? [{ email }] : [])] },
      }),
      prisma.chatSession.deleteMany({ where: { shopDomain, id: { in: sessionIds } } }),
      // The rollups' visitor row ties the customer's browser to their orders.
      prisma.visitor.deleteMany({ where: { shopDomain, id: { in: visitorIds } } }),
      // Routing decisions quote the lead's facts in their reasons; its pending actions name it.
      prisma.routingDecision.deleteMany({
        where: { shopDomain, leadId: { in: customerLeads.map((lead) => lead.id) } },
      }),
      prisma.routingAction.deleteMany({ where: { shopDomain, leadId: { in: customerLeads.map((lead) => lead.id) } } }),
      prisma.lead.deleteMany({ where: { shopDomain, OR: who } }),
      // Tracking numbers lead to the delivery address at the carrier: they go with the email.
      prisma.order.updateMany({
        where: { shopDomain, OR: who },
        data: { customerId: null, email: null, tracking: "[]" },
      }),
      // Only when the merchant turned HubSpot GDPR deletion on (the statement inserts nothing otherwise).
      enqueueGdprDeletes(
        prisma,
        shopDomain,
        synced.map((lead) => lead.email),
      ),
    ]);
  return {
    deleted: {
      ChatEvent: events.count + questions.count,
      MicroConversion: micros.count,
      ChatSession: chatSessions.count,
      Visitor: visitors.count,
      RoutingDecision: decisions.count,
      RoutingAction: actions.count,
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
