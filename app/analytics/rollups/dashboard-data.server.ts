/**
 * The dashboard's inputs from DailyRollup rows: a 30-day range is 60 small rows whatever the
 * shop's traffic. Lift and conversion to purchase come from the days' visitor cohorts.
 */
import type { Arm } from "../../../contract/order-link";
import {
  armOutcome,
  conversionToMacroOf,
  emptyCohort,
  mergeCohorts,
  type CohortDay,
  type VisitorCohort,
} from "../cohort";
import { dayEnd } from "../days";
import { lift } from "../lift";
import type { CapturedDashboardData, DayRange } from "./captured-reference.server";
import { readDayRows } from "./day-rows.server";
import { ensureRollups } from "./freshness.server";

export interface RollupDashboardData extends CapturedDashboardData {
  /** When the rollups were last brought up to date; null until they are built for the shop's time zone. */
  refreshedAt: Date | null;
}

export async function readRollupDashboardData(
  shopDomain: string,
  range: DayRange,
  now: number,
  timeZone: string,
): Promise<RollupDashboardData> {
  const refreshedAt = await ensureRollups(shopDomain, timeZone, now);
  const rows = await readDayRows(shopDomain, range.from, range.to);
  const arms: Record<Arm, VisitorCohort> = { treatment: emptyCohort(), holdout: emptyCohort() };
  const days = new Map<string, VisitorCohort>();
  for (const row of rows) {
    mergeCohorts(arms[row.arm], row.cohort);
    mergeCohorts(days.get(row.day) ?? (days.set(row.day, emptyCohort()).get(row.day) as VisitorCohort), row.cohort);
  }
  const cohortDays: CohortDay[] = [...days].map(([day, cohort]) => ({ day, endsAt: dayEnd(day, timeZone), cohort }));
  return {
    rollups: rows.map((row) => row.rollup),
    lift: lift(armOutcome(arms.treatment), armOutcome(arms.holdout)),
    conversionToMacro: conversionToMacroOf(cohortDays, now),
    refreshedAt,
  };
}
