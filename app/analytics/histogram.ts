/**
 * Why: a median that survives merging. Times (to a micro-conversion, to a person's first reply) are kept as
 * histograms of whole seconds, capped at a day, so the daily rollups add up over any range and the median
 * stays exact to the second.
 */
const SECOND_MS = 1000;
/** A day or more falls in this bucket. */
export const HISTOGRAM_CAP_S = 86_400;

export type SecondsHistogram = Record<string, number>;

/** Adds (sign 1) or removes (sign −1) one duration in ms. Mutates and returns `histogram`. */
export function addDuration(histogram: SecondsHistogram, ms: number, sign: 1 | -1 = 1): SecondsHistogram {
  const bucket = String(Math.min(HISTOGRAM_CAP_S, Math.floor(ms / SECOND_MS)));
  histogram[bucket] = (histogram[bucket] ?? 0) + sign;
  return histogram;
}

export function addHistograms(
  into: SecondsHistogram,
  from: Readonly<SecondsHistogram> | undefined,
  sign: 1 | -1 = 1,
): SecondsHistogram {
  for (const [bucket, count] of Object.entries(from ?? {})) {
    const sum = (into[bucket] ?? 0) + sign * count;
    // A session added then taken back leaves no empty bucket behind.
    if (sum) into[bucket] = sum;
    else delete into[bucket];
  }
  return into;
}

/** Median of a seconds histogram, in ms (mean of the two middle values for an even count); null when empty. */
export function histogramMedian(histogram: Readonly<SecondsHistogram>): number | null {
  const buckets = Object.entries(histogram)
    .map(([seconds, count]) => [Number(seconds), count] as const)
    .filter(([, count]) => count > 0)
    .sort((x, y) => x[0] - y[0]);
  const total = buckets.reduce((sum, [, count]) => sum + count, 0);
  if (!total) return null;
  const valueAt = (rank: number) => {
    let seen = 0;
    for (const [seconds, count] of buckets) {
      seen += count;
      if (seen > rank) return seconds * SECOND_MS;
    }
    return 0;
  };
  const middle = total >> 1;
  return total % 2 ? valueAt(middle) : (valueAt(middle - 1) + valueAt(middle)) / 2;
}
