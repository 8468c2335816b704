/**
 * What the widget sends when the shopper asks, and what it decides from the answer (pure: the
 * DOM side runs in Chromium, tests/widget/ask-ui.test.ts). Every request it builds must be one
 * the answers route accepts: the contract's own schema checks it.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { questionSchema } from "../../contract/answers";
import {
  excludeAfter,
  failureKey,
  MAX_CHARS,
  needsOrderDetails,
  numericId,
  questionBody,
  suggestedQuestions,
  answersOn,
} from "../../widget/core/ask";
import type { PageData } from "../../widget/core/types";
import { HarnessCart } from "../../sandbox/storefront/cart";
import { createRenderer, EXTENSION_DIR } from "../../sandbox/storefront/render";
import { byHandle } from "../../sandbox/storefront/catalog";
import { aConfig } from "../support/builders/widget";
import { aPageData, aProductCard, aSource, anAnswer, SESSION, VISITOR } from "../support/builders/widget-answers";

const ids = { sessionId: SESSION, visitorId: VISITOR };
const context = (data = aPageData()) => ({ data, ...ids, arm: "treatment" as const });

describe("the question on the wire", () => {
  it("GIVEN a question on a product page THEN the body names the page and product, and the route's schema accepts it", () => {
    const body = JSON.parse(JSON.stringify(questionBody(context(), { question: "  does it run small?  " }, "en")));

    // Exactly the contract's fields (nothing else of the page data leaves), and valid under its strict schema
    expect(body).toEqual({
      ...ids,
      arm: "treatment",
      question: "does it run small?",
      locale: "en",
      page: { type: "product", handle: "linen-shirt", productId: "8011001" },
    });
    expect(questionSchema.strict().parse(body)).toEqual(body);
  });

  it("GIVEN a page without a locale THEN the shop's default language is sent", () => {
    const data = aPageData({ page: { type: "cart", path: "/cart" } });

    expect(questionBody(context(data), { question: "shipping?" }, "de")).toMatchObject({
      locale: "de",
      page: { type: "cart" },
    });
  });

  it("GIVEN text past the contract's limit THEN it is cut to the 500 characters the route accepts", () => {
    const body = questionBody(context(), { question: "a".repeat(800) }, "en");

    expect(MAX_CHARS).toBe(500);
    expect(body.question).toHaveLength(500);
    expect(questionSchema.safeParse(body).success).toBe(true);
  });

  it("GIVEN a repair after many answers THEN at most the 20 most recent sources are skipped (the schema's limit)", () => {
    const exclude = Array.from({ length: 25 }, (_, n) => `source-${n}`);
    const body = questionBody(context(), { question: "linen?", exclude }, "en");

    expect(body.excludeSourceIds).toEqual(exclude.slice(5));
    expect(questionSchema.safeParse(body).success).toBe(true);
  });

  it("GIVEN order details THEN they travel as the contract's `order`", () => {
    const body = questionBody(
      context(),
      { question: "where is my order?", order: { number: "#1001", email: "ana@example.com" } },
      "en",
    );

    expect(questionSchema.parse(body).order).toEqual({ number: "#1001", email: "ana@example.com" });
  });
});

describe("what the widget makes of an answer", () => {
  it("GIVEN an answer THEN 'not what I meant' skips the sources and products already shown, after those skipped before", () => {
    const answer = anAnswer({ kind: "products", sources: [aSource({ id: "faq-12" })], products: [aProductCard()] });

    expect(excludeAfter({ question: "blue trousers?", exclude: ["page-3"] }, answer)).toEqual([
      "page-3",
      "faq-12",
      "gid://shopify/Product/8011004",
    ]);
  });

  it("GIVEN an order-status answer without an order source THEN the widget asks for number and email; with one, it does not", () => {
    expect(
      needsOrderDetails(
        anAnswer({ kind: "order_status", sources: [], text: "Which order? Give me its number and email." }),
      ),
    ).toBe(true);
    expect(
      needsOrderDetails(
        anAnswer({
          kind: "order_status",
          sources: [aSource({ type: "order", id: "order-1001", title: "Order #1001" })],
        }),
      ),
    ).toBe(false);
    expect(needsOrderDetails(anAnswer({ kind: "abstain", sources: [] }))).toBe(false);
  });

  it("GIVEN a failed request THEN rate limits, outages and being offline each get their own kind message", () => {
    expect(failureKey(429)).toBe("ask_busy");
    expect(failureKey(0)).toBe("ask_offline");
    expect(failureKey(503)).toBe("ask_failed");
    expect(failureKey(400)).toBe("ask_failed");
  });

  it("GIVEN a product page THEN the locale's suggested questions are offered; elsewhere none", () => {
    expect(suggestedQuestions(aPageData())).toEqual([
      "Does it run small?",
      "What is it made of?",
      "How do returns work?",
    ]);
    expect(suggestedQuestions(aPageData({ page: { type: "home", path: "/" } }))).toEqual([]);
    expect(suggestedQuestions(aPageData({ t: {} }))).toEqual([]);
  });

  it("GIVEN the merchant switched answers off THEN no question box and no suggested questions; a config from before the switch means on", () => {
    const off = aConfig({ answers: { enabled: false } });
    expect(answersOn(off)).toBe(false);
    expect(suggestedQuestions(aPageData({ config: off }))).toEqual([]);
    expect(answersOn(aConfig({ answers: { enabled: true } }))).toBe(true);
    const { answers: _none, ...older } = aConfig({ answers: { enabled: true } });
    expect(answersOn(older)).toBe(true);
    expect(suggestedQuestions(aPageData({ config: older }))).toHaveLength(3);
  });

  it("GIVEN Shopify gids THEN the cart gets the numeric variant id", () => {
    expect(numericId("gid://shopify/ProductVariant/44004002")).toBe(44004002);
    expect(numericId(44004002)).toBe(44004002);
  });
});

/** The page data the real app embed Liquid renders on the harness's product page. */
async function embedData(locale: string): Promise<PageData> {
  const html = await createRenderer()({
    template: "product",
    pageType: "product",
    path: "/products/linen-shirt",
    title: "Linen Shirt",
    locale,
    cart: new HarnessCart("t").json(),
    config: aConfig(),
    consent: "none",
    embed: true,
    product: byHandle("linen-shirt"),
  });
  return JSON.parse(/<script type="application\/json" id="chatlift-data">(.*?)<\/script>/s.exec(html)![1]!) as PageData;
}

describe("the widget's texts in the app embed", () => {
  it("GIVEN the English storefront THEN the embed renders every text of the locale file (none left out of the Liquid's list)", async () => {
    const english = JSON.parse(readFileSync(path.join(EXTENSION_DIR, "locales/en.default.json"), "utf8"))
      .widget as Record<string, string>;

    expect((await embedData("en")).t).toEqual(english);
  });

  it("GIVEN a German product page THEN the suggested questions are German", async () => {
    expect(suggestedQuestions(await embedData("de"))).toEqual([
      "Fällt es klein aus?",
      "Woraus ist es gemacht?",
      "Wie funktionieren Rücksendungen?",
    ]);
  });
});
