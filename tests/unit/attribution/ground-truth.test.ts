/**
 * Ground truth: 1,000 generated chat sessions of 800 visitors across both arms, 200 orders
 * whose links are chosen by construction. The expected credits and lift are written down by
 * the generator from what it built (which session, which rule, how many days before), never
 * by calling the engine; the engine must then reproduce them to the cent.
 */
import { describe, expect, it } from "vitest";
import { armOutcomes, lift } from "../../../app/analytics/lift";
import { newcombeInterval } from "../../../app/analytics/stats";
import { attributeOrder } from "../../../app/attribution/engine";
import {
  MODELS,
  WINDOWS,
  type Arm,
  type AttributionOrder,
  type ChatTouchpoint,
  type Credit,
  type Rule,
} from "../../../app/attribution/types";
import {
  aChatSession,
  aLine,
  aMicro,
  anOrder,
  aRefund,
  daysBefore,
  ORDER_AT,
} from "../../support/builders/attribution";

/** mulberry32: a tiny seeded PRNG, so the scenario is the same on every run. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  return {
    next,
    int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)] as T,
  };
}

const SESSIONS = 1000;
const VISITORS = 800;
const ORDERS = 200;
/** Ages of the deciding micro-conversion; none sits on a window boundary. */
const AGES = [0.5, 3, 10, 20, 45] as const;
type Totals = {
  total: number;
  direct: number;
  assisted: number;
  orders: number;
  byRule: Partial<Record<Rule, number>>;
};
const key = (model: string, windowDays: number) => `${model}:${windowDays}`;

