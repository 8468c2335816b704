/**
 * Stores orders and refunds, whichever way they arrive (webhook, reconciliation), in any order
 * and any number of times: an order payload older than the stored one (Shopify's updated_at)
 * changes nothing, a refund is stored once by its gid, and the order's refunded and net
 * amounts are always recomputed from every refund stored. An order belongs to the shop that sent it
 * first: the shop header is outside Shopify's HMAC, so a body replayed under another shop changes nothing.
 */
import prisma, { databaseTarget } from "../../db.server";
import type { Tx } from "../../db.server";
import { jsonInserts, type JsonColumn } from "../../capture/bulk-insert.server";
import type { OrderSource, StoredOrder, StoredRefund } from "./types";

const LINE_COLUMNS: readonly JsonColumn[] = [
  ["id", "text"],
  ["orderId", "text"],
  ["title", "text"],
  ["productId", "text"],
  ["productVariantId", "text"],
  ["quantity", "integer"],
  ["netMinor", "bigint"],
  ["chatSessionId", "text"],
];

export interface SaveOutcome {
  /** other_shop: the order id is another shop's order; nothing was stored (see `owner`). */
  order: "created" | "updated" | "stale" | "other_shop";
  /** other_shop: the shop the order belongs to. */
  owner?: string;
  /** Refunds this payload carried that were not stored yet. */
  refundsAdded: number;
  /** When the payload was stored (not stale): whether any refund is stored for the order. */
  refunded?: boolean;
}

export async function saveOrder(shopDomain: string, order: StoredOrder, source: OrderSource): Promise<SaveOutcome> {
  return prisma.$transaction((tx) => saveOrderIn(tx, shopDomain, order, source));
}

/**
 * saveOrder inside the caller's transaction: the order job stores the order and writes its
 * credits in the same one, so credits are drawn from exactly the data stored, locked until commit.
 * `attributedAt`: the caller credits the stored order before this transaction ends.
 */
export async function saveOrderIn(
  tx: Tx,
  shopDomain: string,
  order: StoredOrder,
  source: OrderSource,
  attributedAt?: Date,
): Promise<SaveOutcome> {
  await lockOrder(tx, order.id);
  const stored = await tx.order.findUnique({
    where: { id: order.id },
    select: { shopifyUpdatedAt: true, shopDomain: true },
  });
  if (stored && stored.shopDomain !== shopDomain)
    return { order: "other_shop", owner: stored.shopDomain, refundsAdded: 0 };
  let refundsAdded = 0;
  for (const refund of order.refunds) if (await insertRefund(tx, shopDomain, refund)) refundsAdded += 1;
  if (stored && order.shopifyUpdatedAt < stored.shopifyUpdatedAt) {
    // Older order data changes nothing; a refund it carries is still a fact.
    if (refundsAdded) await applyRefunds(tx, order.id);
    return { order: "stale", refundsAdded };
  }

  const fields = {
    shopDomain,
    name: order.name,
    placedAt: order.placedAt,
    shopifyUpdatedAt: order.shopifyUpdatedAt,
    cancelledAt: order.cancelledAt,
    currency: order.currency,
    presentmentCurrency: order.presentmentCurrency,
    totalMinor: BigInt(order.totalMinor),
    subtotalMinor: BigInt(order.subtotalMinor),
    refundedMinor: 0n,
    netMinor: order.cancelledAt ? 0n : BigInt(order.subtotalMinor),
    customerId: order.customerId,
    email: order.email,
    chatliftAttribute: order.chatliftAttribute,
    chatSessionId: order.chatSessionId,
    arm: order.arm,
    discountCodes: JSON.stringify(order.discountCodes),
    test: order.test,
    source,
    ...(order.fulfillment
      ? { fulfillmentStatus: order.fulfillment.status, tracking: JSON.stringify(order.fulfillment.tracking) }
      : {}),
    // The order job credits the order in this same transaction: stamped here, not by one more UPDATE.
    ...(attributedAt ? { attributedAt } : {}),
  };
  // Create or update by what was just read (the row is locked: SQLite's write lock, PostgreSQL's
  // advisory lock), returning only the id: an upsert repeats every column twice and reads them all back.
  if (stored) await tx.order.update({ where: { id: order.id }, data: fields, select: { id: true } });
  else await tx.order.create({ data: { id: order.id, ...fields }, select: { id: true } });
  // An order edit can add or remove lines: the payload's list replaces the stored one.
  if (stored) await tx.orderLine.deleteMany({ where: { orderId: order.id } });
  // As one JSON-bound INSERT: Prisma compiles every createMany afresh (no plan cache), which
  // cost more per webhook than the insert itself.
  for (const insert of jsonInserts(
    tx,
    "OrderLine",
    LINE_COLUMNS,
    order.lines.map((line) => ({ ...line, orderId: order.id })),
  ))
    await insert;
  // An order without refunds is already right (net = subtotal); most orders have none.
  const refunded = refundsAdded > 0 || (await tx.refund.count({ where: { orderId: order.id } })) > 0;
  if (refunded) await applyRefunds(tx, order.id);
  return { order: stored ? "updated" : "created", refundsAdded, refunded };
}

