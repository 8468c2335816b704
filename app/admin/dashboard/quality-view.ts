/**
 * Why: the quality numbers as the dashboard shows them: the period's rates, the same rates day by day for the
 * chart (a merchant would rather see containment and CSAT move than read them), and one row per flow (under
 * the name the merchant gave it) and per language the shoppers were answered in. Pure: dashboard.ts hands in
 * the merged rollups.
 */
import {
  NO_LANGUAGE,
  qualityRates,
  type QualityBreakdown,
  type QualityCounts,
  type QualityRates,
} from "../../analytics/quality";
import type { FlowOutline } from "./flow-funnels";

export interface QualityDay {
  day: string;
  conversations: number;
  /** Shares 0..1; null on a day without conversations (or ratings, for CSAT): the chart leaves a gap. */
  containment: number | null;
  handoffRate: number | null;
  csat: number | null;
}

export interface QualityRow extends QualityRates {
  key: string;
  /** The flow's name, the language's code, or "No question asked". */
  label: string;
}

export interface QualityView extends QualityRates {
  series: QualityDay[];
  byFlow: QualityRow[];
  byLanguage: QualityRow[];
}

const mostConversations = (a: QualityRow, b: QualityRow) =>
  b.conversations - a.conversations || a.label.localeCompare(b.label);

export function qualityView(
  total: QualityRates,
  breakdown: QualityBreakdown | undefined,
  days: readonly { day: string; counts: QualityCounts | undefined }[],
  flows: readonly FlowOutline[],
): QualityView {
  const names = new Map(flows.map((flow) => [flow.id, flow.name]));
  const rows = (part: Record<string, QualityCounts> | undefined, label: (key: string) => string) =>
    Object.entries(part ?? {})
      .map(([key, counts]) => ({ key, label: label(key), ...qualityRates(counts) }))
      .filter((row) => row.conversations > 0)
      .sort(mostConversations);
  return {
    ...total,
    series: days.map(({ day, counts }) => {
      const rates = counts ? qualityRates(counts) : null;
      return {
        day,
        conversations: rates?.conversations ?? 0,
        containment: rates?.containment ?? null,
        handoffRate: rates?.handoffRate ?? null,
        csat: rates?.csat ?? null,
      };
    }),
    byFlow: rows(breakdown?.flow, (id) => names.get(id) ?? id),
    byLanguage: rows(breakdown?.locale, (locale) => (locale === NO_LANGUAGE ? "No question asked" : locale)),
  };
}
