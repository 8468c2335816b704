/**
 * Why: the merchant's language-model settings and its daily usage, in the database. The key is stored only as
 * ciphertext under ENCRYPTION_KEY (the same crypto as the HubSpot tokens) and decrypted only to call the model;
 * a rephrasing is counted before the call, so the cap holds however many questions arrive at once.
 */
import prisma from "../db.server";
import { decryptToken, encryptToken, parseEncryptionKey } from "../platform/secrets/token-crypto.server";
import type { LlmEndpoint } from "../integrations/llm/llm-port";
import { DEFAULT_LLM_SETTINGS, LLM_PROVIDERS, usageDayOf, type LlmProvider, type LlmSettings } from "./llm-settings";

export interface LlmSettingsInput {
  enabled: boolean;
  provider: LlmProvider;
  baseUrl: string;
  model: string;
  /** A new key to save; null keeps the saved one. */
  apiKey: string | null;
  /** Forget the saved key (a local model needs none). */
  clearKey: boolean;
  dailyCap: number;
}

const encryptionKey = () => parseEncryptionKey(process.env.ENCRYPTION_KEY);
const providerOf = (value: string): LlmProvider =>
  LLM_PROVIDERS.find((provider) => provider === value) ?? "openai-compatible";

type Row = NonNullable<Awaited<ReturnType<typeof prisma.answerLlm.findUnique>>>;
const settingsOf = (row: Row): LlmSettings => ({
  enabled: row.enabled,
  provider: providerOf(row.provider),
  baseUrl: row.baseUrl,
  model: row.model,
  hasKey: row.apiKeyEncrypted !== null,
  dailyCap: row.dailyCap,
});

export async function readLlmSettings(shopDomain: string): Promise<LlmSettings> {
  const row = await prisma.answerLlm.findUnique({ where: { shopDomain } });
  return row ? settingsOf(row) : DEFAULT_LLM_SETTINGS;
}

/** The endpoint to call, key decrypted, or null when the merchant has not switched a model on. */
export async function readLlmEndpoint(shopDomain: string): Promise<{ endpoint: LlmEndpoint; dailyCap: number } | null> {
  const row = await prisma.answerLlm.findUnique({ where: { shopDomain } });
  if (!row?.enabled || !row.model) return null;
  const apiKey = row.apiKeyEncrypted === null ? null : decryptToken(row.apiKeyEncrypted, encryptionKey());
  return {
    endpoint: { provider: providerOf(row.provider), baseUrl: row.baseUrl, model: row.model, apiKey },
    dailyCap: row.dailyCap,
  };
}

/** Saves the settings; a new key is encrypted first (an unusable ENCRYPTION_KEY throws before anything is written). */
export async function saveLlmSettings(shopDomain: string, input: LlmSettingsInput): Promise<LlmSettings> {
  const apiKeyEncrypted = input.apiKey
    ? encryptToken(input.apiKey, encryptionKey())
    : input.clearKey
      ? null
      : undefined;
  const fields = {
    enabled: input.enabled,
    provider: input.provider,
    baseUrl: input.baseUrl,
    model: input.model,
    dailyCap: input.dailyCap,
  };
  const row = await prisma.answerLlm.upsert({
    where: { shopDomain },
    create: { shopDomain, ...fields, apiKeyEncrypted: apiKeyEncrypted ?? null },
    update: { ...fields, ...(apiKeyEncrypted !== undefined ? { apiKeyEncrypted } : {}) },
  });
  return settingsOf(row);
}

/** Takes one rephrasing from today's cap; false when the cap is reached (nothing is counted then). */
export async function takeRephrasing(shopDomain: string, dailyCap: number, at: number): Promise<boolean> {
  const day = usageDayOf(at);
  await prisma.answerLlmUsage.upsert({
    where: { shopDomain_day: { shopDomain, day } },
    create: { shopDomain, day, count: 0 },
    update: {},
  });
  const { count } = await prisma.answerLlmUsage.updateMany({
    where: { shopDomain, day, count: { lt: dailyCap } },
    data: { count: { increment: 1 } },
  });
  return count === 1;
}

export async function rephrasingsOn(shopDomain: string, at: number): Promise<number> {
  const row = await prisma.answerLlmUsage.findUnique({
    where: { shopDomain_day: { shopDomain, day: usageDayOf(at) } },
  });
  return row?.count ?? 0;
}
