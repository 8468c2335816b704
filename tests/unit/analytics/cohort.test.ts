import { describe, expect, it } from "vitest";
import {
  addMicroConverter,
  addNewVisitor,
  armOutcome,
  conversionToMacroOf,
  emptyCohort,
  mergeCohorts,
  type VisitorRecord,
} from "../../../app/analytics/cohort";
import { armOutcomes } from "../../../app/analytics/lift";
import { conversionToMacro } from "../../../app/analytics/metrics";
import { sessionWithoutEvents, type SessionFacts } from "../../../app/analytics/session-facts";
import { addVariantSession, mergeVariantCounts, type VariantCounts } from "../../../app/analytics/variants";
import { DAY } from "../../support/clock";

const T0 = Date.parse("2026-11-01T00:00:00Z");

/** Six visitors over three days: buyers, a cancelled order, a refund to zero, one never converting. */
const VISITORS: VisitorRecord[] = [
  {
    id: "v1",
    arm: "treatment",
    firstSeenAt: T0 + 1_000,
    firstMicroAt: T0 + 2_000,
    purchases: [{ at: T0 + 3 * DAY, net: 5000, cancelled: false }],
  },
  {
    id: "v2",
    arm: "treatment",
    firstSeenAt: T0 + DAY,
    firstMicroAt: T0 + DAY,
    purchases: [
      { at: T0 + 20 * DAY, net: 2500, cancelled: false },
      { at: T0 + 2 * DAY, net: 900, cancelled: true },
    ],
  },
  { id: "v3", arm: "treatment", firstSeenAt: T0 + DAY + 5, firstMicroAt: null, purchases: [] },
  {
    id: "v4",
    arm: "holdout",
    firstSeenAt: T0 + 2 * DAY,
    firstMicroAt: null,
    purchases: [{ at: T0 + 3 * DAY, net: 0, cancelled: false }],
  },
  {
    id: "v5",
    arm: "holdout",
    firstSeenAt: T0 + 2 * DAY,
    firstMicroAt: T0 + 2 * DAY + 60_000,
    purchases: [{ at: T0 + 2 * DAY, net: 7000, cancelled: false }],
  },
  {
    id: "v6",
    arm: "treatment",
    firstSeenAt: T0 + 2 * DAY,
    firstMicroAt: T0 + 2 * DAY,
    purchases: [
      { at: T0 + 12 * DAY, net: 1200, cancelled: false },
      { at: T0 + 13 * DAY, net: 800, cancelled: false },
    ],
  },
];
const dayOf = (at: number) => new Date(at).toISOString().slice(0, 10);