function generate(seed: number) {
  const random = prng(seed);
  const armOf = Array.from({ length: VISITORS }, () => (random.next() < 0.5 ? "treatment" : "holdout") as Arm);
  const sessionIds = Array.from({ length: SESSIONS }, (_, i) => `gt-session-${String(i).padStart(4, "0")}`);
  // Session i belongs to visitor i % 800: visitors 0..199 have two sessions.
  const visitorOf = (i: number) => i % VISITORS;
  const visitorsUsed = new Set<number>();
  const expected = new Map<string, Totals>();
  for (const model of MODELS)
    for (const w of WINDOWS) expected.set(key(model, w), { total: 0, direct: 0, assisted: 0, orders: 0, byRule: {} });
  const credit = (model: string, w: number, rule: Rule, type: "direct" | "assisted", amount: number) => {
    const totals = expected.get(key(model, w)) as Totals;
    totals.total += amount;
    totals[type] += amount;
    totals.byRule[rule] = (totals.byRule[rule] ?? 0) + amount;
  };
  const cases: { order: AttributionOrder; candidates: ChatTouchpoint[] }[] = [];
  const purchases: { visitorId: string; revenue: number; cancelled: boolean }[] = [];

  const takeVisitor = (arm: Arm | null, twoSessions: boolean) => {
    for (;;) {
      // Only visitors 0..199 have a second session: keep them for the orders that need one.
      const v = twoSessions ? random.int(0, 199) : random.int(200, VISITORS - 1);
      if (visitorsUsed.has(v) || (arm && armOf[v] !== arm)) continue;
      visitorsUsed.add(v);
      return v;
    }
  };
  const session = (i: number, overrides: Partial<ChatTouchpoint>): ChatTouchpoint => {
    return aChatSession({
      sessionId: sessionIds[i],
      visitorId: `gt-visitor-${visitorOf(i)}`,
      arm: armOf[visitorOf(i)],
      ...overrides,
    });
  };

  for (let k = 0; k < ORDERS; k++) {
    // "pixel": the cart attribute was lost on the way to the order, the pixel's checkout link survived.
    const kind = random.pick(["line", "cart", "pixel", "compete", "holdout", "unengaged"] as const);
    const chat = 6 * random.int(100, 2000);
    const other = 6 * random.int(0, 2000);
    const refundOther = other > 0 && random.next() < 0.15;
    const cancelled = random.next() < 0.05;
    // Competing sessions: the customer's session touched at ageA, the cart's later, at ageB < ageA.
    const ageA = random.pick(kind === "compete" ? AGES.slice(1) : AGES);
    const ageB = random.pick(AGES.filter((age) => age < ageA));
    const v = takeVisitor(
      kind === "holdout" ? "holdout" : kind === "unengaged" ? null : "treatment",
      kind === "compete",
    );
    const orderId = `gid://shopify/Order/${9000 + k}`;
    const customerId = `gt-customer-${k}`;
    const primary = session(v, {
      microConversions:
        kind === "unengaged"
          ? []
          : [
              aMicro(
                kind === "line" ? "add_to_cart" : "fit_help",
                daysBefore(kind === "compete" ? (ageB ?? ageA) : ageA),
              ),
            ],
    });
    const candidates = [primary];
    if (kind === "compete")
      candidates.push(
        session(v + VISITORS, { customerId, microConversions: [aMicro("recommendation_click", daysBefore(ageA))] }),
      );
    const lines = [
      aLine({ id: `${k}-chat`, net: chat, chatSessionId: kind === "line" ? primary.sessionId : null }),
      aLine({ id: `${k}-other`, net: other }),
    ];
    const order = anOrder({
      id: orderId,
      lines,
      customerId,
      cartLink: kind === "pixel" ? null : { sessionId: primary.sessionId, arm: primary.arm },
      pixelSessionId: kind === "pixel" ? primary.sessionId : null,
      cancelledAt: cancelled ? ORDER_AT + 3_600_000 : null,
      refunds: refundOther ? [aRefund({ lines: [{ lineId: `${k}-other`, quantity: 1, amount: other }] })] : [],
    });
    // A decoy: another visitor's session that no rule ties to this order.
    const decoy = session((v + 400) % VISITORS, {
      customerId: "nobody",
      microConversions: [aMicro("link_click", daysBefore(1))],
    });
    cases.push({ order, candidates: [...candidates, decoy] });
    const net = cancelled ? 0 : chat + (refundOther ? 0 : other);
    purchases.push({
      visitorId: `gt-visitor-${v}`,
      revenue: cancelled ? 0 : chat + (refundOther ? 0 : other),
      cancelled,
    });

    // Expected credits, from the construction.
    for (const w of WINDOWS) {
      for (const model of MODELS) {
        const totals = expected.get(key(model, w)) as Totals;
        if (kind === "line" && ageA <= w) {
          credit(model, w, "line_item", "direct", cancelled ? 0 : chat);
          credit(model, w, "line_item", "assisted", cancelled || refundOther ? 0 : other);
        } else if (kind === "cart" && ageA <= w) {
          credit(model, w, "cart_attribute", "assisted", net);
        } else if (kind === "pixel" && ageA <= w) {
          credit(model, w, "pixel_checkout", "assisted", net);
        } else if (kind === "compete") {
          // late = cart session (ageB), early = customer session (ageA > ageB)
          const late = (ageB as number) <= w;
          const early = ageA <= w;
          if (late && early && model === "linear") {
            credit(model, w, "cart_attribute", "assisted", net / 2);
            credit(model, w, "customer", "assisted", net / 2);
          } else if (late && (!early || model === "last_touch")) credit(model, w, "cart_attribute", "assisted", net);
          else if (early) credit(model, w, "customer", "assisted", net);
        }
        const creditedHere =
          (kind === "line" || kind === "cart" || kind === "pixel" || kind === "compete") &&
          (kind === "compete" ? (ageB as number) : ageA) <= w &&
          net > 0;
        if (creditedHere) totals.orders += 1;
      }
    }
  }
  // Sessions no order used still count: visitors browse without buying.
  const visitors = Array.from({ length: VISITORS }, (_, v) => ({ visitorId: `gt-visitor-${v}`, arm: armOf[v] as Arm }));
  return { cases, expected, visitors, purchases, sessionsGenerated: sessionIds.length, armOf };
}

