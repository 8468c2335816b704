/**
 * The holdout lift: how much more treatment visitors (who may see prompts) convert and spend
 * than holdout visitors (who never do), with 95% intervals, and an honest "too small to say"
 * when the sample cannot support a claim. This, not credited revenue, is what chat causes.
 *
 * The unit is the visitor (arms are assigned per visitor). A converting visitor placed at
 * least one order that was not cancelled; revenue is net of refunds, in shop minor units.
 */
import type { Arm } from "../../contract/order-link";
import { meanOf, newcombeInterval, welchInterval, type Interval, type Moments } from "./stats";

/**
 * Below these, say nothing. Under 10 converting visitors an arm's conversion count and the
 * long-tailed revenue distribution are too lumpy for the normal approximations behind Welch's
 * interval (one big order swings the mean); under 100 visitors even a large lift comes with an
 * interval wider than the effect. Both rules of thumb come from the two-proportion literature
 * (at least ~10 events and non-events per group) and err on the side of not claiming.
 */
export const MIN_VISITORS_PER_ARM = 100;
export const MIN_CONVERTING_VISITORS_PER_ARM = 10;

export interface ArmOutcome {
  visitors: number;
  convertingVisitors: number;
  /** Revenue per visitor as sums over visitors (n = visitors; non-buyers count as 0). */
  revenue: Moments;
}

export interface ArmSummary {
  visitors: number;
  convertingVisitors: number;
  conversionRate: number;
  revenue: number;
  revenuePerVisitor: number;
}

export interface Effect {
  /** Treatment minus holdout. */
  difference: number;
  /** difference / holdout value; null when the holdout value is 0. */
  relative: number | null;
  interval: Interval;
}

export type LiftVerdict = "too_small_to_say" | "lift" | "drop" | "no_clear_difference";

export interface LiftReport {
  confidence: number;
  treatment: ArmSummary;
  holdout: ArmSummary;
  conversionRate: Effect;
  revenuePerVisitor: Effect & { degreesOfFreedom: number };
  tooSmallToSay: boolean;
  /** Why the sample is too small, in the merchant's words. */
  reasons: string[];
  /** From the conversion-rate interval: above zero, below zero, or straddling it. */
  verdict: LiftVerdict;
}

export function lift(treatment: ArmOutcome, holdout: ArmOutcome, confidence = 0.95): LiftReport {
  const t = summarize(treatment);
  const h = summarize(holdout);
  const conversion = newcombeInterval(
    treatment.convertingVisitors,
    treatment.visitors,
    holdout.convertingVisitors,
    holdout.visitors,
    confidence,
  );
  const revenue = welchInterval(treatment.revenue, holdout.revenue, confidence);
  const reasons: string[] = [];
  for (const [arm, outcome] of [
    ["treatment", treatment],
    ["holdout", holdout],
  ] as const) {
    if (outcome.visitors < MIN_VISITORS_PER_ARM)
      reasons.push(`${arm} has ${outcome.visitors} visitors (needs ${MIN_VISITORS_PER_ARM})`);
    if (outcome.convertingVisitors < MIN_CONVERTING_VISITORS_PER_ARM) {
      reasons.push(
        `${arm} has ${outcome.convertingVisitors} converting visitors (needs ${MIN_CONVERTING_VISITORS_PER_ARM})`,
      );
    }
  }
  const tooSmallToSay = reasons.length > 0;
  const verdict: LiftVerdict = tooSmallToSay
    ? "too_small_to_say"
    : conversion.lower > 0
      ? "lift"
      : conversion.upper < 0
        ? "drop"
        : "no_clear_difference";
  return {
    confidence,
    treatment: t,
    holdout: h,
    conversionRate: effect(t.conversionRate, h.conversionRate, conversion),
    revenuePerVisitor: {
      ...effect(t.revenuePerVisitor, h.revenuePerVisitor, revenue),
      degreesOfFreedom: revenue.degreesOfFreedom,
    },
    tooSmallToSay,
    reasons,
    verdict,
  };
}

function summarize(outcome: ArmOutcome): ArmSummary {
  return {
    visitors: outcome.visitors,
    convertingVisitors: outcome.convertingVisitors,
    conversionRate: outcome.visitors ? outcome.convertingVisitors / outcome.visitors : 0,
    revenue: outcome.revenue.sum,
    revenuePerVisitor: meanOf(outcome.revenue),
  };
}

function effect(treatment: number, holdout: number, interval: Interval): Effect {
  return {
    difference: treatment - holdout,
    relative: holdout === 0 ? null : (treatment - holdout) / holdout,
    interval: { lower: interval.lower, upper: interval.upper },
  };
}

export interface ArmVisitor {
  visitorId: string;
  arm: Arm;
}

export interface VisitorPurchase {
  visitorId: string;
  /** Net of refunds, shop minor units. */
  revenue: number;
  cancelled: boolean;
}

export interface ArmOutcomes {
  treatment: ArmOutcome;
  holdout: ArmOutcome;
  /** Purchases whose visitor is not among the experiment's visitors (not counted). */
  unmatchedPurchases: number;
}

/** Per-arm outcomes from visitors and their purchases (orders mapped to visitors by the caller). */
export function armOutcomes(visitors: readonly ArmVisitor[], purchases: readonly VisitorPurchase[]): ArmOutcomes {
  const armOf = new Map<string, Arm>();
  // A visitor keeps the first arm seen: assignment is sticky, a second arm is a tracking glitch.
  for (const visitor of visitors) if (!armOf.has(visitor.visitorId)) armOf.set(visitor.visitorId, visitor.arm);
  const spent = new Map<string, number>();
  let unmatchedPurchases = 0;
  for (const purchase of purchases) {
    if (!armOf.has(purchase.visitorId)) {
      unmatchedPurchases += 1;
      continue;
    }
    if (purchase.cancelled) continue;
    spent.set(purchase.visitorId, (spent.get(purchase.visitorId) ?? 0) + purchase.revenue);
  }
  const outcome = (): ArmOutcome => ({
    visitors: 0,
    convertingVisitors: 0,
    revenue: { n: 0, sum: 0, sumOfSquares: 0 },
  });
  const result = { treatment: outcome(), holdout: outcome() };
  for (const [visitorId, arm] of armOf) {
    const target = result[arm];
    const revenue = spent.get(visitorId);
    target.visitors += 1;
    target.revenue.n += 1;
    if (revenue !== undefined) {
      target.convertingVisitors += 1;
      target.revenue.sum += revenue;
      target.revenue.sumOfSquares += revenue * revenue;
    }
  }
  return { ...result, unmatchedPurchases };
}
