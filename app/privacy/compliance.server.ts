/**
 * Shopify's mandatory privacy webhooks. Each handler is idempotent (Shopify retries, and may
 * deliver the same request twice) and deletes only what ChatLift holds for the subject.
 *
 * What ChatLift holds grows with the product: when a model gains customer- or shop-keyed data,
 * the matching delete below must grow with it. personal-data.ts lists every column that can hold
 * a customer's data and what customers/redact does with it; tests/integration/privacy/ tie that
 * list to the schema and check no trace of a redacted customer is left in any column, nor in the
 * database files.
 */
import prisma from "../db.server";
import { eraseDeletedBytes, type Erasure } from "../platform/db/erase-deleted.server";
import { enqueueGdprDeletes } from "../sync/outbox.server";
import { isEmptySubject, subjectOf, unique, type CustomerRef, type CustomerSubject } from "./customer-subject";
import { redactCustomerJobs } from "./job-redaction.server";
import { storeCustomerDataRequest } from "./data-request.server";
import type { DataRequestInput } from "./data-request";

export interface RedactionReport {
  /** Rows deleted, by table, so the audit log says exactly what was erased. */
  deleted: Record<string, number>;
  /** Rows kept with the subject's personal fields cleared, by table. */
  anonymized?: Record<string, number>;
  /** HubSpot contacts queued for GDPR deletion. */
  hubspotDeletesQueued?: number;
  /** How the deleted bytes left the database files (platform/db/erase-deleted.server.ts). */
  erasure?: Erasure;
}

export type { CustomerRef } from "./customer-subject";

/** shop/redact: everything of the shop goes, 48 hours after uninstall. */
export async function redactShop(shopDomain: string): Promise<RedactionReport> {
  const where = { shopDomain };
  // Children before parents; a test checks every shop-keyed model of the schema is named here.
  const deletes = {
    Session: prisma.session.deleteMany({ where: { shop: shopDomain } }),
    WebhookDelivery: prisma.webhookDelivery.deleteMany({ where }),
    WebhookDeadLetter: prisma.webhookDeadLetter.deleteMany({ where }),
    CustomerDataRequest: prisma.customerDataRequest.deleteMany({ where }),
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
    AnalyticsDestination: prisma.analyticsDestination.deleteMany({ where }),
    AnalyticsConsent: prisma.analyticsConsent.deleteMany({ where }),
    PixelLink: prisma.pixelLink.deleteMany({ where }),
    Handoff: prisma.handoff.deleteMany({ where }),
    HandoffMessage: prisma.handoffMessage.deleteMany({ where }),
    HandoffSettings: prisma.handoffSettings.deleteMany({ where }),
    Shop: prisma.shop.deleteMany({ where: { domain: shopDomain } }),
  };
  const results = await prisma.$transaction(Object.values(deletes));
  const erasure = await eraseDeletedBytes(Object.keys(deletes));
  return {
    deleted: Object.fromEntries(Object.keys(deletes).map((table, index) => [table, results[index]!.count])),
    erasure,
  };
}

/**
 * customers/redact: the customer's chat data goes (the sessions seen logged in as them or with
 * their email, every event and micro-conversion of those sessions, the questions typed in their
 * browser's other sessions, their lead). Their orders stay for the merchant's revenue figures,
 * stripped of the email, customer id and tracking: those Shopify lists in `orders_to_redact`
 * too, and the emails found on them (an order under an older email) count as the customer's.
 * Job payloads naming them are rewritten (job-redaction.server.ts), then the deleted bytes are
 * erased from the database files.
 */
