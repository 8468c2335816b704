/** The dashboard's answer numbers: additive counts, the rates drawn from them, and questions grouped by meaning of text. */
import { describe, expect, it } from "vitest";
import {
  addAnswerCounts,
  answerRates,
  emptyAnswerCounts,
  questionKey,
  topQuestions,
} from "../../../app/analytics/answers";
import { emptyRollup, mergeRollups } from "../../../app/analytics/rollup";

const counts = (overrides: Partial<ReturnType<typeof emptyAnswerCounts>>) => ({ ...emptyAnswerCounts(), ...overrides });

describe("answer rates", () => {
  it("GIVEN 8 questions, 5 answered, 2 abstained, 3 of 4 ratings helpful THEN the rates are 62.5%, 25% and 75%", () => {
    const rates = answerRates(counts({ asked: 8, answered: 5, abstained: 2, helpful: 3, notHelpful: 1 }));

    expect(rates).toEqual({ asked: 8, answerRate: 0.625, abstentionRate: 0.25, helpfulRate: 0.75, rated: 4 });
  });

  it("GIVEN no questions and no ratings THEN the rates are 0 and the helpful rate is unknown, not 0", () => {
    expect(answerRates(emptyAnswerCounts())).toEqual({
      asked: 0,
      answerRate: 0,
      abstentionRate: 0,
      helpfulRate: null,
      rated: 0,
    });
  });

  it("GIVEN two days, one rolled up before answers existed WHEN merged THEN the counts add up and the old day counts as zero", () => {
    const today = emptyRollup("2026-11-20", "treatment");
    today.answers = counts({ asked: 3, answered: 2, helpful: 1 });
    const before = emptyRollup("2026-11-19", "holdout");
    delete before.answers;

    const merged = mergeRollups(mergeRollups(today, before), today);

    expect(merged.answers).toEqual(counts({ asked: 6, answered: 4, helpful: 2 }));
  });

  it("GIVEN a day's counts WHEN one session's contribution is taken out THEN the rest remains", () => {
    const day = counts({ asked: 5, abstained: 2 });

    addAnswerCounts(day, counts({ asked: 1, abstained: 1 }), -1);

    expect(day).toEqual(counts({ asked: 4, abstained: 1 }));
  });
});

describe("top questions", () => {
  it("GIVEN the same question in other case, spacing and punctuation THEN it is one question, shown as most often typed", () => {
    expect(questionKey("  Do you ship   to Canada?? ")).toBe("do you ship to canada");

    const top = topQuestions(
      [
        "Do you ship to Canada?",
        "do you ship to canada",
        "Do you ship to Canada?",
        "Is it washable?",
        "Gift wrap?",
        "is it washable",
      ],
      2,
    );

    expect(top).toEqual([
      { question: "Do you ship to Canada?", count: 3 },
      { question: "Is it washable?", count: 2 },
    ]);
  });

  it("GIVEN blank texts THEN they are not a question", () => {
    expect(topQuestions(["?", " ", ""], 5)).toEqual([]);
  });
});
