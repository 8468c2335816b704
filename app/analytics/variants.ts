/**
 * Experiment variants, per day: how many treatment sessions were shown each variant of a flow,
 * how many of them reached that flow's micro-conversion, and the credit those sessions earned with its sum of
 * squares (a per-session variance for the experiments page's intervals). Revenue is kept for
 * every model and window ("last_touch:7" …), so changing the shop's default needs no rebuild.
 * Everything is a sum: days merge by addition.
 */

export interface VariantTotals {
  sessions: number;
  microSessions: number;
  /** "model:window" → [sum of per-session credit, sum of its squares], shop minor units. */
  revenue: Record<string, [number, number]>;
}

/** flowId → variantId → totals. */
export type VariantCounts = Record<string, Record<string, VariantTotals>>;

export interface VariantSession {
  /** flowId → the variant the session saw first. */
  variants: ReadonlyMap<string, string>;
  /** Flows whose own micro-conversion the session reached: a conversion in another flow does not count for this one's variant. */
  convertedFlows: ReadonlySet<string>;
  /** "model:window" → the session's credited revenue (direct + assisted). */
  revenue: ReadonlyMap<string, number>;
}

export function addVariantSession(counts: VariantCounts, session: VariantSession): void {
  for (const [flowId, variantId] of session.variants) {
    const flow = (counts[flowId] ??= {});
    const totals = (flow[variantId] ??= { sessions: 0, microSessions: 0, revenue: {} });
    totals.sessions += 1;
    if (session.convertedFlows.has(flowId)) totals.microSessions += 1;
    for (const [key, amount] of session.revenue) {
      const sums = (totals.revenue[key] ??= [0, 0]);
      sums[0] += amount;
      sums[1] += amount * amount;
    }
  }
}

export function mergeVariantCounts(into: VariantCounts, from: Readonly<VariantCounts>): VariantCounts {
  for (const [flowId, variants] of Object.entries(from)) {
    const flow = (into[flowId] ??= {});
    for (const [variantId, totals] of Object.entries(variants)) {
      const target = (flow[variantId] ??= { sessions: 0, microSessions: 0, revenue: {} });
      target.sessions += totals.sessions;
      target.microSessions += totals.microSessions;
      for (const [key, [sum, squares]] of Object.entries(totals.revenue)) {
        const sums = (target.revenue[key] ??= [0, 0]);
        sums[0] += sum;
        sums[1] += squares;
      }
    }
  }
  return into;
}
