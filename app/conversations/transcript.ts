/**
 * Why: the merchant reads a chat session as a conversation, not as an event log. Nothing stores the
 * conversation itself: it is rebuilt from the session's events, the flow version that was live when each
 * prompt or step was shown (so an edited flow does not rewrite what a shopper read), and the answers as the
 * answers route recorded them. Anything the log cannot say (a flow since deleted, an old event) is shown as
 * what happened, never guessed.
 */
import type { Flow, LocalizedText, Step } from "../../contract/widget-config";

/** A stored event as the transcript reads it (a ChatEvent row). */
export interface LoggedEvent {
  id: string;
  type: string;
  flowId: string | null;
  stepId: string | null;
  variantId: string | null;
  microKind: string | null;
  occurredAt: Date;
  /** The event's remaining fields as JSON text. */
  data: string | null;
}

/** The flow definition live at an instant (null when the flow or its version is gone). */
export type FlowAt = (flowId: string, at: Date) => Flow | null;

export type Speaker = "bot" | "shopper" | "event";

export interface TranscriptSource {
  id: string;
  title: string;
}

export interface TranscriptLine {
  id: string;
  at: string;
  speaker: Speaker;
  /** The event type it came from, for filters and tests. */
  type: string;
  text: string;
  sources?: TranscriptSource[];
}

const MICRO_LABEL: Record<string, string> = {
  fit_help: "got fit help",
  recommendation_click: "clicked a recommendation",
  add_to_cart: "added to cart",
  email_capture: "left their email with consent",
  coupon_applied: "applied a discount code",
  qualifier: "answered a qualifying question",
  demo_booked: "booked a demo",
  link_click: "followed a link",
  question_answered: "got an answer",
};

const ABANDON_LABEL: Record<string, string> = {
  dismissed: "closed the chat",
  navigated: "left the page",
  idle: "stopped answering",
};

