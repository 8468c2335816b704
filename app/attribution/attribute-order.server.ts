/**
 * The seam between stored data and the pure engine (engine.ts): loads stored orders and the
 * chat sessions that may have led to them, runs attributeOrder, and replaces the orders'
 * credits in one transaction, each with the sentence explain() gives. Run again after every
 * change to an order (refund, cancellation, edit): its credits are always a function of what
 * is stored now, never patched.
 *
 * Orders are handled in chunks with a constant number of queries per chunk (orders, refunds,
 * candidates by customer, email and code, sessions, micro-conversions, one write), so the
 * webhook (a chunk of one) and a re-attribution of 100,000 orders run the same code.
 */
import prisma from "../db.server";
import type { Order, OrderLine, Refund, Tx } from "../db.server";
import { insertCredits, newCreditId, type CreditRow } from "./credit-writer.server";
import { parseRefundLines } from "./orders/orders.server";
import { requestRollupRefreshes } from "../analytics/rollups/refresh-requests.server";
import type { StoredOrder } from "./orders/types";
import { attributeOrder } from "./engine";
import { explain } from "./explain";
import { normalizeCode } from "./links";
import {
  DAY_MS,
  WINDOWS,
  type Arm,
  type AttributionOrder,
  type ChatTouchpoint,
  type MicroConversionKind,
} from "./types";

/** Candidate sessions looked up per rule (customer, email, code) and order: the latest win. */
const MAX_CANDIDATES_PER_RULE = 20;
const LONGEST_WINDOW_MS = Math.max(...WINDOWS) * DAY_MS;
/**
 * Orders per chunk. The order and refund reads are ordered, and Prisma cannot split an ordered
 * read's IN list: it must stay under SQLite's 999 values.
 */
export const ATTRIBUTION_CHUNK = 500;
/** A chunk's credits are thousands of rows: more than Prisma's 5 s default on a busy machine. */
const WRITE_TIMEOUT_MS = 60_000;

export interface AttributionOutcome {
  orders: number;
  credits: number;
}

/** What the attribution reads through: the client, or the caller's open transaction. */
type AttributionReader = Pick<Tx, "order" | "refund" | "chatSession" | "microConversion">;

/** What attribution needs of a stored order and its lines. */
type OrderRow = Pick<
  Order,
  | "id"
  | "shopDomain"
  | "placedAt"
  | "currency"
  | "presentmentCurrency"
  | "chatSessionId"
  | "arm"
  | "discountCodes"
  | "customerId"
  | "email"
  | "cancelledAt"
  | "subtotalMinor"
> & {
  lines: Array<Pick<OrderLine, "id" | "title" | "quantity" | "netMinor" | "chatSessionId">>;
};

export async function attributeStoredOrder(orderId: string, now = new Date()): Promise<AttributionOutcome> {
  return attributeStoredOrders([orderId], now);
}

/**
 * One order, read and credited inside the caller's transaction (the order job, right after
 * storing the order): one commit per order webhook instead of one for the order and one for its
 * credits, and no other delivery of the order can change it between the read and the write.
 */
export async function attributeStoredOrderIn(tx: Tx, orderId: string, now = new Date()): Promise<AttributionOutcome> {
  const computed = await computeCredits(tx, [orderId]);
  if (!computed) return { orders: 0, credits: 0 };
  await replaceCredits(tx, computed.orderIds, computed.credits, now);
  return { orders: computed.orderIds.length, credits: computed.credits.length };
}

/**
 * attributeStoredOrderIn for an order this transaction has just stored from `order`, without
 * reading it back (three queries per webhook): the caller's transaction still holds it, so the
 * stored row is exactly `order`. Only for an order without refunds (those change its amounts).
 * `created`: the order was not stored before this transaction, so it has no credits to replace.
 * The caller stored the order with attributedAt = `now` (saveOrderIn's last argument).
 */
