/**
 * Why: the sandbox shop must be the same on every machine and every run (the labelled questions point at its
 * ids), so every choice comes from a small seeded generator; product n depends only on n and the seed, which
 * keeps the first 600 products identical whether 600 or 10,000 are generated.
 */
export type Random = () => number;

/** mulberry32: tiny, fast, good enough for picking words. */
export function seeded(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;

export function pickSome<T>(random: Random, items: readonly T[], count: number): T[] {
  const pool = [...items];
  const chosen: T[] = [];
  while (chosen.length < count && pool.length) chosen.push(pool.splice(Math.floor(random() * pool.length), 1)[0] as T);
  return chosen;
}

export const chance = (random: Random, p: number) => random() < p;

/** Fills {slots} in a template from the given values. */
export const fill = (template: string, values: Record<string, string>) =>
  template.replace(/\{(\w+)\}/g, (_, key: string) => values[key] ?? "");
