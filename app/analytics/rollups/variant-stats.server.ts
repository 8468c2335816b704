/**
 * Per experiment variant of a flow, over shop-local days (of the sessions' start): treatment
 * sessions shown the variant (ChatEvent.flowId/variantId; a session counts once per flow, for
 * the variant it saw first), how many of them had a micro-conversion, and the credit they
 * earned under the shop's default model and window with its sum of squares (for a variance).
 * Read from the daily rollups, which keep these counts per day for every model and window;
 * like the dashboard, it trails the storefront by up to a minute.
 */
import prisma from "../../db.server";
import { mergeVariantCounts, type VariantCounts } from "../variants";
import { readDayParts } from "./day-facts.server";
import { readVariantRows } from "./day-rows.server";
import { ensureRollups } from "./freshness.server";

export interface VariantStats {
  variantId: string;
  sessions: number;
  microSessions: number;
  revenueMinor: number;
  revenueSquaresMinor: number;
}

export async function readVariantStats(
  shopDomain: string,
  flowId: string,
  fromDay: string,
  toDay: string,
): Promise<VariantStats[]> {
  const shop = await prisma.shop.findUnique({
    where: { domain: shopDomain },
    select: { timeZone: true, attributionModel: true, attributionWindowDays: true },
  });
  if (!shop) return [];
  await ensureRollups(shopDomain, shop.timeZone, Date.now());
  const counts: VariantCounts = {};
  for (const variants of await readVariantRows(shopDomain, fromDay, toDay)) mergeVariantCounts(counts, variants);
  return variantStatsOf(counts, flowId, `${shop.attributionModel}:${shop.attributionWindowDays}`);
}

/** The same numbers straight from the raw tables: the reference the rollups must equal. */
export async function readVariantStatsFromRawTables(
  shopDomain: string,
  flowId: string,
  fromDay: string,
  toDay: string,
): Promise<VariantStats[]> {
  const shop = await prisma.shop.findUnique({
    where: { domain: shopDomain },
    select: { timeZone: true, attributionModel: true, attributionWindowDays: true },
  });
  if (!shop) return [];
  const counts: VariantCounts = {};
  for (const parts of (await readDayParts(shopDomain, fromDay, toDay, shop.timeZone)).values())
    mergeVariantCounts(counts, parts.variants);
  return variantStatsOf(counts, flowId, `${shop.attributionModel}:${shop.attributionWindowDays}`);
}

export function variantStatsOf(counts: Readonly<VariantCounts>, flowId: string, key: string): VariantStats[] {
  return Object.entries(counts[flowId] ?? {})
    .map(([variantId, totals]) => {
      const [revenueMinor, revenueSquaresMinor] = totals.revenue[key] ?? [0, 0];
      return {
        variantId,
        sessions: totals.sessions,
        microSessions: totals.microSessions,
        revenueMinor,
        revenueSquaresMinor,
      };
    })
    .sort((a, b) => (a.variantId < b.variantId ? -1 : a.variantId > b.variantId ? 1 : 0));
}
