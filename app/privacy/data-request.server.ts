/**
 * customers/data_request, stored and answered: the request is kept once (by webhook id and by
 * Shopify's request id), listed for the merchant, and answered with the package of everything
 * ChatLift holds about the customer, read here and built by data-request-package.ts. Every query
 * names the shop: a request can only ever reach its own shop's rows.
 *
 * Who the customer is follows customers/redact (compliance.server.ts): their sessions by customer id
 * or email, the questions typed in the same browser, their leads; plus the orders they asked about
 * and the sessions those orders' carts came from.
 */
import prisma from "../db.server";
import { isUniqueViolation } from "../platform/db/errors";
import { HUBSPOT_JOB_KINDS } from "../sync/outbox.server";
import { buildDataPackage, type DataPackage, type DataPackageRows } from "./data-request-package";
import {
  dataPackageFilename,
  dataRequestCutoff,
  dataRequestView,
  type DataRequestInput,
  type DataRequestView,
} from "./data-request";

const QUESTION_TYPES = ["question_asked", "answer_shown", "answer_abstained"];
/** The admin lists at most this many; older ones stay downloadable until deleted. */
const LISTED = 100;

export interface DataRequestDelivery {
  shopDomain: string;
  webhookId: string;
  topic: string;
}

/**
 * Records the delivery and the request together, once: a retry (same webhook id) or the same request
 * under another delivery (same data_request.id) stores nothing more.
 */
export async function storeCustomerDataRequest(
  delivery: DataRequestDelivery,
  request: DataRequestInput,
  now = new Date(),
): Promise<{ firstDelivery: boolean }> {
  const { shopDomain, webhookId, topic } = delivery;
  try {
    return await prisma.$transaction(async (tx) => {
      await tx.webhookDelivery.create({ data: { webhookId, shopDomain, topic } });
      const known =
        request.shopifyRequestId !== null &&
        (await tx.customerDataRequest.findFirst({
          where: { shopDomain, shopifyRequestId: request.shopifyRequestId },
          select: { id: true },
        }));
      if (known) return { firstDelivery: false };
      await tx.customerDataRequest.create({
        data: {
          shopDomain,
          webhookId,
          shopifyRequestId: request.shopifyRequestId,
          customerId: request.customerId,
          email: request.email,
          phone: request.phone,
          ordersRequested: JSON.stringify(request.ordersRequested),
          receivedAt: now,
        },
      });
      return { firstDelivery: true };
    });
  } catch (error) {
    if (isUniqueViolation(error)) return { firstDelivery: false };
    throw error;
  }
}

/** The shop's requests, pending first, then newest first. */
export async function listDataRequests(shopDomain: string): Promise<DataRequestView[]> {
  const rows = await prisma.customerDataRequest.findMany({
    where: { shopDomain },
    orderBy: [{ receivedAt: "desc" }, { id: "desc" }],
    take: LISTED,
  });
  const views = rows.map(dataRequestView);
  return [...views.filter((view) => view.status === "pending"), ...views.filter((view) => view.status !== "pending")];
}

/**
 * The package for one of the shop's requests, marking it exported; null when the shop has no such
 * request (another shop's id included: it is not told apart from a missing one).
 */
export async function exportDataRequest(
  shopDomain: string,
  requestId: string,
  now = new Date(),
): Promise<{ filename: string; dataPackage: DataPackage } | null> {
  const row = await prisma.customerDataRequest.findFirst({ where: { id: requestId, shopDomain } });
  if (!row) return null;
  const request = {
    id: row.id,
    receivedAt: row.receivedAt,
    shopifyRequestId: row.shopifyRequestId,
    customerId: row.customerId,
    email: row.email,
    phone: row.phone,
    ordersRequested: JSON.parse(row.ordersRequested) as string[],
  };
  const dataPackage = buildDataPackage(await readPackageRows(shopDomain, request), now);
  await prisma.customerDataRequest.update({ where: { id: row.id }, data: { exportedAt: now } });
  return { filename: dataPackageFilename(shopDomain, row.id), dataPackage };
}