function actualTotals(credits: readonly Credit[]) {
  const totals = new Map<string, Totals>();
  const orders = new Map<string, Set<string>>();
  for (const model of MODELS)
    for (const w of WINDOWS) totals.set(key(model, w), { total: 0, direct: 0, assisted: 0, orders: 0, byRule: {} });
  for (const c of credits) {
    const t = totals.get(key(c.model, c.windowDays)) as Totals;
    t.total += c.amount;
    t[c.type] += c.amount;
    t.byRule[c.rule] = (t.byRule[c.rule] ?? 0) + c.amount;
    if (c.amount > 0) {
      const set = orders.get(key(c.model, c.windowDays)) ?? new Set<string>();
      set.add(c.orderId);
      orders.set(key(c.model, c.windowDays), set);
    }
  }
  for (const [k, set] of orders) (totals.get(k) as Totals).orders = set.size;
  return totals;
}

describe("ground truth: 1,000 sessions, 200 orders with known links", () => {
  // GIVEN the generated scenario
  const scenario = generate(20_261_120);

  it("credits exactly the expected totals per model and window, by rule and type", () => {
    // WHEN every order is attributed
    const credits = scenario.cases.flatMap(({ order, candidates }) => attributeOrder(order, candidates).credits);
    // THEN
    const actual = actualTotals(credits);
    for (const model of MODELS) {
      for (const w of WINDOWS) {
        const expectedTotals = scenario.expected.get(key(model, w)) as Totals;
        for (const rule of Object.keys(expectedTotals.byRule) as Rule[])
          if (expectedTotals.byRule[rule] === 0) delete expectedTotals.byRule[rule];
        const actualTotals = actual.get(key(model, w)) as Totals;
        for (const rule of Object.keys(actualTotals.byRule) as Rule[])
          if (actualTotals.byRule[rule] === 0) delete actualTotals.byRule[rule];
        expect({ model, w, ...actualTotals }).toEqual({ model, w, ...expectedTotals });
      }
    }
    // and the scenario is not degenerate: every model/window pair saw credit, and windows grow
    expect(scenario.sessionsGenerated).toBe(1000);
    const total = (model: string, w: number) => (scenario.expected.get(key(model, w)) as Totals).total;
    expect(total("last_touch", 1)).toBeGreaterThan(0);
    expect(total("last_touch", 30)).toBeGreaterThan(total("last_touch", 14));
    expect((scenario.expected.get(key("first_touch", 30)) as Totals).byRule.customer).toBeGreaterThan(0);
    expect((scenario.expected.get(key("last_touch", 30)) as Totals).byRule.pixel_checkout).toBeGreaterThan(0);
  });

  it("measures the lift the scenario was built with", () => {
    // GIVEN the expected arm counts, straight from the construction
    const count = (arm: Arm) => scenario.visitors.filter((v) => v.arm === arm).length;
    const buyers = (arm: Arm) =>
      new Set(
        scenario.purchases
          .filter((p) => !p.cancelled && scenario.armOf[Number(p.visitorId.split("-")[2])] === arm)
          .map((p) => p.visitorId),
      ).size;
    const revenue = (arm: Arm) =>
      scenario.purchases
        .filter((p) => scenario.armOf[Number(p.visitorId.split("-")[2])] === arm)
        .reduce((sum, p) => sum + p.revenue, 0);
    // WHEN
    const outcomes = armOutcomes(scenario.visitors, scenario.purchases);
    const report = lift(outcomes.treatment, outcomes.holdout);
    // THEN
    expect(report.treatment).toMatchObject({
      visitors: count("treatment"),
      convertingVisitors: buyers("treatment"),
      revenue: revenue("treatment"),
    });
    expect(report.holdout).toMatchObject({
      visitors: count("holdout"),
      convertingVisitors: buyers("holdout"),
      revenue: revenue("holdout"),
    });
    expect(report.conversionRate.difference).toBe(
      buyers("treatment") / count("treatment") - buyers("holdout") / count("holdout"),
    );
    expect(report.revenuePerVisitor.difference).toBe(
      revenue("treatment") / count("treatment") - revenue("holdout") / count("holdout"),
    );
    expect(report.conversionRate.interval).toEqual(
      newcombeInterval(buyers("treatment"), count("treatment"), buyers("holdout"), count("holdout")),
    );
    // treatment visitors bought in 3 of the 5 order kinds, holdout in 1.5: the lift is real
    expect(report.verdict).toBe("lift");
    expect(outcomes.unmatchedPurchases).toBe(0);
  });
});
