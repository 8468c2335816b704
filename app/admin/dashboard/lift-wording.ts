/**
 * What the lift card says, from the lift report's numbers. "pts" alone left merchants guessing,
 * and a bare "too small to say" next to an interval above zero contradicted itself: the interval
 * did say something, it is only not to be trusted yet. Each sentence here says what the numbers say.
 */
import type { LiftReport } from "../../analytics/lift";

export type LiftTone = "success" | "critical" | "info" | "attention";

export interface LiftStatement {
  badge: { tone: LiftTone; label: string };
  /** The difference in conversion rate, e.g. "+1.8 pts". */
  headline: string;
  /** The two rates and what "pts" means. */
  rates: string;
  /** The 95% interval in words, or null when there is none. */
  interval: string | null;
  /** Why the sample cannot back a claim yet; null when it can. */
  caution: string | null;
}

const percent = (share: number) => `${(share * 100).toFixed(1)}%`;
export const points = (share: number) => `${share >= 0 ? "+" : ""}${(share * 100).toFixed(1)} pts`;

type Side = "above" | "below" | "straddles" | "none";

function sideOfZero(lift: LiftReport): Side {
  const { lower, upper } = lift.conversionRate.interval;
  if (!Number.isFinite(lower) || !Number.isFinite(upper)) return "none";
  return lower > 0 ? "above" : upper < 0 ? "below" : "straddles";
}

export function liftStatement(lift: LiftReport): LiftStatement {
  const side = sideOfZero(lift);
  const { lower, upper } = lift.conversionRate.interval;
  const confidence = Math.round(lift.confidence * 100);
  const interval =
    side === "none"
      ? null
      : `${confidence}% interval ${points(lower)} to ${points(upper)}: ${
          side === "above"
            ? "entirely above zero"
            : side === "below"
              ? "entirely below zero"
              : "it includes zero, so no difference is as plausible as the one measured"
        }.`;
  const rates =
    `Treatment visitors converted at ${percent(lift.treatment.conversionRate)}, holdout visitors at ` +
    `${percent(lift.holdout.conversionRate)}; pts are percentage points, the difference of the two rates.`;
  const headline = points(lift.conversionRate.difference);
  if (lift.tooSmallToSay) {
    const caution = `Too few visitors to trust the interval yet: ${lift.reasons.join("; ")}.`;
    // The interval leans one way, but its normal approximation is not reliable at this size: an early sign, not a result.
    if (side === "above")
      return { badge: { tone: "attention", label: "Early sign of a lift" }, headline, rates, interval, caution };
    if (side === "below")
      return { badge: { tone: "attention", label: "Early sign of a drop" }, headline, rates, interval, caution };
    return { badge: { tone: "attention", label: "Too few visitors to say" }, headline, rates, interval, caution };
  }
  const badge: Record<Exclude<LiftReport["verdict"], "too_small_to_say">, LiftStatement["badge"]> = {
    lift: { tone: "success", label: "Chat lifts conversion" },
    drop: { tone: "critical", label: "Chat lowers conversion" },
    no_clear_difference: { tone: "info", label: "No clear difference yet" },
  };
  return {
    badge: badge[lift.verdict as keyof typeof badge] ?? badge.no_clear_difference,
    headline,
    rates,
    interval,
    caution: null,
  };
}
