import { describe, expect, it } from "vitest";
import { knowledgeGaps, type AskedQuestion, type FaqOnRecord } from "../../../app/conversations/knowledge-gaps";
import { DAY, NOW_MS } from "../../support/clock";

let sessions = 0;
/** A question asked `daysAgo` days before NOW, in its own session unless named. */
function asked(
  text: string,
  outcome: AskedQuestion["outcome"],
  options: Partial<AskedQuestion> & { daysAgo?: number } = {},
) {
  sessions += 1;
  const { daysAgo = 1, ...rest } = options;
  return {
    text,
    locale: "en",
    at: new Date(NOW_MS - daysAgo * DAY),
    sessionId: `s${sessions}`,
    outcome,
    notHelpful: false,
    ...rest,
  } satisfies AskedQuestion;
}

const noRevenue = () => 0;

describe("knowledgeGaps", () => {
  it("GIVEN one question in several wordings THEN one gap, named by its commonest wording, the others as variants", () => {
    const gaps = knowledgeGaps(
      [
        asked("Do you sell horse saddles?", "abstained"),
        asked("do you sell horse saddles", "abstained"),
        asked("Horse saddles for sale?", "abstained"),
        asked("Do you ship to Canada?", "answered"),
      ],
      [],
      noRevenue,
    );
    expect(gaps).toEqual([
      expect.objectContaining({
        question: "Do you sell horse saddles?",
        wordings: ["Horse saddles for sale?"],
        asked: 3,
        unanswered: 3,
        faq: null,
      }),
    ]);
  });

  it("GIVEN an answer marked not helpful THEN it is a gap too; questions all answered well are not", () => {
    const gaps = knowledgeGaps(
      [
        asked("How long is the warranty?", "answered", { notHelpful: true }),
        asked("How long is the warranty?", "answered"),
        asked("Do you ship to Canada?", "answered"),
      ],
      [],
      noRevenue,
    );
    expect(gaps.map((gap) => [gap.question, gap.asked, gap.unanswered])).toEqual([["How long is the warranty?", 2, 1]]);
  });

  it("GIVEN two gaps as often unanswered THEN the one whose sessions earned more revenue first", () => {
    const rich = asked("gift wrapping?", "abstained");
    const gaps = knowledgeGaps([asked("engraving on belts?", "abstained"), rich], [], (session) =>
      session === rich.sessionId ? 12_000 : 0,
    );
    expect(gaps.map((gap) => [gap.question, gap.revenueMinor])).toEqual([
      ["gift wrapping?", 12_000],
      ["engraving on belts?", 0],
    ]);
  });

  it("GIVEN the same words in two languages THEN two gaps: an FAQ is written per language", () => {
    const gaps = knowledgeGaps(
      [asked("Paypal?", "abstained"), asked("Paypal?", "abstained", { locale: "de" })],
      [],
      noRevenue,
    );
    expect(gaps.map((gap) => gap.locale).sort()).toEqual(["de", "en"]);
  });

  it("GIVEN an FAQ written three days ago for a gap THEN the gap shows its answer rate before and after", () => {
    const faq: FaqOnRecord = {
      id: "faq-saddles",
      locale: "en",
      question: "Do you sell saddles?",
      variants: ["horse saddles"],
      createdAt: new Date(NOW_MS - 3 * DAY),
    };
    const gaps = knowledgeGaps(
      [
        asked("Do you sell horse saddles?", "abstained", { daysAgo: 5 }),
        asked("Do you sell horse saddles?", "abstained", { daysAgo: 4 }),
        asked("Do you sell horse saddles?", "answered", { daysAgo: 2 }),
        asked("do you sell horse saddles", "answered", { daysAgo: 1, notHelpful: true }),
        asked("Do you sell horse saddles?", "answered", { daysAgo: 1 }),
      ],
      [faq],
      noRevenue,
    );
    expect(gaps).toHaveLength(1);
    expect(gaps[0]!.faq).toEqual({
      id: "faq-saddles",
      question: "Do you sell saddles?",
      since: faq.createdAt.toISOString(),
      before: { asked: 2, answered: 0 },
      after: { asked: 3, answered: 2 },
    });
  });

  it("GIVEN an FAQ older than every question and nothing unanswered THEN nothing to show", () => {
    const faq: FaqOnRecord = {
      id: "old",
      locale: "en",
      question: "Do you ship to Canada?",
      variants: [],
      createdAt: new Date(NOW_MS - 90 * DAY),
    };
    expect(knowledgeGaps([asked("Do you ship to Canada?", "answered")], [faq], noRevenue)).toEqual([]);
  });
});
