/**
 * A shop's answers index, kept in the database so a cold start loads it instead of re-reading the shop.
 * Rebuilt whole after a full pass or when the merchant's FAQs or synonyms change; between passes the sources
 * changed since the last write are applied one by one (the core's upsert/remove), so a product webhook costs
 * a load, a few upserts and a save, not a rebuild. Writes carry the version they started from: two writers
 * never silently overwrite each other (the loser's job runs again on the newer index).
 */
import { gunzipSync, gzipSync } from "node:zlib";
import prisma from "../../db.server";
import { INDEX_FORMAT, IndexFormatError, KnowledgeIndex } from "../knowledge-index";
import type { ShopProfile } from "../documents";
import { documentOf, faqDocumentOf, synonymGroupOf } from "./source-rows";

/** Sources written this close before the last pass's newest change are read again (commits land out of order). */
const OVERLAP_MS = 60_000;
/** Rows read per query while rebuilding. */
const BATCH = 500;

export class IndexConflictError extends Error {
  override name = "IndexConflictError";
}

export interface StoredIndex {
  index: KnowledgeIndex;
  version: number;
  sourcesUntil: Date;
}

/** The persisted index of a shop, or null when none was built or it is in another format (rebuild it). */
export async function loadKnowledgeIndex(shopDomain: string): Promise<StoredIndex | null> {
  const row = await prisma.knowledgeIndex.findUnique({ where: { shopDomain } });
  if (!row || row.format !== INDEX_FORMAT) return null;
  try {
    return {
      index: KnowledgeIndex.fromJSON(gunzipSync(row.data).toString("utf8")),
      version: row.version,
      sourcesUntil: row.sourcesUntil,
    };
  } catch (error) {
    if (error instanceof IndexFormatError) return null;
    throw error;
  }
}

/** The shop as the core names it, from the last pass (a shop never synced has none: nothing to index yet). */
async function shopProfile(shopDomain: string): Promise<ShopProfile | null> {
  const sync = await prisma.knowledgeSync.findUnique({ where: { shopDomain } });
  if (!sync?.primaryLocale) return null;
  return {
    name: sync.shopName ?? shopDomain,
    primaryLocale: sync.primaryLocale,
    currencyCode: sync.currencyCode ?? "",
  };
}

export interface IndexReport {
  mode: "rebuilt" | "updated" | "unchanged" | "no_profile";
  documents: number;
  bytes: number;
  version: number;
}

/** Builds the index from every live source, FAQ and synonym of the shop and stores it. */
export async function rebuildKnowledgeIndex(shopDomain: string, now = new Date()): Promise<IndexReport> {
  const profile = await shopProfile(shopDomain);
  if (!profile) return { mode: "no_profile", documents: 0, bytes: 0, version: 0 };
  const index = new KnowledgeIndex(profile);
  let documents = 0;
  let newest = new Date(0);
  for (let cursor: { id: string; locale: string } | undefined; ;) {
    const rows = await prisma.knowledgeSource.findMany({
      where: { shopDomain, deletedAt: null },
      orderBy: [{ id: "asc" }, { locale: "asc" }],
      take: BATCH,
      ...(cursor ? { cursor: { shopDomain_id_locale: { shopDomain, ...cursor } }, skip: 1 } : {}),
    });
    for (const row of rows) {
      index.upsert(documentOf({ ...row, type: row.type as "product" }));
      if (row.updatedAt > newest) newest = row.updatedAt;
      documents += 1;
    }
    if (rows.length < BATCH) break;
    cursor = { id: rows.at(-1)!.id, locale: rows.at(-1)!.locale };
  }
  const [faqs, synonyms] = await Promise.all([
    prisma.knowledgeFaq.findMany({ where: { shopDomain }, orderBy: [{ locale: "asc" }, { position: "asc" }] }),
    prisma.knowledgeSynonym.findMany({ where: { shopDomain } }),
  ]);
  for (const faq of faqs) index.upsert(faqDocumentOf(faq));
  index.setSynonyms(synonyms.map(synonymGroupOf));
  documents += faqs.length;
  const existing = await prisma.knowledgeIndex.findUnique({ where: { shopDomain }, select: { version: true } });
  const saved = await saveIndex(shopDomain, index, existing?.version ?? null, documents, newest, now, now);
  return { mode: "rebuilt", documents, ...saved };
}

/**
 * Applies the sources changed since the index was last written. No index yet, or one in an older format: a
 * rebuild instead.
 */
export async function updateKnowledgeIndex(shopDomain: string, now = new Date()): Promise<IndexReport> {
  const [stored, row] = await Promise.all([
    loadKnowledgeIndex(shopDomain),
    prisma.knowledgeIndex.findUnique({
      where: { shopDomain },
      select: { documents: true, builtAt: true, bytes: true },
    }),
  ]);
  if (!stored || !row) return rebuildKnowledgeIndex(shopDomain, now);
  const changed = await prisma.knowledgeSource.findMany({
    where: { shopDomain, updatedAt: { gt: new Date(stored.sourcesUntil.getTime() - OVERLAP_MS) } },
    orderBy: { updatedAt: "asc" },
  });
  if (!changed.length)
    return { mode: "unchanged", documents: row.documents, bytes: row.bytes, version: stored.version };
  for (const source of changed) {
    if (source.deletedAt) stored.index.remove(source.id, source.locale);
    else stored.index.upsert(documentOf({ ...source, type: source.type as "product" }));
  }
  const documents = await countDocuments(shopDomain);
  const newest = changed.at(-1)!.updatedAt;
  const saved = await saveIndex(
    shopDomain,
    stored.index,
    stored.version,
    documents,
    newest > stored.sourcesUntil ? newest : stored.sourcesUntil,
    row.builtAt,
    now,
  );
  return { mode: "updated", documents, ...saved };
}

async function countDocuments(shopDomain: string): Promise<number> {
  const [sources, faqs] = await Promise.all([
    prisma.knowledgeSource.count({ where: { shopDomain, deletedAt: null } }),
    prisma.knowledgeFaq.count({ where: { shopDomain } }),
  ]);
  return sources + faqs;
}

async function saveIndex(
  shopDomain: string,
  index: KnowledgeIndex,
  fromVersion: number | null,
  documents: number,
  sourcesUntil: Date,
  builtAt: Date,
  now: Date,
): Promise<{ bytes: number; version: number }> {
  const json = index.toJSON();
  const data = new Uint8Array(gzipSync(json));
  const bytes = Buffer.byteLength(json);
  const fields = { format: INDEX_FORMAT, data, bytes, documents, sourcesUntil, builtAt, updatedAt: now };
  if (fromVersion === null) {
    await prisma.knowledgeIndex.create({ data: { shopDomain, version: 1, ...fields } });
    return { bytes, version: 1 };
  }
  const { count } = await prisma.knowledgeIndex.updateMany({
    where: { shopDomain, version: fromVersion },
    data: { ...fields, version: fromVersion + 1 },
  });
  if (!count)
    throw new IndexConflictError(
      `the answers index of ${shopDomain} changed while it was being updated; the update runs again`,
    );
  return { bytes, version: fromVersion + 1 };
}
