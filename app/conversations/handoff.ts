/**
 * Why: a handoff moves between a few states (a shopper waiting for a person, a person answering, an email
 * left for a later answer, closed), and who may do what in each is the whole contract between the shopper's
 * chat and the staff's Conversations page. Kept here as plain data and one function, so every move and
 * every refusal is decided (and tested) in one place; handoff.server.ts only stores what this decides.
 */
import type { HANDOFF_MODES, HANDOFF_REASONS, HANDOFF_STATUSES, HandoffView } from "../../contract/handoff";

export type HandoffStatus = (typeof HANDOFF_STATUSES)[number];
export type HandoffMode = (typeof HANDOFF_MODES)[number];
export type HandoffReason = (typeof HANDOFF_REASONS)[number];

export interface HandoffState {
  status: HandoffStatus;
  mode: HandoffMode;
  /** Live and waiting: from this instant (ms) the shopper may leave an email instead. */
  offerOfflineAt: number | null;
  firstStaffReplyAt: number | null;
}

export type HandoffMove =
  { kind: "shopper_says" } | { kind: "staff_replies"; at: number } | { kind: "leave_email" } | { kind: "close" };

export type MoveResult = { ok: true; state: HandoffState } | { ok: false; refusal: string };

/** Open handoffs: the widget polls them and the Conversations page lists them as waiting. */
export const OPEN_STATUSES: readonly HandoffStatus[] = ["waiting", "live", "offline"];

/** How long after an answer the shop could not give a "talk to a person" still counts as asked because of it. */
export const AFTER_ABSTENTION_MS = 10 * 60_000;

/**
 * Why the shopper asked: the widget only knows it was asked. While one of the merchant's offer rules matches
 * (handoff-offers.ts: the chat offered a person because of it), the request is counted as the rule's; a
 * request right after the shop's answer was an honest "I don't know" (the session's latest answer event) as
 * coming from that abstention, so the merchant sees which rules and which gaps send shoppers to a person.
 */
export function reasonFor(
  asked: HandoffReason,
  latestAnswer: { type: string; occurredAt: number } | null,
  now: number,
  offeredByRule = false,
): HandoffReason {
  if (asked !== "asked") return asked;
  if (offeredByRule) return "rule";
  if (!latestAnswer || latestAnswer.type !== "answer_abstained") return asked;
  return now - latestAnswer.occurredAt <= AFTER_ABSTENTION_MS ? "abstained" : asked;
}

/** A new handoff: waiting for a person when one can answer now; otherwise waiting for the shopper's email. */
export function startHandoff(live: boolean, at: number, waitSeconds: number): HandoffState {
  return {
    status: "waiting",
    mode: live ? "live" : "offline",
    offerOfflineAt: live ? at + waitSeconds * 1000 : at,
    firstStaffReplyAt: null,
  };
}

export function move(state: HandoffState, change: HandoffMove): MoveResult {
  const refuse = (refusal: string): MoveResult => ({ ok: false, refusal });
  if (state.status === "closed" && change.kind !== "close") return refuse("this conversation with the team has ended");
  switch (change.kind) {
    case "shopper_says":
      if (state.status === "offline") return refuse("the question was left for an answer by email");
      if (state.mode === "offline") return refuse("nobody can answer live now: leave an email and your question");
      return { ok: true, state };
    case "staff_replies":
      if (state.status === "offline")
        return refuse("the shopper left an email and is no longer waiting in the chat: answer by email");
      if (state.mode === "offline")
        return refuse("the shopper has not left an email yet and was told nobody is online");
      return {
        ok: true,
        state: { ...state, status: "live", firstStaffReplyAt: state.firstStaffReplyAt ?? change.at },
      };
    case "leave_email":
      if (state.status === "offline") return refuse("an email was left for this question already");
      return { ok: true, state: { ...state, status: "offline" } };
    case "close":
      return { ok: true, state: { ...state, status: "closed" } };
  }
}

/** Whether the widget should keep asking for news: only while a person may still write. */
export function keepsPolling(state: Pick<HandoffState, "status" | "mode">): boolean {
  return state.mode === "live" && (state.status === "waiting" || state.status === "live");
}

/** The handoff as the shopper's widget sees it (no email, no consent text: those are the shop's). */
export function viewOf(
  handoff: HandoffState & { id: string; answerBy: number | null },
  messages: HandoffView["messages"],
): HandoffView {
  return {
    handoffId: handoff.id,
    status: handoff.status,
    mode: handoff.mode,
    messages,
    ...(handoff.status === "waiting" && handoff.offerOfflineAt !== null
      ? { offerOfflineAt: new Date(handoff.offerOfflineAt).toISOString() }
      : {}),
    ...(handoff.answerBy !== null ? { answerBy: new Date(handoff.answerBy).toISOString() } : {}),
    poll: keepsPolling(handoff),
  };
}

/** The staff's words on the Conversations page list: how long a shopper has been waiting. */
export function waitingLabel(status: HandoffStatus, mode: HandoffMode): string {
  if (status === "offline") return "Left an email: answer by email";
  if (status === "live") return "Talking with the team";
  if (status === "closed") return "Closed";
  return mode === "live" ? "Waiting for a person" : "Offered to leave an email";
}
