/**
 * The package a customers/data_request is answered with, pure: everything ChatLift holds about one
 * customer of one shop, as one JSON document the merchant can hand over as is. Built from the rows
 * data-request.server.ts reads; every row must belong to the request's shop (a row of another shop
 * is a bug in the reading, and the package refuses to be built rather than leak it).
 */
import type { DataRequestInput } from "./data-request";

export const DATA_PACKAGE_FORMAT = "chatlift.customer-data.v1";

type Row = Record<string, unknown>;
type ShopRow = Row & { shopDomain: string };
export type SessionRow = ShopRow & { id: string };
export type EventRow = ShopRow & { id: string; sessionId: string; type: string; occurredAt: Date; data: string | null };
export type LeadRow = ShopRow & { id: string; routedProperties: string | null };
export type OrderRow = ShopRow & { id: string; discountCodes: string; tracking: string; lines: Row[] };
export type RefundRow = ShopRow & { orderId: string; lines: string };
export type CreditRow = ShopRow & { orderId: string };
export type LeadChildRow = ShopRow & { leadId: string };
export type JobRow = Row & { kind: string; shopDomain: string | null; payload: string };

export interface DataPackageRows {
  shopDomain: string;
  request: DataRequestInput & { id: string; receivedAt: Date };
  sessions: SessionRow[];
  /** Events of those sessions, and the questions typed in the same browser's other sessions. */
  events: EventRow[];
  microConversions: ShopRow[];
  leads: LeadRow[];
  routingDecisions: (LeadChildRow & { detail: string })[];
  routingActions: LeadChildRow[];
  orders: OrderRow[];
  refunds: RefundRow[];
  credits: CreditRow[];
  /** Candidate HubSpot jobs: only those whose payload names this shop and one of the leads, orders or emails stay. */
  hubspotJobs: JobRow[];
}

const ANSWER_TYPES = new Set(["answer_shown", "answer_abstained"]);

/** Rows as the customer reads them: ISO dates, exact amounts, JSON text opened, the shop key said once at the top. */
function plain(row: Row, jsonFields: readonly string[] = []): Row {
  const out: Row = {};
  for (const [key, value] of Object.entries(row)) {
    if (key === "shopDomain") continue;
    if (jsonFields.includes(key) && typeof value === "string") out[key] = parseOrKeep(value);
    else out[key] = plainValue(value);
  }
  return out;
}

function plainValue(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  // Minor units past 2^53 (large totals in some currencies) stay exact as text.
  if (typeof value === "bigint") return Number.isSafeInteger(Number(value)) ? Number(value) : value.toString();
  if (Array.isArray(value)) return value.map((item) => (isRow(item) ? plain(item) : plainValue(item)));
  return value;
}

const isRow = (value: unknown): value is Row =>
  typeof value === "object" && value !== null && !(value instanceof Date) && !Array.isArray(value);

/** A row with what hangs off it (a session's events, an order's credits), the row's own fields first. */
function withChildren<T extends Row>(row: Row, children: T): Row & T {
  return { ...row, ...children };
}

function parseOrKeep(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** An event's own fields (question, locale, kind …), stored as JSON text. */
function dataOf(event: EventRow): Row {
  const data = event.data === null ? null : parseOrKeep(event.data);
  return isRow(data) ? data : {};
}

function assertShop(shopDomain: string, rows: Row[], table: string): void {
  const stranger = rows.find((row) => row.shopDomain !== shopDomain);
  if (stranger)
    throw new Error(`data request package of ${shopDomain}: a ${table} row of ${String(stranger.shopDomain)} was read`);
}

function groupBy<T extends Row>(rows: T[], key: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) groups.set(key(row), [...(groups.get(key(row)) ?? []), row]);
  return groups;
}

/** A HubSpot job counts when it works for this shop and names one of the customer's leads, orders or emails. */
function namesCustomer(
  job: JobRow,
  shopDomain: string,
  leadIds: Set<string>,
  orderIds: Set<string>,
  emails: Set<string>,
) {
  const payload = parseOrKeep(job.payload);
  if (!isRow(payload) || payload.shopDomain !== shopDomain) return false;
  if (job.shopDomain !== null && job.shopDomain !== shopDomain) return false;
  return (
    (typeof payload.leadId === "string" && leadIds.has(payload.leadId)) ||
    (typeof payload.orderId === "string" && orderIds.has(payload.orderId)) ||
    (typeof payload.email === "string" && emails.has(payload.email))
  );
}

