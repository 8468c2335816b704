import { describe, expect, it } from "vitest";
import { answerQuestion } from "../../../app/answers/decide";
import { aFaq, aPage, aPolicy, aProduct, indexOf } from "./builders";

const shirt = aProduct({
  id: "gid://shopify/Product/1",
  handle: "fjord-linen-shirt",
  title: "Fjord Linen Shirt",
  descriptionHtml: "<p>A relaxed shirt in washed linen. It used to cost 39 euros.</p>",
  metafields: [
    { namespace: "custom", key: "fit", value: "Runs large: if you are between sizes, take the smaller one." },
  ],
  variants: [
    {
      id: "v-s",
      title: "S",
      price: "59.00",
      compareAtPrice: "79.00",
      availableForSale: false,
      selectedOptions: [{ name: "Size", value: "S" }],
    },
    {
      id: "v-m",
      title: "M",
      price: "59.00",
      compareAtPrice: "79.00",
      availableForSale: true,
      selectedOptions: [{ name: "Size", value: "M" }],
    },
  ],
  options: [{ name: "Size", values: ["S", "M"] }],
});
const trousers = aProduct({
  id: "gid://shopify/Product/2",
  handle: "fjord-linen-trousers",
  title: "Fjord Linen Trousers",
  productType: "Trousers",
});
const faqs = [
  aFaq({
    id: "faq-free-shipping",
    question: "Is shipping free?",
    variants: [],
    answer: "Shipping is free on orders over €75.",
  }),
  aFaq({
    id: "faq-free-returns",
    question: "Are returns free?",
    variants: [],
    answer: "Returns from Germany are free of charge.",
  }),
  aFaq({
    id: "faq-international",
    question: "Do you ship internationally?",
    variants: [],
    answer: "We ship to the EU, the UK and Canada.",
  }),
];
const others = ["Alder Linen Dress", "Birch Linen Scarf", "Cove Linen Towel", "Dune Linen Skirt"].map((title) =>
  aProduct({ title }),
);
const shop = () =>
  indexOf(shirt, trousers, ...others, ...faqs, aPolicy({ id: "policy-refund" }), aPage({ id: "page-stores" }));
const onShirtPage = { type: "product", handle: "fjord-linen-shirt", productId: "gid://shopify/Product/1" };