describe("visitor cohorts", () => {
  it("GIVEN visitors summed per first-seen day WHEN the days are merged THEN the lift's arm outcomes equal the per-visitor computation", () => {
    const days = new Map<
      string,
      { treatment: ReturnType<typeof emptyCohort>; holdout: ReturnType<typeof emptyCohort> }
    >();
    for (const visitor of VISITORS) {
      const day = days.get(dayOf(visitor.firstSeenAt)) ?? { treatment: emptyCohort(), holdout: emptyCohort() };
      addNewVisitor(day[visitor.arm], visitor);
      days.set(dayOf(visitor.firstSeenAt), day);
    }
    const treatment = [...days.values()].reduce((sum, day) => mergeCohorts(sum, day.treatment), emptyCohort());
    const holdout = [...days.values()].reduce((sum, day) => mergeCohorts(sum, day.holdout), emptyCohort());

    const exact = armOutcomes(
      VISITORS.map((visitor) => ({ visitorId: visitor.id, arm: visitor.arm })),
      VISITORS.flatMap((visitor) =>
        visitor.purchases.map((purchase) => ({
          visitorId: visitor.id,
          revenue: purchase.net,
          cancelled: purchase.cancelled,
        })),
      ),
    );
    expect(armOutcome(treatment)).toEqual(exact.treatment);
    expect(armOutcome(holdout)).toEqual(exact.holdout);
    expect(armOutcome(treatment)).toEqual({
      visitors: 4,
      convertingVisitors: 3,
      revenue: { n: 4, sum: 9500, sumOfSquares: 5000 ** 2 + 2500 ** 2 + 2000 ** 2 },
    });
  });

  it("GIVEN micro-converters per day WHEN every window has passed THEN conversion to purchase equals the per-session computation", () => {
    const days = new Map<string, ReturnType<typeof emptyCohort>>();
    for (const visitor of VISITORS) {
      if (visitor.firstMicroAt === null) continue;
      const cohort = days.get(dayOf(visitor.firstMicroAt)) ?? emptyCohort();
      addMicroConverter(cohort, visitor);
      days.set(dayOf(visitor.firstMicroAt), cohort);
    }
    const asOf = T0 + 60 * DAY;
    const cohortDays = [...days].map(([day, cohort]) => ({
      day,
      endsAt: Date.parse(`${day}T00:00:00Z`) + DAY,
      cohort,
    }));
    const sessions: SessionFacts[] = VISITORS.flatMap((visitor) =>
      visitor.firstMicroAt === null
        ? []
        : [
            {
              ...sessionWithoutEvents(visitor.id, visitor.id, visitor.arm, visitor.firstSeenAt),
              microConversions: [{ kind: "add_to_cart" as const, at: visitor.firstMicroAt }],
            },
          ],
    );
    const purchases = VISITORS.flatMap((visitor) =>
      visitor.purchases
        .filter((purchase) => !purchase.cancelled)
        .map((purchase) => ({ visitorId: visitor.id, at: purchase.at })),
    );

    expect(conversionToMacroOf(cohortDays, asOf)).toEqual(conversionToMacro(sessions, purchases, asOf));
    // v1 bought on day 3; v2 only on day 20 (its cancelled order does not count); v5 bought before converting; v6 on day 12
    expect(
      conversionToMacroOf(cohortDays, asOf).map((entry) => [entry.days, entry.buyers, entry.microConverters]),
    ).toEqual([
      [7, 1, 4],
      [14, 2, 4],
      [30, 3, 4],
    ]);
  });

  it("GIVEN a day whose window has not passed for all of it THEN its micro-converters wait, whole, for that window", () => {
    const cohort = emptyCohort();
    addMicroConverter(cohort, VISITORS[0] as VisitorRecord);
    const endsAt = T0 + DAY;
    const at = (days: number) => conversionToMacroOf([{ day: "2026-11-01", endsAt, cohort }], endsAt + days * DAY);
    expect(at(7).map((entry) => entry.microConverters)).toEqual([1, 0, 0]);
    expect(at(6.99).map((entry) => entry.microConverters)).toEqual([0, 0, 0]);
  });
});

describe("experiment variants", () => {
  it("GIVEN sessions shown variants WHEN summed per day and merged THEN counts, revenue and squares add up per model and window", () => {
    const monday: VariantCounts = {};
    const tuesday: VariantCounts = {};
    addVariantSession(monday, {
      variants: new Map([["fit", "short"]]),
      convertedFlows: new Set(["fit"]),
      revenue: new Map([["last_touch:7", 3000]]),
    });
    addVariantSession(monday, {
      variants: new Map([
        ["fit", "long"],
        ["gift", "a"],
      ]),
      convertedFlows: new Set(),
      revenue: new Map(),
    });
    addVariantSession(tuesday, {
      variants: new Map([["fit", "short"]]),
      convertedFlows: new Set(),
      revenue: new Map([
        ["last_touch:7", 1000],
        ["linear:7", 500],
      ]),
    });

    const merged = mergeVariantCounts(mergeVariantCounts({}, monday), tuesday);

    expect(merged).toEqual({
      fit: {
        short: {
          sessions: 2,
          microSessions: 1,
          revenue: { "last_touch:7": [4000, 3000 ** 2 + 1000 ** 2], "linear:7": [500, 500 ** 2] },
        },
        long: { sessions: 1, microSessions: 0, revenue: {} },
      },
      gift: { a: { sessions: 1, microSessions: 0, revenue: {} } },
    });
  });

  it("GIVEN a session shown two flows' variants that converted in one WHEN counted THEN only that flow's variant gains a micro-session", () => {
    const counts: VariantCounts = {};

    addVariantSession(counts, {
      variants: new Map([
        ["fit", "short"],
        ["gift", "a"],
      ]),
      convertedFlows: new Set(["gift"]),
      revenue: new Map(),
    });

    expect(counts.fit?.short?.microSessions).toBe(0);
    expect(counts.gift?.a?.microSessions).toBe(1);
  });
});