export async function attributeSavedOrderIn(
  tx: Tx,
  shopDomain: string,
  order: StoredOrder,
  created: boolean,
  now = new Date(),
): Promise<AttributionOutcome> {
  const row: OrderRow = {
    ...order,
    shopDomain,
    discountCodes: JSON.stringify(order.discountCodes),
    subtotalMinor: BigInt(order.subtotalMinor),
    lines: order.lines.map((line) => ({
      id: line.id,
      title: line.title,
      quantity: line.quantity,
      netMinor: BigInt(line.netMinor),
      chatSessionId: line.chatSessionId,
    })),
  };
  const credits = await creditsFor(tx, [row], []);
  await replaceCredits(tx, [order.id], credits, now, { replace: !created, stamp: false });
  return { orders: 1, credits: credits.length };
}

export async function attributeStoredOrders(
  orderIds: readonly string[],
  now = new Date(),
): Promise<AttributionOutcome> {
  const outcome: AttributionOutcome = { orders: 0, credits: 0 };
  for (let start = 0; start < orderIds.length; start += ATTRIBUTION_CHUNK) {
    const chunk = await attributeChunk(orderIds.slice(start, start + ATTRIBUTION_CHUNK), now);
    outcome.orders += chunk.orders;
    outcome.credits += chunk.credits;
  }
  return outcome;
}

/** Every order of a shop placed in [from, to), re-attributed chunk by chunk (settings changed, engine fixed). */
export async function reattributeShop(
  shopDomain: string,
  from: Date,
  to: Date,
  now = new Date(),
): Promise<AttributionOutcome> {
  const outcome: AttributionOutcome = { orders: 0, credits: 0 };
  let after: string | undefined;
  for (;;) {
    const page = await prisma.order.findMany({
      where: { shopDomain, placedAt: { gte: from, lt: to }, ...(after ? { id: { gt: after } } : {}) },
      orderBy: { id: "asc" },
      take: ATTRIBUTION_CHUNK,
      select: { id: true },
    });
    if (!page.length) return outcome;
    const chunk = await attributeChunk(
      page.map((order) => order.id),
      now,
    );
    outcome.orders += chunk.orders;
    outcome.credits += chunk.credits;
    after = page[page.length - 1]?.id;
  }
}

async function attributeChunk(orderIds: string[], now: Date): Promise<AttributionOutcome> {
  const computed = await computeCredits(prisma, orderIds);
  if (!computed) return { orders: 0, credits: 0 };
  // An interactive transaction, not the batch form: Prisma serializes and compiles a batch as a
  // whole, megabytes of credit rows included, which cost more than writing them.
  await prisma.$transaction((tx) => replaceCredits(tx, computed.orderIds, computed.credits, now), {
    timeout: WRITE_TIMEOUT_MS,
  });
  return { orders: computed.orderIds.length, credits: computed.credits.length };
}

/** The stored orders among `orderIds` and the credits they earn now; null when none is stored. */
async function computeCredits(
  db: AttributionReader,
  orderIds: string[],
): Promise<{ orderIds: string[]; credits: CreditRow[] } | null> {
  const [rows, refunds] = await Promise.all([
    db.order.findMany({ where: { id: { in: orderIds } }, include: { lines: true } }),
    db.refund.findMany({ where: { orderId: { in: orderIds } }, orderBy: { createdAt: "asc" } }),
  ]);
  if (!rows.length) return null;
  return { orderIds: rows.map((row) => row.id), credits: await creditsFor(db, rows, refunds) };
}

async function creditsFor(db: AttributionReader, rows: OrderRow[], refunds: Refund[]): Promise<CreditRow[]> {
  const orders = rows.map((row) =>
    toEngineOrder(
      row,
      refunds.filter((refund) => refund.orderId === row.id),
    ),
  );
  const candidates = await loadCandidates(db, rows, orders);

  const credits: CreditRow[] = [];
  for (const [i, order] of orders.entries()) {
    const row = rows[i] as OrderRow;
    const sessions = candidates.get(order.id) ?? [];
    const arms = new Map(sessions.map((session) => [session.sessionId, session.arm]));
    for (const credit of attributeOrder(order, sessions).credits) {
      credits.push({
        id: newCreditId(),
        shopDomain: row.shopDomain,
        orderId: order.id,
        chatSessionId: credit.sessionId,
        rule: credit.rule,
        model: credit.model,
        windowDays: credit.windowDays,
        role: credit.type,
        confidence: credit.confidence,
        amountMinor: credit.amount,
        grossAmountMinor: credit.grossAmount,
        reducedBy: credit.reducedBy,
        share: credit.share,
        currency: credit.currency,
        explanation: explain(order, credit),
        arm: arms.get(credit.sessionId) ?? null,
      });
    }
  }
  return credits;
}

