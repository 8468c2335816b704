/**
 * What the handoff route stores when a shopper asks for a person (app/conversations/handoff.server.ts): its
 * `handoff_requested` chat event (no free text) and the shopper's words in HandoffMessage. Written as rows,
 * so routing and HubSpot tests build against the fact without driving the live handoff.
 */
import prisma from "../../../app/db.server";
import { anEventId } from "./events";

export async function aHandoffRequest(
  shopDomain: string,
  sessionId: string,
  at: Date,
  question = "Do you ship to Norway before Christmas?",
): Promise<void> {
  await prisma.chatEvent.create({
    data: {
      shopDomain,
      sessionId,
      id: anEventId(),
      type: "handoff_requested",
      occurredAt: at,
      receivedAt: at,
      data: JSON.stringify({ reason: "asked", mode: "offline" }),
    },
  });
  await prisma.handoffMessage.create({
    data: { handoffId: `handoff_${sessionId}`, seq: 1, shopDomain, sessionId, speaker: "shopper", text: question, at },
  });
}

/** A question the shopper typed and the answer the answers route showed, with its source. */
export async function aQuestionAnswered(shopDomain: string, sessionId: string, at: Date): Promise<void> {
  await prisma.chatEvent.createMany({
    data: [
      {
        shopDomain,
        sessionId,
        id: anEventId(),
        type: "question_asked",
        occurredAt: at,
        receivedAt: at,
        data: JSON.stringify({ question: "Is the linen shirt <b>machine</b> washable?", locale: "en" }),
      },
      {
        shopDomain,
        sessionId,
        id: anEventId(),
        type: "answer_shown",
        occurredAt: at,
        receivedAt: at,
        data: JSON.stringify({
          kind: "answer",
          text: "Yes, at 30 °C.",
          sourceIds: ["page:care"],
          sourceTitles: ["Care guide"],
          locale: "en",
        }),
      },
    ],
  });
}
