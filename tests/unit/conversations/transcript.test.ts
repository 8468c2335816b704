import { describe, expect, it } from "vitest";
import { transcriptOf, type FlowAt, type LoggedEvent } from "../../../app/conversations/transcript";
import { hasOutcome, numbersOf } from "../../../app/conversations/conversation-list";
import { csvCell } from "../../../app/conversations/conversation-csv";
import { flowSchema, type Flow } from "../../../contract/widget-config";
import { NOW_MS, MINUTE } from "../../support/clock";

let counter = 0;
/** A stored event as ingest writes it: the event's own fields as JSON in `data`. */
function logged(
  type: string,
  minutesIn: number,
  fields: Partial<Omit<LoggedEvent, "data">> & { data?: unknown } = {},
): LoggedEvent {
  counter += 1;
  const { data, ...rest } = fields;
  return {
    id: `e${counter}`,
    type,
    flowId: null,
    stepId: null,
    variantId: null,
    microKind: null,
    occurredAt: new Date(NOW_MS + minutesIn * MINUTE),
    data: data === undefined ? null : typeof data === "string" ? data : JSON.stringify(data),
    ...rest,
  };
}

const qualifier = (version: string): Flow =>
  flowSchema.parse({
    id: "b2b",
    label: { en: "Team orders", de: "Teambestellungen" },
    trigger: { kind: "page_type", pageTypes: ["page"] },
    prompt: { en: `Buying for a team? ${version}` },
    steps: [
      {
        id: "team",
        kind: "qualifier",
        field: "team_size",
        text: { en: `How big is your team? ${version}`, de: `Wie groß ist euer Team? ${version}` },
        input: {
          type: "choice",
          options: [
            { id: "small", label: { en: "1–10", de: "1–10 Leute" } },
            { id: "large", label: { en: "11+" } },
          ],
        },
      },
    ],
    variants: [{ id: "short", weight: 1, prompt: { en: `Team order? ${version}` } }],
  });

/** Version 1 until minute 10, version 2 after. */
const versions: FlowAt = (flowId, at) =>
  flowId !== "b2b" ? null : at.getTime() < NOW_MS + 10 * MINUTE ? qualifier("v1") : qualifier("v2");

