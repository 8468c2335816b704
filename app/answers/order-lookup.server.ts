/**
 * Why: order status is answered from ChatLift's own copy of the shop's orders (stored from order
 * webhooks), never by asking Shopify while the shopper waits. One indexed read per attempt, the same
 * read whether or not the order exists, so an unknown number and a wrong email take the same time.
 */
import prisma from "../db.server";
import { orderNameCandidates, type OrderOnFile, type TrackingOnFile } from "./order-status";

const ORDER_FIELDS = {
  id: true,
  name: true,
  email: true,
  customerId: true,
  placedAt: true,
  cancelledAt: true,
  fulfillmentStatus: true,
  tracking: true,
} as const;

/** Stored orders answering to a typed number (a shop may hold a test order with the same name). */
export async function ordersNamed(shopDomain: string, typed: string): Promise<OrderOnFile[]> {
  const names = orderNameCandidates(typed);
  const rows = await prisma.order.findMany({
    where: { shopDomain, name: { in: names.length ? names : ["\u0000"] } },
    select: ORDER_FIELDS,
    take: 5,
  });
  return rows.map(onFile);
}

/** The logged-in customer's latest order, when they ask without a number. */
export async function latestOrderOf(shopDomain: string, customerId: string): Promise<OrderOnFile[]> {
  const row = await prisma.order.findFirst({
    where: { shopDomain, customerId },
    orderBy: { placedAt: "desc" },
    select: ORDER_FIELDS,
  });
  return row ? [onFile(row)] : [];
}

function onFile(row: Omit<OrderOnFile, "tracking"> & { tracking: string }): OrderOnFile {
  return { ...row, tracking: parseTracking(row.tracking) };
}

function parseTracking(text: string): TrackingOnFile[] {
  try {
    const parsed = JSON.parse(text) as unknown;
    return Array.isArray(parsed) ? (parsed as TrackingOnFile[]) : [];
  } catch {
    return [];
  }
}
