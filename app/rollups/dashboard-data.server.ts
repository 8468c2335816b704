/**
 * The dashboard's inputs from DailyRollup rows: a 30-day range is 60 small rows whatever the
 * shop's traffic. Lift and conversion to purchase come from the days' visitor cohorts.
 */
import prisma from "../db.server";
import type { Arm } from "../capture/order-link";
import { armOutcome, conversionToMacroOf, emptyCohort, mergeCohorts, type CohortDay, type VisitorCohort } from "../analytics/cohort";
import { dayEnd } from "../analytics/days";
import { lift } from "../analytics/lift";
import type { CapturedDashboardData, DayRange } from "../admin/captured-rollups.server";
import { readDayRows } from "./day-rows.server";
import { refreshShopRollupsFully } from "./refresh.server";
import { ROLLUP_JOB, upsertRefreshJob } from "./refresh-requests.server";

export interface RollupDashboardData extends CapturedDashboardData {
  /** When the rollups were last brought up to date; null until they are built for the shop's time zone. */
  refreshedAt: Date | null;
}

/** Up to this many sessions a first build takes about a second: done inline instead of queued. */
const INLINE_BUILD_SESSIONS = 10_000;

export async function readRollupDashboardData(shopDomain: string, range: DayRange, now: number, timeZone: string): Promise<RollupDashboardData> {
  let state = await prisma.rollupState.findUnique({ where: { shopDomain }, select: { refreshedAt: true, timeZone: true, rebuildStartedAt: true } });
  // Never built (a shop from before rollups) or cut in another time zone: build now when small,
  // otherwise ask the job and say so on the page.
  if (!state || state.timeZone !== timeZone) {
    const large = await prisma.chatSession.findFirst({ where: { shopDomain }, skip: INLINE_BUILD_SESSIONS, select: { id: true } });
    if (!large) {
      await refreshShopRollupsFully(shopDomain, new Date(now));
      state = await prisma.rollupState.findUnique({ where: { shopDomain }, select: { refreshedAt: true, timeZone: true, rebuildStartedAt: true } });
    } else if (!(await prisma.job.findFirst({ where: { kind: ROLLUP_JOB, dedupeKey: shopDomain }, select: { id: true } }))) {
      await upsertRefreshJob(prisma, shopDomain, new Date(now), new Date(now));
    }
  }
  const current = state !== null && state.timeZone === timeZone && state.rebuildStartedAt === null;
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
    refreshedAt: current ? (state?.refreshedAt ?? null) : null,
  };
}
