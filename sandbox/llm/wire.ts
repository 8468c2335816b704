/**
 * Why: the two providers' wire formats as their API references publish them, checked as strictly as the real
 * services check them: OpenAI Chat Completions (Bearer auth; `model` and `messages` required; errors as
 * {error: {message, type, param, code}}) and Anthropic Messages (`x-api-key` and `anthropic-version` headers;
 * `model`, `max_tokens` and `messages` required; errors as {type: "error", error: {type, message}}).
 */
import { randomBytes } from "node:crypto";

export type Reply = { status: number; body: unknown; headers?: Record<string, string> };
type Json = Record<string, unknown>;

const id = (prefix: string) => `${prefix}${randomBytes(12).toString("hex")}`;
/** A rough count, as the usage fields report: about four characters a token. */
export const tokensOf = (text: string) => Math.max(1, Math.ceil(text.length / 4));

// ── OpenAI Chat Completions ───────────────────────────────────────────────────────────────────────────────
export const openAiError = (
  status: number,
  message: string,
  type: string,
  code: string | null = null,
  param: string | null = null,
): Reply => ({ status, body: { error: { message, type, param, code } } });

export function checkOpenAiAuth(authorization: string | undefined, keys: string[]): Reply | null {
  if (!authorization?.startsWith("Bearer "))
    return openAiError(
      401,
      "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).",
      "invalid_request_error",
    );
  const key = authorization.slice("Bearer ".length).trim();
  if (!keys.includes(key))
    return openAiError(
      401,
      `Incorrect API key provided: ${key.slice(0, 3)}***${key.slice(-4)}.`,
      "invalid_request_error",
      "invalid_api_key",
    );
  return null;
}

const OPENAI_ROLES = ["system", "developer", "user", "assistant", "tool"];

/** The user text of a valid request, or the 400 the API answers. */
export function checkOpenAiBody(body: Json): { userText: string; model: string } | Reply {
  if (typeof body.model !== "string" || !body.model)
    return openAiError(400, "you must provide a model parameter", "invalid_request_error");
  if (!Array.isArray(body.messages))
    return openAiError(
      400,
      "Missing required parameter: 'messages'.",
      "invalid_request_error",
      "missing_required_parameter",
      "messages",
    );
  if (!body.messages.length)
    return openAiError(
      400,
      "Invalid 'messages': empty array. Expected an array with minimum length 1, but got an empty array instead.",
      "invalid_request_error",
      "empty_array",
      "messages",
    );
  for (const [i, message] of (body.messages as Json[]).entries()) {
    if (!OPENAI_ROLES.includes(String(message?.role)))
      return openAiError(
        400,
        `Invalid value: '${String(message?.role)}'. Supported values are: ${OPENAI_ROLES.map((r) => `'${r}'`).join(", ")}.`,
        "invalid_request_error",
        "invalid_value",
        `messages[${i}].role`,
      );
    if (typeof message.content !== "string" && !Array.isArray(message.content))
      return openAiError(
        400,
        `Missing required parameter: 'messages[${i}].content'.`,
        "invalid_request_error",
        "missing_required_parameter",
        `messages[${i}].content`,
      );
  }
  if (body.max_tokens !== undefined && (!Number.isInteger(body.max_tokens) || (body.max_tokens as number) < 1))
    return openAiError(
      400,
      "Invalid 'max_tokens': integer below minimum value.",
      "invalid_request_error",
      "integer_below_min_value",
      "max_tokens",
    );
  const users = (body.messages as Json[]).filter((message) => message.role === "user");
  return { userText: textOf(users.at(-1)?.content), model: body.model };
}

export function openAiCompletion(model: string, prompt: string, text: string): Reply {
  const completion = tokensOf(text);
  return {
    status: 200,
    body: {
      id: id("chatcmpl-"),
      object: "chat.completion",
      created: Math.floor(Date.now() / 1000),
      model,
      choices: [
        {
          index: 0,
          message: { role: "assistant", content: text, refusal: null, annotations: [] },
          logprobs: null,
          finish_reason: "stop",
        },
      ],
      usage: {
        prompt_tokens: tokensOf(prompt),
        completion_tokens: completion,
        total_tokens: tokensOf(prompt) + completion,
      },
      system_fingerprint: "fp_sandbox",
    },
  };
}