describe("answer, clarify, abstain and order-status decisions", () => {
  it("GIVEN a question word one letter from a word that already answers another part of the question THEN it is not read as that word", () => {
    const index = indexOf(
      aFaq({
        id: "faq-exchange",
        question: "Can I exchange an item for another size?",
        variants: [],
        answer: "Yes. We send the new size free of charge as soon as your return is on its way.",
      }),
      aFaq({ id: "faq-gift", question: "Do you sell gift cards?", variants: [], answer: "Yes, from 25 euros." }),
    );

    // "spend" is one letter from "send", which is already the FAQ's word for "delivery".
    const answer = answerQuestion(index, {
      question: "how much do i need to spend to get free delivery",
      locale: "en",
    });

    expect(answer.kind).toBe("abstain");
  });

  it("GIVEN a question no source covers WHEN asked THEN ChatLift abstains and suggests questions the shop can answer", () => {
    const answer = answerQuestion(shop(), { question: "is there a student discount", locale: "en" });
    expect(answer.kind).toBe("abstain");
    expect(answer.sources).toEqual([]);
    expect(answer.suggestions?.length).toBeGreaterThanOrEqual(2);
    expect(answer.suggestions?.every((question) => faqs.some((faq) => faq.question === question))).toBe(true);
  });

  it("GIVEN a FAQ that answers WHEN asked THEN the answer quotes the FAQ's own answer with its source", () => {
    const answer = answerQuestion(shop(), { question: "do you deliver to canada?", locale: "en" });
    expect(answer).toMatchObject({
      kind: "answer",
      text: "We ship to the EU, the UK and Canada.",
      sources: [{ type: "faq", id: "faq-international" }],
    });
  });

  it("GIVEN 'not what I meant' on the FAQ that answered WHEN asked again without it THEN the next best source answers, never the same", () => {
    const first = answerQuestion(shop(), { question: "is shipping free?", locale: "en" });
    expect(first.sources[0]?.id).toBe("faq-free-shipping");

    const again = answerQuestion(shop(), {
      question: "is shipping free?",
      locale: "en",
      exclude: ["faq-free-shipping"],
    });

    expect(again.sources.map((source) => source.id)).not.toContain("faq-free-shipping");
    expect(again.candidates.map((candidate) => candidate.id)).not.toContain("faq-free-shipping");
  });

  it("GIVEN 'not what I meant' on every source that covers it THEN ChatLift says honestly that it does not know", () => {
    const answer = answerQuestion(shop(), {
      question: "do you deliver to canada?",
      locale: "en",
      exclude: ["faq-international"],
    });
    expect(answer.kind).toBe("abstain");
  });

  it("GIVEN 'not what I meant' on the product page's answer THEN the page's product is not quoted again", () => {
    const first = answerQuestion(shop(), { question: "does it run small?", locale: "en", page: onShirtPage });
    expect(first.sources[0]?.id).toBe(shirt.id);
    const again = answerQuestion(shop(), {
      question: "does it run small?",
      locale: "en",
      page: onShirtPage,
      exclude: [shirt.id],
    });
    expect(again.sources.map((source) => source.id)).not.toContain(shirt.id);
  });

  it("GIVEN a policy passage WHEN asked THEN the quote is the policy's own sentence", () => {
    const answer = answerQuestion(shop(), { question: "how many days do I have to return unworn items", locale: "en" });
    expect(answer.kind).toBe("answer");
    expect(answer.sources[0]?.id).toBe("policy-refund");
    // The next sentence also covers the question (returns), so it is quoted with it; nothing is reworded.
    expect(answer.text).toBe("You can return unworn items within 30 days of delivery. Returns from Germany are free.");
  });

  it("GIVEN two products named alike WHEN asked about 'the fjord one' THEN ChatLift asks which one", () => {
    const answer = answerQuestion(shop(), { question: "how much is the fjord one?", locale: "en" });
    expect(answer.kind).toBe("clarify");
    expect(answer.sources.map((source) => source.title).sort()).toEqual(["Fjord Linen Shirt", "Fjord Linen Trousers"]);
    expect(answer.text).toBe("Which one do you mean: Fjord Linen Shirt or Fjord Linen Trousers?");
  });

  it("GIVEN 'is it free?' with no page to point at WHEN two different FAQs answer THEN ChatLift asks which is meant", () => {
    const answer = answerQuestion(shop(), { question: "is it free?", locale: "en" });
    expect(answer.kind).toBe("clarify");
    expect(answer.sources.map((source) => source.id).sort()).toEqual(["faq-free-returns", "faq-free-shipping"]);
  });

  it("GIVEN where-is-my-order wording WHEN asked THEN it is handed to order status, with what the shopper already typed", () => {
    const answer = answerQuestion(shop(), {
      question: "where is my order #1042? my email is Ada@Example.com",
      locale: "en",
    });
    expect(answer).toMatchObject({
      kind: "order_status",
      order: { number: "1042", email: "ada@example.com" },
      sources: [],
    });
    expect(answerQuestion(shop(), { question: "wo bleibt mein Paket?", locale: "de" }).kind).toBe("order_status");
    expect(answerQuestion(shop(), { question: "Wann kommt meine Bestellung?", locale: "de" }).kind).toBe(
      "order_status",
    );
    expect(answerQuestion(shop(), { question: "Wann verschickt ihr Bestellungen?", locale: "de" }).kind).not.toBe(
      "order_status",
    );
    expect(answerQuestion(shop(), { question: "can I cancel my order?", locale: "en" }).kind).not.toBe("order_status");
  });
});

describe("product facts come from the product's data, the page is context", () => {
  it("GIVEN prose that mentions an old price WHEN the price is asked THEN the answer uses the variants' price and compare-at price", () => {
    const answer = answerQuestion(shop(), { question: "how much does it cost?", locale: "en", page: onShirtPage });
    expect(answer.kind).toBe("answer");
    expect(answer.text).toBe("Fjord Linen Shirt costs €59.00 (was €79.00).");
    expect(answer.sources[0]?.id).toBe("gid://shopify/Product/1");
    expect(answer.products?.[0]).toMatchObject({
      id: "gid://shopify/Product/1",
      price: "59.00",
      compareAtPrice: "79.00",
    });
  });

  it("GIVEN a sold-out size WHEN asked whether it is in stock THEN availability comes from the variant", () => {
    const answer = answerQuestion(shop(), { question: "is size S in stock?", locale: "en", page: onShirtPage });
    expect(answer.text).toBe("Fjord Linen Shirt is sold out in S.");
    expect(answer.products?.[0]?.variants).toEqual([
      { id: "v-s", title: "S", price: "59.00", compareAtPrice: "79.00", available: false },
    ]);
  });

  it("GIVEN a German shopper WHEN the price is asked THEN the sentence is German and the money German-formatted", () => {
    const answer = answerQuestion(shop(), { question: "Was kostet das?", locale: "de", page: onShirtPage });
    expect(answer.text).toBe("Fjord Linen Shirt kostet 59,00\u00a0€ (statt 79,00\u00a0€).");
  });

  it("GIVEN the shopper is on a product page WHEN asking 'does it run small?' THEN the answer quotes that product's fit", () => {
    const answer = answerQuestion(shop(), { question: "does it run small?", locale: "en", page: onShirtPage });
    expect(answer).toMatchObject({ kind: "answer", sources: [{ id: "gid://shopify/Product/1" }] });
    expect(answer.text).toContain("Runs large");
  });

  it("GIVEN a product page WHEN the question is about shipping THEN the shop's content answers, not the product", () => {
    const answer = answerQuestion(shop(), { question: "do you ship to canada?", locale: "en", page: onShirtPage });
    expect(answer.sources[0]?.id).toBe("faq-international");
  });
});
