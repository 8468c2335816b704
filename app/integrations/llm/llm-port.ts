/**
 * Why: the one shape the answers stage asks a language model through, whichever provider the merchant chose, so
 * the stage never names an SDK and the sandbox's stand-in can answer in either provider's wire format.
 */
export const LLM_PROVIDERS = ["openai-compatible", "anthropic"] as const;
export type LlmProvider = (typeof LLM_PROVIDERS)[number];

export interface LlmEndpoint {
  provider: LlmProvider;
  /** e.g. https://api.openai.com/v1, http://localhost:11434/v1 (Ollama), https://api.anthropic.com. */
  baseUrl: string;
  model: string;
  /** Null: none saved (a local Ollama or vLLM needs none). */
  apiKey: string | null;
}

export interface CompletionRequest {
  system: string;
  user: string;
  maxTokens: number;
  /** Aborted when the caller stops waiting: the request is cancelled, not left running. */
  signal: AbortSignal;
  timeoutMs: number;
}

/** The model's text reply ("" when it gave none); throws on any provider or network error. */
export type CompleteText = (endpoint: LlmEndpoint, request: CompletionRequest) => Promise<string>;
