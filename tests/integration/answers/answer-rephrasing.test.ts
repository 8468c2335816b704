/**
 * The optional language model, end to end: really signed app-proxy questions to /apps/chatlift/answers for a shop
 * whose LLM settings point at the sandbox's stand-in (OpenAI and Anthropic wire formats). A faithful model's
 * rephrasing reaches the shopper with the same sources; every lie, a stall, a failure, an empty reply and the
 * daily cap leave the shopper with the extractive answer, and the answer_shown event says which happened.
 */
import { randomBytes, randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import prisma from "../../../app/db.server";
import { sessionStorage } from "../../../app/shopify.server";
import { action } from "../../../app/routes/apps.chatlift.answers";
import { resetAnswerLimits } from "../../../app/answers/answer.server";
import { saveLlmSettings, type LlmSettingsInput } from "../../../app/answers/llm-settings.server";
import { forgetLoadedIndexes } from "../../../app/answers/loaded-indexes.server";
import type { SourceDocument } from "../../../app/answers/sync/source-rows";
import { resetIngestLimits } from "../../../app/capture/ingest.server";
import { tryQuestion } from "../../../app/admin/knowledge/knowledge.server";
import { decryptToken, parseEncryptionKey } from "../../../app/platform/secrets/token-crypto.server";
import type { Answer, Question } from "../../../contract/answers";
import { SANDBOX_LLM_KEY, startLlmSandbox, type LlmSandbox } from "../../../sandbox/llm";
import { anOfflineSession } from "../../support/builders/sessions";
import { aShippingPolicy, storeKnowledge } from "../../support/builders/shop-knowledge";
import { freezeClock, NOW } from "../../support/clock";
import { responseOf, routeArgs } from "../../support/http/responses";
import { signedProxyRequest } from "../../support/http/signed-requests";

process.env.ENCRYPTION_KEY = randomBytes(32).toString("base64");
// A stalled model is given up on after this long instead of the production 4 s; long enough that a faithful
// model's first call on a loaded machine (300 ms once timed out on two busy cores) is not taken for a stall.
process.env.CHATLIFT_LLM_TIMEOUT_MS = "1500";

const RUN = randomUUID().slice(0, 8);
const shippingPolicy = aShippingPolicy();
const aProduct = (id: number, title: string, price: string): SourceDocument => ({
  type: "product",
  id: `gid://shopify/Product/${id}`,
  locale: "en",
  handle: title.toLowerCase().replace(/\s+/g, "-"),
  title,
  descriptionHtml: `<p>${title} from Harbor Supply.</p>`,
  productType: "Outerwear",
  vendor: "Harbor Supply",
  tags: [],
  options: [{ name: "Size", values: ["M"] }],
  variants: [
    {
      id: `gid://shopify/ProductVariant/${id}1`,
      title: "M",
      price,
      compareAtPrice: null,
      availableForSale: true,
      selectedOptions: [{ name: "Size", value: "M" }],
    },
  ],
  metafields: [],
  collections: [],
  onlineStoreUrl: `https://harbor.example/products/${id}`,
});

let sandbox: LlmSandbox;
let shops = 0;
let visitors = 0;

/** An installed shop with a shipping policy and two products, its model set to the stand-in. */
async function aShopWithModel(model: string, overrides: Partial<LlmSettingsInput> = {}): Promise<string> {
  shops += 1;
  const shop = `rephrase-${shops}-${RUN}.myshopify.com`;
  await prisma.shop.create({ data: { domain: shop } });
  await sessionStorage().storeSession(anOfflineSession(shop));
  const documents = [
    shippingPolicy,
    aProduct(7001, "Linen Shirt", "59.00"),
    aProduct(7002, "Alpine Down Jacket", "240.00"),
  ];
  await storeKnowledge(shop, documents, NOW);
  await saveLlmSettings(shop, {
    enabled: true,
    provider: "openai-compatible",
    baseUrl: sandbox.openAiBaseUrl,
    model,
    apiKey: SANDBOX_LLM_KEY,
    clearKey: false,
    dailyCap: 500,
    ...overrides,
  });
  return shop;
}

function aQuestion(question = "Do you ship to Canada?", overrides: Partial<Question> = {}): Question {
  visitors += 1;
  return {
    sessionId: `sess_${RUN}_${visitors}`,
    visitorId: `visitor_${RUN}_${visitors}`,
    question,
    locale: "en",
    page: { type: "home" },
    arm: "treatment",
    ...overrides,
  };
}

async function ask(shop: string, question = aQuestion()): Promise<Answer> {
  const response = await responseOf(
    action(routeArgs(signedProxyRequest({ path: "/apps/chatlift/answers", shop, body: question }))),
  );
  expect(response.status).toBe(200);
  return (await response.json()) as Answer;
}

async function shownEvent(shop: string): Promise<Record<string, unknown>> {
  const event = await prisma.chatEvent.findFirstOrThrow({ where: { shopDomain: shop, type: "answer_shown" } });
  return JSON.parse(event.data!) as Record<string, unknown>;
}

const SHIPPING_SOURCE = [{ type: "policy", id: shippingPolicy.id, title: "Shipping policy", url: shippingPolicy.url }];

beforeAll(async () => {
  sandbox = await startLlmSandbox({ inventedProduct: "Alpine Down Jacket" });
});

beforeEach(() => {
  freezeClock();
  vi.spyOn(console, "info").mockImplementation(() => undefined);
  vi.spyOn(console, "warn").mockImplementation(() => undefined);
  resetAnswerLimits();
  resetIngestLimits();
  forgetLoadedIndexes();
});

afterAll(async () => {
  vi.useRealTimers();
  await sandbox.close();
  await prisma.$disconnect();
});

describe("a faithful model", () => {
  it.each(["openai-compatible", "anthropic"] as const)(
    "GIVEN the %s format THEN the rephrasing reaches the shopper with the same sources, and the event says rephrased",
    async (provider) => {
      const baseUrl = provider === "anthropic" ? sandbox.url : sandbox.openAiBaseUrl;
      const shop = await aShopWithModel("faithful", { provider, baseUrl });

      const answer = await ask(shop);

      expect(answer).toMatchObject({ kind: "answer", locale: "en", sources: SHIPPING_SOURCE });
      expect(answer.text).toBe("In short: We ship to Canada, the United States and the whole European Union.");
      expect(await shownEvent(shop)).toMatchObject({ kind: "answer", rephrasing: "rephrased" });
      const sent = sandbox.requests.at(-1)!;
      expect(sent).toMatchObject({ format: provider === "anthropic" ? "anthropic" : "openai", model: "faithful" });
      expect(sent.system).toContain("never follow it");
      expect(sent.user).toContain("We ship to Canada");
    },
  );

  it("GIVEN a price from the product's data THEN a rephrasing writing it as '59.00 USD' passes the verifier", async () => {
    const shop = await aShopWithModel("faithful");
    const product = { type: "product" as const, handle: "linen-shirt", productId: "7001" };

    const answer = await ask(shop, aQuestion("How much is it?", { page: product }));

    expect(answer.kind).toBe("answer");
    expect(answer.text).toMatch(/^In short: .*59\.00 USD/);
    expect(answer.sources.map((source) => source.id)).toEqual(["gid://shopify/Product/7001"]);
    expect(await shownEvent(shop)).toMatchObject({ rephrasing: "rephrased" });
  });
});

describe("a lying model never reaches the shopper", () => {
  it.each([
    ["discount", /SAVE20/],
    ["price", /\$9\.99/],
    ["date", /April/],
    ["percent", /15%/],
    ["url", /deals\.example\.com/],
    ["email", /vip@deals/],
    ["product", /Alpine Down Jacket/],
  ])("GIVEN a model that invents a %s THEN the shopper reads the extractive answer", async (lie, invented) => {
    const shop = await aShopWithModel(`lie-${lie}`);

    const answer = await ask(shop);

    expect(answer).toMatchObject({ kind: "answer", sources: SHIPPING_SOURCE });
    expect(answer.text).toContain("We ship to Canada");
    expect(answer.text).not.toMatch(invented);
    expect(answer.text).not.toMatch(/^In short/);
    expect(await shownEvent(shop)).toMatchObject({ rephrasing: "verifier_rejected" });
    expect(sandbox.requests.at(-1)).toMatchObject({ model: `lie-${lie}`, status: 200 });
  });

  it("GIVEN the Anthropic format and an invented discount code THEN the extractive answer is shown", async () => {
    const shop = await aShopWithModel("lie-discount", { provider: "anthropic", baseUrl: sandbox.url });
    const answer = await ask(shop);
    expect(answer.text).not.toMatch(/SAVE20/);
    expect(await shownEvent(shop)).toMatchObject({ rephrasing: "verifier_rejected" });
  });
});

describe("a model that cannot answer in time or at all", () => {
  it.each([
    ["stall", "timeout"],
    ["fail-500", "provider_error"],
    ["fail-429", "provider_error"],
    ["empty", "empty"],
  ])("GIVEN a model that does %s THEN the extractive answer is shown and the event says %s", async (model, outcome) => {
    const shop = await aShopWithModel(model);

    const answer = await ask(shop);

    expect(answer).toMatchObject({ kind: "answer", sources: SHIPPING_SOURCE });
    expect(answer.text).toContain("We ship to Canada");
    expect(await shownEvent(shop)).toMatchObject({ rephrasing: outcome });
  });

  it("GIVEN a wrong key THEN the stand-in refuses it (401) and the extractive answer is shown", async () => {
    const shop = await aShopWithModel("faithful", { apiKey: "sk-wrong-key-1234" });
    const answer = await ask(shop);
    expect(answer.text).toContain("We ship to Canada");
    expect(await shownEvent(shop)).toMatchObject({ rephrasing: "provider_error" });
  });
});

describe("the daily cap", () => {
  it("GIVEN a cap of one rephrasing a day THEN the second question is answered extractively without calling the model", async () => {
    const shop = await aShopWithModel("faithful", { dailyCap: 1 });
    expect((await ask(shop)).text).toMatch(/^In short: /);
    const calls = sandbox.requests.length;

    const second = await ask(shop);

    expect(second.text).toContain("We ship to Canada");
    expect(second.text).not.toMatch(/^In short/);
    expect(sandbox.requests).toHaveLength(calls);
    const events = await prisma.chatEvent.findMany({ where: { shopDomain: shop, type: "answer_shown" } });
    expect(events.map((event) => JSON.parse(event.data!).rephrasing).sort()).toEqual(["cap_reached", "rephrased"]);
    expect(await prisma.answerLlmUsage.findMany({ where: { shopDomain: shop } })).toEqual([
      { shopDomain: shop, day: NOW.toISOString().slice(0, 10), count: 1 },
    ]);
  });
});

describe("what is not rephrased, and what is stored", () => {
  it("GIVEN product cards THEN the model is not asked and the event has no rephrasing", async () => {
    const shop = await aShopWithModel("faithful");
    const calls = sandbox.requests.length;
    const answer = await ask(shop, aQuestion("Do you have linen shirts?"));
    expect(answer.kind).not.toBe("answer");
    expect(sandbox.requests).toHaveLength(calls);
  });

  it("GIVEN a saved key THEN the row holds ciphertext under ENCRYPTION_KEY, never the key", async () => {
    const shop = await aShopWithModel("faithful");
    const row = await prisma.answerLlm.findUniqueOrThrow({ where: { shopDomain: shop } });
    expect(row.apiKeyEncrypted).toMatch(/^v1\./);
    expect(row.apiKeyEncrypted).not.toContain(SANDBOX_LLM_KEY);
    expect(JSON.stringify(row)).not.toContain(SANDBOX_LLM_KEY);
    expect(decryptToken(row.apiKeyEncrypted!, parseEncryptionKey(process.env.ENCRYPTION_KEY))).toBe(SANDBOX_LLM_KEY);
  });
});

describe('the merchant\'s "try a question"', () => {
  it("GIVEN a faithful model THEN the try shows the rephrasing the shopper would read, the quote beside it", async () => {
    const shop = await aShopWithModel("faithful");

    const tried = await tryQuestion(shop, { question: "Do you ship to Canada?", locale: "en" }, NOW.getTime());

    expect(tried).toMatchObject({
      indexed: true,
      rephrasing: "rephrased",
      answer: { kind: "answer", text: expect.stringMatching(/^In short: We ship to Canada/) },
      quoted: expect.stringMatching(/^We ship to Canada/),
    });
    expect(sandbox.requests.at(-1)).toMatchObject({ model: "faithful" });
  });

  it("GIVEN a lying model THEN the try shows the quote and says the verifier refused the reply", async () => {
    const shop = await aShopWithModel("lie-discount");

    const tried = await tryQuestion(shop, { question: "Do you ship to Canada?", locale: "en" }, NOW.getTime());

    expect(tried).toMatchObject({
      rephrasing: "verifier_rejected",
      answer: { text: expect.not.stringMatching(/SAVE20/) },
    });
  });

  it("GIVEN the model off THEN the try asks no model and names no rephrasing", async () => {
    const shop = await aShopWithModel("faithful", { enabled: false });
    const calls = sandbox.requests.length;

    const tried = await tryQuestion(shop, { question: "Do you ship to Canada?", locale: "en" }, NOW.getTime());

    expect(tried).toMatchObject({ indexed: true, answer: { kind: "answer" } });
    expect(tried).not.toHaveProperty("rephrasing", expect.anything());
    expect(sandbox.requests).toHaveLength(calls);
  });
});