export async function redactCustomer(
  shopDomain: string,
  customer: CustomerRef | CustomerSubject,
): Promise<RedactionReport> {
  const asked = "customerIds" in customer ? customer : subjectOf(customer);
  if (isEmptySubject(asked)) return { deleted: {} };
  const subject = await withTheirOrders(shopDomain, asked);
  const { customerIds, emails } = subject;
  const who = [
    ...(customerIds.length ? [{ customerId: { in: customerIds } }] : []),
    ...(emails.length ? [{ email: { in: emails } }] : []),
  ];
  const sessions = who.length
    ? await prisma.chatSession.findMany({ where: { shopDomain, OR: who }, select: { id: true, visitorId: true } })
    : [];
  const sessionIds = sessions.map((session) => session.id);
  const visitorIds = unique(sessions.map((session) => session.visitorId));
  // Questions are the shopper's own words: those typed in the same browser while not logged in go too.
  const browserSessions = await prisma.chatSession.findMany({
    where: { shopDomain, visitorId: { in: visitorIds }, id: { notIn: sessionIds } },
    select: { id: true },
  });
  const browserIds = browserSessions.map((session) => session.id);
  const customerLeads = who.length
    ? await prisma.lead.findMany({
        where: { shopDomain, OR: who },
        select: { id: true, email: true, hubspotContactId: true },
      })
    : [];
  const leadIds = customerLeads.map((lead) => lead.id);
  const synced = customerLeads.filter((lead) => lead.hubspotContactId !== null);
  const [events, questions, micros, chatSessions, visitors, decisions, actions, leads, orders, hubspotDeletes] =
    await prisma.$transaction([
      prisma.chatEvent.deleteMany({ where: { shopDomain, sessionId: { in: sessionIds } } }),
      prisma.chatEvent.deleteMany({
        where: { shopDomain, sessionId: { in: browserSessions.map((session) => session.id) }, type: "question_asked" },
      }),
      prisma.microConversion.deleteMany({
        where: { shopDomain, OR: [{ sessionId: { in: sessionIds } }, { email: { in: emails } }] },
      }),
      prisma.chatSession.deleteMany({ where: { shopDomain, id: { in: sessionIds } } }),
      // The rollups' visitor row ties the customer's browser to their orders.
      prisma.visitor.deleteMany({ where: { shopDomain, id: { in: visitorIds } } }),
      // Routing decisions quote the lead's facts in their reasons; its pending actions name it.
      prisma.routingDecision.deleteMany({ where: { shopDomain, leadId: { in: leadIds } } }),
      prisma.routingAction.deleteMany({ where: { shopDomain, leadId: { in: leadIds } } }),
      prisma.lead.deleteMany({ where: { shopDomain, id: { in: leadIds } } }),
      // Tracking numbers lead to the delivery address at the carrier: they go with the email.
      prisma.order.updateMany({
        where: { shopDomain, OR: [...who, { id: { in: subject.orderIds } }] },
        data: { customerId: null, email: null, tracking: "[]" },
      }),
      // Only when the merchant turned HubSpot GDPR deletion on (the statement inserts nothing otherwise).
      enqueueGdprDeletes(
        prisma,
        shopDomain,
        synced.map((lead) => lead.hubspotContactId as string),
      ),
      // The GA client id read by the pixel is the customer's analytics identity on this browser.
      prisma.analyticsConsent.deleteMany({ where: { shopDomain, sessionId: { in: sessionIds } } }),
      prisma.pixelLink.deleteMany({ where: { shopDomain, sessionId: { in: sessionIds } } }),
      // What they wrote to a person (in this browser too), and the email they left for the answer.
      prisma.handoffMessage.deleteMany({ where: { shopDomain, sessionId: { in: [...sessionIds, ...browserIds] } } }),
      prisma.handoff.deleteMany({
        where: { shopDomain, OR: [{ sessionId: { in: [...sessionIds, ...browserIds] } }, { email: { in: emails } }] },
      }),
    ]);
  const jobs = await redactCustomerJobs(shopDomain, subject);
  const erasure = await eraseDeletedBytes(CUSTOMER_TABLES);
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
    anonymized: { Order: orders.count, Job: jobs },
    ...(hubspotDeletes ? { hubspotDeletesQueued: hubspotDeletes } : {}),
    erasure,
  };
}

/** The tables customers/redact deletes from or rewrites: their dead rows are vacuumed on PostgreSQL. */
const CUSTOMER_TABLES = [
  "ChatEvent",
  "MicroConversion",
  "ChatSession",
  "Visitor",
  "RoutingDecision",
  "RoutingAction",
  "Lead",
  "Order",
  "Job",
] as const;

/**
 * The subject with the orders Shopify names and the customer's stored orders: their ids, and the
 * emails and customer ids on them (an order placed under an older email is still the customer's).
 */
async function withTheirOrders(shopDomain: string, subject: CustomerSubject): Promise<CustomerSubject> {
  const orders = await prisma.order.findMany({
    where: {
      shopDomain,
      OR: [
        { id: { in: subject.orderIds } },
        { customerId: { in: subject.customerIds } },
        { email: { in: subject.emails } },
      ],
    },
    select: { id: true, customerId: true, email: true },
  });
  return {
    customerIds: unique([...subject.customerIds, ...orders.flatMap((order) => order.customerId ?? [])]),
    emails: unique([...subject.emails, ...orders.flatMap((order) => order.email ?? [])]),
    phones: subject.phones,
    orderIds: unique([...subject.orderIds, ...orders.map((order) => order.id)]),
  };
}

/**
 * customers/data_request: Shopify asks the app to hand the merchant what it holds for a
 * customer. The request is recorded once (by webhook id) so it can be answered from the admin
 * (data-request.server.ts stores it; Settings lists it with its download).
 */
export async function recordCustomerDataRequest(
  shopDomain: string,
  webhookId: string,
  topic: string,
  request: DataRequestInput,
): Promise<{ firstDelivery: boolean }> {
  return storeCustomerDataRequest({ shopDomain, webhookId, topic }, request);
}
