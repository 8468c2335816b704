/**
 * Why: a question must not pay for parsing its shop's index (megabytes, a cold load) every time, nor
 * be answered for long from an index the sync has since rewritten. Loaded indexes stay in a cache
 * bounded by their serialized bytes; a shop's stored version is checked again at most every few
 * seconds (one indexed read), and a newer version is loaded once however many questions wait for it.
 */
import prisma from "../db.server";
import { INDEX_FORMAT, type KnowledgeIndex } from "./knowledge-index";
import { ByteBoundedLru } from "./index-cache";
import { loadKnowledgeIndex } from "./sync/index-store.server";

/** Memory for loaded indexes per app process, in serialized bytes (CHATLIFT_ANSWERS_CACHE_MB, default 256). */
export const CACHE_BYTES = Number(process.env.CHATLIFT_ANSWERS_CACHE_MB ?? 256) * 1024 * 1024;
/** How long a loaded index is trusted before its stored version is checked again. */
export const RECHECK_MS = 5_000;

interface Loaded {
  index: KnowledgeIndex;
  version: number;
  checkedAt: number;
}

const cache = new ByteBoundedLru<string, Loaded>(CACHE_BYTES);
const loading = new Map<string, Promise<KnowledgeIndex | null>>();

/** The shop's index as the sync last stored it, or null when none is built yet (or in an older format). */
export async function indexOf(shopDomain: string, now = Date.now()): Promise<KnowledgeIndex | null> {
  const cached = cache.get(shopDomain);
  if (cached && now - cached.checkedAt < RECHECK_MS) return cached.index;
  const pending = loading.get(shopDomain);
  if (pending) return pending;
  const load = refresh(shopDomain, cached, now).finally(() => loading.delete(shopDomain));
  loading.set(shopDomain, load);
  return load;
}

async function refresh(shopDomain: string, cached: Loaded | undefined, now: number): Promise<KnowledgeIndex | null> {
  const row = await prisma.knowledgeIndex.findUnique({
    where: { shopDomain },
    select: { version: true, format: true, bytes: true },
  });
  if (!row || row.format !== INDEX_FORMAT) {
    cache.delete(shopDomain);
    return null;
  }
  if (cached && cached.version === row.version) {
    cached.checkedAt = now;
    return cached.index;
  }
  const stored = await loadKnowledgeIndex(shopDomain);
  if (!stored) {
    cache.delete(shopDomain);
    return null;
  }
  cache.set(shopDomain, { index: stored.index, version: stored.version, checkedAt: now }, row.bytes);
  return stored.index;
}

/** For tests: forget every loaded index. */
export function forgetLoadedIndexes(): void {
  cache.clear();
  loading.clear();
}
