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
import { loadCandidates, type AttributionReader } from "./candidate-sessions.server";
import { attributeOrder } from "./engine";
import { explain } from "./explain";
import type { Arm, AttributionOrder } from "./types";

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
