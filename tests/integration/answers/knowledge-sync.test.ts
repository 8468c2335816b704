/**
 * The shop's knowledge kept fresh: a full pass over the sandbox shop through the real @shopify/shopify-api
 * client and the Admin API stand-in (schema 2026-10, Shopify's cost throttle), and product webhooks as really
 * signed requests to the routes, processed by the real job runner. What counts is what ends up stored and
 * indexed: created, updated and deleted products; duplicates and older updates changing nothing; shop/redact
 * leaving nothing behind.
 */
import { randomUUID } from "node:crypto";
import type { ActionFunctionArgs } from "@remix-run/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import prisma from "../../../app/db.server";
import { sessionStorage } from "../../../app/shopify.server";
import { registerAppJobs } from "../../../app/jobs.server";
import { drainJobs } from "../../../app/platform/jobs/runner.server";
import { action as productsCreate } from "../../../app/routes/webhooks.products.create";
import { action as productsUpdate } from "../../../app/routes/webhooks.products.update";
import { action as productsDelete } from "../../../app/routes/webhooks.products.delete";
import { action as shopRedact } from "../../../app/routes/webhooks.shop.redact";
import type { ProductDocument } from "../../../app/answers/documents";
import { loadKnowledgeIndex } from "../../../app/answers/sync/index-store.server";
import { PRODUCT_WEBHOOK_JOB, scheduleKnowledgeSync } from "../../../app/answers/sync/sync-state.server";
import { createAdminApiState, sendAdminApiTo, startAdminApi } from "../../../sandbox/admin-harness/admin-api";
import {
  catalogFromShopContent,
  editProduct,
  type CatalogProduct,
  type ShopCatalog,
} from "../../../sandbox/admin-harness/shop-catalog";
import { shopContent, type ShopSize } from "../../../sandbox/shop-content/index";
import { webhookFixture, webhookFixtureText } from "../../../sandbox/shopify/fixture-files";
import { anOfflineSession } from "../../support/builders/sessions";
import { freezeClock, HOUR, NOW } from "../../support/clock";
import { responseOf, routeArgs } from "../../support/http/responses";
import { signedWebhookRequest } from "../../support/http/signed-requests";

type Action = (args: ActionFunctionArgs) => Promise<Response>;
const ROUTES: Record<string, Action> = {
  "products/create": productsCreate,
  "products/update": productsUpdate,
  "products/delete": productsDelete,
};

const SIZE: ShopSize = { products: 30, pages: 0 };
const RUN = randomUUID().slice(0, 8);
const SHOP = `knowledge-${RUN}.myshopify.com`;

/** What the sandbox shop holds, counted from its content, not from the sync. */
function expectedCounts() {
  const documents = shopContent(SIZE).documents.filter((document) => document.type !== "faq");
  const count = (type: string, locale: string) =>
    documents.filter((document) => document.type === type && document.locale === locale).length;
  return {
    products: count("product", "en"),
    pages: count("page", "en"),
    policies: count("policy", "en"),
    translations: documents.filter((document) => document.locale !== "en").length,
  };
}

/** A products/* body in the shape of Shopify's example, for one of the shop's products. */
function productBody(product: CatalogProduct, updatedAt: string) {
  const example = webhookFixture<Record<string, unknown>>("products-create");
  const numeric = product.id.slice(product.id.lastIndexOf("/") + 1);
  return {
    ...example,
    id: Number(numeric),
    admin_graphql_api_id: product.id,
    title: product.title,
    handle: product.handle,
    updated_at: updatedAt,
  };
}

function deliver(
  topic: string,
  payload: unknown,
  webhookId: string = randomUUID(),
  rawBody?: string,
): Promise<Response> {
  const request = signedWebhookRequest(`/webhooks/${topic}`, { topic, payload, shop: SHOP, webhookId, rawBody });
  return responseOf(ROUTES[topic]!(routeArgs(request)));
}

/** Runs every job due within the next minute (index jobs wait 2 s to gather changes). */
const runJobs = () => drainJobs({ now: () => new Date(NOW.getTime() + 60_000) });

const stored = (id: string, locale = "en") =>
  prisma.knowledgeSource.findUnique({ where: { shopDomain_id_locale: { shopDomain: SHOP, id, locale } } });
const indexedRecord = async (id: string, locale = "en") =>
  (await loadKnowledgeIndex(SHOP))?.index.shelf(locale)?.records.get(id);
