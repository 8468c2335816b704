/**
 * Orders reconciliation: the real Admin API client (@shopify/admin-api-client, what `admin.graphql` wraps)
 * against the Admin API stand-in (sandbox/admin-harness), which validates every document against the Admin
 * GraphQL schema 2026-10, prices it as Shopify does (refusing past 1,000 points), pays it from a leaky bucket on
 * a clock the pass's waits move, and pages the shop's orders, lines and refund lines with Shopify's cursors.
 */
import { randomUUID } from "node:crypto";
import { createAdminApiClient } from "@shopify/admin-api-client";
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import prisma from "../../../../app/db.server";
import {
  RECONCILE_JOB,
  reconcileOrders,
  runOrderReconciliation,
  type AdminGraphql,
} from "../../../../app/attribution/orders/reconciliation.server";
import { orderFromGraphql, reconciledOrderSchema } from "../../../../app/attribution/orders/reconciled-order";
import { ORDERS_PAGE_SIZE } from "../../../../app/integrations/shopify/orders.graphql";
import { createAdminApiState, startAdminApi, type AdminApiState } from "../../../../sandbox/admin-harness/admin-api";
import { LeakyBucket, SINGLE_QUERY_MAX_COST, STANDARD_PLAN } from "../../../../sandbox/admin-harness/query-cost";
import { aGraphqlOrder } from "../../../../sandbox/shopify/order-payloads";
import { freezeClock, NOW } from "../../../support/clock";

type Json = Record<string, unknown>;

/** One clock for the stand-in's bucket and the pass's pacer, moved only by the pass's waits. */
let clockMs = 0;
const clock = () => clockMs;
let waits: number[] = [];
const sleep = async (ms: number) => {
  waits.push(ms);
  clockMs += ms;
};

interface StandIn {
  state: AdminApiState;
  graphql: AdminGraphql;
  /** The cost report of every answer, in order. */
  costs: Array<{
    requestedQueryCost: number;
    actualQueryCost: number | null;
    throttleStatus: { currentlyAvailable: number };
  }>;
  errors: unknown[];
  close: () => Promise<void>;
}

let standIn: StandIn | undefined;

async function start(shop: string, orders: Json[]): Promise<StandIn> {
  const state = createAdminApiState({ orders, clock });
  const api = await startAdminApi(state);
  const client = createAdminApiClient({
    storeDomain: shop,
    apiVersion: "2026-10",
    accessToken: "shpat_test_token",
    customFetchApi: (url, init) =>
      fetch(String(url).replace(`https://${shop}`, api.base), {
        ...init,
        headers: { ...(init?.headers as Record<string, string>), "x-chatlift-shop": shop },
      }),
  });
  const costs: StandIn["costs"] = [];
  const errors: unknown[] = [];
  const graphql: AdminGraphql = async (query, options) => {
    const response = await client.fetch(query, { variables: options?.variables });
    const body = (await response.clone().json()) as {
      errors?: unknown;
      extensions?: { cost?: StandIn["costs"][number] };
    };
    if (body.extensions?.cost) costs.push(body.extensions.cost);
    if (body.errors) errors.push(body.errors);
    return response;
  };
  return (standIn = { state, graphql, costs, errors, close: api.close });
}

let shopCounter = 0;
/** Per run: PostgreSQL test runs share one database. */
const RUN = randomUUID().slice(0, 8);
async function anInstalledShop(): Promise<string> {
  shopCounter += 1;
  const shop = `reconcile-${shopCounter}-${RUN}.myshopify.com`;
  await prisma.shop.create({ data: { domain: shop } });
  return shop;
}

