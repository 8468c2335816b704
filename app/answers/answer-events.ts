/**
 * Why: every question and what ChatLift answered become events in the shopper's chat session, so the
 * dashboard, credit, holdout lift and routing see questions the way they see flows. The question is
 * stored only redacted (no email, no phone number), the order details typed for order status never,
 * and an answered question (a source quoted, products shown, an order found) is a micro-conversion.
 */
import type { Answer, Question } from "../../contract/answers";
import type { PageType, RecordedEvent, REPHRASING_OUTCOMES } from "../../contract/events";
import { redactContactDetails } from "./redact";

export interface AnswerEventIds {
  question: string;
  /** The answer's own id (Answer.id): the widget's answer_feedback names it. */
  answer: string;
  micro: string;
}

/** Whether the shopper got what they asked for: a clarifying question or an abstention is not an answer yet. */
export function isAnswered(answer: Answer): boolean {
  if (answer.kind === "order_status") return answer.sources.some((source) => source.type === "order");
  return (answer.kind === "answer" || answer.kind === "products") && answer.sources.length > 0;
}

/** The storefront path a page context stands for (the session's landing page if the question opens it). */
export function pagePathOf(page: Question["page"]): string {
  const prefix: Partial<Record<PageType, string>> = {
    product: "/products/",
    collection: "/collections/",
    page: "/pages/",
    cart: "/cart",
  };
  const start = prefix[page.type];
  if (!start) return "/";
  return start.endsWith("/") ? `${start}${page.handle ?? ""}` : start;
}

/** The events of one question and its answer, all stamped at `at` (the server's clock). */
export function answerEvents(
  question: Question,
  answer: Answer,
  ids: AnswerEventIds,
  at: number,
  rephrasing?: (typeof REPHRASING_OUTCOMES)[number],
): RecordedEvent[] {
  const base = { sessionId: question.sessionId, occurredAt: at };
  const events: RecordedEvent[] = [
    {
      ...base,
      id: ids.question,
      type: "question_asked",
      question: redactContactDetails(question.question),
      locale: question.locale,
      pageType: question.page.type,
      ...(question.page.productId ? { productId: question.page.productId } : {}),
      ...(question.excludeSourceIds?.length ? { repair: true as const } : {}),
    },
    answer.kind === "abstain"
      ? { ...base, id: ids.answer, type: "answer_abstained", locale: answer.locale }
      : {
          ...base,
          id: ids.answer,
          type: "answer_shown",
          kind: answer.kind,
          sourceIds: answer.sources.map((source) => source.id).slice(0, 20),
          // Shop content, kept for the transcript; an order's status is the shopper's own and is not kept.
          ...(answer.kind === "order_status"
            ? {}
            : {
                text: answer.text.slice(0, 4000),
                sourceTitles: answer.sources.map((source) => source.title.slice(0, 300)).slice(0, 20),
              }),
          locale: answer.locale,
          ...(rephrasing ? { rephrasing } : {}),
        },
  ];
  if (isAnswered(answer)) {
    const product = answer.sources.find((source) => source.type === "product");
    events.push({
      ...base,
      id: ids.micro,
      type: "micro_conversion",
      kind: "question_answered",
      ...(product ? { productId: product.id } : {}),
    });
  }
  return events;
}
