/**
 * Product webhooks (products/create, products/update, products/delete). Shopify waits 5 s and retries, delivers
 * twice and out of order: a delivery is recorded once (by X-Shopify-Webhook-Id) and queued in one transaction,
 * then answered. The job compares the body's updated_at with the stored product's: an older change is dropped
 * without a request. A newer one reads the product from the Admin API (the body has no collections,
 * metafields, availability or translations), stores it and queues an index update.
 */
import { z } from "zod";
import prisma from "../../db.server";
import { AdminPacer, type AdminGraphql, type PacerOptions } from "../../integrations/shopify/paced-graphql.server";
import { markSourceDeleted, storedUpdatedAt, writeSources } from "./knowledge-store.server";
import { productWrite, readProduct, readShop, translationsOf } from "./shopify-reads.server";
import { isForSale } from "./shopify-documents";
import { loadSyncSettings, requestIndexUpdate, saveShopSettings } from "./sync-state.server";

export const PRODUCT_TOPICS = ["products/create", "products/update", "products/delete"] as const;
export type ProductTopic = (typeof PRODUCT_TOPICS)[number];

const deliverySchema = z.object({
  shopDomain: z.string(),
  topic: z.enum(PRODUCT_TOPICS),
  webhookId: z.string(),
  body: z.unknown(),
});
/** What the job needs of a create/update body (REST shape; ids may exceed 2^53, so the gid is used). */
const changedBody = z.object({
  admin_graphql_api_id: z.string().startsWith("gid://shopify/Product/"),
  updated_at: z.string().datetime({ offset: true }),
});
/** A delete body is only the numeric id (read losslessly, so possibly a string). */
const deletedBody = z.object({ id: z.union([z.string().regex(/^\d+$/), z.number().int().nonnegative()]) });

export type ProcessOutcome = "stored" | "stale" | "hidden" | "deleted";

export interface ProcessOptions extends PacerOptions {
  now?: Date;
}

/** The job: apply one delivery to the stored knowledge. `graphql` is asked for only when Shopify must be read. */
export async function processProductWebhook(
  job: unknown,
  graphql: () => Promise<AdminGraphql>,
  options: ProcessOptions = {},
): Promise<ProcessOutcome> {
  const delivery = deliverySchema.parse(job);
  const now = options.now ?? new Date();
  const { shopDomain } = delivery;
  let { namespaces, shop: settings } = await loadSyncSettings(shopDomain);

  if (delivery.topic === "products/delete") {
    const id = `gid://shopify/Product/${deletedBody.parse(delivery.body).id}`;
    await markSourceDeleted(
      shopDomain,
      { id, type: "product" },
      { gone: true, at: now, tombstoneLocale: settings?.primaryLocale ?? "und" },
    );
    await requestIndexUpdate(prisma, shopDomain, now);
    return "deleted";
  }

  const change = changedBody.parse(delivery.body);
  const changedAt = new Date(change.updated_at);
  const stored = await storedUpdatedAt(shopDomain, change.admin_graphql_api_id);
  if (stored && stored >= changedAt) return "stale";

  const pacer = new AdminPacer(await graphql(), options);
  if (!settings) {
    // A webhook before the first pass read the shop: learn its locales now.
    settings = (await readShop(pacer)).settings;
    await saveShopSettings(shopDomain, settings);
    ({ namespaces } = await loadSyncSettings(shopDomain));
  }
  const node = await readProduct(pacer, change.admin_graphql_api_id);
  if (!node) {
    await markSourceDeleted(
      shopDomain,
      { id: change.admin_graphql_api_id, type: "product" },
      { gone: true, at: now, tombstoneLocale: settings.primaryLocale },
    );
    await requestIndexUpdate(prisma, shopDomain, now);
    return "deleted";
  }
  const updatedAt = new Date(node.updatedAt);
  if (!isForSale(node)) {
    await markSourceDeleted(shopDomain, { id: node.id, type: "product" }, { gone: false, updatedAt, at: now });
    await requestIndexUpdate(prisma, shopDomain, now);
    return "hidden";
  }
  const primary = await productWrite(pacer, node, settings.primaryLocale, namespaces);
  const { writes, untranslated } = await translationsOf(pacer, [primary], settings);
  await writeSources(shopDomain, [primary, ...writes], now);
  for (const [locale, ids] of untranslated) {
    if (ids.length)
      await markSourceDeleted(
        shopDomain,
        { id: node.id, type: "product" },
        { gone: false, updatedAt, at: now, locales: [locale] },
      );
  }
  await requestIndexUpdate(prisma, shopDomain, now);
  return "stored";
}
