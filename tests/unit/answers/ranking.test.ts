import { describe, expect, it } from "vitest";
import { answerQuestion } from "../../../app/answers/decide";
import { KnowledgeIndex } from "../../../app/answers/knowledge-index";
import { aFaq, aPage, aPolicy, aProduct, indexOf, SHOP } from "./builders";

const shop = () =>
  indexOf(
    aFaq({
      id: "faq-ship",
      question: "Do you ship internationally?",
      answer: "We ship to Germany, the EU, the United Kingdom and Canada.",
    }),
    aFaq({
      id: "faq-pay",
      question: "Which payment methods do you accept?",
      variants: [],
      answer: "We accept Visa, Mastercard and PayPal.",
    }),
    aPolicy({ id: "policy-refund" }),
    aPage({ id: "page-stores" }),
    aProduct({ id: "gid://shopify/Product/1", title: "Fjord Linen Shirt" }),
    aProduct({
      id: "gid://shopify/Product/2",
      title: "Alder Merino Sweater",
      productType: "Sweaters",
      tags: ["merino"],
    }),
  );

describe("retrieval ranking", () => {
  it("GIVEN two pages covering the question alike WHEN one is titled for it THEN that one answers, whatever BM25 prefers", () => {
    const index = indexOf(
      aPage({
        id: "page-contact",
        handle: "contact",
        title: "Contact us",
        body:
          "<p>The quickest way to contact us is by email at hello@test.example; we reply within one business day.</p>" +
          "<p>For questions about an existing order, please include your order number. Press and wholesale enquiries " +
          "have their own pages.</p>",
      }),
      aPage({
        id: "page-press",
        handle: "press",
        title: "Press",
        body:
          "<p>For press samples, images and interviews, contact Mira Hoffmann at press@test.example. Our press kit " +
          "with logos and product photos can be downloaded below.</p>",
      }),
    );

    // "Contact" is an everyday word of the shop, "press" a rare one: the Press page's title holds more of the question.
    index.upsert(aFaq({ id: "faq-damaged", question: "My order arrived damaged", answer: "Contact us with a photo." }));
    index.upsert(aFaq({ id: "faq-wholesale", question: "Do you sell wholesale?", answer: "Contact our sales team." }));

    const answer = answerQuestion(index, { question: "press contact?", locale: "en" });

    expect(answer).toMatchObject({ kind: "answer", sources: [{ id: "page-press" }] });
  });

  it("GIVEN FAQs, a policy and a page WHEN a shopper asks in their own words THEN the covering source ranks first", () => {
    const index = shop();
    expect(
      answerQuestion(index, { question: "can i send stuff back after a few weeks?", locale: "en" }).candidates[0]?.id,
    ).toBe("policy-refund");
    expect(answerQuestion(index, { question: "do u deliver to canada", locale: "en" }).candidates[0]?.id).toBe(
      "faq-ship",
    );
    expect(answerQuestion(index, { question: "when is the hamburg store open", locale: "en" }).candidates[0]?.id).toBe(
      "page-stores",
    );
  });

  it("GIVEN a typo in a word the shop uses WHEN asked THEN the word is still found", () => {
    expect(answerQuestion(shop(), { question: "do you deliver to canda", locale: "en" }).sources[0]?.id).toBe(
      "faq-ship",
    );
    expect(answerQuestion(shop(), { question: "which paymnt methods", locale: "en" }).sources[0]?.id).toBe("faq-pay");
  });

  it("GIVEN the merchant's synonyms WHEN a shopper uses the merchant's other word THEN it finds the product", () => {
    const index = shop();
    expect(answerQuestion(index, { question: "do you have a jumper", locale: "en" }).candidates[0]?.id).toBe(
      "gid://shopify/Product/2",
    );
    const custom = KnowledgeIndex.build(
      SHOP,
      [aProduct({ id: "gid://shopify/Product/3", title: "Kestrel Tote", productType: "Bags", tags: [] })],
      [{ locale: "en", terms: ["tote", "shopper bag"] }],
    );
    expect(answerQuestion(custom, { question: "looking for a shopper bag", locale: "en" }).products?.[0]?.id).toBe(
      "gid://shopify/Product/3",
    );
  });

  it("GIVEN product searches WHEN they name a colour THEN only products having it are shown, with the matching variants", () => {
    const blue = aProduct({
      id: "gid://shopify/Product/10",
      title: "Cove Rain Jacket",
      productType: "Rain Jackets",
      options: [{ name: "Color", values: ["Blue", "Black"] }],
      variants: [
        {
          id: "v-blue",
          title: "Blue",
          price: "149.00",
          compareAtPrice: null,
          availableForSale: true,
          selectedOptions: [{ name: "Color", value: "Blue" }],
        },
        {
          id: "v-black",
          title: "Black",
          price: "149.00",
          compareAtPrice: null,
          availableForSale: true,
          selectedOptions: [{ name: "Color", value: "Black" }],
        },
      ],
    });
    const black = aProduct({
      id: "gid://shopify/Product/11",
      title: "Dune Rain Jacket",
      productType: "Rain Jackets",
      options: [{ name: "Color", values: ["Black", "Red"] }],
    });
    const answer = answerQuestion(indexOf(blue, black), {
      question: "do you have a rain jacket in blue?",
      locale: "en",
    });
    expect(answer.kind).toBe("products");
    expect(answer.products?.map((card) => card.id)).toEqual(["gid://shopify/Product/10"]);
    expect(answer.products?.[0]?.variants.map((variant) => variant.id)).toEqual(["v-blue"]);
  });

  it("GIVEN a word only products' tags use WHEN a policy question hinges on it THEN it still weighs, and the policy does not answer", () => {
    const candles = ["Vega", "Hallig", "Calder", "Amrum"].map((name, i) =>
      aProduct({
        id: `gid://shopify/Product/${90 + i}`,
        title: `${name} Candle`,
        productType: "Candles",
        tags: ["sea", "scented"],
      }),
    );
    const index = indexOf(
      aPolicy({
        id: "policy-shipping",
        policyType: "SHIPPING_POLICY",
        title: "Shipping policy",
        body: "<p>We ship with DHL. We do not ship to P.O. boxes or to freight forwarders.</p>",
      }),
      aFaq({
        id: "faq-damaged",
        question: "My item arrived broken",
        answer: "Email us a photo and we send a new one.",
      }),
      aProduct({ id: "gid://shopify/Product/99", title: "Stoneware Mug", productType: "Mugs", tags: ["kitchen"] }),
      ...candles,
    );

    // "sea" is only a scent tag: the shipping policy answers nothing about shipping by sea.
    expect(answerQuestion(index, { question: "do you ship by sea freight", locale: "en" }).kind).toBe("abstain");
    // "mug" is what a product is called: a question about the mug is answered by the FAQ that never names it.
    expect(answerQuestion(index, { question: "the mug arrived broken", locale: "en" })).toMatchObject({
      kind: "answer",
      sources: [{ id: "faq-damaged" }],
    });
  });
});
