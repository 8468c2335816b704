/**
 * An experiment's results page: per variant its micro-conversion rate and revenue per session,
 * and against the control the chance it is better, its significance and the sessions it still
 * needs before the merchant should trust the answer. With several challengers the significance
 * level is split between them (Bonferroni), so testing more variants does not make a lucky
 * winner more likely.
 */
import { wilsonInterval, type Interval } from "../../analytics/stats";
import { compareMeans, probabilityToBeat, sampleSizePerVariant, twoProportionTest } from "./stats";

/** Per-variant sums, as the daily rollups give them (money in the shop currency's minor units). */
export interface VariantCounts {
  variantId: string;
  sessions: number;
  microSessions: number;
  revenueMinor: number;
  revenueSquaresMinor: number;
}

export interface ReportOptions {
  controlVariantId: string;
  /** The variants in the experiment, in the merchant's order, with their traffic share. */
  split: readonly { variantId: string; weight: number }[];
  /** Relative change of the micro-conversion rate the merchant wants to detect (0.1 = 10%). */
  minimumDetectableEffect: number;
  alpha?: number;
  power?: number;
}

export interface AgainstControl {
  rateDifference: number;
  /** (variant − control) / control; null when the control has no micro-conversion yet. */
  relativeLift: number | null;
  probabilityToBeatControl: number;
  pValue: number;
  significant: boolean;
  revenuePerSessionDifferenceMinor: number;
  revenuePerSessionInterval: Interval;
  probabilityMoreRevenue: number;
}

export interface VariantResult {
  variantId: string;
  weight: number;
  isControl: boolean;
  sessions: number;
  microSessions: number;
  microConversionRate: number;
  rateInterval: Interval;
  revenueMinor: number;
  revenuePerSessionMinor: number;
  vsControl: AgainstControl | null;
  /** Sessions this variant needs in total; null until the control has a rate to plan from. */
  sessionsNeeded: number | null;
  sessionsStillNeeded: number | null;
}

export type Verdict = "collecting" | "winner" | "no_clear_winner";

export interface ExperimentReport {
  variants: VariantResult[];
  /** The per-comparison significance level after the Bonferroni split. */
  alpha: number;
  verdict: Verdict;
  /** The best variant by micro-conversion rate once the sample is complete. */
  leader: string | null;
  summary: string;
}

const empty = (variantId: string): VariantCounts => ({
  variantId,
  sessions: 0,
  microSessions: 0,
  revenueMinor: 0,
  revenueSquaresMinor: 0,
});
const percent = (value: number) => `${(100 * value).toFixed(value < 0.1 ? 1 : 0)}%`;

export function experimentReport(counts: readonly VariantCounts[], options: ReportOptions): ExperimentReport {
  const byId = new Map(counts.map((entry) => [entry.variantId, entry]));
  const control = byId.get(options.controlVariantId) ?? empty(options.controlVariantId);
  const challengers = Math.max(1, options.split.length - 1);
  const alpha = (options.alpha ?? 0.05) / challengers;
  const controlRate = control.sessions ? control.microSessions / control.sessions : 0;
  const needed = sampleSizePerVariant(controlRate, options.minimumDetectableEffect, alpha, options.power ?? 0.8);
  const moments = (entry: VariantCounts) => ({
    n: entry.sessions,
    sum: entry.revenueMinor,
    sumOfSquares: entry.revenueSquaresMinor,
  });

  const variants = options.split.map(({ variantId, weight }): VariantResult => {
    const entry = byId.get(variantId) ?? empty(variantId);
    const isControl = variantId === options.controlVariantId;
    const rate = entry.sessions ? entry.microSessions / entry.sessions : 0;
    let vsControl: AgainstControl | null = null;
    if (!isControl) {
      const test = twoProportionTest(
        { successes: control.microSessions, trials: control.sessions },
        { successes: entry.microSessions, trials: entry.sessions },
      );
      const revenue = compareMeans(moments(control), moments(entry));
      vsControl = {
        rateDifference: test.difference,
        relativeLift: controlRate > 0 ? (rate - controlRate) / controlRate : null,
        probabilityToBeatControl: probabilityToBeat(
          { successes: control.microSessions, trials: control.sessions },
          { successes: entry.microSessions, trials: entry.sessions },
        ),
        pValue: test.pValue,
        significant: test.pValue < alpha,
        revenuePerSessionDifferenceMinor: revenue.difference,
        revenuePerSessionInterval: { lower: revenue.lower, upper: revenue.upper },
        probabilityMoreRevenue: revenue.probabilityHigher,
      };
    }
    return {
      variantId,
      weight,
      isControl,
      sessions: entry.sessions,
      microSessions: entry.microSessions,
      microConversionRate: rate,
      rateInterval: wilsonInterval(entry.microSessions, entry.sessions),
      revenueMinor: entry.revenueMinor,
      revenuePerSessionMinor: entry.sessions ? entry.revenueMinor / entry.sessions : 0,
      vsControl,
      sessionsNeeded: needed,
      sessionsStillNeeded: needed === null ? null : Math.max(0, needed - entry.sessions),
    };
  });

  const complete = variants.every((variant) => variant.sessionsStillNeeded === 0);
  const significantWinners = variants.filter(
    (variant) => variant.vsControl?.significant && variant.vsControl.rateDifference > 0,
  );
  const significantLosers = variants.filter(
    (variant) => variant.vsControl?.significant && variant.vsControl.rateDifference < 0,
  );
  if (!complete) {
    const still = Math.max(0, ...variants.map((variant) => variant.sessionsStillNeeded ?? 0));
    return {
      variants,
      alpha,
      verdict: "collecting",
      leader: null,
      summary:
        needed === null
          ? "Collecting data: the control needs micro-conversions before the sample size can be planned."
          : `Collecting data: about ${still.toLocaleString("en-US")} more sessions per variant to detect a ${percent(options.minimumDetectableEffect)} change.`,
    };
  }
  if (significantWinners.length) {
    const best = significantWinners.reduce((a, b) => (b.microConversionRate > a.microConversionRate ? b : a));
    return {
      variants,
      alpha,
      verdict: "winner",
      leader: best.variantId,
      summary: `${best.variantId} beats ${options.controlVariantId} (${percent(best.vsControl!.probabilityToBeatControl)} chance it is better, p = ${best.vsControl!.pValue.toFixed(4)}).`,
    };
  }
  if (significantLosers.length === variants.length - 1 && variants.length > 1) {
    return {
      variants,
      alpha,
      verdict: "winner",
      leader: options.controlVariantId,
      summary: `${options.controlVariantId} (the control) beats every challenger.`,
    };
  }
  return {
    variants,
    alpha,
    verdict: "no_clear_winner",
    leader: null,
    summary: "The sample is complete and no variant differs clearly from the control: keep the simpler one.",
  };
}
