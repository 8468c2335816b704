/**
 * The Knowledge page in a real browser behind the admin harness: reached from the nav, a FAQ refused with the
 * error beside its field and the merchant's text kept, then saved and listed; "Sync now" confirmed; "try a
 * question" answering from the stored index; the language model's settings refused and saved, the key never shown.
 * The same built app answers the storefront's questions: POST /apps/chatlift/answers is sent here over real HTTP,
 * signed as Shopify's app proxy signs, so every status is the one a shopper's browser receives.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import prisma from "../../app/db.server";
import { rebuildKnowledgeIndex } from "../../app/answers/sync/index-store.server";
import { writeSources } from "../../app/answers/sync/knowledge-store.server";
import { saveShopSettings } from "../../app/answers/sync/sync-state.server";
import type { SourceDocument } from "../../app/answers/sync/source-rows";
import type { Answer, Question } from "../../contract/answers";
import { signedProxyQuery, type SignedProxyOptions } from "../../sandbox/shopify/signing";
import { useTestEncryptionKey } from "../support/builders/lead-rows";
import { launchChromium, screenshotPath } from "../support/browser/chromium";
import { adminPage, DESKTOP_CHROME, startAdminHarness, type RunningHarness } from "../support/browser/admin-harness";

const STORE = "knowledge-browser";
const SHOP = `${STORE}.myshopify.com`;

const shippingPolicy: SourceDocument = {
  type: "policy",
  id: "gid://shopify/ShopPolicy/42",
  locale: "en",
  policyType: "SHIPPING_POLICY",
  title: "Shipping policy",
  body: "<p>We ship to Canada, the United States and the whole European Union. Orders leave our warehouse within two business days.</p>",
  url: "https://harbor.example/policies/shipping-policy",
};

/** The shop's content as the sync stores it: its settings, one policy, the index built from them. */
async function storeKnowledge(): Promise<void> {
  const now = new Date();
  await saveShopSettings(SHOP, {
    name: "Harbor Supply",
    currencyCode: "USD",
    primaryLocale: "en",
    locales: ["en"],
    roots: { en: "" },
  });
  await writeSources(SHOP, [{ document: shippingPolicy, sourceUpdatedAt: now }], now);
  await rebuildKnowledgeIndex(SHOP, now);
}

let visitors = 0;
const aQuestion = (question: string): Question => {
  visitors += 1;
  return {
    sessionId: `sess_wire_${visitors}`,
    visitorId: `visitor_wire_${visitors}`,
    question,
    locale: "en",
    page: { type: "home" },
    arm: "treatment",
  };
};

let harness: RunningHarness;
let browser: Browser;
let page: Page;
let errors: string[];

beforeAll(async () => {
  // The harness is a child process: it inherits the key, so the app can encrypt the model's key.
  useTestEncryptionKey();
  harness = await startAdminHarness(STORE);
  await storeKnowledge();
  browser = await launchChromium();
  ({ page, errors } = await adminPage(browser, harness.origin));
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await harness?.stop();
});

