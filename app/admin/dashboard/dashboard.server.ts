/**
 * Reads what the dashboard shows (rollups, the lift, questions, the shop's flows) for the shop the
 * session named; the numbers themselves are built by dashboard.ts.
 */
import prisma from "../../db.server";
import { currencyDigits } from "../../attribution/money";
import { dayKey } from "../../analytics/days";
import { readRollupDashboardData } from "../../analytics/rollups/dashboard-data.server";
import { readQuestionLists } from "../../analytics/questions.server";
import { buildDashboard, dashboardCsv, parseSelection, type Dashboard } from "./dashboard";
import { readSettings } from "../settings/settings.server";
import { parseStoredFlow } from "../../flows/publish.server";
import { flowOutline, type FlowOutline } from "./flow-funnels";

export type DashboardResult = { ok: true; dashboard: Dashboard } | { ok: false; errors: string[] };

/** Days are the shop's own (its time zone), read from the daily rollups. */
export async function loadDashboard(
  shopDomain: string,
  search: URLSearchParams,
  now: number,
): Promise<DashboardResult> {
  const [settings, shop] = await Promise.all([
    readSettings(shopDomain),
    prisma.shop.findUnique({ where: { domain: shopDomain }, select: { currency: true, timeZone: true } }),
  ]);
  const timeZone = shop?.timeZone ?? "UTC";
  const parsed = parseSelection(search, {
    today: dayKey(now, timeZone),
    window: settings.attributionWindowDays,
    model: settings.attributionModel,
  });
  if (!parsed.ok) return parsed;
  const { from, to } = parsed.selection;
  const [data, questions, flows] = await Promise.all([
    readRollupDashboardData(shopDomain, parsed.selection, now, timeZone),
    readQuestionLists(shopDomain, from, to, timeZone),
    readFlowOutlines(shopDomain),
  ]);
  const currency = shop?.currency ?? (await creditCurrency(shopDomain));
  return { ok: true, dashboard: buildDashboard({ selection: parsed.selection, currency, ...data, questions, flows }) };
}

/** Before the shop's currency is synced, the currency its credits were written in (they are all one). */
async function creditCurrency(shopDomain: string): Promise<string> {
  return (await prisma.credit.findFirst({ where: { shopDomain }, select: { currency: true } }))?.currency ?? "USD";
}

/** The currency the shop's reports are in: its own, as Shopify gave it. */
export async function reportingCurrency(shopDomain: string): Promise<string> {
  const shop = await prisma.shop.findUnique({ where: { domain: shopDomain }, select: { currency: true } });
  return shop?.currency ?? (await creditCurrency(shopDomain));
}

/** Each flow as the storefront runs it (its draft until first published), in the order the merchant created them. */
async function readFlowOutlines(shopDomain: string): Promise<FlowOutline[]> {
  const rows = await prisma.flow.findMany({
    where: { shopDomain },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { id: true, name: true, draft: true, publishedVersion: true },
  });
  const published = rows.filter((row) => row.publishedVersion !== null);
  const versions = published.length
    ? await prisma.flowVersion.findMany({
        where: { shopDomain, OR: published.map((row) => ({ flowId: row.id, number: row.publishedVersion! })) },
        select: { flowId: true, definition: true },
      })
    : [];
  const definitions = new Map(versions.map((version) => [version.flowId, version.definition]));
  return rows.map((row) => flowOutline(row.id, row.name, parseStoredFlow(definitions.get(row.id) ?? row.draft)));
}

export async function exportDashboardCsv(
  shopDomain: string,
  search: URLSearchParams,
  now: number,
): Promise<{ ok: true; csv: string; filename: string } | { ok: false; errors: string[] }> {
  const result = await loadDashboard(shopDomain, search, now);
  if (!result.ok) return result;
  const { dashboard } = result;
  return {
    ok: true,
    csv: dashboardCsv(dashboard, currencyDigits(dashboard.currency)),
    filename: `chatlift-${dashboard.selection.from}-to-${dashboard.selection.to}.csv`,
  };
}
