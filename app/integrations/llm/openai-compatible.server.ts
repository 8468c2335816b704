/**
 * Why: OpenAI's Chat Completions wire format, which OpenAI, Ollama, vLLM, OpenRouter and most self-hosted
 * servers speak, through the `openai` package. No retries: a rephrasing that misses its few seconds is dropped
 * for the extractive answer, never retried while the shopper waits.
 */
import OpenAI from "openai";
import type { CompleteText } from "./llm-port";

/** Local servers (Ollama, vLLM) take any bearer token; the SDK insists on one. */
const NO_KEY = "no-key";

export const completeWithOpenAiCompatible: CompleteText = async (endpoint, request) => {
  const client = new OpenAI({
    apiKey: endpoint.apiKey ?? NO_KEY,
    baseURL: endpoint.baseUrl,
    maxRetries: 0,
    timeout: request.timeoutMs,
  });
  const completion = await client.chat.completions.create(
    {
      model: endpoint.model,
      max_tokens: request.maxTokens,
      temperature: 0.2,
      messages: [
        { role: "system", content: request.system },
        { role: "user", content: request.user },
      ],
    },
    { signal: request.signal },
  );
  return completion.choices[0]?.message.content ?? "";
};
