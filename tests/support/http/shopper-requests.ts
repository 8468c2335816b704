/**
 * What a shopper's widget sends in a chat, as Shopify's app proxy delivers it: really signed requests handed to
 * the real events and answers routes (no HTTP server: these tests read the routes' answers, not the wire). Each
 * expects the 200 a good request gets, so a refused request fails the test where it was sent.
 */
import { expect } from "vitest";
import { action as answersRoute } from "../../../app/routes/apps.chatlift.answers";
import { action as eventsRoute } from "../../../app/routes/apps.chatlift.events";
import type { Answer, Question } from "../../../contract/answers";
import type { ChatEvent } from "../../../contract/events";
import { aBatch } from "../builders/events";
import { domainOf } from "../builders/sessions";
import { responseOf, routeArgs } from "./responses";
import { signedProxyRequest } from "./signed-requests";

/** One shopper's chat: its session and visitor ids, as the widget generated them. */
export interface ShopperChat {
  sessionId: string;
  visitorId: string;
}

/** The chat of session `sessionId`, its visitor named after it. */
export const chatOf = (sessionId: string): ShopperChat => ({ sessionId, visitorId: `visitor_${sessionId}` });

/** A question typed on the home page, in English, by a visitor in the treatment arm. */
export const aQuestion = (chat: ShopperChat, question: string, overrides: Partial<Question> = {}): Question => ({
  sessionId: chat.sessionId,
  visitorId: chat.visitorId,
  question,
  locale: "en",
  page: { type: "home" },
  arm: "treatment",
  ...overrides,
});

/** The chat's `events` in one batch, through the events route of `store`. */
export async function sendEvents(store: string, chat: ShopperChat, events: ChatEvent[]): Promise<void> {
  const batch = aBatch({ visitorId: chat.visitorId, events: events.map((e) => ({ ...e, sessionId: chat.sessionId })) });
  const response = await responseOf(eventsRoute(routeArgs(signedProxyRequest({ shop: domainOf(store), body: batch }))));
  expect(response.status).toBe(200);
}

/** A question through the answers route of `store`; the answer as the widget reads it. */
export async function askQuestion(store: string, question: Question): Promise<Answer> {
  const request = signedProxyRequest({ path: "/apps/chatlift/answers", shop: domainOf(store), body: question });
  const response = await responseOf(answersRoute(routeArgs(request)));
  expect(response.status).toBe(200);
  return (await response.json()) as Answer;
}
