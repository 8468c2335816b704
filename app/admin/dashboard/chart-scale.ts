/**
 * Axis values for the dashboard's plain SVG charts: round tick steps (1, 2, 5 × 10ⁿ) so a merchant
 * reads "40" and "80" off the axis instead of guessing a peak, and a few dated marks along time.
 */

/** Ticks from 0 up to at least `max`, about `count` steps; counts of sessions never get half steps. */
export function niceTicks(max: number, count = 4, integer = false): number[] {
  const top = Number.isFinite(max) && max > 0 ? max : 1;
  const raw = top / count;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const normalized = raw / magnitude;
  let step = (normalized <= 1 ? 1 : normalized <= 2 ? 2 : normalized <= 5 ? 5 : 10) * magnitude;
  if (integer) step = Math.max(1, Math.round(step));
  const ticks: number[] = [];
  // Rounded at each step: 0.1 + 0.2 must print as 0.3.
  for (let value = 0; ticks.length === 0 || (ticks.at(-1) as number) < top; value += step)
    ticks.push(Number(value.toPrecision(12)));
  return ticks;
}

/** Up to `count` evenly spread indexes into a series of days, always the first and the last. */
export function dayTickIndexes(length: number, count = 5): number[] {
  if (length <= 0) return [];
  if (length <= count) return Array.from({ length }, (_, index) => index);
  const indexes = new Set<number>();
  for (let i = 0; i < count; i += 1) indexes.add(Math.round((i * (length - 1)) / (count - 1)));
  return [...indexes].sort((a, b) => a - b);
}

/** Symmetric-enough bounds around zero for an interval plot: zero always shows, with a little room. */
export function intervalDomain(values: readonly number[]): [number, number] {
  const finite = values.filter(Number.isFinite);
  const low = Math.min(0, ...finite);
  const high = Math.max(0, ...finite);
  const pad = (high - low || 1) * 0.1;
  return [low - pad, high + pad];
}