/** An order of `lineCount` lines and `refundLines.length` refunds, refund i taking one unit of each of its first refundLines[i] lines. */
function aLongOrder(n: number, placedAt: Date, lineCount: number, refundLines: number[]): Json {
  const base = aGraphqlOrder(n, placedAt);
  const template = (base.lineItems as { nodes: Json[] }).nodes[0]!;
  const lines = Array.from({ length: lineCount }, (_, i) => ({
    ...template,
    id: `${String(template.id)}${String(i).padStart(3, "0")}`,
    title: `Line ${i}`,
  }));
  const usd = (amount: string) => ({ shopMoney: { amount, currencyCode: "USD" } });
  const refunds = refundLines.map((count, r) => ({
    id: `gid://shopify/Refund/${String(base.id).split("/").pop()}${String(r).padStart(2, "0")}`,
    createdAt: new Date(placedAt.getTime() + (r + 1) * 60_000).toISOString(),
    refundLineItems: {
      nodes: lines
        .slice(0, count)
        .map((line) => ({ quantity: 1, lineItem: { id: line.id }, subtotalSet: usd("1.00") })),
    },
  }));
  return {
    ...base,
    subtotalPriceSet: usd(`${lineCount * 50}.00`),
    totalPriceSet: usd(`${lineCount * 50}.00`),
    lineItems: { nodes: lines },
    refunds,
  };
}

beforeEach(() => {
  freezeClock();
  clockMs = 0;
  waits = [];
});

afterEach(async () => {
  await standIn?.close();
  standIn = undefined;
});

afterAll(async () => {
  vi.useRealTimers();
  await prisma.$disconnect();
});

