/**
 * The Visitor table: each storefront visitor's first-seen day and arm, first micro-conversion
 * and the orders their chat sessions led to. The rollup job keeps it current from the sessions
 * and orders that changed, so a day's cohort (app/analytics/cohort.ts) is re-read from one
 * indexed table instead of every session the shop ever had.
 */
import prisma from "../../db.server";
import type { Arm } from "../../../contract/order-link";
import { dayKey } from "../days";
import type { VisitorPurchase, VisitorRecord } from "../cohort";
import { jsonInserts, jsonTimestamp, type JsonColumn } from "../../capture/bulk-insert.server";
import type { StoredSession } from "./day-facts.server";

const IN_CHUNK = 500;

/** orderId → [placedAt ms, net minor units, cancelled 0 | 1], as stored in Visitor.orders. */
export type StoredPurchases = Record<string, [number, number, 0 | 1]>;

export interface VisitorState {
  id: string;
  arm: Arm;
  firstSeenAt: number;
  firstMicroAt: number | null;
  orders: StoredPurchases;
}

export interface LinkedOrder {
  id: string;
  chatSessionId: string | null;
  placedAt: Date;
  netMinor: bigint;
  cancelledAt: Date | null;
  test: boolean;
}

export const linkedOrderSelect = {
  id: true,
  chatSessionId: true,
  placedAt: true,
  netMinor: true,
  cancelledAt: true,
  test: true,
} as const;

export function purchasesOf(orders: StoredPurchases): VisitorPurchase[] {
  return Object.values(orders).map(([at, net, cancelled]) => ({ at, net, cancelled: cancelled === 1 }));
}

export function recordOf(visitor: VisitorState): VisitorRecord {
  return {
    id: visitor.id,
    arm: visitor.arm,
    firstSeenAt: visitor.firstSeenAt,
    firstMicroAt: visitor.firstMicroAt,
    purchases: purchasesOf(visitor.orders),
  };
}

/** Folds a session into its visitor (creating it): the earliest session decides day and arm. */
export function foldSession(visitors: Map<string, VisitorState>, session: StoredSession): VisitorState {
  const startedAt = session.startedAt.getTime();
  const microAt = session.firstMicroAt?.getTime() ?? null;
  let visitor = visitors.get(session.visitorId);
  if (!visitor) {
    visitor = {
      id: session.visitorId,
      arm: session.arm as Arm,
      firstSeenAt: startedAt,
      firstMicroAt: microAt,
      orders: {},
    };
    visitors.set(visitor.id, visitor);
    return visitor;
  }
  if (startedAt < visitor.firstSeenAt) {
    visitor.firstSeenAt = startedAt;
    visitor.arm = session.arm as Arm;
  }
  if (microAt !== null && (visitor.firstMicroAt === null || microAt < visitor.firstMicroAt))
    visitor.firstMicroAt = microAt;
  return visitor;
}

/** Records an order on its visitor; test orders never count (and leave if an order became one). */
export function foldOrder(visitor: VisitorState, order: LinkedOrder): void {
  if (order.test) delete visitor.orders[order.id];
  else visitor.orders[order.id] = [order.placedAt.getTime(), Number(order.netMinor), order.cancelledAt ? 1 : 0];
}

export async function readVisitors(shopDomain: string, ids: readonly string[]): Promise<Map<string, VisitorState>> {
  const visitors = new Map<string, VisitorState>();
  for (let i = 0; i < ids.length; i += IN_CHUNK) {
    const rows = await prisma.visitor.findMany({
      where: { shopDomain, id: { in: ids.slice(i, i + IN_CHUNK) } },
      select: { id: true, arm: true, firstSeenAt: true, firstMicroAt: true, orders: true },
    });
    for (const row of rows) visitors.set(row.id, fromRow(row));
  }
  return visitors;
}

/** Visitors first seen, or first micro-converting, on `day`. */
export async function readVisitorsOfDay(
  shopDomain: string,
  day: string,
): Promise<{ firstSeen: VisitorState[]; firstMicro: VisitorState[] }> {
  const select = { id: true, arm: true, firstSeenAt: true, firstMicroAt: true, orders: true } as const;
  const [firstSeen, firstMicro] = await Promise.all([
    prisma.visitor.findMany({ where: { shopDomain, firstSeenDay: day }, select }),
    prisma.visitor.findMany({ where: { shopDomain, firstMicroDay: day }, select }),
  ]);
  return { firstSeen: firstSeen.map(fromRow), firstMicro: firstMicro.map(fromRow) };
}

function fromRow(row: {
  id: string;
  arm: string;
  firstSeenAt: Date;
  firstMicroAt: Date | null;
  orders: string;
}): VisitorState {
  return {
    id: row.id,
    arm: row.arm as Arm,
    firstSeenAt: row.firstSeenAt.getTime(),
    firstMicroAt: row.firstMicroAt?.getTime() ?? null,
    orders: JSON.parse(row.orders) as StoredPurchases,
  };
}

const COLUMNS: readonly JsonColumn[] = [
  ["shopDomain", "text"],
  ["id", "text"],
  ["arm", "text"],
  ["firstSeenAt", "timestamp(3)"],
  ["firstSeenDay", "text"],
  ["firstMicroAt", "timestamp(3)"],
  ["firstMicroDay", "text"],
  ["orders", "text"],
  ["updatedAt", "timestamp(3)"],
];

/** Statements replacing these visitors' rows (run them in one transaction); `replace` false when none exist. */
export function writeVisitors(
  shopDomain: string,
  visitors: readonly VisitorState[],
  timeZone: string,
  now: Date,
  replace = true,
) {
  const updatedAt = jsonTimestamp(now);
  const rows = visitors.map((visitor) => ({
    shopDomain,
    id: visitor.id,
    arm: visitor.arm,
    firstSeenAt: jsonTimestamp(new Date(visitor.firstSeenAt)),
    firstSeenDay: dayKey(visitor.firstSeenAt, timeZone),
    firstMicroAt: visitor.firstMicroAt === null ? null : jsonTimestamp(new Date(visitor.firstMicroAt)),
    firstMicroDay: visitor.firstMicroAt === null ? null : dayKey(visitor.firstMicroAt, timeZone),
    orders: JSON.stringify(visitor.orders),
    updatedAt,
  }));
  const deletes = [];
  for (let i = 0; replace && i < visitors.length; i += IN_CHUNK) {
    deletes.push(
      prisma.visitor.deleteMany({
        where: { shopDomain, id: { in: visitors.slice(i, i + IN_CHUNK).map((visitor) => visitor.id) } },
      }),
    );
  }
  return [...deletes, ...jsonInserts(prisma, "Visitor", COLUMNS, rows)];
}

/** Sessions by id, in chunks. */
export async function readSessions(shopDomain: string, ids: readonly string[]): Promise<StoredSession[]> {
  const sessions: StoredSession[] = [];
  for (let i = 0; i < ids.length; i += IN_CHUNK) {
    sessions.push(
      ...(await prisma.chatSession.findMany({
        where: { shopDomain, id: { in: ids.slice(i, i + IN_CHUNK) } },
        select: { id: true, visitorId: true, arm: true, startedAt: true, firstMicroAt: true },
      })),
    );
  }
  return sessions;
}
