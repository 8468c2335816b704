/** How the answering core reads what shoppers actually type: a story before the question, swapped letters, compounds. */
import { describe, expect, it } from "vitest";
import { answerQuestion } from "../../../app/answers/decide";
import { askingClause } from "../../../app/answers/intents";
import { languageFor } from "../../../app/answers/language";
import { aFaq, aPolicy, aProduct, indexOf } from "./builders";

const en = languageFor("en")!;
const de = languageFor("de")!;

describe("the clause that asks", () => {
  it("GIVEN a story before the question WHEN read THEN the last clause that asks is the question", () => {
    expect(askingClause("I bought a sweater 3 weeks ago and it's too big, can I still return it?", en)).toBe(
      "can i still return it",
    );
    expect(askingClause("I got a jacket in the sale - can I return it?", en)).toBe("can i return it");
    expect(askingClause("Ich habe die Hose vor einer Woche bekommen, kann ich sie umtauschen?", de)).toBe(
      "kann ich sie umtauschen",
    );
  });

  it("GIVEN one clause, or a story with no clause that asks WHEN read THEN there is no separate question", () => {
    expect(askingClause("can I return sale items?", en)).toBeNull();
    expect(askingClause("my zip broke, the jacket is two months old", en)).toBeNull();
  });

  it("GIVEN a long story around a return question WHEN asked THEN the refund policy answers instead of an abstention", () => {
    const index = indexOf(
      aPolicy({ id: "policy-refund" }),
      aFaq({ id: "faq-wholesale", question: "Do you sell wholesale?", answer: "Write to our sales team." }),
    );

    const answer = answerQuestion(index, {
      question: "I bought a jumper three weeks ago for my brother and it is far too big, can I still return it",
      locale: "en",
    });

    expect(answer).toMatchObject({ kind: "answer", sources: [{ id: "policy-refund" }] });
  });
});

describe("typos and compounds", () => {
  it("GIVEN two letters swapped in a word the shop never uses WHEN asked THEN it is read as the shop's word", () => {
    const index = indexOf(aPolicy({ id: "policy-refund" }));

    const answer = answerQuestion(index, { question: "can i retrun unworn items", locale: "en" });

    expect(answer).toMatchObject({ kind: "answer", sources: [{ id: "policy-refund" }] });
  });

  it("GIVEN a short real word WHEN its swapped letters spell a word of the shop THEN it is not 'corrected'", () => {
    const index = indexOf(
      aFaq({ id: "faq-later", question: "Can I pay later?", answer: "Yes, with Klarna in 30 days." }),
      aPolicy({ id: "policy-refund" }),
    );

    const answer = answerQuestion(index, { question: "do you alter hems", locale: "en" });

    expect(answer.kind).toBe("abstain");
  });

  it("GIVEN German products named by compounds WHEN a shopper asks for the compounds' last word THEN those products show", () => {
    const shirt = (id: string, title: string) =>
      aProduct({
        id,
        title,
        locale: "de",
        descriptionHtml: "<p>Leicht und luftig.</p>",
        productType: "Oberteile",
        tags: [],
      });
    const index = indexOf(
      aProduct({ id: "gid://shopify/Product/1", title: "Ulla Linen Shirt" }),
      shirt("gid://shopify/Product/1", "Ulla Leinenhemd"),
      aProduct({ id: "gid://shopify/Product/2", title: "Møn Flannel Shirt" }),
      shirt("gid://shopify/Product/2", "Møn Flanellhemd"),
      aProduct({ id: "gid://shopify/Product/3", title: "Kai Wool Scarf", productType: "Scarves" }),
      aProduct({
        id: "gid://shopify/Product/3",
        title: "Kai Wollschal",
        locale: "de",
        descriptionHtml: "<p>Ein warmer Schal.</p>",
        productType: "Schals",
      }),
    );

    const answer = answerQuestion(index, { question: "habt ihr hemden?", locale: "de" });

    expect(answer.kind).toBe("products");
    expect(answer.products?.map((product) => product.title).sort()).toEqual(["Møn Flanellhemd", "Ulla Leinenhemd"]);
  });
});
