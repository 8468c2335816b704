/**
 * The shopper's typed question on the wire, and what the chat does with the answer: pure, so the
 * decisions (what to send, when to ask for order details, which error to show) are tested
 * without a browser. The chat UI (ui/ask.ts) renders what these decide.
 */
import type { Answer, MAX_QUESTION_CHARS, Question } from "../../contract/answers";
import type { WidgetConfig } from "../../contract/widget-config";
import type { WidgetContext } from "./types";

/** The app proxy path, like the events': Shopify signs the request and forwards it to the app. */
export const ANSWERS_URL = "/apps/chatlift/answers";
/** The contract's limit, as a literal: the widget imports no value from the contract (it would bundle zod). */
export const MAX_CHARS: typeof MAX_QUESTION_CHARS = 500;

export interface Asked {
  question: string;
  /** Sources already shown for this question: "not what I meant" skips them. */
  exclude?: string[];
  order?: Question["order"];
}

export function questionBody(
  ctx: Pick<WidgetContext, "data" | "sessionId" | "visitorId" | "arm">,
  asked: Asked,
  fallbackLocale: string,
): Question {
  const { type, handle, productId, locale } = ctx.data.page;
  return {
    sessionId: ctx.sessionId,
    visitorId: ctx.visitorId,
    // The question may open the chat session before the first event batch does.
    arm: ctx.arm,
    question: asked.question.trim().slice(0, MAX_CHARS),
    locale: locale || fallbackLocale,
    page: { type, handle, productId },
    excludeSourceIds: asked.exclude?.length ? asked.exclude.slice(-20) : undefined,
    order: asked.order,
  };
}

/**
 * The locale key of the kind message for a failed ask: the shopper's text stays in the box.
 * 0 is a network error (offline, or the request never got an answer).
 */
export function failureKey(status: number): "ask_busy" | "ask_offline" | "ask_failed" {
  return status == 429 ? "ask_busy" : status ? "ask_failed" : "ask_offline";
}

/**
 * An order-status answer with no order behind it asks for the order number and email (first
 * ask, or a number and email that matched nothing: the route says nothing more about either).
 */
export function needsOrderDetails(answer: Answer): boolean {
  return answer.kind == "order_status" && !answer.sources.some((source) => source.type == "order");
}

/** The sources to skip on "not what I meant": those already skipped, plus those just shown. */
export function excludeAfter(asked: Asked, answer: Answer): string[] {
  return [
    ...new Set([
      ...(asked.exclude ?? []),
      ...answer.sources.map((source) => source.id),
      ...(answer.products ?? []).map((product) => product.id),
    ]),
  ];
}

/**
 * The merchant's answers switch: off, the chat has no question box and no suggested questions (the route
 * would refuse them anyway). A config published before the switch existed means on.
 */
export const answersOn = (config: WidgetConfig) => config.answers?.enabled != false;

/** Product pages offer a few generic questions ("Does it run small?"), from the locale's "a|b|c" template. */
export function suggestedQuestions(data: WidgetContext["data"]): string[] {
  return answersOn(data.config) && data.page.type == "product"
    ? (data.t.ask_chips ?? "").split("|").filter(Boolean)
    : [];
}

/** Shopify ids arrive as gids (gid://shopify/ProductVariant/123); the AJAX Cart API wants the number. */
export const numericId = (id: string | number) => Number(String(id).split("/").pop());