describe("reconcileOrders", () => {
  it("GIVEN more orders than a page THEN it stores each one in shop money, waiting before a page the bucket cannot pay", async () => {
    const shop = await anInstalledShop();
    const placed = new Date(NOW.getTime() - 86_400_000);
    const orders = Array.from({ length: ORDERS_PAGE_SIZE + 1 }, (_, i) => aGraphqlOrder(i + 1, placed));
    const { state, graphql, costs } = await start(shop, orders);
    // Another job of the app left 900 points in the bucket.
    state.buckets.set(shop, new LeakyBucket(STANDARD_PLAN, clock));
    state.buckets.get(shop)!.take(STANDARD_PLAN.maximumAvailable - 900);

    const report = await reconcileOrders({
      shopDomain: shop,
      graphql,
      since: new Date("2026-11-01T00:00:00.000Z"),
      sleep,
      clock,
    });

    expect(report).toMatchObject({
      pages: 2,
      orders: ORDERS_PAGE_SIZE + 1,
      created: ORDERS_PAGE_SIZE + 1,
      requests: 2,
    });
    expect(state.received[0]?.variables).toEqual({
      first: ORDERS_PAGE_SIZE,
      after: null,
      query: "updated_at:>='2026-11-01T00:00:00.000Z'",
    });
    // The second page was sent once the bucket held what the first one asked for, never answered THROTTLED.
    const [first] = costs;
    expect(waits).toEqual([
      Math.ceil(
        ((first!.requestedQueryCost - first!.throttleStatus.currentlyAvailable) / STANDARD_PLAN.restoreRate) * 1000,
      ),
    ]);
    expect(waits[0]).toBeGreaterThan(0);
    expect(costs.every((cost) => cost.actualQueryCost !== null)).toBe(true);
    expect(
      await prisma.order.findUniqueOrThrow({ where: { id: orders[0]!.id as string }, include: { lines: true } }),
    ).toMatchObject({
      source: "reconciliation",
      currency: "USD",
      presentmentCurrency: "EUR",
      subtotalMinor: 5000n,
      totalMinor: 5400n,
      email: "shopper@example.com",
      customerId: "gid://shopify/Customer/42",
      lines: [expect.objectContaining({ quantity: 2, netMinor: 5000n })],
    });
  });

  it("GIVEN a drained bucket THEN Shopify answers THROTTLED, the pass waits the points back and asks again", async () => {
    const shop = await anInstalledShop();
    const { state, graphql, costs } = await start(shop, [aGraphqlOrder(10, NOW)]);
    state.buckets.set(shop, new LeakyBucket(STANDARD_PLAN, clock));
    state.buckets.get(shop)!.take(STANDARD_PLAN.maximumAvailable);

    const report = await reconcileOrders({ shopDomain: shop, graphql, since: NOW, sleep, clock });

    expect(report.orders).toBe(1);
    expect(costs[0]).toMatchObject({ actualQueryCost: null, throttleStatus: { currentlyAvailable: 0 } });
    expect(waits).toEqual([Math.ceil((costs[0]!.requestedQueryCost / STANDARD_PLAN.restoreRate) * 1000)]);
  });

  it("GIVEN an order of 250 lines and 25 refunds THEN every line and refund line is stored as the whole order maps, each query within the limit", async () => {
    const shop = await anInstalledShop();
    const placed = new Date(NOW.getTime() - 3_600_000);
    // 24 refunds of 2 lines, one of 230: more than a page of refund lines.
    const order = aLongOrder(30, placed, 250, [...Array.from({ length: 24 }, () => 2), 230]);
    const { graphql, costs, errors } = await start(shop, [order, aGraphqlOrder(31, placed)]);

    const report = await reconcileOrders({
      shopDomain: shop,
      graphql,
      since: new Date(placed.getTime() - 1),
      sleep,
      clock,
    });

    // Nothing refused for its cost; a document's first request may meet a bucket it cannot pay, and is waited out.
    const throttled = errors.filter((error) => JSON.stringify(error).includes('"THROTTLED"')).length;
    expect(errors).toHaveLength(throttled);
    expect(report).toMatchObject({ pages: 1, orders: 2, created: 2 });
    // 1 page, 3 more pages of lines (5 + 100 + 100 + 45), 25 refunds, one of them in two pages
    expect(report.requests).toBe(1 + 3 + 25 + 1 + throttled);
    expect(Math.max(...costs.map((cost) => cost.requestedQueryCost))).toBeLessThanOrEqual(SINGLE_QUERY_MAX_COST);
    const whole = orderFromGraphql(reconciledOrderSchema.parse(order));
    const stored = await prisma.order.findUniqueOrThrow({ where: { id: whole.id }, include: { lines: true } });
    expect(stored.lines.map((line) => [line.id, line.netMinor, line.refundedQuantity]).sort()).toEqual(
      whole.lines.map((line, i) => [line.id, BigInt(line.netMinor), i < 230 ? (i < 2 ? 25 : 1) : 0]).sort(),
    );
    const refunds = await prisma.refund.findMany({ where: { orderId: whole.id } });
    expect(refunds.map((refund) => [refund.id, JSON.parse(refund.lines)]).sort()).toEqual(
      whole.refunds.map((refund) => [refund.id, refund.lines]).sort(),
    );
    expect(stored.refundedMinor).toBe(BigInt((24 * 2 + 230) * 100));
  });

  it("GIVEN an order already stored from a newer webhook THEN the reconciled copy changes nothing", async () => {
    const shop = await anInstalledShop();
    const placed = new Date(NOW.getTime() - 3_600_000);
    const order = aGraphqlOrder(20, placed, { name: "#fresh" });
    const { graphql } = await start(shop, [order]);
    await reconcileOrders({ shopDomain: shop, graphql, since: placed, sleep, clock });
    await prisma.order.update({
      where: { id: order.id as string },
      data: { shopifyUpdatedAt: NOW, name: "#from-webhook" },
    });

    const report = await reconcileOrders({ shopDomain: shop, graphql, since: placed, sleep, clock });

    expect(report).toMatchObject({ orders: 1, unchanged: 1 });
    expect((await prisma.order.findUniqueOrThrow({ where: { id: order.id as string } })).name).toBe("#from-webhook");
  });
});

describe("runOrderReconciliation", () => {
  it("GIVEN a first pass THEN it reads 60 days back, moves the bookmark and schedules tomorrow's pass", async () => {
    const shop = await anInstalledShop();
    const { state, graphql } = await start(shop, []);

    await runOrderReconciliation(shop, graphql, NOW);

    expect(state.received[0]?.variables.query).toBe("updated_at:>='2026-09-21T12:00:00.000Z'");
    expect((await prisma.shop.findUniqueOrThrow({ where: { domain: shop } })).ordersReconciledUntil).toEqual(NOW);
    const next = await prisma.job.findFirstOrThrow({ where: { kind: RECONCILE_JOB, dedupeKey: shop } });
    expect(next.runAt).toEqual(new Date(NOW.getTime() + 86_400_000));

    // AND the next pass starts an hour before the bookmark
    await runOrderReconciliation(shop, graphql, new Date(NOW.getTime() + 86_400_000));
    expect(state.received[1]?.variables.query).toBe("updated_at:>='2026-11-20T11:00:00.000Z'");
  });
});
