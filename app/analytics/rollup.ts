/**
 * Daily rollups: the dashboard reads sums, not millions of events. Everything in a rollup is
 * additive, so
 * - a day is updated incrementally: when a session gains events or an order is re-attributed,
 *   subtract its old contribution and add the new one (sign −1 / +1), no re-scan of the day;
 * - a period is the merge (sum) of its days, and both arms merge into "all".
 * Time to micro-conversion is kept as a histogram of whole seconds (capped at a day) so its
 * median survives merging, exact to the second. Distinct-visitor metrics are not additive and
 * are not here (see metrics.ts).
 */
import type { Arm } from "../../contract/order-link";
import type { MicroConversionKind } from "../../contract/events";
import type { Credit } from "../attribution/types";
import { addAnswerCounts, emptyAnswerCounts, type AnswerCounts } from "./answers";
import { addFlowProgress, funnels, mergeFlowCounts, type FlowCounts, type FlowFunnel } from "./funnel";
import { addDuration, addHistograms, histogramMedian } from "./histogram";
import { ratio } from "./metrics";
import {
  addQualityBreakdown,
  addQualityCounts,
  emptyQualityCounts,
  mergeQualityBreakdown,
  qualityOf,
  type QualityBreakdown,
  type QualityCounts,
} from "./quality";
import { isEngaged, isMicroBounce, timeToMicro, type SessionFacts } from "./session-facts";

export interface CreditTotals {
  /** Orders with a positive credit under this model and window. */
  orders: number;
  direct: number;
  assisted: number;
}

export interface Rollup {
  /** Inclusive shop-local days, "YYYY-MM-DD"; a daily rollup has from === to. */
  from: string;
  to: string;
  arm: Arm | "all";
  sessions: number;
  sessionsWithMicro: number;
  microConversions: number;
  microByKind: Partial<Record<MicroConversionKind, number>>;
  chatOpened: number;
  microBounces: number;
  engagedSessions: number;
  /** Whole seconds to first micro-conversion → sessions (histogram.ts: the last bucket means "a day or more"). */
  timeToMicroSeconds: Record<string, number>;
  flows: Record<string, FlowCounts>;
  /** Keyed "last_touch:7" etc.: credited revenue, net of refunds, in shop minor units. */
  credited: Record<string, CreditTotals>;
  /** Questions asked and answered (answers.ts); absent from days rolled up before answers existed. */
  answers?: AnswerCounts;
  /** How conversations went (quality.ts); absent from days rolled up before it was counted. */
  quality?: QualityCounts;
  /** The same per flow the conversation ran and per language it was answered in (quality.ts). */
  qualityBy?: QualityBreakdown;
}

export function emptyRollup(day: string, arm: Arm | "all"): Rollup {
  return {
    from: day,
    to: day,
    arm,
    sessions: 0,
    sessionsWithMicro: 0,
    microConversions: 0,
    microByKind: {},
    chatOpened: 0,
    microBounces: 0,
    engagedSessions: 0,
    timeToMicroSeconds: {},
    flows: {},
    credited: {},
    answers: emptyAnswerCounts(),
    quality: emptyQualityCounts(),
  };
}

/** Adds (sign 1) or removes (sign −1) one session's contribution. Mutates and returns `rollup`. */
export function addSession(rollup: Rollup, facts: SessionFacts, sign: 1 | -1 = 1): Rollup {
  rollup.sessions += sign;
  rollup.microConversions += sign * facts.microConversions.length;
  if (facts.microConversions.length) rollup.sessionsWithMicro += sign;
  for (const micro of facts.microConversions)
    rollup.microByKind[micro.kind] = (rollup.microByKind[micro.kind] ?? 0) + sign;
  if (facts.chatOpenedAt !== null) rollup.chatOpened += sign;
  if (isMicroBounce(facts)) rollup.microBounces += sign;
  if (isEngaged(facts)) rollup.engagedSessions += sign;
  const time = timeToMicro(facts);
  if (time !== null) addDuration(rollup.timeToMicroSeconds, time, sign);
  addFlowProgress(rollup.flows, facts.flows, sign);
  const quality = qualityOf(facts);
  addQualityCounts((rollup.quality ??= emptyQualityCounts()), quality, sign);
  addQualityBreakdown((rollup.qualityBy ??= { flow: {}, locale: {} }), facts, quality, sign);
  return rollup;
}

