/**
 * Why: the dashboard's most asked and most often unanswered questions. Free text does not add up in daily
 * rollups, so this reads the stored question_asked events directly — on the (shopDomain, occurredAt) index and
 * bounded to the newest MAX_QUESTIONS of the range, so a busy shop's year costs the same as a quiet shop's month.
 * The texts were redacted before storage (no emails, no phone numbers).
 */
import { z } from "zod";
import prisma from "../db.server";
import { dayRange } from "./days";
import { topQuestions, type TopQuestion } from "./answers";

/** Questions read per dashboard view: enough for a stable top ten, bounded whatever the traffic. */
export const MAX_QUESTIONS = 5_000;
export const TOP_QUESTIONS = 10;

const askedData = z.object({ question: z.string() });

export interface QuestionLists {
  mostAsked: TopQuestion[];
  mostUnanswered: TopQuestion[];
  /** Questions read: below the range's total when it held more than MAX_QUESTIONS (the newest are read). */
  sampled: number;
  capped: boolean;
}

export async function readQuestionLists(
  shopDomain: string,
  from: string,
  to: string,
  timeZone: string,
): Promise<QuestionLists> {
  const occurredAt = dayRange(from, to, timeZone);
  const [asked, abstained] = await Promise.all([
    prisma.chatEvent.findMany({
      where: { shopDomain, occurredAt, type: "question_asked" },
      orderBy: { occurredAt: "desc" },
      take: MAX_QUESTIONS,
      select: { sessionId: true, occurredAt: true, data: true },
    }),
    prisma.chatEvent.findMany({
      where: { shopDomain, occurredAt, type: "answer_abstained" },
      orderBy: { occurredAt: "desc" },
      take: MAX_QUESTIONS,
      select: { sessionId: true, occurredAt: true },
    }),
  ]);
  // A question and its answer are recorded together, in one session, stamped with the same instant.
  const key = (event: { sessionId: string; occurredAt: Date }) => `${event.sessionId}|${event.occurredAt.getTime()}`;
  const unanswered = new Set(abstained.map(key));
  const texts: string[] = [];
  const unansweredTexts: string[] = [];
  for (const event of asked) {
    const parsed = askedData.safeParse(JSON.parse(event.data ?? "{}"));
    if (!parsed.success) continue;
    texts.push(parsed.data.question);
    if (unanswered.has(key(event))) unansweredTexts.push(parsed.data.question);
  }
  return {
    mostAsked: topQuestions(texts, TOP_QUESTIONS),
    mostUnanswered: topQuestions(unansweredTexts, TOP_QUESTIONS),
    sampled: asked.length,
    capped: asked.length === MAX_QUESTIONS,
  };
}
