/**
 * Orders reconciliation: the real Admin API client (@shopify/admin-api-client, what
 * `admin.graphql` wraps) against a local stand-in that validates the document against the Admin
 * GraphQL schema 2025-01 and executes it on that schema, with the cost extension Shopify sends.
 */
import { randomUUID } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createAdminApiClient } from "@shopify/admin-api-client";
import { buildClientSchema, execute, parse, validate, type GraphQLSchema } from "graphql";
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import prisma from "../../../../app/db.server";
import { RECONCILE_ORDERS } from "../../../../app/integrations/shopify/orders.graphql";
import { RECONCILE_JOB, reconcileOrders, runOrderReconciliation, type AdminGraphql } from "../../../../app/attribution/orders/reconciliation.server";
import { adminSchemaIntrospection } from "../../../../sandbox/shopify/fixture-files";
import { aGraphqlOrder } from "../../../../sandbox/shopify/order-payloads";
import { freezeClock, NOW } from "../../../support/clock";

const schema: GraphQLSchema = buildClientSchema(adminSchemaIntrospection());

interface StandIn {
  pages: unknown[][];
  /** Answers THROTTLED to this many requests first. */
  throttleFirst: number;
  available: number;
  received: Array<Record<string, unknown>>;
}

function adminStandIn(state: StandIn): Server {
  return createServer((request, response) => {
    let text = "";
    request.on("data", (chunk) => (text += chunk));
    request.on("end", async () => {
      const { query, variables = {} } = JSON.parse(text) as { query: string; variables?: Record<string, unknown> };
      state.received.push(variables);
      const document = parse(query);
      const errors = validate(schema, document);
      let result: unknown;
      if (errors.length) result = { errors: errors.map((error) => ({ message: error.message })) };
      else if (state.throttleFirst > 0) {
        state.throttleFirst -= 1;
        result = { errors: [{ message: "Throttled", extensions: { code: "THROTTLED" } }] };
      } else {
        const page = Number(variables.after ?? 0);
        const executed = await execute({
          schema,
          document,
          variableValues: variables,
          rootValue: {
            orders: () => ({
              nodes: state.pages[page] ?? [],
              pageInfo: { hasNextPage: page + 1 < state.pages.length, endCursor: String(page + 1) },
            }),
          },
        });
        result = { ...executed, extensions: { cost: { requestedQueryCost: 252, actualQueryCost: 60, throttleStatus: { maximumAvailable: 2000, currentlyAvailable: state.available, restoreRate: 100 } } } };
      }
      response.writeHead(200, { "content-type": "application/json" });
      response.end(JSON.stringify(result));
    });
  });
}

async function start(state: StandIn): Promise<{ graphql: AdminGraphql; close: () => Promise<void> }> {
  const server = adminStandIn(state);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const client = createAdminApiClient({
    storeDomain: "harbor-supply.myshopify.com",
    apiVersion: "2025-01",
    accessToken: "shpat_test_token",
    customFetchApi: (url, init) => fetch(String(url).replace("https://harbor-supply.myshopify.com", base), init),
  });
  return {
    graphql: (query, options) => client.fetch(query, { variables: options?.variables }),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
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

let standIn: { graphql: AdminGraphql; close: () => Promise<void> } | undefined;

beforeEach(() => {
  freezeClock();
});

afterEach(async () => {
  await standIn?.close();
  standIn = undefined;
});

afterAll(async () => {
  vi.useRealTimers();
  await prisma.$disconnect();
});

describe("the reconciliation document", () => {
  it("validates against the Admin GraphQL schema 2025-01", () => {
    expect(validate(schema, parse(RECONCILE_ORDERS)).map((error) => error.message)).toEqual([]);
  });
});

describe("reconcileOrders", () => {
  it("GIVEN two pages of orders THEN it stores each one in shop money, paced by the cost throttle", async () => {
    const shop = await anInstalledShop();
    const placed = new Date(NOW.getTime() - 86_400_000);
    const first = aGraphqlOrder(1, placed);
    const state: StandIn = { pages: [[first, aGraphqlOrder(2, placed)], [aGraphqlOrder(3, placed)]], throttleFirst: 0, available: 52, received: [] };
    standIn = await start(state);
    const waits: number[] = [];

    const report = await reconcileOrders({ shopDomain: shop, graphql: standIn.graphql, since: new Date("2026-11-01T00:00:00.000Z"), sleep: async (ms) => void waits.push(ms) });

    expect(report).toMatchObject({ pages: 2, orders: 3, created: 3 });
    expect(state.received[0]).toEqual({ first: 50, after: null, query: "updated_at:>='2026-11-01T00:00:00.000Z'" });
    // 252 points wanted, 52 available, 100 restored per second: two seconds
    expect(waits).toEqual([2_000]);
    expect(await prisma.order.findUniqueOrThrow({ where: { id: first.id as string }, include: { lines: true } })).toMatchObject({
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

  it("GIVEN Shopify answers THROTTLED THEN it waits and asks again", async () => {
    const shop = await anInstalledShop();
    const state: StandIn = { pages: [[aGraphqlOrder(10, NOW)]], throttleFirst: 2, available: 2000, received: [] };
    standIn = await start(state);
    const waits: number[] = [];
    const report = await reconcileOrders({ shopDomain: shop, graphql: standIn.graphql, since: NOW, sleep: async (ms) => void waits.push(ms) });
    expect(report.orders).toBe(1);
    expect(waits).toEqual([2_000, 4_000]);
  });

  it("GIVEN an order already stored from a newer webhook THEN the reconciled copy changes nothing", async () => {
    const shop = await anInstalledShop();
    const placed = new Date(NOW.getTime() - 3_600_000);
    const order = aGraphqlOrder(20, placed, { name: "#fresh" });
    const state: StandIn = { pages: [[order]], throttleFirst: 0, available: 2000, received: [] };
    standIn = await start(state);
    await reconcileOrders({ shopDomain: shop, graphql: standIn.graphql, since: NOW });
    await prisma.order.update({ where: { id: order.id as string }, data: { shopifyUpdatedAt: NOW, name: "#from-webhook" } });

    const report = await reconcileOrders({ shopDomain: shop, graphql: standIn.graphql, since: NOW });

    expect(report).toMatchObject({ orders: 1, unchanged: 1 });
    expect((await prisma.order.findUniqueOrThrow({ where: { id: order.id as string } })).name).toBe("#from-webhook");
  });
});

describe("runOrderReconciliation", () => {
  it("GIVEN a first pass THEN it reads 60 days back, moves the bookmark and schedules tomorrow's pass", async () => {
    const shop = await anInstalledShop();
    const state: StandIn = { pages: [[]], throttleFirst: 0, available: 2000, received: [] };
    standIn = await start(state);

    await runOrderReconciliation(shop, standIn.graphql, NOW);

    expect(state.received[0]?.query).toBe("updated_at:>='2026-09-21T12:00:00.000Z'");
    expect((await prisma.shop.findUniqueOrThrow({ where: { domain: shop } })).ordersReconciledUntil).toEqual(NOW);
    const next = await prisma.job.findFirstOrThrow({ where: { kind: RECONCILE_JOB, dedupeKey: shop } });
    expect(next.runAt).toEqual(new Date(NOW.getTime() + 86_400_000));

    // AND the next pass starts an hour before the bookmark
    await runOrderReconciliation(shop, standIn.graphql, new Date(NOW.getTime() + 86_400_000));
    expect(state.received[1]?.query).toBe("updated_at:>='2026-11-20T11:00:00.000Z'");
  });
});
