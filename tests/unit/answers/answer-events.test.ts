import { describe, expect, it } from "vitest";
import { answerEvents, isAnswered, pagePathOf } from "../../../app/answers/answer-events";
import type { Answer, Question } from "../../../contract/answers";
import { NOW_MS } from "../../support/clock";

const IDS = {
  question: "00000000-0000-4000-8000-000000000001",
  answer: "00000000-0000-4000-8000-000000000002",
  micro: "00000000-0000-4000-8000-000000000003",
};

function aQuestion(overrides: Partial<Question> = {}): Question {
  return {
    sessionId: "sess_ABCDEFGH1234",
    visitorId: "visitor_12345678",
    question: "Do you ship to Canada?",
    locale: "en",
    page: { type: "product", handle: "linen-shirt", productId: "7001" },
    ...overrides,
  };
}

const policy = { type: "policy" as const, id: "gid://shopify/ShopPolicy/42", title: "Shipping policy", url: null };
const product = { type: "product" as const, id: "gid://shopify/Product/7001", title: "Linen Shirt", url: null };

describe("isAnswered: what counts as a question_answered micro-conversion", () => {
  it.each<[string, Answer, boolean]>([
    ["a quoted answer", { kind: "answer", text: "We ship to Canada.", sources: [policy], locale: "en" }, true],
    ["product cards", { kind: "products", text: "Here is what I found:", sources: [product], locale: "en" }, true],
    [
      "an order found",
      {
        kind: "order_status",
        text: "Order #1001 has shipped.",
        sources: [{ type: "order", id: "gid://shopify/Order/1", title: "#1001", url: null }],
        locale: "en",
      },
      true,
    ],
    [
      "the order-status hand-off or a mismatch",
      { kind: "order_status", text: "Please give me your order number", sources: [], locale: "en" },
      false,
    ],
    ["a clarifying question", { kind: "clarify", text: "Which one?", sources: [policy, product], locale: "en" }, false],
    ["an abstention", { kind: "abstain", text: "Sorry", sources: [], locale: "en" }, false],
  ])("GIVEN %s THEN %s", (_label, answer, answered) => {
    expect(isAnswered(answer)).toBe(answered);
  });
});

describe("answerEvents", () => {
  it("GIVEN a product answered THEN question_asked (redacted), answer_shown with its sources, and the micro-conversion naming the product", () => {
    const question = aQuestion({ question: "Is it machine washable? ann@example.com" });
    const events = answerEvents(
      question,
      { kind: "answer", text: "Machine wash cold.", sources: [product], locale: "en" },
      IDS,
      NOW_MS,
    );
    expect(events).toEqual([
      {
        id: IDS.question,
        sessionId: question.sessionId,
        occurredAt: NOW_MS,
        type: "question_asked",
        question: "Is it machine washable? [email]",
        locale: "en",
        pageType: "product",
        productId: "7001",
      },
      {
        id: IDS.answer,
        sessionId: question.sessionId,
        occurredAt: NOW_MS,
        type: "answer_shown",
        kind: "answer",
        sourceIds: [product.id],
        text: "Machine wash cold.",
        sourceTitles: [product.title],
        locale: "en",
      },
      {
        id: IDS.micro,
        sessionId: question.sessionId,
        occurredAt: NOW_MS,
        type: "micro_conversion",
        kind: "question_answered",
        productId: product.id,
      },
    ]);
  });

  it("GIVEN an abstention THEN answer_abstained in the answer's language and no micro-conversion", () => {
    const events = answerEvents(
      aQuestion({ locale: "fr" }),
      { kind: "abstain", text: "Sorry", sources: [], locale: "en", fallbackFromLocale: "fr" },
      IDS,
      NOW_MS,
    );
    expect(events.map((event) => event.type)).toEqual(["question_asked", "answer_abstained"]);
    expect(events[1]).toMatchObject({ id: IDS.answer, locale: "en" });
  });

  it("GIVEN the order details typed into the order form THEN no event carries them", () => {
    const question = aQuestion({ question: "Where is my order?", order: { number: "1001", email: "ann@example.com" } });
    const events = answerEvents(
      question,
      { kind: "order_status", text: "I could not find an order", sources: [], locale: "en" },
      IDS,
      NOW_MS,
    );
    expect(JSON.stringify(events)).not.toMatch(/ann@example\.com|1001/);
  });

  it("GIVEN an order's status shown THEN the transcript keeps that it was shown, not the shopper's order details", () => {
    const question = aQuestion({ question: "Where is my order?", order: { number: "1001", email: "ann@example.com" } });
    const order = { type: "order" as const, id: "gid://shopify/Order/1001", title: "#1001", url: null };
    const events = answerEvents(
      question,
      { kind: "order_status", text: "Order #1001 shipped with DHL, tracking 00340434", sources: [order], locale: "en" },
      IDS,
      NOW_MS,
    );
    expect(events[1]).toMatchObject({ type: "answer_shown", kind: "order_status" });
    expect(events[1]).not.toHaveProperty("text");
    expect(events[1]).not.toHaveProperty("sourceTitles");
    expect(JSON.stringify(events)).not.toMatch(/DHL|00340434/);
  });
});

describe("pagePathOf", () => {
  it.each<[Question["page"], string]>([
    [{ type: "product", handle: "linen-shirt" }, "/products/linen-shirt"],
    [{ type: "collection", handle: "summer" }, "/collections/summer"],
    [{ type: "page", handle: "faq" }, "/pages/faq"],
    [{ type: "cart" }, "/cart"],
    [{ type: "home" }, "/"],
  ])("GIVEN %j THEN %s", (page, path) => {
    expect(pagePathOf(page)).toBe(path);
  });
});
