/**
 * The Knowledge page's service: what the sync stored and how it went, the merchant's FAQs and synonyms (every
 * change asks the answers stage to rebuild the index), the answer settings, "Sync now" and "try a question".
 * Every read and write is scoped to the shop of the verified session: an id from another shop finds nothing.
 */
import prisma from "../../db.server";
import type { AdminGraphql } from "../../integrations/shopify/widget-config.server";
import { republishForSettings } from "../settings/settings.server";
import { ANSWERS_PUBLISH_REASON, type StorefrontUpdate } from "../settings/settings-storefront";
import { DEFAULT_THRESHOLDS, answerQuestion } from "../../answers/decide";
import { explainCandidates } from "../../answers/explain";
import { thresholdsOf } from "../../answers/answer-settings";
import { readAnswerSettings, saveAnswerSettings } from "../../answers/answer-settings.server";
import { pageOf, shopperAnswer } from "../../answers/answer.server";
import { rephraseAnswer } from "../../answers/rephrase.server";
import { readLlmSettings, rephrasingsOn, saveLlmSettings } from "../../answers/llm-settings.server";
import { EncryptionKeyError } from "../../platform/secrets/token-crypto.server";
import type { LlmSettingsForm } from "./llm-settings-form";
import { indexOf } from "../../answers/loaded-indexes.server";
import {
  loadSyncSettings,
  requestIndexRebuild,
  scheduleKnowledgeSync,
  setMetafieldNamespaces,
} from "../../answers/sync/sync-state.server";
import {
  syncStatusOf,
  type AnswerSettingsInput,
  type FaqInput,
  type SynonymInput,
  type TryQuestionInput,
} from "./knowledge";
import { storedStringList } from "../../answers/sync/source-rows";
import { readKnowledgeGaps } from "../../conversations/knowledge-gaps.server";

/** More than a merchant edits by hand; keeps the page's payload bounded. */
const MAX_LISTED = 500;

const stringList = storedStringList;

export async function readKnowledgePage(shopDomain: string, now = Date.now()) {
  const [sync, counts, faqs, synonyms, settings, syncSettings, llm, rephrasedToday, gaps] = await Promise.all([
    prisma.knowledgeSync.findUnique({ where: { shopDomain } }),
    prisma.knowledgeSource.groupBy({
      by: ["type", "locale"],
      where: { shopDomain, deletedAt: null },
      _count: { _all: true },
    }),
    prisma.knowledgeFaq.findMany({
      where: { shopDomain },
      orderBy: [{ locale: "asc" }, { position: "asc" }, { createdAt: "asc" }],
      take: MAX_LISTED,
    }),
    prisma.knowledgeSynonym.findMany({
      where: { shopDomain },
      orderBy: [{ locale: "asc" }, { createdAt: "asc" }],
      take: MAX_LISTED,
    }),
    readAnswerSettings(shopDomain),
    loadSyncSettings(shopDomain),
    readLlmSettings(shopDomain),
    rephrasingsOn(shopDomain, now),
    readKnowledgeGaps(shopDomain, now),
  ]);
  const faqCounts = new Map<string, number>();
  for (const faq of faqs) faqCounts.set(faq.locale, (faqCounts.get(faq.locale) ?? 0) + 1);
  const primary = syncSettings.shop?.primaryLocale ?? "en";
  const locales = [
    ...new Set([
      primary,
      ...(syncSettings.shop?.locales ?? []),
      ...faqs.map((faq) => faq.locale),
      ...synonyms.map((s) => s.locale),
    ]),
  ];
  return {
    status: syncStatusOf(sync),
    sources: [
      ...counts.map((group) => ({ type: group.type, locale: group.locale, count: group._count._all })),
      ...[...faqCounts].map(([locale, count]) => ({ type: "faq", locale, count })),
    ].sort((a, b) => a.type.localeCompare(b.type) || a.locale.localeCompare(b.locale)),
    primaryLocale: primary,
    locales,
    faqs: faqs.map((faq) => ({
      id: faq.id,
      locale: faq.locale,
      question: faq.question,
      variants: stringList(faq.variants),
      answer: faq.answer,
      linkTitle: faq.linkTitle,
      linkUrl: faq.linkUrl,
    })),
    synonyms: synonyms.map((group) => ({ id: group.id, locale: group.locale, terms: stringList(group.terms) })),
    settings: { ...settings, namespaces: syncSettings.namespaces },
    defaultThreshold: DEFAULT_THRESHOLDS.answer,
    // The key is write-only: the page learns only whether one is saved (llm.hasKey).
    llm: { ...llm, rephrasedToday },
    gaps: { ...gaps, currency: syncSettings.shop?.currencyCode ?? "USD" },
  };
}

/**
 * The language-model settings; a new key is stored encrypted. Without a usable ENCRYPTION_KEY a new key cannot
 * be stored: the merchant reads why beside the key field and nothing is saved.
 */
