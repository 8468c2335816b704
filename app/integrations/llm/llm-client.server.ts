/** Why: the merchant's provider picks its adapter; the answers stage calls this one function. */
import { completeWithAnthropic } from "./anthropic.server";
import type { CompleteText } from "./llm-port";
import { completeWithOpenAiCompatible } from "./openai-compatible.server";

export const completeText: CompleteText = (endpoint, request) =>
  endpoint.provider === "anthropic"
    ? completeWithAnthropic(endpoint, request)
    : completeWithOpenAiCompatible(endpoint, request);
