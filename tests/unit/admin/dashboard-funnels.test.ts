/**
 * The dashboard's funnels follow each flow's own step order and carry the merchant's flow name
 * (issue 17: the B2B flow listed "book" before "team" and every flow showed as its id).
 */
import { describe, expect, it } from "vitest";
import { flowSchema } from "../../../contract/widget-config";
import { findTemplate } from "../../../app/flows/templates";
import { flowOutline, namedFunnels } from "../../../app/admin/dashboard/flow-funnels";
import { buildDashboard, type DashboardSelection } from "../../../app/admin/dashboard/dashboard";
import { addSession, emptyRollup } from "../../../app/analytics/rollup";
import { lift } from "../../../app/analytics/lift";
import { sessionFacts, type AnalyticsEvent } from "../../../app/analytics/session-facts";
import { T0 } from "../../support/builders/analytics-events";

const b2b = flowSchema.parse(findTemplate("b2b_qualifier")!.flow);
const selection: DashboardSelection = { from: "2026-11-01", to: "2026-11-02", window: 7, model: "last_touch" };
const noArm = { visitors: 0, convertingVisitors: 0, revenue: { n: 0, sum: 0, sumOfSquares: 0 } };

/** A treatment session that walked the B2B flow through both its steps. */
function b2bSession(sessionId: string): AnalyticsEvent[] {
  const event = (n: number, type: AnalyticsEvent["type"], extra: Partial<AnalyticsEvent> = {}): AnalyticsEvent => ({
    sessionId,
    visitorId: `v-${sessionId}`,
    arm: "treatment",
    type,
    at: T0 + n * 1000,
    ...extra,
  });
  return [
    event(0, "session_started"),
    event(1, "chat_opened"),
    event(2, "flow_started", { flowId: "demo" }),
    event(3, "step_viewed", { flowId: "demo", stepId: "team" }),
    event(4, "step_viewed", { flowId: "demo", stepId: "book" }),
  ];
}

describe("dashboard funnels", () => {
  it("GIVEN the B2B flow's steps reached equally often WHEN the dashboard is built THEN team comes before book, under the flow's name", () => {
    const facts = sessionFacts([...b2bSession("s1"), ...b2bSession("s2")]);
    const rollup = facts.reduce((day, session) => addSession(day, session), emptyRollup("2026-11-01", "treatment"));

    const dashboard = buildDashboard({
      selection,
      currency: "EUR",
      rollups: [rollup],
      lift: lift(noArm, noArm),
      conversionToMacro: [],
      flows: [flowOutline("demo", "B2B qualifier", b2b)],
    });

    expect(dashboard.funnels).toHaveLength(1);
    expect(dashboard.funnels[0]).toMatchObject({ flowId: "demo", name: "B2B qualifier", started: 2 });
    expect(dashboard.funnels[0]!.steps.map((step) => [step.stepId, step.kind, step.reached])).toEqual([
      ["team", "qualifier", 2],
      ["book", "link", 2],
    ]);
  });

  it("GIVEN a flow whose variants add a step WHEN outlined THEN the flow's steps come first, then the variant's", () => {
    const flow = {
      steps: [{ id: "ask", kind: "message" }],
      variants: [
        {
          steps: [
            { id: "ask", kind: "message" },
            { id: "offer", kind: "coupon" },
          ],
        },
      ],
    } as unknown as Parameters<typeof flowOutline>[2];
    expect(flowOutline("f", "Fit help", flow).steps.map((step) => step.id)).toEqual(["ask", "offer"]);
  });

  it("GIVEN funnels of a listed flow and of a deleted one WHEN named THEN they follow the merchant's order and the deleted one keeps its id", () => {
    const funnel = (flowId: string) => ({ flowId, started: 1, completed: 0, completionRate: 0, steps: [] });
    const named = namedFunnels(
      [funnel("a-old"), funnel("zeta"), funnel("alpha")],
      [
        { id: "zeta", name: "Sizing help", steps: [] },
        { id: "alpha", name: "Coupon", steps: [] },
      ],
    );
    expect(named.map((entry) => [entry.flowId, entry.name])).toEqual([
      ["zeta", "Sizing help"],
      ["alpha", "Coupon"],
      ["a-old", "a-old"],
    ]);
  });
});