export const openAiFailure = (status: 500 | 429): Reply =>
  status === 429
    ? {
        ...openAiError(
          429,
          "Rate limit reached for requests. Please try again in 1s.",
          "requests",
          "rate_limit_exceeded",
        ),
        headers: { "retry-after": "1" },
      }
    : openAiError(500, "The server had an error while processing your request. Sorry about that!", "server_error");

// ── Anthropic Messages ────────────────────────────────────────────────────────────────────────────────────
export const anthropicError = (status: number, type: string, message: string): Reply => ({
  status,
  body: { type: "error", error: { type, message }, request_id: id("req_") },
});

/**
 * The key in `x-api-key` (the API reference), or as `Authorization: Bearer`, which @anthropic-ai/sdk 1.x sends
 * for an API key; `anthropic-version` is required either way.
 */
export function checkAnthropicHeaders(
  xApiKey: string | undefined,
  authorization: string | undefined,
  version: string | undefined,
  keys: string[],
): Reply | null {
  const apiKey = xApiKey ?? (authorization?.startsWith("Bearer ") ? authorization.slice(7).trim() : undefined);
  if (!apiKey) return anthropicError(401, "authentication_error", "x-api-key header is required");
  if (!keys.includes(apiKey)) return anthropicError(401, "authentication_error", "invalid x-api-key");
  if (!version) return anthropicError(400, "invalid_request_error", "anthropic-version: header is required");
  return null;
}

export function checkAnthropicBody(body: Json): { userText: string; model: string } | Reply {
  const invalid = (message: string) => anthropicError(400, "invalid_request_error", message);
  if (typeof body.model !== "string" || !body.model) return invalid("model: Field required");
  if (body.max_tokens === undefined) return invalid("max_tokens: Field required");
  if (!Number.isInteger(body.max_tokens) || (body.max_tokens as number) < 1)
    return invalid("max_tokens: Input should be greater than or equal to 1");
  if (!Array.isArray(body.messages)) return invalid("messages: Field required");
  if (!body.messages.length) return invalid("messages: at least one message is required");
  for (const [i, message] of (body.messages as Json[]).entries()) {
    if (message?.role !== "user" && message?.role !== "assistant")
      return invalid(`messages.${i}.role: Input should be 'user' or 'assistant'`);
    if (typeof message.content !== "string" && !Array.isArray(message.content))
      return invalid(`messages.${i}.content: Field required`);
  }
  if (body.system !== undefined && typeof body.system !== "string" && !Array.isArray(body.system))
    return invalid("system: Input should be a valid string or a list of text blocks");
  const users = (body.messages as Json[]).filter((message) => message.role === "user");
  return { userText: textOf(users.at(-1)?.content), model: body.model };
}

export function anthropicMessage(model: string, prompt: string, text: string): Reply {
  return {
    status: 200,
    body: {
      id: id("msg_"),
      type: "message",
      role: "assistant",
      model,
      content: text ? [{ type: "text", text }] : [],
      stop_reason: "end_turn",
      stop_sequence: null,
      usage: { input_tokens: tokensOf(prompt), output_tokens: text ? tokensOf(text) : 0 },
    },
  };
}

export const anthropicFailure = (status: 500 | 429): Reply =>
  status === 429
    ? {
        ...anthropicError(429, "rate_limit_error", "Number of requests has exceeded your rate limit."),
        headers: { "retry-after": "1" },
      }
    : anthropicError(500, "api_error", "Internal server error");

/** A message's text: a string, or its text blocks joined. */
function textOf(content: unknown): string {
  if (typeof content === "string") return content;
  if (!Array.isArray(content)) return "";
  return content
    .map((block: Json) => (block?.type === "text" && typeof block.text === "string" ? block.text : ""))
    .join("\n");
}
