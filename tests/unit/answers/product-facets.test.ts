/**
 * Why: on a product page, prose questions ("is it machine washable?", "what's it made of?") must be answered from
 * the product's own sentence about the asked facet (its care or material line), not from an intro that mentions
 * a word in passing, nor turned into a stock answer by a contraction that reads like a size.
 */
import { describe, expect, it } from "vitest";
import { answerQuestion } from "../../../app/answers/decide";
import { aFaq, aProduct, indexOf } from "./builders";

const shirt = aProduct({
  id: "gid://shopify/Product/11",
  handle: "harbour-shirt",
  title: "Harbour Shirt",
  descriptionHtml:
    "<p>Our best-selling shirt, in washed European linen that feels soft from the first day. A relaxed fit with a camp collar.</p>",
  metafields: [
    { namespace: "custom", key: "material", value: "100% European flax linen, garment-washed" },
    { namespace: "custom", key: "care", value: "Machine wash at 30 °C, line dry. Do not tumble dry." },
  ],
});
const jacket = aProduct({
  id: "gid://shopify/Product/12",
  handle: "storm-jacket",
  title: "Storm Jacket",
  productType: "Jackets",
  descriptionHtml: "<p>If you only own one jacket, make it this one. A shell for wind and rain.</p>",
  metafields: [
    { namespace: "custom", key: "care", value: "Wash at 30 °C with technical detergent." },
    { namespace: "custom", key: "origin", value: "Made in Portugal" },
  ],
});
const mug = aProduct({
  id: "gid://shopify/Product/13",
  handle: "dune-mug",
  title: "Dune Mug",
  productType: "Mugs",
  descriptionHtml: "<p>A stoneware mug glazed by hand.</p>",
  options: [{ name: "Title", values: ["Default Title"] }],
  metafields: [
    { namespace: "custom", key: "care", value: "Hand wash only. Not dishwasher safe." },
    { namespace: "custom", key: "origin", value: "Made in Portugal" },
  ],
});
const restock = aFaq({
  id: "faq-restock",
  question: "Will a sold-out item come back?",
  variants: [],
  answer: "Most items come back within six weeks; we email you when your size is back.",
});
const shop = () => indexOf(shirt, jacket, mug, restock);
const on = (productId: string, handle: string) => ({ type: "product", handle, productId });

describe("product-page questions are answered from the product's own facet", () => {
  it("GIVEN an intro mentioning 'washed' and a care line WHEN asked 'Is this machine washable?' THEN the care line is quoted", () => {
    const answer = answerQuestion(shop(), {
      question: "Is this machine washable?",
      locale: "en",
      page: on(shirt.id, shirt.handle),
    });
    expect(answer).toMatchObject({ kind: "answer", sources: [{ id: shirt.id }] });
    expect(answer.text).toBe("Care: Machine wash at 30 °C, line dry.");
  });

  it("GIVEN the word 'wash' in both the intro and the care line WHEN asked 'How should I wash it?' THEN the shorter, focused care line wins", () => {
    const answer = answerQuestion(shop(), {
      question: "How should I wash it?",
      locale: "en",
      page: on(shirt.id, shirt.handle),
    });
    expect(answer.text).toContain("Machine wash at 30 °C");
    expect(answer.text).not.toContain("best-selling");
  });

  it('GIVEN a product sold in size S WHEN asked "What\'s it made of?" THEN the material line is quoted, not the stock of size S', () => {
    const answer = answerQuestion(shop(), {
      question: "What's it made of?",
      locale: "en",
      page: on(shirt.id, shirt.handle),
    });
    expect(answer).toMatchObject({ kind: "answer", sources: [{ id: shirt.id }] });
    expect(answer.text).toBe("Material: 100% European flax linen, garment-washed");
  });

  it("GIVEN a question naming the product ('this jacket') WHEN its intro repeats that name THEN the sentence about the asked facet is quoted", () => {
    const answer = answerQuestion(shop(), {
      question: "how should I wash this jacket",
      locale: "en",
      page: on(jacket.id, jacket.handle),
    });
    expect(answer.text).toBe("Care: Wash at 30 °C with technical detergent.");
  });

  it("GIVEN a short sentence ending a care line WHEN it is quoted THEN the next labelled line (another fact) is not glued to it", () => {
    const answer = answerQuestion(shop(), { question: "dishwasher safe?", locale: "en", page: on(mug.id, mug.handle) });
    expect(answer.text).toBe("Not dishwasher safe.");
  });

  it("GIVEN a FAQ saying 'come back' WHEN asked 'what sizes does it come in' on a product page THEN the sizes come from the product's options", () => {
    const answer = answerQuestion(shop(), {
      question: "what sizes does it come in",
      locale: "en",
      page: on(shirt.id, shirt.handle),
    });
    expect(answer).toMatchObject({ kind: "answer", sources: [{ id: shirt.id }] });
    expect(answer.text).toBe("Harbour Shirt comes in size S, M and L.");
  });
});