/** Replaces a session's old contribution (null if new) with its current one. */
export function applySessionChange(rollup: Rollup, before: SessionFacts | null, after: SessionFacts): Rollup {
  if (before) addSession(rollup, before, -1);
  return addSession(rollup, after, 1);
}

/** Adds or removes ONE order's credits (every model and window) to the order's day. */
export function addOrderCredits(rollup: Rollup, credits: readonly Credit[], sign: 1 | -1 = 1): Rollup {
  const perKey = new Map<string, CreditTotals>();
  for (const credit of credits) {
    const key = `${credit.model}:${credit.windowDays}`;
    const totals = perKey.get(key) ?? { orders: 0, direct: 0, assisted: 0 };
    totals[credit.type] += credit.amount;
    perKey.set(key, totals);
  }
  for (const [key, totals] of perKey) {
    const target = (rollup.credited[key] ??= { orders: 0, direct: 0, assisted: 0 });
    if (totals.direct + totals.assisted > 0) target.orders += sign;
    target.direct += sign * totals.direct;
    target.assisted += sign * totals.assisted;
  }
  return rollup;
}

/** A new rollup covering both; neither input changes. */
export function mergeRollups(a: Rollup, b: Rollup): Rollup {
  const merged = emptyRollup(a.from < b.from ? a.from : b.from, a.arm === b.arm ? a.arm : "all");
  merged.to = a.to > b.to ? a.to : b.to;
  for (const source of [a, b]) {
    merged.sessions += source.sessions;
    merged.sessionsWithMicro += source.sessionsWithMicro;
    merged.microConversions += source.microConversions;
    merged.chatOpened += source.chatOpened;
    merged.microBounces += source.microBounces;
    merged.engagedSessions += source.engagedSessions;
    addCounts(merged.microByKind, source.microByKind);
    addHistograms(merged.timeToMicroSeconds, source.timeToMicroSeconds);
    mergeFlowCounts(merged.flows, source.flows);
    addAnswerCounts((merged.answers ??= emptyAnswerCounts()), source.answers);
    addQualityCounts((merged.quality ??= emptyQualityCounts()), source.quality);
    mergeQualityBreakdown((merged.qualityBy ??= { flow: {}, locale: {} }), source.qualityBy);
    for (const [key, totals] of Object.entries(source.credited)) {
      const target = (merged.credited[key] ??= { orders: 0, direct: 0, assisted: 0 });
      target.orders += totals.orders;
      target.direct += totals.direct;
      target.assisted += totals.assisted;
    }
  }
  return merged;
}

function addCounts<K extends string>(into: Partial<Record<K, number>>, from: Partial<Record<K, number>>): void {
  for (const [key, count] of Object.entries(from) as [K, number][]) into[key] = (into[key] ?? 0) + count;
}

export interface RollupSummary {
  microConversionsPerSession: number;
  shareOfSessionsWithMicro: number;
  microBounceRate: number;
  /** ms, to the second; null without micro-conversions. */
  medianTimeToMicro: number | null;
  /** Keyed like `credited`: (direct + assisted) per engaged session, minor units. */
  revenuePerEngagedSession: Record<string, number>;
  funnels: FlowFunnel[];
}

export function summarizeRollup(
  rollup: Rollup,
  stepOrder?: Readonly<Record<string, readonly string[]>>,
): RollupSummary {
  const revenuePerEngagedSession: Record<string, number> = {};
  for (const [key, totals] of Object.entries(rollup.credited)) {
    revenuePerEngagedSession[key] = ratio(totals.direct + totals.assisted, rollup.engagedSessions);
  }
  return {
    microConversionsPerSession: ratio(rollup.microConversions, rollup.sessions),
    shareOfSessionsWithMicro: ratio(rollup.sessionsWithMicro, rollup.sessions),
    microBounceRate: ratio(rollup.microBounces, rollup.chatOpened),
    medianTimeToMicro: histogramMedian(rollup.timeToMicroSeconds),
    revenuePerEngagedSession,
    funnels: funnels(rollup.flows, stepOrder),
  };
}