/**
 * The orders' credits replaced by `credits`, inside the caller's transaction. `replace`: the
 * orders may have credits to delete first; `stamp`: set the orders' attributedAt.
 */
async function replaceCredits(
  tx: Tx,
  ids: string[],
  credits: CreditRow[],
  now: Date,
  { replace = true, stamp = true } = {},
): Promise<void> {
  if (replace) await tx.credit.deleteMany({ where: { orderId: { in: ids } } });
  for (const insert of insertCredits(tx, credits, now)) await insert;
  await requestRollupRefreshes(tx, credits, now);
  if (stamp) await tx.order.updateMany({ where: { id: { in: ids } }, data: { attributedAt: now } });
}

function toEngineOrder(row: OrderRow, refunds: Refund[]): AttributionOrder {
  return {
    id: row.id,
    createdAt: row.placedAt.getTime(),
    currency: row.currency,
    presentmentCurrency: row.presentmentCurrency ?? row.currency,
    lines: row.lines.map((line) => ({
      id: line.id,
      title: line.title,
      quantity: line.quantity,
      net: Number(line.netMinor),
      chatSessionId: line.chatSessionId,
    })),
    cartLink: row.chatSessionId && row.arm ? { sessionId: row.chatSessionId, arm: row.arm as Arm } : null,
    discountCodes: JSON.parse(row.discountCodes) as string[],
    customerId: row.customerId,
    email: row.email,
    cancelledAt: row.cancelledAt?.getTime() ?? null,
    refunds: refunds.map((refund) => ({
      id: refund.id,
      createdAt: refund.createdAt.getTime(),
      lines: parseRefundLines(refund.lines),
      orderLevelAmount: Number(refund.orderLevelMinor),
    })),
    netRevenue: Number(row.subtotalMinor),
  };
}

interface SeenSession {
  id: string;
  key: string;
  startedAt: Date;
  lastSeenAt: Date;
}

/**
 * Per order: the sessions it names (cart attribute, line properties), and those seen in the
 * longest window before it with its customer, its email or a chat-issued code it used.
 */
