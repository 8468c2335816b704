/**
 * Why: reads the questions of a range with what became of each (answered, not covered, marked not helpful),
 * the shop's FAQs and the credited revenue of the sessions that asked, for knowledge-gaps.ts to group. Bounded
 * like the dashboard's question lists: the newest MAX_QUESTIONS of the range.
 */
import prisma from "../db.server";
import { dayKey, dayRange } from "../analytics/days";
import { storedStringList } from "../answers/sync/source-rows";
import { DEFAULT_DAYS } from "./conversation-list";
import { knowledgeGaps, type AskedQuestion, type KnowledgeGap } from "./knowledge-gaps";
import { eventData } from "./transcript";

export const MAX_QUESTIONS = 5_000;
const DAY_MS = 86_400_000;

export async function readKnowledgeGaps(
  shopDomain: string,
  now: number,
): Promise<{ gaps: KnowledgeGap[]; from: string }> {
  const shop = await prisma.shop.findUnique({
    where: { domain: shopDomain },
    select: { timeZone: true, attributionModel: true, attributionWindowDays: true },
  });
  const timeZone = shop?.timeZone ?? "UTC";
  const from = dayKey(now - (DEFAULT_DAYS - 1) * DAY_MS, timeZone);
  const occurredAt = dayRange(from, dayKey(now, timeZone), timeZone);
  const select = { id: true, sessionId: true, occurredAt: true, data: true } as const;
  const [asked, answered, abstained, feedback, faqs] = await Promise.all([
    prisma.chatEvent.findMany({
      where: { shopDomain, occurredAt, type: "question_asked" },
      orderBy: { occurredAt: "desc" },
      take: MAX_QUESTIONS,
      select,
    }),
    prisma.chatEvent.findMany({
      where: { shopDomain, occurredAt, type: "micro_conversion", microKind: "question_answered" },
      select,
    }),
    prisma.chatEvent.findMany({ where: { shopDomain, occurredAt, type: "answer_abstained" }, select }),
    prisma.chatEvent.findMany({ where: { shopDomain, occurredAt, type: "answer_feedback" }, select }),
    prisma.knowledgeFaq.findMany({
      where: { shopDomain },
      select: { id: true, locale: true, question: true, variants: true, createdAt: true },
    }),
  ]);
  // A question and what answered it are recorded together: one session, one instant.
  const key = (event: { sessionId: string; occurredAt: Date }) => `${event.sessionId}|${event.occurredAt.getTime()}`;
  const answeredAt = new Set(answered.map(key));
  const abstainedAt = new Set(abstained.map(key));
  const unhelpfulAnswers = new Set(
    feedback.flatMap((event) => {
      const data = eventData(event);
      return data.helpful === false && typeof data.answerId === "string" ? [data.answerId] : [];
    }),
  );
  const shownAnswers =
    unhelpfulAnswers.size === 0
      ? []
      : await prisma.chatEvent.findMany({
          where: { shopDomain, type: "answer_shown", id: { in: [...unhelpfulAnswers].slice(0, 1_000) } },
          select,
        });
  const unhelpfulAt = new Set(shownAnswers.map(key));
  const questions: AskedQuestion[] = asked.flatMap((event) => {
    const data = eventData(event);
    if (typeof data.question !== "string") return [];
    return [
      {
        text: data.question,
        locale: typeof data.locale === "string" ? data.locale : "en",
        at: event.occurredAt,
        sessionId: event.sessionId,
        outcome: answeredAt.has(key(event)) ? "answered" : abstainedAt.has(key(event)) ? "abstained" : "other",
        notHelpful: unhelpfulAt.has(key(event)),
      },
    ];
  });
  const revenue = new Map<string, number>();
  const sessionIds = [...new Set(questions.map((question) => question.sessionId))];
  for (let i = 0; i < sessionIds.length; i += 500) {
    const credits = await prisma.credit.findMany({
      where: {
        shopDomain,
        chatSessionId: { in: sessionIds.slice(i, i + 500) },
        model: shop?.attributionModel ?? "last_touch",
        windowDays: shop?.attributionWindowDays ?? 7,
      },
      select: { chatSessionId: true, amountMinor: true },
    });
    for (const credit of credits)
      revenue.set(credit.chatSessionId, (revenue.get(credit.chatSessionId) ?? 0) + Number(credit.amountMinor));
  }
  const gaps = knowledgeGaps(
    questions,
    faqs.map((faq) => ({ ...faq, variants: storedStringList(faq.variants) })),
    (session) => revenue.get(session) ?? 0,
  );
  return { gaps, from };
}
