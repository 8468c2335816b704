/**
 * The shop's synced sources in the database. Shopify delivers webhooks at least once and in any order, and a
 * full pass may read a product while a webhook for it is on its way: every write compares Shopify's own
 * updatedAt with the stored one, and the newer wins. Deleted sources stay as tombstones until the next full
 * pass, so the index can drop them and a late, older update cannot bring them back.
 */
import prisma from "../../db.server";
import type { ProductTranslationKeys } from "./product-translations";
import { rowOf, type SourceDocument, type SourceRow } from "./source-rows";

export interface SourceWrite {
  document: SourceDocument;
  /** Shopify's updatedAt of the object (a translation carries its primary's). */
  sourceUpdatedAt: Date;
  /** A primary product's: the ids its option and metafield translations are keyed by. */
  translationKeys?: ProductTranslationKeys;
}

export interface WriteReport {
  written: number;
  /** Older than what is stored: left as it is (only marked as seen by this pass). */
  stale: number;
}

const key = (id: string, locale: string) => `${id}\u0000${locale}`;

/** Writes sources, newest wins; one read and one transaction per call (a page of a pass, or one webhook). */
export async function writeSources(shopDomain: string, writes: SourceWrite[], now = new Date()): Promise<WriteReport> {
  if (!writes.length) return { written: 0, stale: 0 };
  const stored = await prisma.knowledgeSource.findMany({
    where: { shopDomain, id: { in: [...new Set(writes.map((write) => write.document.id))] } },
    select: { id: true, locale: true, sourceUpdatedAt: true },
  });
  const storedAt = new Map(stored.map((row) => [key(row.id, row.locale), row.sourceUpdatedAt]));
  const report: WriteReport = { written: 0, stale: 0 };
  const statements = writes.map(({ document, sourceUpdatedAt, translationKeys }) => {
    const previous = storedAt.get(key(document.id, document.locale));
    const where = { shopDomain_id_locale: { shopDomain, id: document.id, locale: document.locale } };
    if (previous && previous > sourceUpdatedAt) {
      report.stale += 1;
      return prisma.knowledgeSource.update({ where, data: { syncedAt: now }, select: { id: true } });
    }
    report.written += 1;
    const data = { ...rowOf(document, translationKeys), sourceUpdatedAt, deletedAt: null, syncedAt: now };
    return previous
      ? prisma.knowledgeSource.update({ where, data, select: { id: true } })
      : prisma.knowledgeSource.create({ data: { shopDomain, ...data }, select: { id: true } });
  });
  await prisma.$transaction(statements);
  return report;
}

/** Stamped on what Shopify deleted for good: no update, however late, is newer. */
export const GONE_FOREVER = new Date("9999-12-31T00:00:00.000Z");

/**
 * Takes a source out of the answers, in every locale (or only those given: a translation removed).
 * - `gone`: Shopify deleted it (products/delete). Ids are never reused, so nothing may bring it back; a
 *   product never stored gets a tombstone, so its late create changes nothing.
 * - otherwise it was hidden (a draft, an unpublished page) as of Shopify's `updatedAt`: a newer update shows it again.
 */
export async function markSourceDeleted(
  shopDomain: string,
  source: { id: string; type: SourceRow["type"] },
  change:
    { gone: true; at: Date; tombstoneLocale: string } | { gone: false; updatedAt: Date; at: Date; locales?: string[] },
): Promise<number> {
  if (change.gone) {
    const { count } = await prisma.knowledgeSource.updateMany({
      where: { shopDomain, id: source.id },
      data: { deletedAt: change.at, sourceUpdatedAt: GONE_FOREVER, syncedAt: change.at },
    });
    if (!count) {
      await prisma.knowledgeSource.create({
        data: {
          shopDomain,
          id: source.id,
          locale: change.tombstoneLocale,
          type: source.type,
          title: "",
          body: "",
          sourceUpdatedAt: GONE_FOREVER,
          deletedAt: change.at,
          syncedAt: change.at,
        },
      });
    }
    return count;
  }
  const { count } = await prisma.knowledgeSource.updateMany({
    where: {
      shopDomain,
      id: source.id,
      sourceUpdatedAt: { lte: change.updatedAt },
      ...(change.locales ? { locale: { in: change.locales } } : {}),
    },
    data: { deletedAt: change.at, sourceUpdatedAt: change.updatedAt, syncedAt: change.at },
  });
  return count;
}

/** Shopify's updatedAt of a stored source, in whichever locale is newest (tombstones included), or null. */
export async function storedUpdatedAt(shopDomain: string, id: string): Promise<Date | null> {
  const row = await prisma.knowledgeSource.findFirst({
    where: { shopDomain, id },
    orderBy: { sourceUpdatedAt: "desc" },
    select: { sourceUpdatedAt: true },
  });
  return row?.sourceUpdatedAt ?? null;
}

/** The stored, live rows of these ids in a locale (what a translation is laid over). */
export async function liveRows(
  shopDomain: string,
  ids: string[],
  locale: string,
): Promise<(SourceRow & { sourceUpdatedAt: Date })[]> {
  if (!ids.length) return [];
  const rows = await prisma.knowledgeSource.findMany({
    where: { shopDomain, id: { in: ids }, locale, deletedAt: null },
  });
  return rows.map((row) => ({ ...row, type: row.type as SourceRow["type"] }));
}

/** After a full pass: what it did not reach is gone from Shopify; tombstones older than `purgeBefore` go for good. */
export async function sweepUnseen(
  shopDomain: string,
  passStartedAt: Date,
  now: Date,
  purgeBefore: Date,
): Promise<{ deleted: number; purged: number }> {
  const [deleted, purged] = await prisma.$transaction([
    prisma.knowledgeSource.updateMany({
      where: { shopDomain, deletedAt: null, syncedAt: { lt: passStartedAt } },
      data: { deletedAt: now, syncedAt: now },
    }),
    prisma.knowledgeSource.deleteMany({ where: { shopDomain, deletedAt: { lt: purgeBefore } } }),
  ]);
  return { deleted: deleted.count, purged: purged.count };
}

export interface SourceCounts {
  products: number;
  pages: number;
  policies: number;
  translations: number;
}

/** Live sources in the primary locale by type, and rows in every other locale. */
export async function countSources(shopDomain: string, primaryLocale: string): Promise<SourceCounts> {
  const groups = await prisma.knowledgeSource.groupBy({
    by: ["type"],
    where: { shopDomain, deletedAt: null, locale: primaryLocale },
    _count: { _all: true },
  });
  const count = (type: string) => groups.find((group) => group.type === type)?._count._all ?? 0;
  const translations = await prisma.knowledgeSource.count({
    where: { shopDomain, deletedAt: null, locale: { not: primaryLocale } },
  });
  return { products: count("product"), pages: count("page"), policies: count("policy"), translations };
}
