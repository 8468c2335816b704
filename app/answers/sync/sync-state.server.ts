/**
 * A shop's knowledge sync state (KnowledgeSync) and the jobs that keep its knowledge fresh: a full pass on
 * install and daily, run in steps so other jobs run between them; an index update after a product webhook; a
 * rebuild after a pass or when the merchant's FAQs or synonyms change. The jobs are keyed by shop, so a burst
 * of changes queues one run, not one per change.
 */
import { z } from "zod";
import prisma from "../../db.server";
import { enqueueJob, type JobWriter } from "../../platform/jobs/queue.server";
import type { ShopSettings } from "./shopify-documents";

export const KNOWLEDGE_SYNC_JOB = "answers.knowledge-sync";
export const INDEX_UPDATE_JOB = "answers.index-update";
export const INDEX_REBUILD_JOB = "answers.index-rebuild";
export const PRODUCT_WEBHOOK_JOB = "answers.product-webhook";

export const DAY_MS = 86_400_000;
/** Changes are gathered this long before the index is written, so a bulk edit in the admin costs one write. */
const INDEX_DEBOUNCE_MS = 2_000;

/** Starts a full pass at `runAt` (now on install). The key keeps one start waiting per shop. */
export async function scheduleKnowledgeSync(db: JobWriter, shopDomain: string, runAt = new Date()): Promise<void> {
  await enqueueJob(db, {
    kind: KNOWLEDGE_SYNC_JOB,
    dedupeKey: `${shopDomain}:start`,
    payload: { shopDomain, start: true },
    runAt,
  });
}

/** The next step of a running pass. */
export async function continueKnowledgeSync(db: JobWriter, shopDomain: string, runAt = new Date()): Promise<void> {
  await enqueueJob(db, {
    kind: KNOWLEDGE_SYNC_JOB,
    dedupeKey: shopDomain,
    payload: { shopDomain, start: false },
    runAt,
  });
}

/** Sources changed: fold them into the index shortly. */
export async function requestIndexUpdate(db: JobWriter, shopDomain: string, now = new Date()): Promise<void> {
  await enqueueJob(db, {
    kind: INDEX_UPDATE_JOB,
    dedupeKey: shopDomain,
    payload: { shopDomain },
    runAt: new Date(now.getTime() + INDEX_DEBOUNCE_MS),
  });
}

/** Build the index anew (after a pass; the admin calls this when FAQs or synonyms change). */
export async function requestIndexRebuild(db: JobWriter, shopDomain: string, now = new Date()): Promise<void> {
  await enqueueJob(db, {
    kind: INDEX_REBUILD_JOB,
    dedupeKey: shopDomain,
    payload: { shopDomain },
    runAt: new Date(now.getTime() + INDEX_DEBOUNCE_MS),
  });
}

const namespacesSchema = z.array(z.string());
const localesSchema = z.array(z.object({ locale: z.string(), root: z.string() }));

export interface SyncSettings {
  namespaces: string[];
  /** Null until a pass (or a webhook) has read the shop. */
  shop: ShopSettings | null;
}

/** What the last read of the shop found, and what the merchant picked. */
export async function loadSyncSettings(shopDomain: string): Promise<SyncSettings> {
  const row = await prisma.knowledgeSync.findUnique({ where: { shopDomain } });
  const namespaces = namespacesSchema.parse(JSON.parse(row?.metafieldNamespaces ?? '["custom"]'));
  if (!row?.primaryLocale) return { namespaces, shop: null };
  const locales = localesSchema.parse(JSON.parse(row.locales));
  return {
    namespaces,
    shop: {
      name: row.shopName ?? shopDomain,
      currencyCode: row.currencyCode ?? "",
      primaryLocale: row.primaryLocale,
      locales: locales.map((entry) => entry.locale),
      roots: Object.fromEntries(locales.map((entry) => [entry.locale, entry.root])),
    },
  };
}

export async function saveShopSettings(shopDomain: string, settings: ShopSettings): Promise<void> {
  const data = {
    shopName: settings.name,
    currencyCode: settings.currencyCode,
    primaryLocale: settings.primaryLocale,
    locales: JSON.stringify(settings.locales.map((locale) => ({ locale, root: settings.roots[locale] ?? "" }))),
  };
  await prisma.knowledgeSync.upsert({ where: { shopDomain }, create: { shopDomain, ...data }, update: data });
}

/** The merchant's pick of metafield namespaces (the admin's Knowledge page); the next pass reads them. */
export async function setMetafieldNamespaces(shopDomain: string, namespaces: string[]): Promise<void> {
  const clean = [...new Set(namespaces.map((namespace) => namespace.trim()).filter(Boolean))];
  const metafieldNamespaces = JSON.stringify(clean);
  await prisma.knowledgeSync.upsert({
    where: { shopDomain },
    create: { shopDomain, metafieldNamespaces },
    update: { metafieldNamespaces },
  });
}

/** Kept on the state for the admin, then thrown on so the job is retried. */
export async function recordSyncError(shopDomain: string, error: unknown, now: Date): Promise<void> {
  const lastError = (error instanceof Error ? error.message : String(error)).slice(0, 2000);
  await prisma.knowledgeSync.upsert({
    where: { shopDomain },
    create: { shopDomain, lastError, lastErrorAt: now },
    update: { lastError, lastErrorAt: now },
  });
}
