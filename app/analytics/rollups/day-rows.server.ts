/** DailyRollup rows: one per shop, shop-local day and arm, each part stored as JSON. */
import prisma from "../../db.server";
import type { Arm } from "../../../contract/order-link";
import { addMicroConverter, addNewVisitor, emptyCohort, type VisitorCohort } from "../cohort";
import { emptyRollup, type Rollup } from "../rollup";
import type { VariantCounts } from "../variants";
import { daysOf, shiftDay } from "../days";
import { readDayParts } from "./day-facts.server";
import { readVisitorsOfDay, recordOf, type VisitorState } from "./visitors.server";

export const ARMS: readonly Arm[] = ["treatment", "holdout"];

export interface DayRow {
  day: string;
  arm: Arm;
  rollup: Rollup;
  cohort: VisitorCohort;
  variants: VariantCounts;
}

export function emptyDayRow(day: string, arm: Arm): DayRow {
  return { day, arm, rollup: emptyRollup(day, arm), cohort: emptyCohort(), variants: {} };
}

/** Both arms' cohorts of one day, from its first-seen and first-micro-converting visitors. */
export function cohortsOfDay(
  firstSeen: readonly VisitorState[],
  firstMicro: readonly VisitorState[],
): Record<Arm, VisitorCohort> {
  const cohorts: Record<Arm, VisitorCohort> = { treatment: emptyCohort(), holdout: emptyCohort() };
  for (const visitor of firstSeen) addNewVisitor(cohorts[visitor.arm], recordOf(visitor));
  for (const visitor of firstMicro) addMicroConverter(cohorts[visitor.arm], recordOf(visitor));
  return cohorts;
}

export async function readDayRows(shopDomain: string, from: string, to: string): Promise<DayRow[]> {
  const rows = await prisma.dailyRollup.findMany({
    where: { shopDomain, day: { gte: from, lte: to } },
    select: { day: true, arm: true, data: true, cohort: true, variants: true },
  });
  return rows.map((row) => ({
    day: row.day,
    arm: row.arm as Arm,
    rollup: JSON.parse(row.data) as Rollup,
    cohort: JSON.parse(row.cohort) as VisitorCohort,
    variants: JSON.parse(row.variants) as VariantCounts,
  }));
}

/** Variants only (the experiments page needs nothing else). */
export async function readVariantRows(shopDomain: string, from: string, to: string): Promise<VariantCounts[]> {
  const rows = await prisma.dailyRollup.findMany({
    where: { shopDomain, day: { gte: from, lte: to }, arm: "treatment" },
    select: { variants: true },
  });
  return rows.map((row) => JSON.parse(row.variants) as VariantCounts);
}

function isEmpty(row: DayRow): boolean {
  const { rollup, cohort } = row;
  return (
    rollup.sessions === 0 &&
    !Object.keys(rollup.credited).length &&
    cohort.visitors === 0 &&
    cohort.microConverters === 0 &&
    !Object.keys(row.variants).length
  );
}

/** Statements replacing the rows of `days` with `rows` (empty ones are not stored). */
export function writeDayRows(shopDomain: string, days: readonly string[], rows: readonly DayRow[]) {
  const stored = rows.filter((row) => !isEmpty(row));
  return [
    prisma.dailyRollup.deleteMany({ where: { shopDomain, day: { in: [...days] } } }),
    prisma.dailyRollup.createMany({
      data: stored.map((row) => ({
        shopDomain,
        day: row.day,
        arm: row.arm,
        data: JSON.stringify(row.rollup),
        cohort: JSON.stringify(row.cohort),
        variants: JSON.stringify(row.variants),
      })),
    }),
  ];
}

/**
 * Fresh rows for `days`: session parts re-read for `sessionDays` (kept from the stored row
 * otherwise), cohorts re-read from the Visitor table for all.
 */
export async function recomputeDays(
  shopDomain: string,
  timeZone: string,
  days: readonly string[],
  sessionDays: ReadonlySet<string>,
): Promise<DayRow[]> {
  const rows = new Map<string, DayRow>();
  const rowFor = (day: string, arm: Arm) => {
    const key = `${day}|${arm}`;
    let row = rows.get(key);
    if (!row) rows.set(key, (row = emptyDayRow(day, arm)));
    return row;
  };
  for (const [from, to] of runsOf([...sessionDays].sort())) {
    for (const parts of (await readDayParts(shopDomain, from, to, timeZone)).values())
      Object.assign(rowFor(parts.day, parts.arm), { rollup: parts.rollup, variants: parts.variants });
  }
  const keep = days.filter((day) => !sessionDays.has(day));
  for (const [from, to] of runsOf(keep)) {
    for (const stored of await readDayRows(shopDomain, from, to))
      if (!sessionDays.has(stored.day) && keep.includes(stored.day))
        Object.assign(rowFor(stored.day, stored.arm), { rollup: stored.rollup, variants: stored.variants });
  }
  for (const day of days) {
    const { firstSeen, firstMicro } = await readVisitorsOfDay(shopDomain, day);
    const cohorts = cohortsOfDay(firstSeen, firstMicro);
    for (const arm of ARMS) rowFor(day, arm).cohort = cohorts[arm];
  }
  return [...rows.values()];
}

/** Sorted days → runs of consecutive days [from, to]. */
export function runsOf(days: readonly string[], maxLength = Infinity): Array<[string, string]> {
  const runs: Array<[string, string]> = [];
  for (const day of days) {
    const last = runs[runs.length - 1];
    if (last && shiftDay(last[1], 1) === day && daysOf(last[0], day).length <= maxLength) last[1] = day;
    else runs.push([day, day]);
  }
  return runs;
}
