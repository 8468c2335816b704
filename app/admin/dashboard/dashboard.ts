/**
 * The dashboard's numbers, from daily rollups (additive, one per day and arm) and the holdout
 * lift. Pure: the service hands in what it read; the page and the CSV export read the result.
 */
import { z } from "zod";
import { problemsOf } from "../../platform/validation/zod-errors";
import { MODELS, WINDOWS, type Model, type WindowDays } from "../../attribution/types";
import { emptyRollup, mergeRollups, summarizeRollup, type Rollup } from "../../analytics/rollup";
import { namedFunnels, stepOrderOf, type FlowOutline, type NamedFunnel } from "./flow-funnels";
import type { LiftReport } from "../../analytics/lift";
import type { MacroConversion } from "../../analytics/metrics";
import { ratio } from "../../analytics/metrics";
import { daysBetween, daysOf, shiftDay } from "../../analytics/days";
import { answerRates, emptyAnswerCounts, type AnswerRates, type TopQuestion } from "../../analytics/answers";
import { emptyQualityCounts, qualityRates } from "../../analytics/quality";
import { qualityView, type QualityView } from "./quality-view";

/** A year of days keeps the series readable and the query bounded. */
export const MAX_RANGE_DAYS = 366;
const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: "dates are YYYY-MM-DD" });

export interface DashboardSelection {
  from: string;
  to: string;
  window: WindowDays;
  model: Model;
}

export const selectionSchema = z
  .object({
    from: isoDay.optional(),
    to: isoDay.optional(),
    window: z.coerce
      .number()
      .refine((days) => (WINDOWS as readonly number[]).includes(days), {
        error: `window must be one of ${WINDOWS.join(", ")} days`,
      })
      .optional(),
    model: z.enum(MODELS, { error: `model must be one of ${MODELS.join(", ")}` }).optional(),
  })
  .refine((value) => !value.from || !value.to || value.from <= value.to, {
    error: "the start date must not be after the end date",
  });

/** Query string → selection; defaults are the last 30 days and the shop's own window and model. */
export function parseSelection(
  search: URLSearchParams,
  defaults: { today: string; window: WindowDays; model: Model },
): { ok: true; selection: DashboardSelection } | { ok: false; errors: string[] } {
  const raw = Object.fromEntries([...search].filter(([, value]) => value !== ""));
  const result = selectionSchema.safeParse(raw);
  if (!result.success) return { ok: false, errors: problemsOf(result.error).map((problem) => problem.message) };
  const to = result.data.to ?? defaults.today;
  const from = result.data.from ?? shiftDay(to, -29);
  if (daysBetween(from, to) + 1 > MAX_RANGE_DAYS)
    return { ok: false, errors: [`choose at most ${MAX_RANGE_DAYS} days`] };
  return {
    ok: true,
    selection: {
      from,
      to,
      window: (result.data.window as WindowDays | undefined) ?? defaults.window,
      model: result.data.model ?? defaults.model,
    },
  };
}

export { shiftDay, daysBetween, daysOf };

export interface SeriesPoint {
  day: string;
  sessions: number;
  engagedSessions: number;
  microConversions: number;
  /** Direct + assisted under the selected model and window, minor units. */
  creditedRevenue: number;
}

export interface Dashboard {
  selection: DashboardSelection;
  currency: string;
  /** ISO time the rollups behind these numbers were last refreshed; null while the first build runs. */
  refreshedAt: string | null;
  empty: boolean;
  cards: {
    sessions: number;
    engagedSessions: number;
    microConversionRate: number;
    microConversions: number;
    conversionToMacro: MacroConversion[];
    creditedDirect: number;
    creditedAssisted: number;
    creditedOrders: number;
    revenuePerEngagedSession: number;
    lift: LiftReport;
  };
  series: SeriesPoint[];
  funnels: NamedFunnel[];
  topMicroConversions: { kind: string; count: number; share: number }[];
  answers: AnswerRates & { mostAsked: TopQuestion[]; mostUnanswered: TopQuestion[]; capped: boolean };
  /** How conversations went (analytics/quality.ts), per day, flow and language; counted from 2026-12-04. */
  quality: QualityView;
}