export function buildDataPackage(rows: DataPackageRows, generatedAt: Date) {
  const { shopDomain, request } = rows;
  const tables: Array<[string, Row[]]> = [
    ["ChatSession", rows.sessions],
    ["ChatEvent", rows.events],
    ["MicroConversion", rows.microConversions],
    ["Lead", rows.leads],
    ["RoutingDecision", rows.routingDecisions],
    ["RoutingAction", rows.routingActions],
    ["Order", rows.orders],
    ["Refund", rows.refunds],
    ["Credit", rows.credits],
  ];
  for (const [table, tableRows] of tables) assertShop(shopDomain, tableRows, table);

  const sessionIds = new Set(rows.sessions.map((session) => session.id));
  const eventsBySession = groupBy(
    rows.events.filter((event) => sessionIds.has(event.sessionId)),
    (event) => event.sessionId,
  );
  // An answer is stamped with its question's instant in the same session (app/answers/answer-events.ts).
  const answerOf = (question: EventRow) =>
    rows.events.find(
      (event) =>
        ANSWER_TYPES.has(event.type) &&
        event.sessionId === question.sessionId &&
        event.occurredAt.getTime() === question.occurredAt.getTime(),
    );
  const questions = rows.events
    .filter((event) => event.type === "question_asked")
    .map((question) => {
      const answer = answerOf(question);
      // The question's own fields (its words, locale, page) beside where and when it was asked.
      return withChildren(
        { sessionId: question.sessionId, askedAt: question.occurredAt.toISOString(), ...dataOf(question) },
        { answer: answer ? { type: answer.type, ...dataOf(answer) } : null },
      );
    });

  const leadIds = new Set(rows.leads.map((lead) => lead.id));
  const orderIds = new Set(rows.orders.map((order) => order.id));
  const emails = new Set(
    [request.email, ...rows.leads.map((lead) => lead.email), ...rows.orders.map((order) => order.email)].filter(
      (address): address is string => typeof address === "string",
    ),
  );
  const decisionsByLead = groupBy(rows.routingDecisions, (row) => row.leadId);
  const actionsByLead = groupBy(rows.routingActions, (row) => row.leadId);
  const refundsByOrder = groupBy(rows.refunds, (row) => row.orderId);
  const creditsByOrder = groupBy(rows.credits, (row) => row.orderId);
  const jobs = rows.hubspotJobs.filter((job) => namesCustomer(job, shopDomain, leadIds, orderIds, emails));

  return {
    format: DATA_PACKAGE_FORMAT,
    shop: shopDomain,
    generatedAt: generatedAt.toISOString(),
    request: {
      id: request.id,
      shopifyRequestId: request.shopifyRequestId,
      receivedAt: request.receivedAt.toISOString(),
      customer: { id: request.customerId, email: request.email, phone: request.phone },
      ordersRequested: request.ordersRequested,
    },
    chatSessions: rows.sessions.map((session) =>
      withChildren(plain(session), {
        events: (eventsBySession.get(session.id) ?? []).map((event) => plain(event, ["data"])),
      }),
    ),
    questions,
    microConversions: rows.microConversions.map((row) => plain(row)),
    leads: rows.leads.map((lead) =>
      withChildren(plain(lead, ["routedProperties"]), {
        routingDecisions: (decisionsByLead.get(lead.id) ?? []).map((row) => plain(row, ["detail"])),
        routingActions: (actionsByLead.get(lead.id) ?? []).map((row) => plain(row)),
      }),
    ),
    orders: rows.orders.map((order) =>
      withChildren(plain(order, ["discountCodes", "tracking"]), {
        refunds: (refundsByOrder.get(order.id) ?? []).map((row) => plain(row, ["lines"])),
        credits: (creditsByOrder.get(order.id) ?? []).map((row) => plain(row)),
      }),
    ),
    hubspot: {
      contacts: rows.leads
        .filter((lead) => lead.hubspotContactId != null)
        .map((lead) => ({
          leadId: lead.id,
          hubspotContactId: lead.hubspotContactId,
          hubspotOwnerId: lead.hubspotOwnerId ?? null,
          lifecycleStage: lead.routedLifecycleStage ?? null,
          leadStatus: lead.routedLeadStatus ?? null,
          properties: lead.routedProperties ? parseOrKeep(lead.routedProperties) : null,
        })),
      jobs: jobs.map((job) => plain(job, ["payload"])),
    },
  };
}

export type DataPackage = ReturnType<typeof buildDataPackage>;
