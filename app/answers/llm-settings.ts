/**
 * Why: the merchant's optional language model for answers — off by default, which provider, where, which model,
 * and how many rephrasings a day at most — as the serving path and the Knowledge page read it. The key itself is
 * never part of this view: the admin only learns whether one is saved.
 */
import type { LlmProvider } from "../integrations/llm/llm-port";

export { LLM_PROVIDERS, type LlmProvider } from "../integrations/llm/llm-port";

export const DEFAULT_DAILY_CAP = 500;
export const MAX_DAILY_CAP = 100_000;
/** About the time a shopper waits for a chat reply; past it the extractive answer is shown. */
export const REPHRASE_TIMEOUT_MS = 4000;
/** A short answer said again needs no more. */
export const REPHRASE_MAX_TOKENS = 400;

export const DEFAULT_BASE_URLS: Record<LlmProvider, string> = {
  "openai-compatible": "https://api.openai.com/v1",
  anthropic: "https://api.anthropic.com",
};

export interface LlmSettings {
  enabled: boolean;
  provider: LlmProvider;
  baseUrl: string;
  model: string;
  /** Whether a key is saved; the key is write-only. */
  hasKey: boolean;
  dailyCap: number;
}

export const DEFAULT_LLM_SETTINGS: LlmSettings = {
  enabled: false,
  provider: "openai-compatible",
  baseUrl: DEFAULT_BASE_URLS["openai-compatible"],
  model: "",
  hasKey: false,
  dailyCap: DEFAULT_DAILY_CAP,
};

/** The UTC day a rephrasing counts against: "2026-12-03". */
export function usageDayOf(at: number): string {
  return new Date(at).toISOString().slice(0, 10);
}
