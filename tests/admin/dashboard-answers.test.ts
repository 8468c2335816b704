/**
 * The dashboard's answer numbers end to end: shoppers ask through the signed app proxy, rate answers through the
 * events route, the rollup job sums the days, and /app/dashboard shows questions asked, answer, abstention and
 * helpful rates, and the most asked and most often unanswered questions, for the signed-in shop only.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import prisma from "../../app/db.server";
import { loader } from "../../app/routes/app.dashboard";
import { action as eventsRoute } from "../../app/routes/apps.chatlift.events";
import { resetAnswerLimits } from "../../app/answers/answer.server";
import { forgetLoadedIndexes } from "../../app/answers/loaded-indexes.server";
import { refreshShopRollupsFully } from "../../app/analytics/rollups/refresh.server";
import type { Answer, Question } from "../../contract/answers";
import { aBatch, anEvent } from "../support/builders/events";
import { domainOf, storeOfflineSession } from "../support/builders/sessions";
import { aShippingPolicy, storeKnowledge } from "../support/builders/shop-knowledge";
import { freezeClock, NOW } from "../support/clock";
import { responseOf, routeArgs } from "../support/http/responses";
import { documentRequest, signedProxyRequest } from "../support/http/signed-requests";
import { aQuestion, askQuestion, sendEvents } from "../support/http/shopper-requests";

const RUN = randomUUID().slice(0, 8);
const STORE = `answers-dash-${RUN}`;
const OTHER = `answers-dash-other-${RUN}`;

let asked = 0;
async function ask(text: string): Promise<{ question: Question; answer: Answer }> {
  asked += 1;
  const question = aQuestion({ sessionId: `sess_${RUN}_${asked}`, visitorId: `visitor_${RUN}_${asked}` }, text);
  return { question, answer: await askQuestion(STORE, question) };
}

async function rate(asked: { question: Question; answer: Answer }, helpful: boolean): Promise<void> {
  const feedback = anEvent("answer_feedback", {
    sessionId: asked.question.sessionId,
    answerId: asked.answer.id,
    helpful,
  });
  await sendEvents(STORE, asked.question, [feedback]);
}

/** A CSAT tap sent through the events route as the widget sends it; the route's status comes back. */
async function tap(asked: { question: Question }, rating: Record<string, unknown>): Promise<number> {
  const event = { ...anEvent("csat_given", { sessionId: asked.question.sessionId, scale: "thumbs", thumbs: 1 }) };
  const batch = aBatch({ visitorId: asked.question.visitorId, events: [{ ...event, ...rating } as typeof event] });
  return (await responseOf(eventsRoute(routeArgs(signedProxyRequest({ shop: domainOf(STORE), body: batch }))))).status;
}

const dashboardOf = async (store: string) => {
  const result = await loader(routeArgs(await documentRequest(store, "/app/dashboard")));
  if (!result.ok) throw new Error(result.errors.join("; "));
  return result.dashboard;
};

describe("answers on the dashboard", () => {
  beforeAll(async () => {
    freezeClock();
    forgetLoadedIndexes();
    resetAnswerLimits();
    await storeOfflineSession(prisma, STORE);
    await storeOfflineSession(prisma, OTHER);
    await storeKnowledge(domainOf(STORE), [aShippingPolicy()], NOW, "Harbor");

    // GIVEN three shoppers asking about Canada (answered), two about something the shop does not cover
    const canada = [
      await ask("Do you ship to Canada?"),
      await ask("do you ship to canada"),
      await ask("Do you ship to Canada?"),
    ];
    const horses = [await ask("Do you sell saddles for horses?"), await ask("Do you sell saddles for horses?")];
    expect(canada.map(({ answer }) => answer.kind)).toEqual(["answer", "answer", "answer"]);
    expect(horses.map(({ answer }) => answer.kind)).toEqual(["abstain", "abstain"]);
    // …one answer rated helpful, one not
    await rate(canada[0]!, true);
    await rate(canada[1]!, false);
    // …two conversations rated at their end: 👍 (then 👎 again: only the first tap counts), and 2 of 5
    expect(await tap(canada[0]!, { scale: "thumbs", thumbs: 1 })).toBe(200);
    expect(await tap(canada[0]!, { scale: "thumbs", thumbs: 0 })).toBe(200);
    expect(await tap(canada[1]!, { scale: "five", score: 2, thumbs: undefined })).toBe(200);
    // …and a rating that mixes the scales is refused by the ingest, not stored
    expect(await tap(canada[2]!, { scale: "five", score: 5 /* with thumbs: 1 left in */ })).toBe(400);
    // …summed by the rollup job
    await refreshShopRollupsFully(domainOf(STORE), NOW);
  });
  afterAll(() => {
    vi.useRealTimers();
  });

  it("GIVEN 5 questions, 3 answered, 2 abstained, 1 of 2 ratings helpful THEN the dashboard shows those numbers and lists", async () => {
    const { answers } = await dashboardOf(STORE);

    expect(answers).toEqual({
      asked: 5,
      answerRate: 0.6,
      abstentionRate: 0.4,
      helpfulRate: 0.5,
      rated: 2,
      mostAsked: [
        { question: "Do you ship to Canada?", count: 3 },
        { question: "Do you sell saddles for horses?", count: 2 },
      ],
      mostUnanswered: [{ question: "Do you sell saddles for horses?", count: 2 }],
      capped: false,
    });
  });

  it("GIVEN the same five one-question conversations, two rated THEN conversation quality: depth 7/5 turns, affirmation 1/5, no lead", async () => {
    // Each shopper asked once (a turn); two also rated the answer (a second turn); one rating was helpful.
    const { quality } = await dashboardOf(STORE);
    expect(quality).toMatchObject({
      conversations: 5,
      depth: 1.4,
      affirmation: 0.2,
      leadRate: 0,
      repairs: 0,
      repairSuccess: null,
    });
  });

  it("GIVEN the same conversations THEN containment, CSAT once per conversation, answer rate, per language and per day", async () => {
    const { quality } = await dashboardOf(STORE);
    expect(quality).toMatchObject({
      containment: 1,
      handoffRate: 0,
      firstHumanReplyMs: null,
      csatRated: 2,
      csat: 0.5,
      csatAverage: 2,
      answerRate: 0.6,
      abstentionRate: 0.4,
      saleRate: 0,
    });
    expect(quality.byLanguage.map(({ label, conversations }) => ({ label, conversations }))).toEqual([
      { label: "en", conversations: 5 },
    ]);
    expect(quality.series.filter((day) => day.conversations > 0)).toEqual([
      { day: expect.any(String), conversations: 5, containment: 1, handoffRate: 0, csat: 0.5 },
    ]);
  });

  it("GIVEN another shop THEN its dashboard shows none of these questions", async () => {
    const { answers } = await dashboardOf(OTHER);

    expect(answers).toMatchObject({ asked: 0, mostAsked: [], mostUnanswered: [], helpfulRate: null });
  });
});