describe("the Knowledge page in a browser", () => {
  it("GIVEN a bad link WHEN a FAQ is added THEN the link's error shows, the text stays, and the fixed FAQ is listed", async () => {
    await page.locator("ui-nav-menu").getByRole("link", { name: "Knowledge" }).click();
    await page.getByRole("heading", { name: "Your FAQs" }).waitFor();

    // WHEN the merchant adds a FAQ whose link is not an address
    const faqForm = page.locator("form", { has: page.getByRole("button", { name: "Add FAQ" }) });
    await faqForm.getByLabel("Question", { exact: true }).fill("Do you gift wrap?");
    await faqForm.getByLabel("Answer", { exact: true }).fill("Yes, for free at checkout.");
    await faqForm.getByLabel("Link (optional)").fill("ftp://gifts");
    await page.getByRole("button", { name: "Add FAQ" }).click();

    // THEN the error is beside the field and what was typed is still there
    await page.getByText("Enter a full address (https://…) or a path on your store (/pages/…)").waitFor();
    expect(await faqForm.getByLabel("Question", { exact: true }).inputValue()).toBe("Do you gift wrap?");
    expect(await faqForm.getByLabel("Answer", { exact: true }).inputValue()).toBe("Yes, for free at checkout.");

    // WHEN the link is fixed THEN the FAQ is listed and the form is empty again
    await faqForm.getByLabel("Link (optional)").fill("/pages/gifts");
    await page.getByRole("button", { name: "Add FAQ" }).click();
    await page.getByRole("heading", { name: "Do you gift wrap?" }).waitFor();
    expect(await faqForm.getByLabel("Answer", { exact: true }).inputValue()).toBe("");

    await page.getByRole("button", { name: "Sync now" }).click();
    await page.getByText("Sync queued").waitFor();
    await page.screenshot({ path: screenshotPath("admin-knowledge"), fullPage: true });
    expect(errors).toEqual([]);
  }, 60_000);

  it("GIVEN the shop's stored content WHEN the merchant tries a question THEN the answer, its source and the candidates show", async () => {
    const tryForm = page.locator("form", { has: page.getByRole("button", { name: "Ask", exact: true }) });
    await tryForm.getByLabel("Question", { exact: true }).fill("do you ship to canada?");
    await page.getByRole("button", { name: "Ask", exact: true }).click();

    await page.getByText("We ship to Canada, the United States and the whole European Union.").first().waitFor();
    await page.getByText("Source: Shipping policy (https://harbor.example/policies/shipping-policy)").waitFor();
    await page.getByText("used in the answer: covers 100% of the question", { exact: false }).waitFor();
    expect(errors).toEqual([]);
  }, 60_000);

  it("GIVEN an address that is not one WHEN the model's settings are saved THEN nothing is saved; fixed, they are saved and the key is never shown", async () => {
    const llmForm = page.locator("form", { has: page.getByRole("button", { name: "Save language model settings" }) });
    await llmForm.getByLabel("Rephrase quoted answers with a language model").check();
    await llmForm.getByLabel("Base URL").fill("ftp://models");
    await llmForm.getByLabel("Model", { exact: true }).fill("gpt-4o-mini");
    await llmForm.getByLabel("API key").fill("sk-wire-secret");
    await page.getByRole("button", { name: "Save language model settings" }).click();

    await page.getByText("Enter a full http:// or https:// address, e.g. https://api.openai.com/v1").waitFor();
    expect(await prisma.answerLlm.findUnique({ where: { shopDomain: SHOP } })).toBeNull();
    expect(await llmForm.getByLabel("Model", { exact: true }).inputValue()).toBe("gpt-4o-mini");

    await llmForm.getByLabel("Base URL").fill("http://127.0.0.1:11434/v1/");
    await llmForm.getByLabel("API key").fill("sk-wire-secret");
    await page.getByRole("button", { name: "Save language model settings" }).click();

    await page.getByText("Language model settings saved").waitFor();
    await page.getByText("A key is saved (encrypted).", { exact: false }).waitFor();
    const saved = await prisma.answerLlm.findUniqueOrThrow({ where: { shopDomain: SHOP } });
    expect(saved).toMatchObject({ enabled: true, baseUrl: "http://127.0.0.1:11434/v1", model: "gpt-4o-mini" });
    expect(saved.apiKeyEncrypted).not.toContain("sk-wire-secret");
    expect(await page.content()).not.toContain("sk-wire-secret");
    expect(await llmForm.getByLabel("API key").inputValue()).toBe("");
    // The model stays off for the wire checks below: the stand-in is not running, and answers must stay quoted.
    await llmForm.getByLabel("Rephrase quoted answers with a language model").uncheck();
    await page.getByRole("button", { name: "Save language model settings" }).click();
    await expect
      .poll(async () => (await prisma.answerLlm.findUniqueOrThrow({ where: { shopDomain: SHOP } })).enabled)
      .toBe(false);
    expect(errors).toEqual([]);
  }, 60_000);
});

