/**
 * A local stand-in for a language model, for tests and the demo: OpenAI's Chat Completions
 * (POST /v1/chat/completions) and Anthropic's Messages (POST /v1/messages) on one port, each as strict as the
 * real API (see wire.ts). The model name picks how it behaves (behaviours.ts): faithful, a lie of each kind,
 * empty, stall, or fail with the provider's 500/429 body. Every request is recorded for assertions.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { behaviourOf, replyOf } from "./behaviours";
import {
  anthropicError,
  anthropicFailure,
  anthropicMessage,
  checkAnthropicBody,
  checkAnthropicHeaders,
  checkOpenAiAuth,
  checkOpenAiBody,
  openAiCompletion,
  openAiError,
  openAiFailure,
  type Reply,
} from "./wire";

export const SANDBOX_LLM_KEY = "sk-sandbox-chatlift-0000000000000000";

export interface LlmSandboxOptions {
  port?: number;
  /** Keys the stand-in accepts (both formats). */
  apiKeys?: string[];
  /** The product name "lie-product" invents: use one the test shop sells but the answer does not cite. */
  inventedProduct?: string;
}

export interface RecordedLlmRequest {
  format: "openai" | "anthropic";
  model: string;
  /** The system prompt and the last user message, as the stand-in read them. */
  system: string;
  user: string;
  status: number | "stalled";
}

export interface LlmSandbox {
  /** The origin: Anthropic's base URL. */
  url: string;
  /** `${url}/v1`: the OpenAI-compatible base URL. */
  openAiBaseUrl: string;
  requests: RecordedLlmRequest[];
  close(): Promise<void>;
}

const MAX_BODY = 1024 * 1024;

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY) chunks.push(chunk);
    });
    request.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    request.on("error", reject);
  });
}

function send(response: ServerResponse, reply: Reply): void {
  response.writeHead(reply.status, { "content-type": "application/json", ...reply.headers });
  response.end(JSON.stringify(reply.body));
}

const header = (request: IncomingMessage, name: string) => {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
};

const systemOf = (body: Record<string, unknown>, format: "openai" | "anthropic"): string => {
  if (format === "anthropic") return typeof body.system === "string" ? body.system : JSON.stringify(body.system ?? "");
  const system = (body.messages as { role: string; content: unknown }[]).find((m) => m.role === "system");
  return typeof system?.content === "string" ? system.content : "";
};

export async function startLlmSandbox(options: LlmSandboxOptions = {}): Promise<LlmSandbox> {
  const keys = options.apiKeys ?? [SANDBOX_LLM_KEY];
  const inventedProduct = options.inventedProduct ?? "Alpine Down Jacket";
  const requests: RecordedLlmRequest[] = [];
  const sockets = new Set<Socket>();

  const server = createServer(async (request, response) => {
    const path = (request.url ?? "/").split("?")[0];
    const format = path === "/v1/messages" ? "anthropic" : path === "/v1/chat/completions" ? "openai" : null;
    if (!format || request.method !== "POST") {
      const reply = path?.startsWith("/v1/messages")
        ? anthropicError(404, "not_found_error", "Not found")
        : openAiError(404, `Invalid URL (${request.method} ${path})`, "invalid_request_error");
      return send(response, reply);
    }
    const refused =
      format === "openai"
        ? checkOpenAiAuth(header(request, "authorization"), keys)
        : checkAnthropicHeaders(
            header(request, "x-api-key"),
            header(request, "authorization"),
            header(request, "anthropic-version"),
            keys,
          );
    const text = await readBody(request);
    if (refused) return send(response, refused);
    let body: Record<string, unknown>;
    try {
      const parsed: unknown = JSON.parse(text);
      if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) throw new Error("not an object");
      body = parsed as Record<string, unknown>;
    } catch {
      return send(
        response,
        format === "openai"
          ? openAiError(400, "We could not parse the JSON body of your request.", "invalid_request_error")
          : anthropicError(
              400,
              "invalid_request_error",
              "There was an issue with the format of your request: invalid JSON",
            ),
      );
    }
    const checked = format === "openai" ? checkOpenAiBody(body) : checkAnthropicBody(body);
    if ("status" in checked) return send(response, checked);
    const behaviour = behaviourOf(checked.model);
    const record: RecordedLlmRequest = {
      format,
      model: checked.model,
      system: systemOf(body, format),
      user: checked.userText,
      status: 200,
    };
    requests.push(record);
    if (behaviour.kind === "stall") {
      // Never answers: the client's own timeout (or abort) ends the exchange.
      record.status = "stalled";
      return;
    }
    if (behaviour.kind === "fail") {
      record.status = behaviour.status;
      return send(response, format === "openai" ? openAiFailure(behaviour.status) : anthropicFailure(behaviour.status));
    }
    const reply = replyOf(behaviour, checked.userText, inventedProduct);
    const prompt = `${record.system}\n${checked.userText}`;
    send(
      response,
      format === "openai"
        ? openAiCompletion(checked.model, prompt, reply)
        : anthropicMessage(checked.model, prompt, reply),
    );
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    openAiBaseUrl: `${url}/v1`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
