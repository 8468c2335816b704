/**
 * Reconciliation: pages the shop's recently updated orders through the Admin GraphQL API and
 * stores them the way webhooks do, so orders whose webhooks never arrived (or were dropped
 * after Shopify's retries) are still stored and credited. 60 days back on install, then daily
 * from where the last pass stopped. No query may cost Shopify over 1,000 points, so a page holds
 * each order's first lines only: the rest of an order's lines and the lines of its refunds are read
 * with their own paged queries before the order is stored whole, exactly as its webhook would store it.
 * Every request waits for the cost throttle first (the shared pacer).
 */
import prisma from "../../db.server";
import { attributeStoredOrder } from "../attribute-order.server";
import { enqueueJob, type JobWriter } from "../../platform/jobs/queue.server";
import { saveOrder } from "./orders.server";
import {
  MORE_LINES_PAGE_SIZE,
  ORDERS_PAGE_SIZE,
  orderLinesSchema,
  RECONCILE_ORDER_LINES,
  RECONCILE_ORDERS,
  RECONCILE_REFUND_LINES,
  reconcileOrdersPageSchema,
  REFUND_LINES_PAGE_SIZE,
  refundLinesSchema,
  type reconcileOrderNodeSchema,
} from "../../integrations/shopify/orders.graphql";
import { AdminPacer, type AdminGraphql } from "../../integrations/shopify/paced-graphql.server";
import { orderFromGraphql, type ReconciledOrder } from "./reconciled-order";
import type { z } from "zod";

export type { AdminGraphql };

export const RECONCILE_JOB = "shopify.reconcile-orders";
export const FIRST_PASS_DAYS = 60;
const DAY_MS = 86_400_000;
/** Orders updated while the previous pass ran are read again, not missed. */
const OVERLAP_MS = 60 * 60_000;

export interface ReconcileOptions {
  shopDomain: string;
  graphql: AdminGraphql;
  since: Date;
  sleep?: (ms: number) => Promise<void>;
  /** Milliseconds, for the throttle arithmetic (Date.now by default). */
  clock?: () => number;
  /** THROTTLED answers waited out per request before the pass gives up (the job is retried later). */
  throttledRetries?: number;
}

export interface ReconcileReport {
  pages: number;
  orders: number;
  created: number;
  updated: number;
  unchanged: number;
  /** Admin API requests in all: pages plus the follow-ups for long orders and refunds. */
  requests: number;
  waitedMs: number;
}

export async function reconcileOrders(options: ReconcileOptions): Promise<ReconcileReport> {
  const pacer = new AdminPacer(options.graphql, {
    sleep: options.sleep,
    clock: options.clock,
    throttledRetries: options.throttledRetries,
  });
  const report: ReconcileReport = {
    pages: 0,
    orders: 0,
    created: 0,
    updated: 0,
    unchanged: 0,
    requests: 0,
    waitedMs: 0,
  };
  const query = `updated_at:>='${options.since.toISOString()}'`;
  let after: string | null = null;
  for (;;) {
    const { orders } = await pacer.run(
      RECONCILE_ORDERS,
      { first: ORDERS_PAGE_SIZE, after, query },
      reconcileOrdersPageSchema,
    );
    report.pages += 1;
    for (const node of orders.nodes) {
      const order = orderFromGraphql(await wholeOrder(pacer, options.shopDomain, node));
      const saved = await saveOrder(options.shopDomain, order, "reconciliation");
      report.orders += 1;
      if (saved.order === "created") report.created += 1;
      else if (saved.order === "updated") report.updated += 1;
      else report.unchanged += 1;
      if (saved.order === "other_shop") continue;
      if (saved.order !== "stale" || saved.refundsAdded) await attributeStoredOrder(order.id);
    }
    report.requests = pacer.requests;
    report.waitedMs = pacer.waitedMs;
    if (!orders.pageInfo.hasNextPage) return report;
    after = nextCursor(orders.pageInfo, `the orders page after ${after ?? "the first"}`, options.shopDomain);
  }
}

