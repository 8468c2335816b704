import { describe, expect, it } from "vitest";
import { addSession, emptyRollup } from "../../../app/analytics/rollup";
import { emptyQualityCounts, qualityRates } from "../../../app/analytics/quality";
import { sessionFacts, type AnalyticsEvent } from "../../../app/analytics/session-facts";
import { emptyAnswerCounts } from "../../../app/analytics/answers";
import { NOW_MS } from "../../support/clock";

let second = 0;
const at = (sessionId: string, type: AnalyticsEvent["type"], extra: Partial<AnalyticsEvent> = {}): AnalyticsEvent => ({
  sessionId,
  visitorId: `v-${sessionId}`,
  arm: "treatment",
  type,
  at: NOW_MS + ++second * 1000,
  ...extra,
});

const flow = { flowId: "fit" };
const EVENTS: AnalyticsEvent[] = [
  // A: a two-step flow answered to its goal (an email with consent), then a question and a thumb after the goal
  at("A", "chat_opened"),
  at("A", "flow_started", flow),
  at("A", "step_viewed", { ...flow, stepId: "size" }),
  at("A", "step_answered", { ...flow, stepId: "size" }),
  at("A", "step_viewed", { ...flow, stepId: "email" }),
  at("A", "step_answered", { ...flow, stepId: "email" }),
  at("A", "micro_conversion", { ...flow, kind: "email_capture" }),
  at("A", "question_asked"),
  at("A", "answer_feedback"),
  // B: opened the chat, said nothing
  at("B", "chat_opened"),
  // C: three questions; an answered question is not the goal, so all three count; the second is a
  // "not what I meant" that got its answer (a resolved repair)
  at("C", "question_asked"),
  at("C", "question_asked", { repair: true }),
  at("C", "micro_conversion", { kind: "question_answered" }),
  at("C", "question_asked"),
  // F: asked, was asked back which one was meant, and left (a repair not resolved)
  at("F", "question_asked"),
  at("F", "answer_shown", { repair: true }),
  // D: a flow step answered and then left: not an affirmation
  at("D", "flow_started", flow),
  at("D", "step_viewed", { ...flow, stepId: "size" }),
  at("D", "step_answered", { ...flow, stepId: "size" }),
  // E: a visitor's session with a conversion but no conversation (e.g. a recommendation clicked from a card)
  at("E", "micro_conversion", { kind: "recommendation_click" }),
];

describe("conversation quality", () => {
  it("GIVEN six hand-built sessions THEN five conversations, depth 7/5, affirmation (2 steps + 1 helpful)/5, one lead, one of two repairs resolved", () => {
    const rollup = emptyRollup("2026-11-20", "treatment");
    for (const facts of sessionFacts([...EVENTS].reverse())) addSession(rollup, facts);
    expect(rollup.quality).toMatchObject({
      conversations: 5,
      turnsBeforeGoal: 7,
      stepsAdvanced: 2,
      leads: 1,
      repairs: 2,
      repairsResolved: 1,
    });
    expect(qualityRates(rollup.quality!, { ...emptyAnswerCounts(), helpful: 1 })).toMatchObject({
      conversations: 5,
      depth: 1.4,
      affirmation: 0.6,
      leadRate: 0.2,
      repairs: 2,
      repairSuccess: 0.5,
    });
  });

  it("GIVEN a session added then removed (a late event changed it) THEN nothing of it remains", () => {
    const rollup = emptyRollup("2026-11-20", "treatment");
    const [facts] = sessionFacts(EVENTS.filter((event) => event.sessionId === "A"));
    addSession(rollup, facts!, 1);
    addSession(rollup, facts!, -1);
    expect(rollup.quality).toEqual(emptyQualityCounts());
    expect(rollup.qualityBy).toEqual({ flow: { fit: emptyQualityCounts() }, locale: { none: emptyQualityCounts() } });
  });

  it("GIVEN no conversations (a day rolled up before handoffs and CSAT were counted) THEN no rates, not zeros", () => {
    expect(
      qualityRates({
        conversations: 0,
        turnsBeforeGoal: 0,
        stepsAdvanced: 0,
        leads: 0,
        repairs: 0,
        repairsResolved: 0,
      }),
    ).toEqual({
      conversations: 0,
      depth: null,
      affirmation: null,
      leadRate: null,
      repairs: 0,
      repairSuccess: null,
      containment: null,
      handoffRate: null,
      handoffs: 0,
      firstHumanReplyMs: null,
      csat: null,
      csatRated: 0,
      csatAverage: null,
      answerRate: null,
      abstentionRate: null,
      timeToMicroMs: null,
      saleRate: null,
    });
  });
});