describe("POST /apps/chatlift/answers over HTTP, as the shopper's browser receives it", () => {
  const ask = (options: SignedProxyOptions & { body?: unknown } = {}) => {
    const { body, method = "POST", userAgent = DESKTOP_CHROME, shop = SHOP } = options;
    const query = signedProxyQuery({ shop, ...options });
    return fetch(`${harness.origin}/apps/chatlift/answers?${query.toString()}`, {
      method,
      headers: { "Content-Type": "application/json", "User-Agent": userAgent },
      body: method === "GET" ? undefined : typeof body === "string" ? body : JSON.stringify(body),
    });
  };

  it("GIVEN a signed question the shipping policy covers THEN 200 with the policy's sentence and the policy as source", async () => {
    const response = await ask({ body: aQuestion("Do you ship to Canada?") });
    expect(response.status).toBe(200);
    const answer = (await response.json()) as Answer;
    expect(answer).toMatchObject({ kind: "answer", sources: [{ id: shippingPolicy.id, title: "Shipping policy" }] });
    expect(answer.text).toContain("We ship to Canada");
  });

  it("GIVEN each bad request THEN its 4xx reaches the browser with its reason", async () => {
    const statuses = async (response: Response) => [
      response.status,
      ((await response.json()) as { error: string }).error,
    ];
    // A forged signature is refused by Shopify's library before the route reads anything: 400, no body.
    expect((await ask({ body: aQuestion("Do you ship?"), signature: "0".repeat(64) })).status).toBe(400);
    expect(await statuses(await ask({ body: "{question:" }))).toEqual([400, "body is not JSON"]);
    expect(await statuses(await ask({ body: { ...aQuestion("x"), padding: "p".repeat(2100) } }))).toEqual([
      413,
      "a question's request is at most 2048 bytes",
    ]);
    expect(await statuses(await ask({ body: aQuestion("a".repeat(501)) }))).toEqual([
      400,
      "invalid question: question",
    ]);
    expect(
      await statuses(
        await ask({ body: aQuestion("Do you ship?"), userAgent: "Mozilla/5.0 (compatible; Googlebot/2.1)" }),
      ),
    ).toEqual([403, "automated clients are not answered"]);
    expect(await statuses(await ask({ method: "GET" }))).toEqual([405, "POST a question here"]);
    const stranger = "never-installed-wire.myshopify.com";
    expect(await statuses(await ask({ shop: stranger, body: aQuestion("Do you ship?") }))).toEqual([
      404,
      `ChatLift is not installed on ${stranger}: nothing answered`,
    ]);
  });

  it("GIVEN one visitor asking 21 questions at once THEN the 21st is refused 429 with Retry-After", async () => {
    const question = aQuestion("Do you ship to Canada?");
    const statuses: number[] = [];
    for (let i = 0; i < 20; i += 1) statuses.push((await ask({ body: question })).status);
    expect(new Set(statuses)).toEqual(new Set([200]));
    const refused = await ask({ body: question });
    // The clock here is real: the wait left is at most the limit's 5 s window.
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("Retry-After"))).toBeGreaterThanOrEqual(1);
    expect(Number(refused.headers.get("Retry-After"))).toBeLessThanOrEqual(5);
  });

  it("GIVEN shoppers asked, in their own words, what the content does not cover WHEN the merchant opens Knowledge THEN the gap is listed and 'Write an FAQ' drafts it", async () => {
    for (const question of ["Do you sell horse saddles?", "Do you sell horse saddles?", "horse saddles for sale?"]) {
      const answer = (await (await ask({ body: aQuestion(question) })).json()) as Answer;
      expect(answer.kind).toBe("abstain");
    }
    await page.locator("ui-nav-menu").getByRole("link", { name: "Dashboard" }).click();
    await page.locator("ui-nav-menu").getByRole("link", { name: "Knowledge" }).click();
    await page.getByRole("heading", { name: "Knowledge gaps" }).waitFor();
    await page.getByRole("heading", { name: "Do you sell horse saddles?" }).waitFor();
    await page.getByText("Also asked as: horse saddles for sale?").waitFor();
    await page.getByText("Asked 3 times, not answered 3").waitFor();

    await page.getByRole("button", { name: "Write an FAQ" }).click();
    const faqForm = page.locator("form", { has: page.getByRole("button", { name: "Add FAQ" }) });
    expect(await faqForm.getByLabel("Question", { exact: true }).inputValue()).toBe("Do you sell horse saddles?");
    expect(await faqForm.getByLabel("Other ways shoppers ask it").inputValue()).toBe("horse saddles for sale?");
    await page.screenshot({ path: screenshotPath("admin-knowledge-gaps"), fullPage: true });
    expect(errors).toEqual([]);
  }, 60_000);
});
