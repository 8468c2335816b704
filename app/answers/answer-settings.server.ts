/**
 * Why: the shop's answer settings live on its Shop row (beside the other merchant settings); the serving path
 * reads them on every question and the admin's Knowledge page writes them, both through here.
 */
import prisma from "../db.server";
import { DEFAULT_ANSWER_SETTINGS, type AnswerSettings } from "./answer-settings";

export async function readAnswerSettings(shopDomain: string): Promise<AnswerSettings> {
  const row = await prisma.shop.findUnique({
    where: { domain: shopDomain },
    select: { answersEnabled: true, answerThreshold: true },
  });
  return row ? { enabled: row.answersEnabled, threshold: row.answerThreshold } : DEFAULT_ANSWER_SETTINGS;
}

/** Creates the shop row when the install hook has not yet (as the other settings do). */
export async function saveAnswerSettings(shopDomain: string, settings: AnswerSettings): Promise<AnswerSettings> {
  const data = { answersEnabled: settings.enabled, answerThreshold: settings.threshold };
  const row = await prisma.shop.upsert({
    where: { domain: shopDomain },
    create: { domain: shopDomain, ...data },
    update: data,
    select: { answersEnabled: true, answerThreshold: true },
  });
  return { enabled: row.answersEnabled, threshold: row.answerThreshold };
}
