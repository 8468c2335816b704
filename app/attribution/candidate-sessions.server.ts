/**
 * The chat sessions that may have led to orders, read in a constant number of queries per chunk:
 * the sessions an order names (cart attribute, line properties), and those seen in the longest
 * conversion window before it with its customer, its email or a chat-issued code it used. Split
 * from attribute-order.server.ts, which runs the engine on what this returns.
 */
import type { Order, Tx } from "../db.server";
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

/** What the attribution reads through: the client, or the caller's open transaction. */
export type AttributionReader = Pick<Tx, "order" | "refund" | "chatSession" | "microConversion" | "pixelLink">;

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
export async function loadCandidates(
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
    const [byCustomer, byEmail, byCode, pixelLinks] = await Promise.all([
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
      db.pixelLink.findMany({
        where: { shopDomain, orderId: { in: shopOrders.map((order) => order.id) } },
        select: { orderId: true, sessionId: true },
      }),
    ]);
    // The pixel names the order's session the way the cart attribute does, from another source.
    const pixelSessions = new Map(pixelLinks.map((link) => [link.orderId, link.sessionId]));
    for (const order of shopOrders) order.pixelSessionId = pixelSessions.get(order.id) ?? null;
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
      if (order.pixelSessionId) ids.add(order.pixelSessionId);
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
