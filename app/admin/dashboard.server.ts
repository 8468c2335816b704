import prisma from "../db.server";
import { currencyDigits } from "../attribution/money";
import { buildDashboard, dashboardCsv, parseSelection, type Dashboard } from "./dashboard";
import { readCapturedDashboardData } from "./captured-rollups.server";
import { readSettings } from "./settings.server";

export type DashboardResult = { ok: true; dashboard: Dashboard } | { ok: false; errors: string[] };

export async function loadDashboard(shopDomain: string, search: URLSearchParams, now: number): Promise<DashboardResult> {
  const [settings, shop] = await Promise.all([readSettings(shopDomain), prisma.shop.findUnique({ where: { domain: shopDomain }, select: { currency: true } })]);
  const parsed = parseSelection(search, { today: new Date(now).toISOString().slice(0, 10), window: settings.attributionWindowDays, model: settings.attributionModel });
  if (!parsed.ok) return parsed;
  const data = await readCapturedDashboardData(shopDomain, parsed.selection, now);
  const currency = shop?.currency ?? (await prisma.credit.findFirst({ where: { shopDomain }, select: { currency: true } }))?.currency ?? "USD";
  return { ok: true, dashboard: buildDashboard({ selection: parsed.selection, currency, ...data }) };
}

export async function exportDashboardCsv(shopDomain: string, search: URLSearchParams, now: number): Promise<{ ok: true; csv: string; filename: string } | { ok: false; errors: string[] }> {
  const result = await loadDashboard(shopDomain, search, now);
  if (!result.ok) return result;
  const { dashboard } = result;
  return {
    ok: true,
    csv: dashboardCsv(dashboard, currencyDigits(dashboard.currency)),
    filename: `chatlift-${dashboard.selection.from}-to-${dashboard.selection.to}.csv`,
  };
}