async function loadCandidates(
  db: AttributionReader,
  rows: ReadonlyArray<Pick<Order, "shopDomain">>,
  orders: AttributionOrder[],
): Promise<Map<string, ChatTouchpoint[]>> {
  const result = new Map<string, ChatTouchpoint[]>();
  const byShop = new Map<string, number[]>();
  rows.forEach((row, i) => push(byShop, row.shopDomain, i));
  for (const [shopDomain, indexes] of byShop) {
    const shopOrders = indexes.map((i) => orders[i] as AttributionOrder);
    const from = new Date(Math.min(...shopOrders.map((order) => order.createdAt)) - LONGEST_WINDOW_MS);
    const to = new Date(Math.max(...shopOrders.map((order) => order.createdAt)));
    const customers = unique(shopOrders.map((order) => order.customerId));
    const emails = unique(shopOrders.map((order) => order.email));
    const codes = unique(shopOrders.flatMap((order) => order.discountCodes.map(normalizeCode)));
    // Only lastSeenAt in SQL: with a startedAt bound too, SQLite (without statistics) picks the
    // (shopDomain, startedAt) index and scans a month of sessions. startedAt is checked per order.
    const seen = { lastSeenAt: { gte: from } };
    const select = { id: true, startedAt: true, lastSeenAt: true };
    const [byCustomer, byEmail, byCode] = await Promise.all([
      customers.length
        ? db.chatSession.findMany({
            where: { shopDomain, customerId: { in: customers }, ...seen },
            select: { ...select, customerId: true },
          })
        : [],
      emails.length
        ? db.chatSession.findMany({
            where: { shopDomain, email: { in: emails }, ...seen },
            select: { ...select, email: true },
          })
        : [],
      codes.length
        ? db.microConversion.findMany({
            where: { shopDomain, discountCode: { in: codes }, at: { gte: from, lte: to } },
            select: { sessionId: true, discountCode: true, at: true },
          })
        : [],
    ]);
    const customerSessions = group(
      byCustomer.map((s) => ({ id: s.id, key: s.customerId ?? "", startedAt: s.startedAt, lastSeenAt: s.lastSeenAt })),
    );
    const emailSessions = group(
      byEmail.map((s) => ({ id: s.id, key: s.email ?? "", startedAt: s.startedAt, lastSeenAt: s.lastSeenAt })),
    );
    const codeSessions = group(
      byCode.map((m) => ({ id: m.sessionId, key: m.discountCode ?? "", startedAt: m.at, lastSeenAt: m.at })),
    );

    const wanted = new Map<string, Set<string>>();
    for (const order of shopOrders) {
      const ids = new Set<string>();
      if (order.cartLink) ids.add(order.cartLink.sessionId);
      for (const line of order.lines) if (line.chatSessionId) ids.add(line.chatSessionId);
      const within = (sessions: SeenSession[] | undefined) =>
        (sessions ?? [])
          .filter(
            (s) =>
              s.startedAt.getTime() <= order.createdAt && s.lastSeenAt.getTime() >= order.createdAt - LONGEST_WINDOW_MS,
          )
          .sort((a, b) => b.lastSeenAt.getTime() - a.lastSeenAt.getTime())
          .slice(0, MAX_CANDIDATES_PER_RULE);
      for (const s of within(order.customerId ? customerSessions.get(order.customerId) : undefined)) ids.add(s.id);
      for (const s of within(order.email ? emailSessions.get(order.email) : undefined)) ids.add(s.id);
      for (const code of order.discountCodes)
        for (const s of within(codeSessions.get(normalizeCode(code)))) ids.add(s.id);
      wanted.set(order.id, ids);
    }
    const allIds = [...new Set([...wanted.values()].flatMap((ids) => [...ids]))];
    if (!allIds.length) continue;
    const [sessions, micros] = await Promise.all([
      db.chatSession.findMany({
        where: { shopDomain, id: { in: allIds } },
        select: { id: true, arm: true, visitorId: true, startedAt: true, customerId: true, email: true },
      }),
      // No orderBy: Prisma splits long IN lists into several queries only for unordered reads.
      db.microConversion.findMany({
        where: { shopDomain, sessionId: { in: allIds }, at: { lte: to } },
        select: { sessionId: true, kind: true, at: true, productId: true, productVariantId: true, discountCode: true },
      }),
    ]);
    micros.sort((a, b) => a.at.getTime() - b.at.getTime());
    const microsBySession = groupBy(micros, (micro) => micro.sessionId);
    const sessionById = new Map(sessions.map((session) => [session.id, session]));
    for (const order of shopOrders) {
      const touchpoints: ChatTouchpoint[] = [];
      for (const id of wanted.get(order.id) ?? []) {
        const session = sessionById.get(id);
        if (!session) continue; // named by the order but never seen: the engine reports it missing
        const own = (microsBySession.get(id) ?? []).filter((micro) => micro.at.getTime() <= order.createdAt);
        touchpoints.push({
          sessionId: session.id,
          arm: session.arm as Arm,
          visitorId: session.visitorId,
          startedAt: session.startedAt.getTime(),
          customerId: session.customerId,
          email: session.email,
          discountCodes: unique(own.map((micro) => micro.discountCode)),
          microConversions: own.map((micro) => ({
            kind: micro.kind as MicroConversionKind,
            at: micro.at.getTime(),
            ...(micro.productId ? { productId: micro.productId } : {}),
            ...(micro.productVariantId ? { productVariantId: micro.productVariantId } : {}),
          })),
        });
      }
      result.set(order.id, touchpoints);
    }
  }
  return result;
}

function unique(values: ReadonlyArray<string | null>): string[] {
  return [...new Set(values.filter((value): value is string => Boolean(value)))];
}

function group(sessions: SeenSession[]): Map<string, SeenSession[]> {
  return groupBy(sessions, (session) => session.key);
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) push(groups, key(item), item);
  return groups;
}

function push<T>(map: Map<string, T[]>, key: string, item: T): void {
  const list = map.get(key);
  if (list) list.push(item);
  else map.set(key, [item]);
}
