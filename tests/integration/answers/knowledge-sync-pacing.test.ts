/**
 * A pass paced by Shopify's cost throttle, in steps: the Admin API client (@shopify/admin-api-client, what
 * `admin.graphql` wraps) against the stand-in, whose bucket is on a clock the test moves as the pass waits.
 * A drained bucket answers THROTTLED until the pass has waited the points back; steps of one request each
 * resume from their saved place and end with the same shop stored.
 */
import { randomUUID } from "node:crypto";
import { createAdminApiClient } from "@shopify/admin-api-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import prisma from "../../../app/db.server";
import { runKnowledgeSyncStep } from "../../../app/answers/sync/knowledge-sync.server";
import type { AdminGraphql } from "../../../app/integrations/shopify/paced-graphql.server";
import { createAdminApiState, startAdminApi, type AdminApiState } from "../../../sandbox/admin-harness/admin-api";
import { catalogFromShopContent } from "../../../sandbox/admin-harness/shop-catalog";
import { LeakyBucket } from "../../../sandbox/admin-harness/query-cost";
import { DAY, NOW } from "../../support/clock";

const RUN = randomUUID().slice(0, 8);
/** The bucket of older plans (1,000 points, 50 restored per second): a few product pages drain it. */
const SMALL_BUCKET = { maximumAvailable: 1000, restoreRate: 50 };

/** One clock for the stand-in's bucket and the pass's pacer, moved only by the pass's waits. */
let clockMs = 0;
const clock = () => clockMs;
const sleep = async (ms: number) => {
  clockMs += ms;
};

function clientFor(base: string, shop: string): AdminGraphql {
  const client = createAdminApiClient({
    storeDomain: shop,
    apiVersion: "2026-10",
    accessToken: "shpat_test_token",
    customFetchApi: (url, init) =>
      fetch(String(url).replace(`https://${shop}`, base), {
        ...init,
        headers: { ...(init?.headers as Record<string, string>), "x-chatlift-shop": shop },
      }),
  });
  return (query, options) => client.fetch(query, { variables: options?.variables });
}

let api: Awaited<ReturnType<typeof startAdminApi>>;
let state: AdminApiState;

beforeAll(async () => {
  state = createAdminApiState({
    catalog: catalogFromShopContent({ products: 40, pages: 0 }),
    bucket: SMALL_BUCKET,
    clock,
  });
  api = await startAdminApi(state);
});
afterAll(() => api.close());

async function anInstalledShop(name: string): Promise<string> {
  const shop = `${name}-${RUN}.myshopify.com`;
  await prisma.shop.create({ data: { domain: shop } });
  return shop;
}

describe("pacing a pass", () => {
  it("GIVEN a drained bucket WHEN a pass starts THEN Shopify answers THROTTLED, the pass waits the points back and finishes", async () => {
    const shop = await anInstalledShop("throttled");
    state.buckets.set(shop, new LeakyBucket(SMALL_BUCKET, clock));
    state.buckets.get(shop)!.take(1000);

    const outcome = await runKnowledgeSyncStep(shop, clientFor(api.base, shop), true, {
      now: NOW,
      sleep,
      clock,
      budgetMs: Number.MAX_SAFE_INTEGER,
    });

    expect(outcome.status).toBe("done");
    // The first request learnt the empty bucket from its THROTTLED answer and was sent again after the wait.
    const shopReads = state.received.filter(
      (operation) => operation.shop === shop && operation.operationName === "ChatLiftKnowledgeShop",
    );
    expect(shopReads).toHaveLength(2);
    expect(outcome.status === "done" && outcome.waitedMs).toBeGreaterThan(0);
    expect(outcome.status === "done" && outcome.counts.products).toBe(40);
  });

  it("GIVEN a 1,000-point bucket WHEN product pages cost ~900 points each THEN the pass waits before each page instead of being refused", async () => {
    const shop = await anInstalledShop("paced");
    const before = state.received.length;
    const outcome = await runKnowledgeSyncStep(shop, clientFor(api.base, shop), true, {
      now: NOW,
      sleep,
      clock,
      budgetMs: Number.MAX_SAFE_INTEGER,
    });
    const productPages = state.received
      .slice(before)
      .filter((operation) => operation.operationName === "ChatLiftKnowledgeProducts");
    // 40 products, 10 a page: 4 pages (and no THROTTLED repeats, since the waits came first)
    expect(productPages).toHaveLength(4);
    expect(outcome.status === "done" && outcome.waitedMs).toBeGreaterThan(0);
  });
});

describe("a pass in steps", () => {
  it("GIVEN steps that may send only one request WHEN they run one after another THEN each resumes where the last stopped and the pass ends complete", async () => {
    const shop = await anInstalledShop("stepwise");
    const graphql = clientFor(api.base, shop);
    const phases: string[] = [];
    let outcome = await runKnowledgeSyncStep(shop, graphql, true, { now: NOW, sleep, clock, budgetMs: 0 });
    for (let step = 0; outcome.status === "continues" && step < 50; step += 1) {
      phases.push(outcome.phase);
      outcome = await runKnowledgeSyncStep(shop, graphql, false, { now: NOW, sleep, clock, budgetMs: 0 });
    }
    expect(outcome).toMatchObject({ status: "done", counts: { products: 40, policies: 5 } });
    expect(phases).toEqual(
      expect.arrayContaining(["products", "pages", "translations:de:PRODUCT", "translations:de:SHOP_POLICY"]),
    );
    // Each step queued the next one, keyed by shop (one waiting at a time)
    expect(await prisma.job.count({ where: { kind: "answers.knowledge-sync", dedupeKey: shop } })).toBe(1);
  });

  it("GIVEN a pass already running WHEN the daily start comes THEN it does not start a second one", async () => {
    const shop = await anInstalledShop("running");
    await runKnowledgeSyncStep(shop, clientFor(api.base, shop), true, { now: NOW, sleep, clock, budgetMs: 0 });
    expect(await runKnowledgeSyncStep(shop, clientFor(api.base, shop), true, { now: NOW, sleep, clock })).toEqual({
      status: "already_running",
    });
  });
});

describe("the daily pass", () => {
  it("GIVEN a product deleted in Shopify whose webhook never came WHEN the next day's pass runs THEN it leaves the answers", async () => {
    // GIVEN a shop synced yesterday
    const shop = await anInstalledShop("daily");
    const graphql = clientFor(api.base, shop);
    await runKnowledgeSyncStep(shop, graphql, true, { now: NOW, sleep, clock, budgetMs: Number.MAX_SAFE_INTEGER });
    const [gone] = [...state.catalog!.products.keys()].slice(-1);
    const product = state.catalog!.products.get(gone!)!;
    state.catalog!.products.delete(gone!);
    try {
      // WHEN the pass runs a day later
      const tomorrow = new Date(NOW.getTime() + DAY);
      const outcome = await runKnowledgeSyncStep(shop, graphql, true, {
        now: tomorrow,
        sleep,
        clock,
        budgetMs: Number.MAX_SAFE_INTEGER,
      });

      // THEN the product it no longer found is marked gone, in English and German; the rest stays
      expect(outcome).toMatchObject({ status: "done", gone: 2, counts: { products: 39 } });
      const row = await prisma.knowledgeSource.findUniqueOrThrow({
        where: { shopDomain_id_locale: { shopDomain: shop, id: gone!, locale: "en" } },
      });
      expect(row.deletedAt).toEqual(tomorrow);
    } finally {
      state.catalog!.products.set(gone!, product);
    }
  });
});