export async function saveLlm(
  shopDomain: string,
  form: LlmSettingsForm,
): Promise<{ ok: true } | { ok: false; fieldErrors: { apiKey: string } }> {
  try {
    await saveLlmSettings(shopDomain, {
      enabled: form.llmEnabled,
      provider: form.provider,
      baseUrl: form.baseUrl,
      model: form.model,
      apiKey: form.apiKey,
      clearKey: form.clearKey,
      dailyCap: form.dailyCap,
    });
    return { ok: true };
  } catch (error) {
    if (error instanceof EncryptionKeyError)
      return { ok: false, fieldErrors: { apiKey: `ChatLift cannot store keys yet: ${error.message}` } };
    throw error;
  }
}

export type Saved = { ok: true } | { ok: false; status: 404; error: string };
const notFound = (what: string): Saved => ({ ok: false, status: 404, error: `This ${what} no longer exists` });

/** Adds a FAQ (no id) at the end of its language, or edits this shop's FAQ; either way the index is rebuilt. */
export async function saveFaq(shopDomain: string, faq: FaqInput, now = new Date()): Promise<Saved> {
  const fields = {
    locale: faq.locale,
    question: faq.question,
    variants: JSON.stringify(faq.variants),
    answer: faq.answer,
    linkTitle: faq.linkTitle,
    linkUrl: faq.linkUrl,
  };
  if (faq.id) {
    const { count } = await prisma.knowledgeFaq.updateMany({ where: { id: faq.id, shopDomain }, data: fields });
    if (!count) return notFound("FAQ");
  } else {
    const last = await prisma.knowledgeFaq.findFirst({
      where: { shopDomain, locale: faq.locale },
      orderBy: { position: "desc" },
      select: { position: true },
    });
    // Written when the merchant saved it: the knowledge gaps compare answer rates before and after this instant.
    await prisma.knowledgeFaq.create({
      data: { shopDomain, ...fields, position: (last?.position ?? -1) + 1, createdAt: now },
    });
  }
  await requestIndexRebuild(prisma, shopDomain, now);
  return { ok: true };
}

export async function deleteFaq(shopDomain: string, id: string, now = new Date()): Promise<Saved> {
  const { count } = await prisma.knowledgeFaq.deleteMany({ where: { id, shopDomain } });
  if (!count) return notFound("FAQ");
  await requestIndexRebuild(prisma, shopDomain, now);
  return { ok: true };
}

export async function saveSynonyms(shopDomain: string, group: SynonymInput, now = new Date()): Promise<Saved> {
  const fields = { locale: group.locale, terms: JSON.stringify(group.terms) };
  if (group.id) {
    const { count } = await prisma.knowledgeSynonym.updateMany({ where: { id: group.id, shopDomain }, data: fields });
    if (!count) return notFound("synonym group");
  } else {
    await prisma.knowledgeSynonym.create({ data: { shopDomain, ...fields } });
  }
  await requestIndexRebuild(prisma, shopDomain, now);
  return { ok: true };
}

export async function deleteSynonyms(shopDomain: string, id: string, now = new Date()): Promise<Saved> {
  const { count } = await prisma.knowledgeSynonym.deleteMany({ where: { id, shopDomain } });
  if (!count) return notFound("synonym group");
  await requestIndexRebuild(prisma, shopDomain, now);
  return { ok: true };
}

/**
 * On/off and threshold apply to the next question; namespaces to the next sync pass. On/off also reaches the
 * storefront (the widget shows no question box while answers are off) through the settings page's republish.
 */
export async function saveKnowledgeSettings(
  graphql: AdminGraphql,
  shopDomain: string,
  input: AnswerSettingsInput,
): Promise<StorefrontUpdate> {
  await saveAnswerSettings(shopDomain, { enabled: input.answersEnabled, threshold: input.answerThreshold });
  await setMetafieldNamespaces(shopDomain, input.namespaces);
  return republishForSettings(graphql, shopDomain, ANSWERS_PUBLISH_REASON);
}

/** Queues a full pass now; a pass already waiting to start is not queued twice. */
export async function syncNow(shopDomain: string, now = new Date()): Promise<void> {
  await scheduleKnowledgeSync(prisma, shopDomain, now);
}

/**
 * The question answered as the shopper would see it, with the shop's own settings, plus every candidate source
 * and why. Nothing is recorded (no events, no rate limits): this is the merchant testing, not a shopper asking.
 */
export async function tryQuestion(shopDomain: string, input: TryQuestionInput, now = Date.now()) {
  const [index, settings] = await Promise.all([indexOf(shopDomain, now), readAnswerSettings(shopDomain)]);
  if (!index) return { indexed: false as const };
  const thresholds = thresholdsOf(settings);
  const page = { type: "home" as const };
  const decision = answerQuestion(
    index,
    { question: input.question, locale: input.locale, page: pageOf(page) },
    thresholds,
  );
  const question = { sessionId: "admin", visitorId: "admin", question: input.question, locale: input.locale, page };
  const quoted = shopperAnswer(decision, question, index.shop.currencyCode);
  // With the language model on, the merchant reads what shoppers would: the same call, the same verifier, the
  // same daily cap (a try is a real call the merchant pays for), and the quoted answer beside it.
  const { answer, rephrasing } = await rephraseAnswer(shopDomain, quoted, question, index, { now });
  return {
    indexed: true as const,
    answersEnabled: settings.enabled,
    answer,
    quoted: rephrasing ? quoted.text : undefined,
    rephrasing,
    candidates: explainCandidates(decision, thresholds),
  };
}
