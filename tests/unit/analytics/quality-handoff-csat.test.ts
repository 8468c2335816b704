/**
 * Why: the quality metrics issue #16 added (containment, handoff rate, time to first human reply, CSAT, answer and
 * abstention rate, time to first micro-conversion, conversation → sale), each on hand-built sessions whose values
 * are known, per day and per flow and language, and CSAT counted once per conversation however often it is sent.
 */
import { describe, expect, it } from "vitest";
import { addSession, emptyRollup, mergeRollups } from "../../../app/analytics/rollup";
import { emptyQualityCounts, qualityRates } from "../../../app/analytics/quality";
import { sessionFacts, type AnalyticsEvent, type SessionFacts } from "../../../app/analytics/session-facts";
import { NOW_MS } from "../../support/clock";

const S = 1000;
const at = (sessionId: string, second: number, type: AnalyticsEvent["type"], extra: Partial<AnalyticsEvent> = {}) =>
  ({ sessionId, visitorId: `v-${sessionId}`, arm: "treatment", type, at: NOW_MS + second * S, ...extra }) as const;
const fit = { flowId: "fit" };

const EVENTS: AnalyticsEvent[] = [
  // H1 (French): a question abstained on, a person asked for at 20 s, first staff reply at 80 s (the shopper wrote
  // at 25 s: not a human reply), rated 4 of 5; a second tap of 1 is the same conversation's and does not count
  at("H1", 0, "chat_opened"),
  at("H1", 10, "question_asked", { locale: "fr" }),
  at("H1", 12, "answer_abstained", { locale: "fr" }),
  at("H1", 20, "handoff_requested"),
  at("H1", 25, "handoff_message", { staff: false }),
  at("H1", 80, "handoff_message", { staff: true }),
  at("H1", 100, "handoff_message", { staff: true }),
  at("H1", 200, "csat_given", { csat: { scale: "five", score: 4 } }),
  at("H1", 210, "csat_given", { csat: { scale: "five", score: 1 } }),
  // H2: the fit flow converted 30 s after the open, rated 👎; its session was credited with an order
  at("H2", 0, "chat_opened"),
  at("H2", 5, "flow_started", fit),
  at("H2", 6, "step_viewed", { ...fit, stepId: "size" }),
  at("H2", 10, "step_answered", { ...fit, stepId: "size" }),
  at("H2", 30, "micro_conversion", { ...fit, kind: "add_to_cart" }),
  at("H2", 31, "flow_completed", fit),
  at("H2", 40, "csat_given", { csat: { scale: "thumbs", thumbs: 0 } }),
  // H3 (English): two questions answered (the first 5 s after the open), then a person asked for who never
  // replied; rated 👍
  at("H3", 0, "chat_opened"),
  at("H3", 2, "question_asked", { locale: "en" }),
  at("H3", 5, "micro_conversion", { kind: "question_answered" }),
  at("H3", 9, "question_asked", { locale: "en" }),
  at("H3", 12, "micro_conversion", { kind: "question_answered" }),
  at("H3", 40, "handoff_requested"),
  at("H3", 60, "csat_given", { csat: { scale: "thumbs", thumbs: 1 } }),
  // H4: a prompt seen, nothing done: no conversation, counted nowhere
  at("H4", 0, "prompt_shown"),
];

/** The facts as the rollup job builds them: the credit look-up marks H2 as sold. */
const facts = (): SessionFacts[] =>
  sessionFacts([...EVENTS].reverse()).map((one) => ({ ...one, sold: one.sessionId === "H2" }));

const EXPECTED = {
  conversations: 3,
  handoffs: 2,
  handoffRate: 2 / 3,
  containment: 1 / 3,
  firstHumanReplyMs: 60_000,
  csatRated: 3,
  csat: 2 / 3,
  csatAverage: 4,
  answerRate: 2 / 3,
  abstentionRate: 1 / 3,
  // The median of 30 s (H2) and 5 s (H3)
  timeToMicroMs: 17_500,
  saleRate: 1 / 3,
};

describe("quality metrics: handoff, CSAT, answers, time to micro-conversion, sale", () => {
  it("GIVEN four hand-built sessions THEN each metric has its known value", () => {
    const rollup = emptyRollup("2026-11-20", "treatment");
    for (const one of facts()) addSession(rollup, one);
    expect(qualityRates(rollup.quality!)).toMatchObject(EXPECTED);
  });

  it("GIVEN a conversation rated twice THEN only its first tap counts", () => {
    const [h1] = facts().filter((one) => one.sessionId === "H1");
    expect(h1!.csat).toEqual({ scale: "five", score: 4 });
    const rollup = addSession(emptyRollup("2026-11-20", "treatment"), h1!);
    expect(rollup.quality).toMatchObject({ csatRated: 1, csatFive: 1, csatFiveSum: 4, csatSatisfied: 1 });
  });

  it("GIVEN the same sessions THEN per flow and per language hold each conversation's share", () => {
    const rollup = emptyRollup("2026-11-20", "treatment");
    for (const one of facts()) addSession(rollup, one);
    const by = rollup.qualityBy!;
    expect(Object.keys(by.flow)).toEqual(["fit"]);
    expect(qualityRates(by.flow.fit!)).toMatchObject({
      conversations: 1,
      csat: 0,
      saleRate: 1,
      timeToMicroMs: 30_000,
      handoffRate: 0,
    });
    expect(Object.keys(by.locale).sort()).toEqual(["en", "fr", "none"]);
    expect(qualityRates(by.locale.fr!)).toMatchObject({ handoffRate: 1, firstHumanReplyMs: 60_000, abstentionRate: 1 });
    expect(qualityRates(by.locale.en!)).toMatchObject({ answerRate: 1, csat: 1, firstHumanReplyMs: null });
    expect(by.locale.none!.conversations).toBe(1);
  });

  it("GIVEN the sessions on two days THEN the merged period gives the same rates as one day holding all", () => {
    const [h1, h2, h3] = ["H1", "H2", "H3"].map((id) => facts().find((one) => one.sessionId === id)!);
    const dayOne = addSession(addSession(emptyRollup("2026-11-20", "treatment"), h1!), h2!);
    const dayTwo = addSession(emptyRollup("2026-11-21", "treatment"), h3!);
    const merged = mergeRollups(dayOne, dayTwo);
    expect(qualityRates(merged.quality!)).toMatchObject(EXPECTED);
    expect(qualityRates(merged.qualityBy!.locale.fr!)).toMatchObject({ conversations: 1, csatAverage: 4 });
  });

  it("GIVEN a session added then taken back (a late event changed it) THEN no count nor bucket remains", () => {
    const rollup = emptyRollup("2026-11-20", "treatment");
    for (const one of facts()) addSession(rollup, one);
    for (const one of facts()) addSession(rollup, one, -1);
    expect(rollup.quality).toEqual(emptyQualityCounts());
  });

  it("GIVEN a staff reply before any handoff (a stray event) THEN it is no first human reply", () => {
    const [stray] = sessionFacts([at("X", 0, "chat_opened"), at("X", 5, "handoff_message", { staff: true })]);
    expect(stray!.firstStaffReplyAt).toBeNull();
    expect(qualityRates(addSession(emptyRollup("2026-11-20", "treatment"), stray!).quality!)).toMatchObject({
      handoffRate: 0,
      containment: 1,
      firstHumanReplyMs: null,
    });
  });
});