type OrderNode = z.infer<typeof reconcileOrderNodeSchema>;

/** The order of a page with the lines that did not fit on it and every refund's lines. */
async function wholeOrder(pacer: AdminPacer, shopDomain: string, node: OrderNode): Promise<ReconciledOrder> {
  const lines = [...node.lineItems.nodes];
  let linesPage = node.lineItems.pageInfo;
  while (linesPage.hasNextPage) {
    const after = nextCursor(linesPage, `the lines of ${node.id}`, shopDomain);
    const { order } = await pacer.run(
      RECONCILE_ORDER_LINES,
      { id: node.id, first: MORE_LINES_PAGE_SIZE, after },
      orderLinesSchema,
    );
    if (!order)
      throw new Error(`orders reconciliation for ${shopDomain}: ${node.id} vanished while its lines were read`);
    lines.push(...order.lineItems.nodes);
    linesPage = order.lineItems.pageInfo;
  }
  const refunds: ReconciledOrder["refunds"] = [];
  for (const refund of node.refunds) {
    const refundLines: ReconciledOrder["refunds"][number]["refundLineItems"]["nodes"] = [];
    let after: string | null = null;
    for (;;) {
      const answer = await pacer.run(
        RECONCILE_REFUND_LINES,
        { id: refund.id, first: REFUND_LINES_PAGE_SIZE, after },
        refundLinesSchema,
      );
      if (!answer.refund)
        throw new Error(
          `orders reconciliation for ${shopDomain}: ${refund.id} of ${node.id} vanished while its lines were read`,
        );
      refundLines.push(...answer.refund.refundLineItems.nodes);
      const page = answer.refund.refundLineItems.pageInfo;
      if (!page.hasNextPage) break;
      after = nextCursor(page, `the lines of ${refund.id}`, shopDomain);
    }
    refunds.push({ ...refund, refundLineItems: { nodes: refundLines } });
  }
  return { ...node, lineItems: { nodes: lines }, refunds };
}

function nextCursor(
  page: { hasNextPage: boolean; endCursor: string | null },
  what: string,
  shopDomain: string,
): string {
  if (!page.endCursor)
    throw new Error(`orders reconciliation for ${shopDomain}: ${what} has a next page but no cursor`);
  return page.endCursor;
}

/** Enqueues a shop's next pass (on install: now, 60 days back; afterwards: daily). */
export async function scheduleOrderReconciliation(
  db: JobWriter,
  shopDomain: string,
  runAt = new Date(),
): Promise<void> {
  await enqueueJob(db, { kind: RECONCILE_JOB, dedupeKey: shopDomain, payload: { shopDomain }, runAt });
}

/**
 * One pass for a shop, then the next one scheduled for tomorrow. The bookmark moves to when
 * this pass started, so a pass that fails midway is simply retried from the old bookmark.
 */
export async function runOrderReconciliation(
  shopDomain: string,
  graphql: AdminGraphql,
  now = new Date(),
): Promise<ReconcileReport | null> {
  const shop = await prisma.shop.findUnique({ where: { domain: shopDomain } });
  if (!shop || shop.uninstalledAt) return null; // uninstalled: no token, and no next pass
  const since = shop.ordersReconciledUntil
    ? new Date(shop.ordersReconciledUntil.getTime() - OVERLAP_MS)
    : new Date(now.getTime() - FIRST_PASS_DAYS * DAY_MS);
  const report = await reconcileOrders({ shopDomain, graphql, since });
  await prisma.$transaction(async (tx) => {
    await tx.shop.update({ where: { domain: shopDomain }, data: { ordersReconciledUntil: now } });
    await scheduleOrderReconciliation(tx, shopDomain, new Date(now.getTime() + DAY_MS));
  });
  return report;
}
