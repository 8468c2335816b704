/**
 * Why: Anthropic's Messages wire format through `@anthropic-ai/sdk`. The key and base URL are always passed, so
 * the SDK never falls back to a profile or environment credentials of the machine; no retries (see the
 * OpenAI-compatible adapter).
 */
import Anthropic from "@anthropic-ai/sdk";
import type { CompleteText } from "./llm-port";

export const completeWithAnthropic: CompleteText = async (endpoint, request) => {
  const client = new Anthropic({
    apiKey: endpoint.apiKey,
    baseURL: endpoint.baseUrl,
    maxRetries: 0,
    timeout: request.timeoutMs,
  });
  const message = await client.messages.create(
    {
      model: endpoint.model,
      max_tokens: request.maxTokens,
      system: request.system,
      messages: [{ role: "user", content: request.user }],
    },
    { signal: request.signal },
  );
  return message.content
    .flatMap((block) => (block.type === "text" ? [block.text] : []))
    .join("")
    .trim();
};