export interface DashboardInputs {
  selection: DashboardSelection;
  currency: string;
  /** Daily rollups, any arm, any order; days outside the selection are ignored. */
  rollups: readonly Rollup[];
  lift: LiftReport;
  conversionToMacro: MacroConversion[];
  refreshedAt?: Date | null;
  /** Read from the events directly (free text does not sum in rollups), newest first, bounded. */
  questions?: { mostAsked: TopQuestion[]; mostUnanswered: TopQuestion[]; capped: boolean };
  /** The shop's flows in the merchant's order: funnel names and step order come from them. */
  flows?: readonly FlowOutline[];
}

export function buildDashboard({
  selection,
  currency,
  rollups,
  lift,
  conversionToMacro,
  refreshedAt = null,
  questions,
  flows = [],
}: DashboardInputs): Dashboard {
  const key = `${selection.model}:${selection.window}`;
  const byDay = new Map<string, Rollup>();
  let total = emptyRollup(selection.from, "all");
  total.to = selection.to;
  for (const rollup of rollups) {
    if (rollup.from < selection.from || rollup.to > selection.to) continue;
    byDay.set(rollup.from, mergeRollups(byDay.get(rollup.from) ?? emptyRollup(rollup.from, "all"), rollup));
    total = mergeRollups(total, rollup);
  }
  const summary = summarizeRollup(total, stepOrderOf(flows));
  const credited = total.credited[key] ?? { orders: 0, direct: 0, assisted: 0 };
  const series = daysOf(selection.from, selection.to).map((day) => {
    const rollup = byDay.get(day);
    const revenue = rollup?.credited[key];
    return {
      day,
      sessions: rollup?.sessions ?? 0,
      engagedSessions: rollup?.engagedSessions ?? 0,
      microConversions: rollup?.microConversions ?? 0,
      creditedRevenue: revenue ? revenue.direct + revenue.assisted : 0,
    };
  });
  const topMicroConversions = Object.entries(total.microByKind)
    .filter(([, count]) => (count ?? 0) > 0)
    .map(([kind, count]) => ({ kind, count: count ?? 0, share: ratio(count ?? 0, total.microConversions) }))
    .sort((a, b) => b.count - a.count || (a.kind < b.kind ? -1 : 1));
  return {
    selection,
    currency,
    refreshedAt: refreshedAt?.toISOString() ?? null,
    empty: total.sessions === 0,
    cards: {
      sessions: total.sessions,
      engagedSessions: total.engagedSessions,
      microConversionRate: summary.shareOfSessionsWithMicro,
      microConversions: total.microConversions,
      conversionToMacro,
      creditedDirect: credited.direct,
      creditedAssisted: credited.assisted,
      creditedOrders: credited.orders,
      revenuePerEngagedSession: summary.revenuePerEngagedSession[key] ?? 0,
      lift,
    },
    series,
    funnels: namedFunnels(summary.funnels, flows),
    topMicroConversions,
    answers: {
      ...answerRates(total.answers ?? emptyAnswerCounts()),
      mostAsked: questions?.mostAsked ?? [],
      mostUnanswered: questions?.mostUnanswered ?? [],
      capped: questions?.capped ?? false,
    },
    quality: qualityView(
      qualityRates(total.quality ?? emptyQualityCounts(), total.answers),
      total.qualityBy,
      series.map((point) => ({ day: point.day, counts: byDay.get(point.day)?.quality })),
      flows,
    ),
  };
}

/** The daily series as CSV (money in major units, so spreadsheets sum it as shown). */
export function dashboardCsv(dashboard: Dashboard, fractionDigits: number): string {
  const money = (minor: number) => (minor / 10 ** fractionDigits).toFixed(fractionDigits);
  const { model, window } = dashboard.selection;
  const header = [
    "day",
    "sessions",
    "engaged_sessions",
    "micro_conversions",
    `credited_revenue_${dashboard.currency.toLowerCase()}_${model}_${window}d`,
  ];
  const lines = dashboard.series.map((point) =>
    [point.day, point.sessions, point.engagedSessions, point.microConversions, money(point.creditedRevenue)].join(","),
  );
  return [header.join(","), ...lines].join("\r\n") + "\r\n";
}