/** The event's own fields (its JSON data); an unreadable one is empty, never an error. */
export function eventData(event: Pick<LoggedEvent, "data">): Record<string, unknown> {
  if (!event.data) return {};
  try {
    const parsed: unknown = JSON.parse(event.data);
    return parsed && typeof parsed === "object" ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

const str = (value: unknown): string | undefined => (typeof value === "string" ? value : undefined);

/** The text in the shopper's language, else the first the merchant wrote. */
export function textIn(text: LocalizedText | undefined, locale: string): string | undefined {
  if (!text) return undefined;
  return text[locale] ?? text[locale.slice(0, 2)] ?? Object.values(text)[0];
}

function variantOf(flow: Flow, variantId: string | null) {
  return variantId ? flow.variants.find((variant) => variant.id === variantId) : undefined;
}

function stepOf(flow: Flow, event: LoggedEvent): Step | undefined {
  const steps = variantOf(flow, event.variantId)?.steps ?? flow.steps;
  return steps.find((step) => step.id === event.stepId);
}

/** The words the shopper clicked: a reply's or an option's label, or the number typed. */
function shopperChoice(step: Step | undefined, answer: Record<string, unknown>, locale: string): string | undefined {
  const value = answer.value;
  if (answer.kind === "number" && typeof value === "number") return String(value);
  if (typeof value !== "string") return undefined;
  if (step?.kind === "message") return textIn(step.replies.find((reply) => reply.id === value)?.label, locale);
  if (step?.kind === "qualifier" && step.input.type === "choice")
    return textIn(step.input.options.find((option) => option.id === value)?.label, locale);
  return undefined;
}

function sourcesOf(data: Record<string, unknown>): TranscriptSource[] {
  const ids = Array.isArray(data.sourceIds) ? data.sourceIds.filter((id) => typeof id === "string") : [];
  const titles = Array.isArray(data.sourceTitles) ? data.sourceTitles : [];
  return ids.map((id, i) => ({ id, title: str(titles[i]) ?? id }));
}

function lineOf(event: LoggedEvent, flowAt: FlowAt, locale: string): Omit<TranscriptLine, "id" | "at" | "type"> | null {
  const data = eventData(event);
  const flow = event.flowId ? flowAt(event.flowId, event.occurredAt) : null;
  const flowName = flow ? (textIn(flow.label, locale) ?? flow.id) : (event.flowId ?? "a flow");
  switch (event.type) {
    case "session_started":
      return { speaker: "event", text: `Arrived on ${str(data.landingPath) ?? "the store"}` };
    case "prompt_shown": {
      const prompt = flow ? (variantOf(flow, event.variantId)?.prompt ?? flow.prompt) : undefined;
      return { speaker: "bot", text: textIn(prompt, locale) ?? `Prompt of ${flowName} (no longer available)` };
    }
    case "prompt_dismissed":
      return { speaker: "event", text: "Dismissed the prompt" };
    case "chat_opened":
      return { speaker: "event", text: data.by === "launcher" ? "Opened the chat" : "Opened the chat from the prompt" };
    case "flow_started":
      return { speaker: "event", text: `Started “${flowName}”` };
    case "step_viewed": {
      const step = flow ? stepOf(flow, event) : undefined;
      return step
        ? { speaker: "bot", text: textIn(step.text, locale) ?? step.id }
        : { speaker: "bot", text: `Step ${event.stepId ?? "?"} of ${flowName} (no longer available)` };
    }
    case "step_answered": {
      const answer = (data.answer ?? {}) as Record<string, unknown>;
      const step = flow ? stepOf(flow, event) : undefined;
      return { speaker: "shopper", text: shopperChoice(step, answer, locale) ?? str(answer.value) ?? "(answered)" };
    }
    case "micro_conversion": {
      const label = MICRO_LABEL[event.microKind ?? ""] ?? event.microKind ?? "converted";
      const code = str(data.code);
      return { speaker: "event", text: `Micro-conversion: ${label}${code ? ` (${code})` : ""}` };
    }
    case "flow_completed":
      return { speaker: "event", text: `Finished “${flowName}”` };
    case "flow_abandoned":
      return { speaker: "event", text: `Left “${flowName}”: ${ABANDON_LABEL[str(data.reason) ?? ""] ?? "abandoned"}` };
    case "question_asked":
      return { speaker: "shopper", text: str(data.question) ?? "" };
    case "answer_shown": {
      const sources = sourcesOf(data);
      const text =
        str(data.text) ??
        (data.kind === "order_status" ? "Showed the order's status" : `Answered from ${sources.length} source(s)`);
      return { speaker: "bot", text, sources };
    }
    case "answer_abstained":
      return { speaker: "bot", text: "Said honestly that the shop's information does not cover this" };
    case "answer_feedback":
      return { speaker: "shopper", text: data.helpful ? "Marked the answer helpful" : "Marked the answer not helpful" };
    case "handoff_requested":
      return {
        speaker: "event",
        text: `${HANDOFF_REASON_LABEL[str(data.reason) ?? ""] ?? "Asked for a person"}: ${
          data.mode === "live" ? "a person could take over" : "nobody was available, so by email"
        }`,
      };
    // The words live in the handoff's thread on the same page (and go with its privacy and retention rules).
    case "handoff_message":
      return data.from === "staff"
        ? { speaker: "event", text: "The team replied" }
        : { speaker: "shopper", text: "Wrote to the team" };
    case "handoff_closed":
      return { speaker: "event", text: "The conversation with the team ended" };
    case "csat_given":
      return { speaker: "shopper", text: `Rated the chat ${csatLabel(data)}` };
    default:
      return null;
  }
}

const HANDOFF_REASON_LABEL: Record<string, string> = {
  asked: "Asked for a person",
  abstained: "Offered a person after an answer the shop could not give",
  rule: "Offered a person by the shop's rule",
};

function csatLabel(data: Record<string, unknown>): string {
  if (data.scale === "thumbs") return data.thumbs === 1 ? "👍" : "👎";
  return typeof data.score === "number" ? `${data.score} of 5` : "(no score)";
}

/**
 * Events stamped with the same instant (a question, its answer and its micro-conversion are recorded together)
 * in the order they happen; event ids are random, so the log's own order says nothing.
 */
const SAME_INSTANT_ORDER: Record<string, number> = {
  session_started: 0,
  prompt_shown: 1,
  prompt_dismissed: 2,
  chat_opened: 2,
  flow_started: 3,
  step_viewed: 4,
  step_answered: 5,
  question_asked: 5,
  answer_shown: 6,
  answer_abstained: 6,
  micro_conversion: 7,
  flow_completed: 8,
  flow_abandoned: 8,
  answer_feedback: 9,
  // A request for a person follows the answer it came after, and comes before the email it leads to.
  handoff_requested: 6,
  handoff_message: 10,
  handoff_closed: 11,
  csat_given: 12,
};
const rank = (event: LoggedEvent) => SAME_INSTANT_ORDER[event.type] ?? 13;

/** The session's conversation in the order it happened. */
export function transcriptOf(events: LoggedEvent[], flowAt: FlowAt, locale: string): TranscriptLine[] {
  const ordered = events
    .map((event, position) => ({ event, position }))
    .sort(
      (a, b) =>
        a.event.occurredAt.getTime() - b.event.occurredAt.getTime() ||
        rank(a.event) - rank(b.event) ||
        a.position - b.position,
    );
  const lines: TranscriptLine[] = [];
  for (const { event } of ordered) {
    const line = lineOf(event, flowAt, locale);
    if (line) lines.push({ id: event.id, at: event.occurredAt.toISOString(), type: event.type, ...line });
  }
  return lines;
}