async function readPackageRows(shopDomain: string, request: DataPackageRows["request"]): Promise<DataPackageRows> {
  const { customerId, email, ordersRequested } = request;
  const named = [
    ...(customerId ? [{ customerId }] : []),
    ...(email ? [{ email }] : []),
    ...(ordersRequested.length ? [{ id: { in: ordersRequested } }] : []),
  ];
  const ordersNamed = named.length
    ? await prisma.order.findMany({ where: { shopDomain, OR: named }, include: { lines: true } })
    : [];
  // An order placed under an older email is the same customer's: that email finds their other rows too.
  const emails = unique([...(email ? [email] : []), ...ordersNamed.map((order) => order.email)]);
  const olderEmails = emails.filter((address) => address !== email);
  const ordersUnderOlderEmails = olderEmails.length
    ? await prisma.order.findMany({
        where: { shopDomain, email: { in: olderEmails }, id: { notIn: ordersNamed.map((order) => order.id) } },
        include: { lines: true },
      })
    : [];
  const orders = [...ordersNamed, ...ordersUnderOlderEmails];
  const who = [...(customerId ? [{ customerId }] : []), ...(emails.length ? [{ email: { in: emails } }] : [])];
  const [identitySessions, leads] = await Promise.all([
    who.length ? prisma.chatSession.findMany({ where: { shopDomain, OR: who } }) : [],
    who.length ? prisma.lead.findMany({ where: { shopDomain, OR: who } }) : [],
  ]);
  // The sessions the customer's own carts came from (the cart attribute, the line property).
  const cartSessionIds = orders.flatMap((order) => [
    order.chatSessionId,
    ...order.lines.map((line) => line.chatSessionId),
  ]);
  const known = new Set(identitySessions.map((session) => session.id));
  const wanted = [...new Set(cartSessionIds.filter((id): id is string => id !== null && !known.has(id)))];
  const cartSessions = wanted.length
    ? await prisma.chatSession.findMany({ where: { shopDomain, id: { in: wanted } } })
    : [];
  const sessions = [...identitySessions, ...cartSessions];
  const sessionIds = sessions.map((session) => session.id);
  const visitorIds = [...new Set(sessions.map((session) => session.visitorId))];
  const browserSessions = visitorIds.length
    ? await prisma.chatSession.findMany({
        where: { shopDomain, visitorId: { in: visitorIds }, id: { notIn: sessionIds } },
        select: { id: true },
      })
    : [];
  const leadIds = leads.map((lead) => lead.id);
  const orderIds = orders.map((order) => order.id);
  const jobKeys = unique([...leadIds, ...orderIds, ...emails, ...leads.map((lead) => lead.email)]);
  const [events, browserQuestions, microConversions, routingDecisions, routingActions, refunds, credits, hubspotJobs] =
    await Promise.all([
      prisma.chatEvent.findMany({
        where: { shopDomain, sessionId: { in: sessionIds } },
        orderBy: { occurredAt: "asc" },
      }),
      prisma.chatEvent.findMany({
        where: { shopDomain, sessionId: { in: browserSessions.map((s) => s.id) }, type: { in: QUESTION_TYPES } },
        orderBy: { occurredAt: "asc" },
      }),
      prisma.microConversion.findMany({
        where: { shopDomain, OR: [{ sessionId: { in: sessionIds } }, { email: { in: emails } }] },
        orderBy: { at: "asc" },
      }),
      prisma.routingDecision.findMany({
        where: { shopDomain, leadId: { in: leadIds } },
        orderBy: { decidedAt: "asc" },
      }),
      prisma.routingAction.findMany({ where: { shopDomain, leadId: { in: leadIds } } }),
      prisma.refund.findMany({ where: { shopDomain, orderId: { in: orderIds } } }),
      prisma.credit.findMany({ where: { shopDomain, orderId: { in: orderIds } } }),
      // Candidates only: the package keeps a job when its parsed payload names this shop and one of these.
      jobKeys.length
        ? prisma.job.findMany({
            where: {
              kind: { in: [...HUBSPOT_JOB_KINDS] },
              OR: jobKeys.map((key) => ({ payload: { contains: JSON.stringify(key) } })),
            },
            select: {
              kind: true,
              status: true,
              attempts: true,
              createdAt: true,
              finishedAt: true,
              lastError: true,
              shopDomain: true,
              payload: true,
            },
            orderBy: { id: "asc" },
          })
        : [],
    ]);
  return {
    shopDomain,
    request,
    sessions,
    events: [...events, ...browserQuestions],
    microConversions,
    leads,
    routingDecisions,
    routingActions,
    orders,
    refunds,
    credits,
    hubspotJobs,
  };
}

const unique = (values: Array<string | null>): string[] =>
  [...new Set(values)].filter((value): value is string => value !== null);

/** Requests past DATA_REQUEST_KEPT_DAYS go (the daily retention sweep calls this). */
export async function sweepExpiredDataRequests(now: Date): Promise<number> {
  const { count } = await prisma.customerDataRequest.deleteMany({
    where: { receivedAt: { lt: dataRequestCutoff(now) } },
  });
  return count;
}
