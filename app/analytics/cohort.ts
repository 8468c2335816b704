/**
 * Visitor cohorts: the visitor-level numbers (holdout lift, conversion to purchase) made
 * additive across days by counting each visitor once, on one day:
 * - lift: on the day the visitor was FIRST SEEN, in the arm of that first session, with every
 *   purchase their chat sessions led to since (a cohort, as experiments count it: a visitor
 *   assigned in the period and what they did afterwards);
 * - conversion to purchase: on the day of their FIRST micro-conversion, whether they bought
 *   within 7, 14 and 30 days of it.
 * A range is then the sum of its days, and only the visitors whose day changed are re-read.
 */
import type { Arm } from "../../contract/order-link";
import type { ArmOutcome } from "./lift";
import { MACRO_WINDOWS, ratio, type MacroConversion } from "./metrics";

const DAY_MS = 86_400_000;

export interface VisitorPurchase {
  at: number;
  /** Net of refunds, shop minor units. */
  net: number;
  cancelled: boolean;
}

export interface VisitorRecord {
  id: string;
  arm: Arm;
  firstSeenAt: number;
  firstMicroAt: number | null;
  purchases: readonly VisitorPurchase[];
}

export interface VisitorCohort {
  /** Visitors first seen this day (in this arm). */
  visitors: number;
  /** …with at least one purchase not cancelled. */
  convertingVisitors: number;
  /** Sums over those visitors of their net revenue and its square. */
  revenue: number;
  revenueSquares: number;
  /** Visitors whose first micro-conversion was this day. */
  microConverters: number;
  /** …who bought within 7 / 14 / 30 days of it. */
  buyersWithin: Record<string, number>;
}

export function emptyCohort(): VisitorCohort {
  return { visitors: 0, convertingVisitors: 0, revenue: 0, revenueSquares: 0, microConverters: 0, buyersWithin: {} };
}

/** Adds the visitor to the lift part of their first-seen day's cohort. */
export function addNewVisitor(cohort: VisitorCohort, visitor: VisitorRecord): void {
  let spent = 0;
  let converted = false;
  for (const purchase of visitor.purchases) {
    if (purchase.cancelled) continue;
    converted = true;
    spent += purchase.net;
  }
  cohort.visitors += 1;
  if (converted) {
    cohort.convertingVisitors += 1;
    cohort.revenue += spent;
    cohort.revenueSquares += spent * spent;
  }
}

/** Adds the visitor to the conversion-to-purchase part of their first micro-conversion's day. */
export function addMicroConverter(cohort: VisitorCohort, visitor: VisitorRecord): void {
  const from = visitor.firstMicroAt;
  if (from === null) return;
  cohort.microConverters += 1;
  for (const days of MACRO_WINDOWS) {
    const until = from + days * DAY_MS;
    if (visitor.purchases.some((purchase) => !purchase.cancelled && purchase.at > from && purchase.at <= until)) {
      cohort.buyersWithin[days] = (cohort.buyersWithin[days] ?? 0) + 1;
    }
  }
}

export function mergeCohorts(into: VisitorCohort, from: Readonly<VisitorCohort>): VisitorCohort {
  into.visitors += from.visitors;
  into.convertingVisitors += from.convertingVisitors;
  into.revenue += from.revenue;
  into.revenueSquares += from.revenueSquares;
  into.microConverters += from.microConverters;
  for (const [days, count] of Object.entries(from.buyersWithin))
    into.buyersWithin[days] = (into.buyersWithin[days] ?? 0) + count;
  return into;
}

/** The lift's per-arm outcome from an arm's merged cohort (non-buyers count as 0 revenue). */
export function armOutcome(cohort: Readonly<VisitorCohort>): ArmOutcome {
  return {
    visitors: cohort.visitors,
    convertingVisitors: cohort.convertingVisitors,
    revenue: { n: cohort.visitors, sum: cohort.revenue, sumOfSquares: cohort.revenueSquares },
  };
}

export interface CohortDay {
  /** Shop-local day of the cohort. */
  day: string;
  /** When that day ends (exclusive), ms: its micro-converters are judged once their window has passed. */
  endsAt: number;
  cohort: Readonly<VisitorCohort>;
}

/**
 * Share of micro-converters who bought within 7, 14 and 30 days. A day's micro-converters are
 * left out of a window until that window has elapsed for the whole day (day end + N days ≤
 * asOf): counting them earlier would understate the ratio for recent weeks.
 */
export function conversionToMacroOf(days: readonly CohortDay[], asOf: number): MacroConversion[] {
  return MACRO_WINDOWS.map((window) => {
    let microConverters = 0;
    let buyers = 0;
    for (const { endsAt, cohort } of days) {
      if (endsAt + window * DAY_MS > asOf) continue;
      microConverters += cohort.microConverters;
      buyers += cohort.buyersWithin[window] ?? 0;
    }
    return { days: window, microConverters, buyers, share: ratio(buyers, microConverters) };
  });
}
