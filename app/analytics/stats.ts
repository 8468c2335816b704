/**
 * The few distributions and intervals the lift report needs, written out instead of pulling a
 * statistics package into the server bundle. Each is checked in tests against published
 * worked examples (Newcombe 1998) and reference values (SciPy).
 */

export interface Interval {
  lower: number;
  upper: number;
}

/** Standard normal CDF; the lower tail is computed directly so far tails keep their digits. */
export function normalCdf(x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  return x < 0 ? normalUpperTail(-x) : 1 - normalUpperTail(x);
}

/** P(Z > x) for x ≥ 0: erf's Maclaurin series below t = 3, erfc's continued fraction above. */
function normalUpperTail(x: number): number {
  const t = x / Math.SQRT2;
  if (t < 3) {
    let term = t;
    let total = t;
    for (let n = 1; n < 200 && Math.abs(term) > 1e-17 * Math.abs(total); n++) {
      term *= (-t * t) / n;
      total += term / (2 * n + 1);
    }
    return 0.5 - total / Math.sqrt(Math.PI);
  }
  // Modified Lentz on erfc(t) = e^(−t²)/√π · 1/(t + ½/(t + 1/(t + 3⁄2/(t + …)))).
  let f = t;
  let c = t;
  let d = 0;
  for (let n = 1; n < 300; n++) {
    const a = n / 2;
    d = t + a * d;
    d = d === 0 ? 1e300 : 1 / d;
    c = t + a / c;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return (0.5 * Math.exp(-t * t)) / (f * Math.sqrt(Math.PI));
}

/** Inverse of a monotone increasing CDF on (lo, hi) by bisection: slow but exact to the bit. */
function invert(cdf: (x: number) => number, p: number, lo: number, hi: number): number {
  for (let i = 0; i < 200; i++) {
    const mid = (lo + hi) / 2;
    if (mid === lo || mid === hi) break;
    if (cdf(mid) < p) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

const quantileCache = new Map<string, number>();

export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`probability ${p} is not inside (0, 1)`);
  const key = `z${p}`;
  let z = quantileCache.get(key);
  if (z === undefined) {
    z = invert(normalCdf, p, -40, 40);
    quantileCache.set(key, z);
  }
  return z;
}

/** ln Γ(x) by the Lanczos approximation (g = 7, n = 9), x > 0. */
function logGamma(x: number): number {
  const g = 7;
  const coefficients = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
    12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
  ];
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const y = x - 1;
  let a = coefficients[0] as number;
  const t = y + g + 0.5;
  for (let i = 1; i < g + 2; i++) a += (coefficients[i] as number) / (y + i);
  return 0.5 * Math.log(2 * Math.PI) + (y + 0.5) * Math.log(t) - t + Math.log(a);
}

/** Continued fraction of the regularized incomplete beta function (modified Lentz). */
function betaFraction(a: number, b: number, x: number): number {
  const tiny = 1e-300;
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  d = Math.abs(d) < tiny ? 1 / tiny : 1 / d;
  let h = d;
  for (let m = 1; m <= 1000; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((a - 1 + m2) * (a + m2));
    d = 1 + aa * d;
    d = Math.abs(d) < tiny ? 1 / tiny : 1 / d;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    h *= d * c;
    aa = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + 1 + m2));
    d = 1 + aa * d;
    d = Math.abs(d) < tiny ? 1 / tiny : 1 / d;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-15) break;
  }
  return h;
}

/** I_x(a, b), the regularized incomplete beta function. */
export function incompleteBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const front = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log(1 - x));
  return x < (a + 1) / (a + b + 2) ? (front * betaFraction(a, b, x)) / a : 1 - (front * betaFraction(b, a, 1 - x)) / b;
}

/** Student's t CDF with `df` degrees of freedom (df may be fractional, as Welch's is). */
export function studentTCdf(t: number, df: number): number {
  if (!Number.isFinite(df)) return normalCdf(t);
  const tail = 0.5 * incompleteBeta(df / (df + t * t), df / 2, 0.5);
  return t > 0 ? 1 - tail : tail;
}

