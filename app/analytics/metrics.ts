/**
 * The micro-conversion playbook's metrics, computed exactly from session facts over a period.
 * The additive ones also come from daily rollups (rollup.ts); the visitor-level ones
 * (conversion to macro, repeat engagement) need distinct visitors and are computed here from
 * the period's facts.
 */
import { addFlowProgress, funnels, type FlowCounts, type FlowFunnel } from "./funnel";
import { isEngaged, isMicroBounce, timeToMicro, type SessionFacts } from "./session-facts";

const DAY_MS = 86_400_000;
export const MACRO_WINDOWS = [7, 14, 30] as const;

export interface MicroConversionRate {
  sessions: number;
  microConversions: number;
  /** Micro-conversions per session. */
  perSession: number;
  sessionsWithMicro: number;
  /** Share of sessions with at least one micro-conversion. */
  shareOfSessions: number;
}

export function microConversionRate(sessions: readonly SessionFacts[]): MicroConversionRate {
  let microConversions = 0;
  let sessionsWithMicro = 0;
  for (const facts of sessions) {
    microConversions += facts.microConversions.length;
    if (facts.microConversions.length) sessionsWithMicro += 1;
  }
  return {
    sessions: sessions.length,
    microConversions,
    perSession: ratio(microConversions, sessions.length),
    sessionsWithMicro,
    shareOfSessions: ratio(sessionsWithMicro, sessions.length),
  };
}

export interface Purchase {
  visitorId: string;
  at: number;
}

export interface MacroConversion {
  days: (typeof MACRO_WINDOWS)[number];
  /** Micro-converters whose whole window has elapsed by `asOf` (the others cannot be judged yet). */
  microConverters: number;
  buyers: number;
  share: number;
}

/**
 * Share of micro-converting visitors who bought within 7, 14 and 30 days of their first
 * micro-conversion. Visitors whose window is still open at `asOf` are left out of that
 * window's denominator: counting them would understate the ratio for recent weeks.
 */
export function conversionToMacro(
  sessions: readonly SessionFacts[],
  purchases: readonly Purchase[],
  asOf: number,
): MacroConversion[] {
  const firstMicro = new Map<string, number>();
  for (const facts of sessions) {
    for (const micro of facts.microConversions) {
      const known = firstMicro.get(facts.visitorId);
      if (known === undefined || micro.at < known) firstMicro.set(facts.visitorId, micro.at);
    }
  }
  const purchasesByVisitor = new Map<string, number[]>();
  for (const purchase of purchases) {
    if (!firstMicro.has(purchase.visitorId)) continue;
    const list = purchasesByVisitor.get(purchase.visitorId);
    if (list) list.push(purchase.at);
    else purchasesByVisitor.set(purchase.visitorId, [purchase.at]);
  }
  return MACRO_WINDOWS.map((days) => {
    let microConverters = 0;
    let buyers = 0;
    for (const [visitorId, from] of firstMicro) {
      const until = from + days * DAY_MS;
      if (until > asOf) continue;
      microConverters += 1;
      if (purchasesByVisitor.get(visitorId)?.some((at) => at > from && at <= until)) buyers += 1;
    }
    return { days, microConverters, buyers, share: ratio(buyers, microConverters) };
  });
}

/** Credited revenue (one model and window, net of refunds) per engaged session. */
export function revenuePerEngagedSession(
  sessions: readonly SessionFacts[],
  credits: readonly { sessionId: string; amount: number }[],
): { engagedSessions: number; revenue: number; perSession: number } {
  const engaged = new Set(sessions.filter(isEngaged).map((facts) => facts.sessionId));
  let revenue = 0;
  for (const credit of credits) if (engaged.has(credit.sessionId)) revenue += credit.amount;
  return { engagedSessions: engaged.size, revenue, perSession: ratio(revenue, engaged.size) };
}

/** Median of the sessions' time to first micro-conversion, in ms; null without any. */
export function medianTimeToMicro(sessions: readonly SessionFacts[]): number | null {
  const times: number[] = [];
  for (const facts of sessions) {
    const time = timeToMicro(facts);
    if (time !== null) times.push(time);
  }
  if (!times.length) return null;
  times.sort((a, b) => a - b);
  const middle = times.length >> 1;
  return times.length % 2 ? (times[middle] as number) : ((times[middle - 1] as number) + (times[middle] as number)) / 2;
}

/** Share of sessions that opened chat and left without a micro-conversion. */
export function microBounceRate(sessions: readonly SessionFacts[]): { opened: number; bounced: number; rate: number } {
  let opened = 0;
  let bounced = 0;
  for (const facts of sessions) {
    if (facts.chatOpenedAt !== null) opened += 1;
    if (isMicroBounce(facts)) bounced += 1;
  }
  return { opened, bounced, rate: ratio(bounced, opened) };
}

/** Share of engaged visitors who engaged in two sessions or more. */
export function repeatEngagementRate(sessions: readonly SessionFacts[]): {
  engagedVisitors: number;
  repeatVisitors: number;
  rate: number;
} {
  const engagedSessions = new Map<string, number>();
  for (const facts of sessions) {
    if (isEngaged(facts)) engagedSessions.set(facts.visitorId, (engagedSessions.get(facts.visitorId) ?? 0) + 1);
  }
  let repeatVisitors = 0;
  for (const count of engagedSessions.values()) if (count >= 2) repeatVisitors += 1;
  return { engagedVisitors: engagedSessions.size, repeatVisitors, rate: ratio(repeatVisitors, engagedSessions.size) };
}

export function flowFunnels(
  sessions: readonly SessionFacts[],
  stepOrder?: Readonly<Record<string, readonly string[]>>,
): FlowFunnel[] {
  const counts: Record<string, FlowCounts> = {};
  for (const facts of sessions) addFlowProgress(counts, facts.flows);
  return funnels(counts, stepOrder);
}

export function ratio(part: number, whole: number): number {
  return whole ? part / whole : 0;
}
