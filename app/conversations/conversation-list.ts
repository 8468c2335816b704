/**
 * Why: the Conversations page's filters and each conversation's numbers, decided without I/O so the list,
 * the conversation page and the CSV export count a conversation the same way. A conversation is a chat
 * session in which the shopper did something with the chat (opened it, started a flow, asked); a prompt
 * shown and ignored is not one.
 */
import { z } from "zod";
import { eventData, type LoggedEvent } from "./transcript";
import { isSatisfied } from "../analytics/quality";
import type { CsatRating } from "../analytics/session-facts";

export const CONVERSATIONS_PAGE_SIZE = 50;
/** Sessions a list or export considers at most, newest activity first: a busy year costs what a quiet month does. */
export const MAX_CONVERSATIONS = 5_000;
/** Days shown when the merchant names none. */
export const DEFAULT_DAYS = 30;

export const OUTCOMES = ["answered", "abstained", "handed_off", "converted", "credited"] as const;
export type Outcome = (typeof OUTCOMES)[number];

export const OUTCOME_LABEL: Record<Outcome, string> = {
  answered: "Got an answer",
  abstained: "Asked something the shop's content does not cover",
  handed_off: "Asked for a person",
  converted: "Micro-conversion (beyond answers)",
  credited: "Credited with an order",
};

/** The shopper's rating, as the dashboard's CSAT counts it: satisfied is 4–5 or 👍, the first tap only. */
export const CSAT_FILTERS = ["good", "poor", "unrated"] as const;
export type CsatFilter = (typeof CSAT_FILTERS)[number];

export const CSAT_FILTER_LABEL: Record<CsatFilter, string> = {
  good: "Rated good (4–5 or 👍)",
  poor: "Rated poorly (1–3 or 👎)",
  unrated: "Not rated",
};

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: "a day as YYYY-MM-DD" });
const blankIsAbsent = (value: unknown) => (value === "" || value === null ? undefined : value);

export const conversationFiltersSchema = z
  .object({
    from: z.preprocess(blankIsAbsent, day.optional()),
    to: z.preprocess(blankIsAbsent, day.optional()),
    flow: z.preprocess(
      blankIsAbsent,
      z
        .string()
        .regex(/^[A-Za-z0-9_-]{1,64}$/, { error: "a flow id" })
        .optional(),
    ),
    outcome: z.preprocess(blankIsAbsent, z.enum(OUTCOMES, { error: `one of ${OUTCOMES.join(", ")}` }).optional()),
    csat: z.preprocess(blankIsAbsent, z.enum(CSAT_FILTERS, { error: `one of ${CSAT_FILTERS.join(", ")}` }).optional()),
    q: z.preprocess(blankIsAbsent, z.string().trim().max(200, { error: "at most 200 characters" }).optional()),
    page: z.preprocess(blankIsAbsent, z.coerce.number().int().min(1).max(1_000).optional()),
  })
  .refine((filters) => !filters.from || !filters.to || filters.from <= filters.to, {
    error: "from must not be after to",
    path: ["from"],
  });
export type ConversationFilters = z.output<typeof conversationFiltersSchema>;

/** What one conversation amounted to. */
export interface ConversationNumbers {
  flows: string[];
  questions: number;
  answered: number;
  abstained: number;
  /** Micro-conversion kinds in the order they happened (answered questions included). */
  microConversions: string[];
  /** The shopper's own turns: choices clicked, questions typed, feedback given (conversational depth). */
  shopperTurns: number;
  helpful: number;
  notHelpful: number;
  /** Requests for a person (a handoff, live or by email). */
  handoffs: number;
  /** The shopper's rating of the chat: "👍", "👎" or "4/5"; null when not rated. */
  csat: string | null;
  /** The first thing the shopper typed or chose, for the list. */
  firstShopperWords: string | null;
}

const SHOPPER_TURNS = new Set(["step_answered", "question_asked", "answer_feedback"]);
/** A shopper's turn: a choice, a question, a vote, or a message to the team after a handoff. */
const isShopperTurn = (event: LoggedEvent) =>
  SHOPPER_TURNS.has(event.type) || (event.type === "handoff_message" && eventData(event).from === "shopper");

export function numbersOf(events: LoggedEvent[]): ConversationNumbers {
  const ordered = [...events].sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime());
  const numbers: ConversationNumbers = {
    flows: [],
    questions: 0,
    answered: 0,
    abstained: 0,
    microConversions: [],
    shopperTurns: 0,
    helpful: 0,
    notHelpful: 0,
    handoffs: 0,
    csat: null,
    firstShopperWords: null,
  };
  for (const event of ordered) {
    if (isShopperTurn(event)) numbers.shopperTurns++;
    if (event.type === "flow_started" && event.flowId && !numbers.flows.includes(event.flowId))
      numbers.flows.push(event.flowId);
    if (event.type === "question_asked") {
      numbers.questions++;
      if (numbers.firstShopperWords === null) numbers.firstShopperWords = questionOf(event);
    }
    if (event.type === "answer_abstained") numbers.abstained++;
    if (event.type === "micro_conversion") {
      numbers.microConversions.push(event.microKind ?? "unknown");
      if (event.microKind === "question_answered") numbers.answered++;
    }
    if (event.type === "handoff_requested") numbers.handoffs++;
    // Ingest keeps only a conversation's first rating.
    if (event.type === "csat_given" && numbers.csat === null) numbers.csat = csatOf(eventData(event));
    if (event.type === "answer_feedback") {
      if (eventData(event).helpful === true) numbers.helpful++;
      else numbers.notHelpful++;
    }
  }
  return numbers;
}

/** Whether a conversation shows an outcome (credited needs its credits, which the events do not hold). */
export function hasOutcome(outcome: Outcome, numbers: ConversationNumbers, creditedOrders: number): boolean {
  switch (outcome) {
    case "answered":
      return numbers.answered > 0;
    case "abstained":
      return numbers.abstained > 0;
    case "handed_off":
      return numbers.handoffs > 0;
    case "converted":
      return numbers.microConversions.some((kind) => kind !== "question_answered");
    case "credited":
      return creditedOrders > 0;
  }
}

function csatOf(data: Record<string, unknown>): string | null {
  const rating = ratingOf(data);
  if (!rating) return null;
  return rating.scale === "thumbs" ? (rating.thumbs === 1 ? "👍" : "👎") : `${rating.score}/5`;
}

/** A csat_given event's rating, from its stored data; null when the data names none. */
export function ratingOf(data: Record<string, unknown>): CsatRating | null {
  if (data.scale === "thumbs" && (data.thumbs === 0 || data.thumbs === 1))
    return { scale: "thumbs", thumbs: data.thumbs };
  if (data.scale === "five" && typeof data.score === "number") return { scale: "five", score: data.score };
  return null;
}

/** Which CSAT filter a conversation's first rating falls under (null: not rated). */
export function csatVerdict(rating: CsatRating | null): CsatFilter {
  if (!rating) return "unrated";
  return isSatisfied(rating) ? "good" : "poor";
}

export function questionOf(event: Pick<LoggedEvent, "data">): string | null {
  const question = eventData(event).question;
  return typeof question === "string" ? question : null;
}

/** Case- and accent-blind search over what the shopper typed. */
export function matchesSearch(text: string, search: string): boolean {
  const fold = (value: string) => value.normalize("NFD").replace(/\p{M}/gu, "").toLocaleLowerCase();
  return fold(text).includes(fold(search));
}
