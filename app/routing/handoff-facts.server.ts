/**
 * Why: a shopper who asked for a person is a routing fact (`handoff_requested`), and the question they asked
 * is what the ticket a rule creates must say. The two are read apart on purpose: the engine gets the yes / no
 * only, so no condition, reason or decision log can hold the shopper's words; the ticket's worker reads the
 * question when it sends. Both come from the chat events of the wire contract (`handoff_requested` carries no
 * free text; the question is what the shopper wrote for the person, kept by the handoff in HandoffMessage).
 */
import type { Database, Tx } from "../db.server";

type EventReader = Pick<Tx | Database, "chatEvent">;
type QuestionReader = Pick<Tx | Database, "chatEvent" | "handoffMessage">;

export const HANDOFF_REQUESTED_EVENT = "handoff_requested";

export type HandoffRequest = { sessionId: string; at: Date };

/** The lead's latest request for a person among its sessions, or null when it never asked. */
export async function latestHandoffRequest(
  db: EventReader,
  shopDomain: string,
  sessionIds: readonly string[],
): Promise<HandoffRequest | null> {
  if (!sessionIds.length) return null;
  const found = await db.chatEvent.findFirst({
    where: { shopDomain, sessionId: { in: [...sessionIds] }, type: HANDOFF_REQUESTED_EVENT },
    orderBy: [{ occurredAt: "desc" }, { id: "desc" }],
    select: { sessionId: true, occurredAt: true },
  });
  return found ? { sessionId: found.sessionId, at: found.occurredAt } : null;
}

/**
 * What the shopper asked the person: the first thing they wrote in the handoff (HandoffMessage, stored redacted
 * of emails and phone numbers), else their last question to the bot in that session before asking; undefined
 * when they typed neither.
 */
export async function handoffQuestion(
  db: QuestionReader,
  shopDomain: string,
  request: HandoffRequest,
): Promise<string | undefined> {
  const written = await db.handoffMessage.findFirst({
    where: { shopDomain, sessionId: request.sessionId, speaker: "shopper", at: { gte: request.at } },
    orderBy: [{ at: "asc" }, { seq: "asc" }],
    select: { text: true },
  });
  if (written?.text.trim()) return written.text.trim();
  const asked = await db.chatEvent.findFirst({
    where: { shopDomain, sessionId: request.sessionId, type: "question_asked", occurredAt: { lte: request.at } },
    orderBy: [{ occurredAt: "desc" }, { id: "desc" }],
    select: { data: true },
  });
  if (!asked?.data) return undefined;
  try {
    const question = (JSON.parse(asked.data) as { question?: unknown }).question;
    return typeof question === "string" && question.trim() ? question.trim() : undefined;
  } catch {
    return undefined;
  }
}
