import prisma from "../../db.server";
import { currencyDigits } from "../../attribution/money";
import { dayKey } from "../../analytics/days";
import { readRollupDashboardData } from "../../analytics/rollups/dashboard-data.server";
import { readQuestionLists } from "../../analytics/questions.server";
import { buildDashboard, dashboardCsv, parseSelection, type Dashboard } from "./dashboard";
import { readSettings } from "../settings/settings.server";

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
  const [data, questions] = await Promise.all([
    readRollupDashboardData(shopDomain, parsed.selection, now, timeZone),
    readQuestionLists(shopDomain, from, to, timeZone),
  ]);
  const currency =
    shop?.currency ??
    (await prisma.credit.findFirst({ where: { shopDomain }, select: { currency: true } }))?.currency ??
    "USD";
  return { ok: true, dashboard: buildDashboard({ selection: parsed.selection, currency, ...data, questions }) };
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