export function studentTQuantile(p: number, df: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`probability ${p} is not inside (0, 1)`);
  if (!(df > 0)) throw new RangeError(`degrees of freedom ${df} must be positive`);
  if (!Number.isFinite(df) || df > 1e7) return normalQuantile(p);
  const key = `t${p}|${df}`;
  let t = quantileCache.get(key);
  if (t === undefined) {
    t = invert((x) => studentTCdf(x, df), p, -1e8, 1e8);
    quantileCache.set(key, t);
  }
  return t;
}

/** Wilson score interval for a proportion, without continuity correction (Newcombe's method 3). */
export function wilsonInterval(successes: number, trials: number, confidence = 0.95): Interval {
  if (trials <= 0) return { lower: 0, upper: 1 };
  const z = normalQuantile(1 - (1 - confidence) / 2);
  const p = successes / trials;
  const z2 = z * z;
  const denominator = 1 + z2 / trials;
  const centre = (p + z2 / (2 * trials)) / denominator;
  const half = (z / denominator) * Math.sqrt((p * (1 - p)) / trials + z2 / (4 * trials * trials));
  return { lower: Math.max(0, centre - half), upper: Math.min(1, centre + half) };
}

/**
 * Newcombe's hybrid score interval (1998, method 10) for p1 − p2: it combines the two Wilson
 * intervals, stays inside [−1, 1] and keeps near-nominal coverage with small counts or rates
 * near 0, where the textbook Wald interval misleads.
 */
export function newcombeInterval(x1: number, n1: number, x2: number, n2: number, confidence = 0.95): Interval {
  const p1 = n1 ? x1 / n1 : 0;
  const p2 = n2 ? x2 / n2 : 0;
  const w1 = wilsonInterval(x1, n1, confidence);
  const w2 = wilsonInterval(x2, n2, confidence);
  const difference = p1 - p2;
  return {
    lower: difference - Math.sqrt((p1 - w1.lower) ** 2 + (w2.upper - p2) ** 2),
    upper: difference + Math.sqrt((w1.upper - p1) ** 2 + (p2 - w2.lower) ** 2),
  };
}

/** Sample moments as sums, so they merge across days and arms by addition. */
export interface Moments {
  n: number;
  sum: number;
  sumOfSquares: number;
}

export function meanOf(m: Moments): number {
  return m.n ? m.sum / m.n : 0;
}

/** Unbiased sample variance (n − 1). */
export function varianceOf(m: Moments): number {
  if (m.n < 2) return 0;
  const mean = m.sum / m.n;
  return Math.max(0, (m.sumOfSquares - m.n * mean * mean) / (m.n - 1));
}

export interface WelchResult extends Interval {
  difference: number;
  standardError: number;
  degreesOfFreedom: number;
}

/**
 * Welch's t interval for mean1 − mean2 with unequal variances (Welch–Satterthwaite degrees of
 * freedom). Revenue per visitor is mostly zeros with a long tail; with the sample sizes the
 * "too small to say" rule demands, the t interval's coverage is adequate and, unlike a
 * bootstrap, it is exact arithmetic that merges from daily sums.
 */
export function welchInterval(a: Moments, b: Moments, confidence = 0.95): WelchResult {
  const difference = meanOf(a) - meanOf(b);
  const va = a.n ? varianceOf(a) / a.n : 0;
  const vb = b.n ? varianceOf(b) / b.n : 0;
  const standardError = Math.sqrt(va + vb);
  if (a.n < 2 || b.n < 2 || standardError === 0) {
    return { difference, standardError, degreesOfFreedom: Number.NaN, lower: difference, upper: difference };
  }
  const degreesOfFreedom = (va + vb) ** 2 / (va ** 2 / (a.n - 1) + vb ** 2 / (b.n - 1));
  const t = studentTQuantile(1 - (1 - confidence) / 2, degreesOfFreedom);
  return {
    difference,
    standardError,
    degreesOfFreedom,
    lower: difference - t * standardError,
    upper: difference + t * standardError,
  };
}
