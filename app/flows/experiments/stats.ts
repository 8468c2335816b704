/**
 * The statistics of an A/B/n flow experiment, in pure arithmetic over counts and sums (so they
 * come straight from the daily rollups): the chance a variant's micro-conversion rate beats the
 * control's, a significance test for the same difference, revenue per session compared with
 * Welch's test, and the sample a chosen minimum detectable effect still needs.
 */
import { normalCdf, normalQuantile, welchInterval, type Moments } from "../../analytics/stats";

export interface Proportion {
  successes: number;
  trials: number;
}

/**
 * P(p_B > p_A) with uniform priors, i.e. Beta(1 + x, 1 + n − x) posteriors, exactly: Evan
 * Miller's closed form, a sum over B's successes. Consecutive terms differ by a rational
 * factor, so the sum runs in log space without any gamma function.
 */
export function probabilityToBeat(control: Proportion, variant: Proportion): number {
  const aA = 1 + control.successes;
  const bA = 1 + control.trials - control.successes;
  const aB = 1 + variant.successes;
  const bB = 1 + variant.trials - variant.successes;
  // term_0 = B(aA, bA + bB) / B(aA, bA) = Π_{j<bB} (bA + j) / (aA + bA + j)
  let logTerm = 0;
  for (let j = 0; j < bB; j += 1) logTerm += Math.log(bA + j) - Math.log(aA + bA + j);
  const logs: number[] = [logTerm];
  for (let i = 0; i < aB - 1; i += 1) {
    logTerm +=
      Math.log(aA + i) -
      Math.log(aA + bA + bB + i) +
      Math.log(1 + i + bB) -
      Math.log(1 + i) +
      Math.log(bB + i) -
      Math.log(bB + i + 1);
    logs.push(logTerm);
  }
  const top = Math.max(...logs);
  const total = logs.reduce((sum, value) => sum + Math.exp(value - top), 0);
  return Math.min(1, Math.max(0, Math.exp(top) * total));
}

export interface ProportionTest {
  difference: number;
  z: number;
  /** Two-sided p-value of the pooled two-proportion z-test. */
  pValue: number;
}

export function twoProportionTest(control: Proportion, variant: Proportion): ProportionTest {
  const p1 = control.trials ? control.successes / control.trials : 0;
  const p2 = variant.trials ? variant.successes / variant.trials : 0;
  const difference = p2 - p1;
  const pooled =
    control.trials + variant.trials ? (control.successes + variant.successes) / (control.trials + variant.trials) : 0;
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / Math.max(1, control.trials) + 1 / Math.max(1, variant.trials)));
  if (!(se > 0)) return { difference, z: 0, pValue: 1 };
  const z = difference / se;
  return { difference, z, pValue: Math.min(1, 2 * normalCdf(-Math.abs(z))) };
}

/**
 * Sessions each variant needs to detect a relative change `mde` of the baseline rate with a
 * two-sided test at `alpha` and the given power (Fleiss's formula without continuity
 * correction). 10% → 12% at 5% and 80% power: 3,841 per variant.
 */
export function sampleSizePerVariant(baselineRate: number, mde: number, alpha = 0.05, power = 0.8): number | null {
  const p1 = baselineRate;
  const p2 = baselineRate * (1 + mde);
  if (!(p1 > 0 && p1 < 1) || !(p2 > 0 && p2 < 1) || mde === 0) return null;
  const zAlpha = normalQuantile(1 - alpha / 2);
  const zBeta = normalQuantile(power);
  const mean = (p1 + p2) / 2;
  const numerator = zAlpha * Math.sqrt(2 * mean * (1 - mean)) + zBeta * Math.sqrt(p1 * (1 - p1) + p2 * (1 - p2));
  return Math.ceil((numerator * numerator) / ((p2 - p1) * (p2 - p1)));
}

export interface MeanComparison {
  difference: number;
  lower: number;
  upper: number;
  /** P(the variant's mean is higher), from the normal approximation of the difference. */
  probabilityHigher: number;
}

/** Revenue per session (minor units) of a variant against the control: Welch's interval. */
export function compareMeans(control: Moments, variant: Moments, confidence = 0.95): MeanComparison {
  const result = welchInterval(variant, control, confidence);
  const probabilityHigher =
    result.standardError > 0
      ? normalCdf(result.difference / result.standardError)
      : result.difference > 0
        ? 1
        : result.difference < 0
          ? 0
          : 0.5;
  return { difference: result.difference, lower: result.lower, upper: result.upper, probabilityHigher };
}