describe("transcriptOf", () => {
  it("GIVEN a flow edited between two visits THEN each reads the text that was live when it was shown", () => {
    const flow = { flowId: "b2b" };
    const lines = transcriptOf(
      [
        logged("prompt_shown", 1, flow),
        logged("step_viewed", 2, { ...flow, stepId: "team" }),
        logged("prompt_shown", 11, flow),
        logged("step_viewed", 12, { ...flow, stepId: "team" }),
      ],
      versions,
      "en",
    );
    expect(lines.map((line) => line.text)).toEqual([
      "Buying for a team? v1",
      "How big is your team? v1",
      "Buying for a team? v2",
      "How big is your team? v2",
    ]);
  });

  it("GIVEN a German shopper THEN German texts where the merchant wrote them, else the first language", () => {
    const flow = { flowId: "b2b", stepId: "team" };
    const lines = transcriptOf(
      [
        logged("step_viewed", 1, flow),
        logged("step_answered", 2, { ...flow, data: { answer: { kind: "choice", value: "small" } } }),
        logged("step_answered", 3, { ...flow, data: { answer: { kind: "choice", value: "large" } } }),
      ],
      versions,
      "de",
    );
    expect(lines.map((line) => [line.speaker, line.text])).toEqual([
      ["bot", "Wie groß ist euer Team? v1"],
      ["shopper", "1–10 Leute"],
      ["shopper", "11+"],
    ]);
  });

  it("GIVEN a variant's prompt, a number typed and a flow since deleted THEN each is said as it happened", () => {
    const lines = transcriptOf(
      [
        logged("prompt_shown", 1, { flowId: "b2b", variantId: "short" }),
        logged("step_answered", 2, { flowId: "b2b", stepId: "size", data: { answer: { kind: "number", value: 42 } } }),
        logged("step_viewed", 3, { flowId: "gone", stepId: "ask" }),
        logged("flow_abandoned", 4, { flowId: "gone", data: { reason: "navigated" } }),
      ],
      versions,
      "en",
    );
    expect(lines.map((line) => line.text)).toEqual([
      "Team order? v1",
      "42",
      "Step ask of gone (no longer available)",
      "Left “gone”: left the page",
    ]);
  });

  it("GIVEN a question, its answer and its micro-conversion stamped with one instant, in any stored order THEN question, answer, conversion", () => {
    const answer = logged("answer_shown", 5, {
      data: { kind: "answer", sourceIds: ["faq-1"], sourceTitles: ["Returns"], text: "30 days." },
    });
    const micro = logged("micro_conversion", 5, { microKind: "question_answered" });
    const question = logged("question_asked", 5, { data: { question: "how long to return?" } });
    const lines = transcriptOf([micro, answer, question], versions, "en");
    expect(lines.map((line) => line.type)).toEqual(["question_asked", "answer_shown", "micro_conversion"]);
    expect(lines[1]).toMatchObject({ speaker: "bot", text: "30 days.", sources: [{ id: "faq-1", title: "Returns" }] });
  });

  it("GIVEN a handoff by email, a message each way, its end and a rating THEN each is a line, the words left to the thread", () => {
    const rated = [
      logged("handoff_requested", 4, { data: { reason: "asked", mode: "offline" } }),
      logged("csat_given", 9, { data: { scale: "five", score: 4 } }),
      logged("csat_given", 10, { data: { scale: "five", score: 1 } }),
    ];
    const lines = transcriptOf(
      [
        logged("csat_given", 9, { data: { scale: "five", score: 4 } }),
        logged("handoff_closed", 8),
        logged("handoff_message", 6, { data: { from: "staff" } }),
        logged("handoff_message", 5, { data: { from: "shopper" } }),
        logged("handoff_requested", 4, { data: { reason: "abstained", mode: "offline" } }),
      ],
      versions,
      "en",
    );
    expect(lines.map((line) => [line.speaker, line.text])).toEqual([
      ["event", "Offered a person after an answer the shop could not give: nobody was available, so by email"],
      ["shopper", "Wrote to the team"],
      ["event", "The team replied"],
      ["event", "The conversation with the team ended"],
      ["shopper", "Rated the chat 4 of 5"],
    ]);
    expect(numbersOf([logged("handoff_message", 5, { data: { from: "shopper" } })]).shopperTurns).toBe(1);
    expect(numbersOf([logged("handoff_message", 5, { data: { from: "staff" } })]).shopperTurns).toBe(0);
    expect(numbersOf(rated)).toMatchObject({ handoffs: 1, csat: "4/5" });
  });

  it("GIVEN an answer recorded before texts were kept, or unreadable data THEN it says what it can, never throws", () => {
    const lines = transcriptOf(
      [
        logged("answer_shown", 1, { data: { kind: "answer", sourceIds: ["faq-1", "faq-2"] } }),
        logged("answer_shown", 2, { data: { kind: "order_status", sourceIds: [] } }),
        logged("question_asked", 3, { data: "{not json" }),
        logged("something_new", 4),
      ],
      versions,
      "en",
    );
    expect(lines.map((line) => line.text)).toEqual(["Answered from 2 source(s)", "Showed the order's status", ""]);
    expect(lines[0]!.sources).toEqual([
      { id: "faq-1", title: "faq-1" },
      { id: "faq-2", title: "faq-2" },
    ]);
  });
});

describe("numbersOf and outcomes", () => {
  const events = [
    logged("flow_started", 1, { flowId: "b2b" }),
    logged("step_answered", 2, { flowId: "b2b", data: { answer: { kind: "choice", value: "small" } } }),
    logged("question_asked", 3, { data: { question: "Do you invoice?" } }),
    logged("answer_abstained", 3),
    logged("answer_feedback", 4, { data: { helpful: false } }),
  ];

  it("GIVEN a flow answered, a question not covered and a thumbs down THEN its numbers", () => {
    expect(numbersOf(events)).toEqual({
      flows: ["b2b"],
      questions: 1,
      answered: 0,
      abstained: 1,
      microConversions: [],
      shopperTurns: 3,
      helpful: 0,
      notHelpful: 1,
      handoffs: 0,
      csat: null,
      firstShopperWords: "Do you invoice?",
    });
  });

  it("GIVEN only an answered question THEN answered, but not converted: answers are counted on their own", () => {
    const numbers = numbersOf([logged("micro_conversion", 1, { microKind: "question_answered" })]);
    expect(hasOutcome("answered", numbers, 0)).toBe(true);
    expect(hasOutcome("converted", numbers, 0)).toBe(false);
    expect(hasOutcome("credited", numbers, 0)).toBe(false);
    expect(hasOutcome("credited", numbers, 2)).toBe(true);
  });
});

describe("csvCell", () => {
  it.each([
    ["=HYPERLINK(1)", "'=HYPERLINK(1)"],
    ["+1 555", "'+1 555"],
    ["-2", "'-2"],
    ["@sum", "'@sum"],
    ['said "hi", then', '"said ""hi"", then"'],
    ["plain", "plain"],
  ])("GIVEN %s THEN %s", (value, cell) => {
    expect(csvCell(value)).toBe(cell);
  });
});