/** `owner`: the refund's order (or the refund itself) is another shop's; nothing was stored. */
export type RefundOutcome = { orderStored: boolean; added: boolean; owner?: string };

/** refunds/create: stored once; the order (if already stored) is brought up to date. */
export async function saveRefund(shopDomain: string, refund: StoredRefund): Promise<RefundOutcome> {
  return prisma.$transaction((tx) => saveRefundIn(tx, shopDomain, refund));
}

export async function saveRefundIn(tx: Tx, shopDomain: string, refund: StoredRefund): Promise<RefundOutcome> {
  await lockOrder(tx, refund.orderId);
  const order = await tx.order.findUnique({ where: { id: refund.orderId }, select: { id: true, shopDomain: true } });
  const known = await tx.refund.findUnique({ where: { id: refund.id }, select: { shopDomain: true } });
  const owner = [order?.shopDomain, known?.shopDomain].find((domain) => domain && domain !== shopDomain);
  if (owner) return { orderStored: false, added: false, owner };
  const added = await insertRefund(tx, shopDomain, refund);
  if (order && added) await applyRefunds(tx, order.id);
  return { orderStored: order !== null, added };
}

/**
 * PostgreSQL: one delivery of an order at a time, until its transaction ends. Several workers
 * may hold deliveries of the same order; under READ COMMITTED a second one would read the order
 * as it was before the first commits and could then write older data over newer (or net
 * refunds against lines being replaced). Waiting here, it reads what the first committed.
 * SQLite needs nothing: its transactions take the write lock when they begin.
 */
async function lockOrder(tx: Tx, orderId: string): Promise<void> {
  if (databaseTarget.provider === "postgresql")
    await tx.$queryRaw`SELECT 1 AS "locked" FROM (SELECT pg_advisory_xact_lock(hashtext(${orderId}))) AS "orderLock"`;
}

/** True when the refund was not stored yet. A refund never changes once made. */
async function insertRefund(tx: Tx, shopDomain: string, refund: StoredRefund): Promise<boolean> {
  if (await tx.refund.findUnique({ where: { id: refund.id }, select: { id: true } })) return false;
  const amount = refund.lines.reduce((sum, line) => sum + line.amount, 0) + refund.orderLevelAmount;
  const data = {
    shopDomain,
    orderId: refund.orderId,
    createdAt: refund.createdAt,
    amountMinor: BigInt(amount),
    orderLevelMinor: BigInt(refund.orderLevelAmount),
    lines: JSON.stringify(refund.lines),
  };
  await tx.refund.create({ data: { id: refund.id, ...data } });
  return true;
}

/** Refunded and net amounts, per line and per order, from every refund stored for the order. */
async function applyRefunds(tx: Tx, orderId: string): Promise<void> {
  const order = await tx.order.findUniqueOrThrow({
    where: { id: orderId },
    select: { subtotalMinor: true, cancelledAt: true },
  });
  const refunds = await tx.refund.findMany({ where: { orderId } });
  const lines = await tx.orderLine.findMany({ where: { orderId }, select: { id: true } });
  const perLine = new Map(lines.map((line) => [line.id, { quantity: 0, amount: 0n }]));
  let refunded = 0n;
  for (const refund of refunds) {
    refunded += refund.amountMinor;
    for (const line of parseRefundLines(refund.lines)) {
      const total = perLine.get(line.lineId);
      if (!total) continue;
      total.quantity += line.quantity;
      total.amount += BigInt(line.amount);
    }
  }
  for (const [id, total] of perLine) {
    await tx.orderLine.update({
      where: { id },
      data: { refundedQuantity: total.quantity, refundedMinor: total.amount },
      select: { id: true },
    });
  }
  const left = order.subtotalMinor - refunded;
  await tx.order.update({
    where: { id: orderId },
    data: { refundedMinor: refunded, netMinor: order.cancelledAt || left < 0n ? 0n : left },
    select: { id: true },
  });
}

export function parseRefundLines(text: string): StoredRefund["lines"] {
  return JSON.parse(text) as StoredRefund["lines"];
}
