/**
 * The Knowledge page's language-model form through real admin requests: saved settings come back without the key
 * (only "a key is saved"), the key is stored encrypted, an empty key field keeps it, and a bad base URL or a
 * missing model is refused with the error beside the field, nothing saved and the typed key never echoed.
 */
import { randomBytes, randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import prisma from "../../app/db.server";
import { action, loader } from "../../app/routes/app.knowledge";
import { domainOf, storeOfflineSession } from "../support/builders/sessions";
import { routeArgs, unwrap } from "../support/http/responses";
import { documentRequest, formPost } from "../support/http/signed-requests";

process.env.ENCRYPTION_KEY = randomBytes(32).toString("base64");

const STORE = `knowledge-llm-${randomUUID().slice(0, 8)}`;
const KEY = "sk-live-merchant-secret-123456";

type Body = { ok: boolean; fieldErrors?: Record<string, string>; values?: Record<string, string> };
const post = async (fields: Record<string, string>) =>
  unwrap<Body>(await action(routeArgs(await formPost(STORE, "/app/knowledge", fields))));
const page = async () => loader(routeArgs(await documentRequest(STORE, "/app/knowledge")));

function anLlmForm(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    intent: "llm",
    llmEnabled: "true",
    provider: "openai-compatible",
    baseUrl: "http://localhost:11434/v1/",
    model: "llama3.1",
    apiKey: KEY,
    clearKey: "false",
    dailyCap: "200",
    ...overrides,
  };
}

beforeAll(async () => {
  await storeOfflineSession(prisma, STORE);
});

describe("the language-model settings", () => {
  it("GIVEN no settings THEN the model is off, with the default cap and no key", async () => {
    expect((await page()).llm).toMatchObject({ enabled: false, hasKey: false, dailyCap: 500, rephrasedToday: 0 });
  });

  it("GIVEN a provider, base URL, model and key WHEN saved THEN the page shows them and only that a key is saved", async () => {
    expect(await post(anLlmForm())).toMatchObject({ status: 200, body: { ok: true } });

    const { llm } = await page();
    expect(llm).toEqual({
      enabled: true,
      provider: "openai-compatible",
      baseUrl: "http://localhost:11434/v1",
      model: "llama3.1",
      hasKey: true,
      dailyCap: 200,
      rephrasedToday: 0,
    });
    expect(JSON.stringify(await page())).not.toContain(KEY);
    const row = await prisma.answerLlm.findUniqueOrThrow({ where: { shopDomain: domainOf(STORE) } });
    expect(row.apiKeyEncrypted).toMatch(/^v1\./);
    expect(row.apiKeyEncrypted).not.toContain(KEY);
  });

  it("GIVEN a saved key WHEN the form is saved with the key field empty THEN the key is kept", async () => {
    const before = await prisma.answerLlm.findUniqueOrThrow({ where: { shopDomain: domainOf(STORE) } });
    await post(anLlmForm({ apiKey: "", model: "qwen2.5" }));
    const after = await prisma.answerLlm.findUniqueOrThrow({ where: { shopDomain: domainOf(STORE) } });
    expect(after).toMatchObject({ model: "qwen2.5", apiKeyEncrypted: before.apiKeyEncrypted });
  });

  it.each([
    [
      { baseUrl: "localhost:11434" },
      "baseUrl",
      "Enter a full http:// or https:// address, e.g. https://api.openai.com/v1",
    ],
    [
      { baseUrl: "ftp://models.example" },
      "baseUrl",
      "Enter a full http:// or https:// address, e.g. https://api.openai.com/v1",
    ],
    [{ model: "  " }, "model", "Enter the model's name, e.g. gpt-4o-mini, llama3.1 or claude-haiku-4-5"],
    [{ dailyCap: "lots" }, "dailyCap", "Enter a whole number of rephrasings a day"],
    [{ provider: "gemini" }, "provider", "Choose OpenAI-compatible or Anthropic"],
  ])(
    "GIVEN %o THEN 400 names the field, nothing is saved, and the typed key is not echoed",
    async (bad, field, message) => {
      const before = await prisma.answerLlm.findUniqueOrThrow({ where: { shopDomain: domainOf(STORE) } });

      const result = await post(anLlmForm({ apiKey: "sk-new-typed-key-999", ...bad }));

      expect(result.status).toBe(400);
      expect(result.body.fieldErrors).toEqual({ [field]: message });
      expect(result.body.values?.apiKey).toBe("");
      expect(JSON.stringify(result.body)).not.toContain("sk-new-typed-key-999");
      expect(await prisma.answerLlm.findUniqueOrThrow({ where: { shopDomain: domainOf(STORE) } })).toEqual(before);
    },
  );

  it("GIVEN the model switched off THEN an empty model is accepted, and 'forget the key' removes the key", async () => {
    await post(anLlmForm({ llmEnabled: "false", model: "", apiKey: "", clearKey: "true" }));
    expect((await page()).llm).toMatchObject({ enabled: false, model: "", hasKey: false });
  });
});