const indexedTitle = async (id: string, locale = "en") => (await indexedRecord(id, locale))?.title ?? null;
const productReads = () =>
  api.state.received.filter((operation) => operation.operationName === "ChatLiftKnowledgeProduct").length;

let api: Awaited<ReturnType<typeof startAdminApi>>;
let catalog: ShopCatalog;

beforeAll(async () => {
  freezeClock(NOW);
  catalog = catalogFromShopContent(SIZE);
  api = await startAdminApi(createAdminApiState({ catalog }));
  sendAdminApiTo(api.base);
  registerAppJobs();
  await prisma.shop.create({ data: { domain: SHOP, currency: "EUR" } });
  await sessionStorage().storeSession(anOfflineSession(SHOP));
});
afterAll(() => api.close());

describe("the full pass", () => {
  it("GIVEN the sandbox shop WHEN ChatLift is installed THEN its products, pages, policies and German translations are stored and indexed", async () => {
    // WHEN the install's pass runs (queued as afterAuth queues it), job by job
    await scheduleKnowledgeSync(prisma, SHOP);
    await runJobs();

    // THEN the counts are the shop's, and the index holds every stored source in its language
    const sync = await prisma.knowledgeSync.findUniqueOrThrow({ where: { shopDomain: SHOP } });
    expect({
      products: sync.products,
      pages: sync.pages,
      policies: sync.policies,
      translations: sync.translations,
    }).toEqual(expectedCounts());
    expect(sync).toMatchObject({ primaryLocale: "en", lastSyncedAt: NOW, lastError: null, runStartedAt: null });
    const index = await loadKnowledgeIndex(SHOP);
    expect(index?.index.languages().sort()).toEqual(["de", "en"]);
    const { products, pages, policies, translations } = expectedCounts();
    expect((await prisma.knowledgeIndex.findUniqueOrThrow({ where: { shopDomain: SHOP } })).documents).toBe(
      products + pages + policies + translations,
    );
    // AND every document the sync sent was valid against 2026-10 (the stand-in refuses any other)
    expect(api.state.received.filter((operation) => operation.shop === SHOP).length).toBeGreaterThan(4);
  });

  it("GIVEN a product with its German translation THEN the German row has its German title, options and metafields, under /de, at the product's own prices", async () => {
    const german = shopContent(SIZE).documents.find(
      (document): document is ProductDocument => document.type === "product" && document.locale === "de",
    )!;
    const row = await stored(german.id, "de");
    expect(row).toMatchObject({
      title: german.title,
      url: expect.stringMatching(/^https:\/\/harbor-field\.example\/de\/products\//),
    });
    const facts = JSON.parse(row!.facts!) as Pick<ProductDocument, "options" | "variants" | "metafields">;
    const english = JSON.parse((await stored(german.id, "en"))!.facts!) as Pick<
      ProductDocument,
      "variants" | "metafields"
    >;
    expect(facts.options).toEqual(german.options);
    expect(facts.variants.map((variant) => variant.selectedOptions)).toEqual(
      german.variants.map((variant) => variant.selectedOptions),
    );
    expect(
      facts.variants.map(({ price, compareAtPrice, availableForSale }) => [price, compareAtPrice, availableForSale]),
    ).toEqual(
      english.variants.map(({ price, compareAtPrice, availableForSale }) => [price, compareAtPrice, availableForSale]),
    );
    // Shopify translates a metafield's value, never its key: the German values of the English keys
    const translatable = german.metafields.filter((field) => english.metafields.some((own) => own.key === field.key));
    expect(translatable.length).toBeGreaterThan(0);
    expect(facts.metafields).toEqual(expect.arrayContaining(translatable));
  });

  it("GIVEN products with a featured image in Shopify THEN each product's record in the index has its address, size and alt text, in every language", async () => {
    const products = [...catalog.products.values()];
    const withAlt = products.find((product) => product.featuredImage?.altText)!;
    const withoutAlt = products.find((product) => product.featuredImage && !product.featuredImage.altText)!;

    for (const product of [withAlt, withoutAlt])
      expect((await indexedRecord(product.id))?.image).toEqual(product.featuredImage);
    expect((await indexedRecord(withAlt.id))?.image).toMatchObject({
      url: expect.stringMatching(/^https:\/\/cdn\.shopify\.com\/s\/files\/.*\?v=\d+$/),
      altText: expect.stringContaining(withAlt.title),
      width: 1600,
      height: 2000,
    });
    const german = shopContent(SIZE).documents.find(
      (document) => document.type === "product" && document.locale === "de",
    )!;
    expect((await indexedRecord(german.id, "de"))?.image).toEqual(catalog.products.get(german.id)!.featuredImage);
  });
});

describe("product webhooks", () => {
  const first = () => [...catalog.products.values()][0]!;

  it("GIVEN a product edited in Shopify WHEN products/update arrives THEN the stored product and the index have the new title", async () => {
    const edited = editProduct(catalog, first().id, {
      title: "Linen Shirt in Sand",
      updatedAt: new Date(NOW.getTime() + HOUR).toISOString(),
    });
    expect((await deliver("products/update", productBody(edited, edited.updatedAt))).status).toBe(200);
    await runJobs();
    expect((await stored(edited.id))?.title).toBe("Linen Shirt in Sand");
    expect(await indexedTitle(edited.id)).toBe("Linen Shirt in Sand");
  });

  it("GIVEN a product whose image the merchant removed WHEN products/update arrives THEN its record has no image", async () => {
    const product = [...catalog.products.values()][5]!;
    expect((await indexedRecord(product.id))?.image).not.toBeNull();
    const edited = editProduct(catalog, product.id, {
      featuredImage: null,
      updatedAt: new Date(NOW.getTime() + HOUR).toISOString(),
    });

    expect((await deliver("products/update", productBody(edited, edited.updatedAt))).status).toBe(200);
    await runJobs();

    expect((await indexedRecord(product.id))?.image).toBeNull();
  });

  it("GIVEN a delivery already received WHEN Shopify sends it again THEN it is acknowledged and nothing is queued or changed", async () => {
    const product = editProduct(catalog, first().id, {
      title: "Linen Shirt in Stone",
      updatedAt: new Date(NOW.getTime() + 2 * HOUR).toISOString(),
    });
    const webhookId = randomUUID();
    await deliver("products/update", productBody(product, product.updatedAt), webhookId);
    await runJobs();
    const before = await stored(product.id);
    const reads = productReads();

    // WHEN the same delivery comes again
    const again = await deliver("products/update", productBody(product, product.updatedAt), webhookId);

    // THEN 200, no job, no read of Shopify, the row untouched
    expect(again.status).toBe(200);
    expect(await prisma.job.count({ where: { kind: PRODUCT_WEBHOOK_JOB, status: "queued" } })).toBe(0);
    await runJobs();
    expect(productReads()).toBe(reads);
    expect(await stored(product.id)).toEqual(before);
  });

  it("GIVEN a newer update stored WHEN an older update arrives late THEN it changes nothing and Shopify is not even asked", async () => {
    const product = editProduct(catalog, first().id, {
      title: "Linen Shirt in Navy",
      updatedAt: new Date(NOW.getTime() + 3 * HOUR).toISOString(),
    });
    await deliver("products/update", productBody(product, product.updatedAt));
    await runJobs();
    // Shopify has moved on meanwhile; the late delivery is from before the stored update
    editProduct(catalog, product.id, {
      title: "Linen Shirt in Red",
      updatedAt: new Date(NOW.getTime() + 4 * HOUR).toISOString(),
    });
    const reads = productReads();

    await deliver("products/update", productBody(product, new Date(NOW.getTime() + 90 * 60_000).toISOString()));
    await runJobs();

    expect(productReads()).toBe(reads);
    expect((await stored(product.id))?.title).toBe("Linen Shirt in Navy");
  });

  it("GIVEN a product set to draft WHEN products/update arrives THEN it leaves the answers, and comes back when it is active again", async () => {
    const product = [...catalog.products.values()][1]!;
    const drafted = editProduct(catalog, product.id, {
      status: "DRAFT",
      updatedAt: new Date(NOW.getTime() + HOUR).toISOString(),
    });
    await deliver("products/update", productBody(drafted, drafted.updatedAt));
    await runJobs();
    expect((await stored(product.id))?.deletedAt).toEqual(NOW);
    expect(await indexedTitle(product.id)).toBeNull();

    const active = editProduct(catalog, product.id, {
      status: "ACTIVE",
      updatedAt: new Date(NOW.getTime() + 2 * HOUR).toISOString(),
    });
    await deliver("products/update", productBody(active, active.updatedAt));
    await runJobs();
    expect((await stored(product.id))?.deletedAt).toBeNull();
    expect(await indexedTitle(product.id)).toBe(product.title);
  });

  it("GIVEN an empty bucket WHEN the webhook's job reads the product THEN the library's THROTTLED error is waited out and the product stored", async () => {
    const product = editProduct(catalog, first().id, {
      title: "Linen Shirt in Olive",
      updatedAt: new Date(NOW.getTime() + 5 * HOUR).toISOString(),
    });
    const bucket = api.state.buckets.get(SHOP)!;
    bucket.take(bucket.currentlyAvailable());
    const reads = productReads();

    await deliver("products/update", productBody(product, product.updatedAt));
    await runJobs();

    expect(productReads()).toBe(reads + 2); // refused once, then sent again after the wait
    expect((await stored(product.id))?.title).toBe("Linen Shirt in Olive");
  });

  it("GIVEN a new product in Shopify WHEN products/create arrives THEN it is stored and indexed", async () => {
    const template = first();
    const created: CatalogProduct = {
      ...template,
      id: "gid://shopify/Product/99000001",
      handle: "linen-scarf",
      title: "Linen Scarf",
      updatedAt: new Date(NOW.getTime() + HOUR).toISOString(),
    };
    catalog.products.set(created.id, created);
    await deliver("products/create", productBody(created, created.updatedAt));
    await runJobs();
    expect(await stored(created.id)).toMatchObject({ title: "Linen Scarf", deletedAt: null });
    expect(await indexedTitle(created.id)).toBe("Linen Scarf");
  });

  it("GIVEN a product deleted in Shopify WHEN products/delete arrives THEN it leaves the answers in every language", async () => {
    const german = shopContent(SIZE).documents.find(
      (document) => document.type === "product" && document.locale === "de",
    )!;
    catalog.products.delete(german.id);
    await deliver("products/delete", { id: Number(german.id.slice(german.id.lastIndexOf("/") + 1)) });
    await runJobs();
    expect((await stored(german.id, "en"))?.deletedAt).toEqual(NOW);
    expect((await stored(german.id, "de"))?.deletedAt).toEqual(NOW);
    expect(await indexedTitle(german.id, "en")).toBeNull();
    expect(await indexedTitle(german.id, "de")).toBeNull();
  });

  it("GIVEN Shopify's example bodies WHEN the delete (id past 2^53) arrives before the create THEN the id is kept exact and the late create changes nothing", async () => {
    await deliver("products/delete", null, randomUUID(), webhookFixtureText("products-delete"));
    await runJobs();
    await deliver("products/create", null, randomUUID(), webhookFixtureText("products-create"));
    await runJobs();
    expect(await stored("gid://shopify/Product/788032119674292922", "en")).toMatchObject({ deletedAt: NOW, title: "" });
    expect(
      api.state.received.filter((operation) => operation.variables.id === "gid://shopify/Product/788032119674292922"),
    ).toEqual([]);
  });

  it("GIVEN a body without the product's id THEN the job is parked with the error, nothing lost", async () => {
    await deliver("products/update", { title: "no id" });
    await runJobs();
    const parked = await prisma.job.findFirstOrThrow({
      where: { kind: PRODUCT_WEBHOOK_JOB, status: { in: ["queued", "parked"] } },
    });
    expect(parked.lastError).toMatch(/admin_graphql_api_id/);
    expect(JSON.parse(parked.payload).body).toEqual({ title: "no id" });
    await prisma.job.delete({ where: { id: parked.id } });
  });
});

describe("shop/redact", () => {
  it("GIVEN a synced shop WHEN shop/redact arrives THEN its sources, FAQs, synonyms, sync state and index are gone", async () => {
    await prisma.knowledgeFaq.create({
      data: { shopDomain: SHOP, locale: "en", question: "Do you ship to Canada?", answer: "Yes." },
    });
    await prisma.knowledgeSynonym.create({ data: { shopDomain: SHOP, locale: "en", terms: '["tote","bag"]' } });
    const request = signedWebhookRequest("/webhooks/shop/redact", {
      topic: "shop/redact",
      payload: { shop_id: 954889, shop_domain: SHOP },
      shop: SHOP,
    });
    expect((await responseOf(shopRedact(routeArgs(request)))).status).toBe(200);
    const left = await Promise.all([
      prisma.knowledgeSource.count({ where: { shopDomain: SHOP } }),
      prisma.knowledgeFaq.count({ where: { shopDomain: SHOP } }),
      prisma.knowledgeSynonym.count({ where: { shopDomain: SHOP } }),
      prisma.knowledgeSync.count({ where: { shopDomain: SHOP } }),
      prisma.knowledgeIndex.count({ where: { shopDomain: SHOP } }),
    ]);
    expect(left).toEqual([0, 0, 0, 0, 0]);
  });
});
