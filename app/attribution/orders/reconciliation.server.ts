/**
 * Reconciliation: pages the shop's recently updated orders through the Admin GraphQL API and
 * stores them the way webhooks do, so orders whose webhooks never arrived (or were dropped
 * after Shopify's retries) are still stored and credited. 60 days back on install, then daily
 * from where the last pass stopped. Paced by the GraphQL cost throttle: before a page costs
 * more than the bucket holds, it waits for the bucket to refill.
 */
import prisma from "../../db.server";
import { attributeStoredOrder } from "../attribute-order.server";
import { enqueueJob, type JobWriter } from "../../platform/jobs/queue.server";
import { saveOrder } from "./orders.server";
import { ORDERS_PAGE_SIZE, RECONCILE_ORDERS } from "../../integrations/shopify/orders.graphql";
import { orderFromGraphql, reconciledOrderSchema } from "./reconciled-order";

/** The library's `admin.graphql`: resolves to a Response with { data, extensions }, throws on GraphQL errors. */
export type AdminGraphql = (query: string, options?: { variables?: Record<string, unknown> }) => Promise<Response>;

export const RECONCILE_JOB = "shopify.reconcile-orders";
export const FIRST_PASS_DAYS = 60;
const DAY_MS = 86_400_000;
/** Orders updated while the previous pass ran are read again, not missed. */
const OVERLAP_MS = 60 * 60_000;

interface ThrottleStatus {
  maximumAvailable: number;
  currentlyAvailable: number;
  restoreRate: number;
}

interface PageBody {
  errors?: unknown;
  data?: { orders?: { pageInfo: { hasNextPage: boolean; endCursor: string | null }; nodes: unknown[] } };
  extensions?: { cost?: { requestedQueryCost?: number; actualQueryCost?: number; throttleStatus?: ThrottleStatus } };
}

export interface ReconcileOptions {
  shopDomain: string;
  graphql: AdminGraphql;
  since: Date;
  sleep?: (ms: number) => Promise<void>;
  /** Attempts per page when Shopify answers THROTTLED. */
  throttledRetries?: number;
}

export interface ReconcileReport {
  pages: number;
  orders: number;
  created: number;
  updated: number;
  unchanged: number;
  waitedMs: number;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function reconcileOrders(options: ReconcileOptions): Promise<ReconcileReport> {
  const sleep = options.sleep ?? defaultSleep;
  const report: ReconcileReport = { pages: 0, orders: 0, created: 0, updated: 0, unchanged: 0, waitedMs: 0 };
  const wait = async (ms: number) => {
    report.waitedMs += ms;
    await sleep(ms);
  };
  const variables = { first: ORDERS_PAGE_SIZE, after: null as string | null, query: `updated_at:>='${options.since.toISOString()}'` };
  let pageCost: number | null = null;
  for (;;) {
    const body = await fetchPage(options, variables, wait, options.throttledRetries ?? 5);
    report.pages += 1;
    const orders = body.data?.orders;
    if (!orders) throw new Error(`orders reconciliation for ${options.shopDomain}: the answer has no data.orders`);
    for (const node of orders.nodes) {
      const order = orderFromGraphql(reconciledOrderSchema.parse(node));
      const saved = await saveOrder(options.shopDomain, order, "reconciliation");
      report.orders += 1;
      if (saved.order === "created") report.created += 1;
      else if (saved.order === "updated") report.updated += 1;
      else report.unchanged += 1;
      if (saved.order !== "stale" || saved.refundsAdded) await attributeStoredOrder(order.id);
    }
    if (!orders.pageInfo.hasNextPage) return report;
    variables.after = orders.pageInfo.endCursor;

    // Wait before the next page if the bucket cannot pay for it (estimated from this one).
    const cost = body.extensions?.cost;
    pageCost = cost?.requestedQueryCost ?? pageCost;
    const status = cost?.throttleStatus;
    if (status && pageCost && status.currentlyAvailable < pageCost) {
      await wait(Math.ceil(((pageCost - status.currentlyAvailable) / status.restoreRate) * 1000));
    }
  }
}

async function fetchPage(options: ReconcileOptions, variables: Record<string, unknown>, wait: (ms: number) => Promise<void>, retries: number): Promise<PageBody> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      const response = await options.graphql(RECONCILE_ORDERS, { variables });
      const body = (await response.json()) as PageBody;
      // The library throws on GraphQL errors; a bare client answers them in the body.
      if (body.errors) throw Object.assign(new Error(`orders reconciliation for ${options.shopDomain}: ${JSON.stringify(body.errors)}`), { body });
      return body;
    } catch (error) {
      if (!isThrottled(error) || attempt > retries) throw error;
      await wait(2 ** attempt * 1000);
    }
  }
}

function isThrottled(error: unknown): boolean {
  const body = (error as { body?: unknown } | null)?.body;
  return /THROTTLED/i.test(`${JSON.stringify(body ?? null)} ${error instanceof Error ? error.message : ""}`);
}

/** Enqueues a shop's next pass (on install: now, 60 days back; afterwards: daily). */
export async function scheduleOrderReconciliation(db: JobWriter, shopDomain: string, runAt = new Date()): Promise<void> {
  await enqueueJob(db, { kind: RECONCILE_JOB, dedupeKey: shopDomain, payload: { shopDomain }, runAt });
}

/**
 * One pass for a shop, then the next one scheduled for tomorrow. The bookmark moves to when
 * this pass started, so a pass that fails midway is simply retried from the old bookmark.
 */
export async function runOrderReconciliation(shopDomain: string, graphql: AdminGraphql, now = new Date()): Promise<ReconcileReport | null> {
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
