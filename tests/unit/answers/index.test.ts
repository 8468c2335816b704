import { describe, expect, it } from "vitest";
import { answerQuestion } from "../../../app/answers/decide";
import { IndexFormatError, KnowledgeIndex } from "../../../app/answers/knowledge-index";
import { aFaq, aPage, aProduct, indexOf } from "./builders";

describe("the shop's index: persistence, incremental updates, languages", () => {
  it("GIVEN an index WHEN persisted and loaded again THEN it answers exactly as before", () => {
    const index = indexOf(
      aFaq({ id: "faq-ship" }),
      aPage({ id: "page-stores" }),
      aProduct({ id: "gid://shopify/Product/1" }),
    );
    const loaded = KnowledgeIndex.fromJSON(index.toJSON());
    for (const question of [
      "do you ship to canada",
      "when is the store open",
      "how much is the fjord linen shirt",
      "student discount?",
    ]) {
      expect(answerQuestion(loaded, { question, locale: "en" })).toEqual(
        answerQuestion(index, { question, locale: "en" }),
      );
    }
  });

  it("GIVEN a catalog whose products' prose shares words WHEN persisted THEN those words' prose postings are left out and the loaded index answers as the built one", () => {
    const names = ["Fjord", "Skagen", "Lund", "Oslo", "Bergen", "Aarhus", "Malmo", "Visby", "Ribe", "Odense"];
    const kinds = ["Shirt", "Dress", "Jacket", "Trousers", "Scarf", "Blanket", "Towel", "Sweater", "Hat", "Bag"];
    const products = Array.from({ length: 300 }, (_, n) =>
      aProduct({
        id: `gid://shopify/Product/${n + 1}`,
        title: `${names[n % 10]} ${["Linen", "Wool", "Cotton"][Math.floor(n / 10) % 3]} ${kinds[Math.floor(n / 30)]}`,
        // Every product's prose: "soft" (common: not searched at all); every third's: "quick-drying" (frequent:
        // searched in titles and facets only).
        descriptionHtml: `<p>Soft and breathable, garment washed for a relaxed feel${n % 3 ? "" : ", quick-drying"}.</p>`,
      }),
    );
    const built = indexOf(aFaq({ id: "faq-ship" }), ...products);

    const saved = built.toJSON();
    const loaded = KnowledgeIndex.fromJSON(saved);

    const header = JSON.parse(saved.slice(0, saved.indexOf("\n"))) as {
      shelves: { en: { products: { thinned: string[]; index: { index: [string, Record<string, object>][] } } } };
    };
    const products_ = header.shelves.en.products;
    expect(products_.thinned).toEqual(expect.arrayContaining(["soft", "breathabl", "relax", "quickdri", "dry"]));
    const soft = products_.index.index.find(([term]) => term === "soft")?.[1] ?? {};
    expect(Object.keys(soft)).toEqual([]);
    for (const question of [
      "is the skagen wool scarf soft",
      "quick drying towel",
      "is the oslo linen towel quick drying",
      "soft breathable shirts",
      "linen shirts",
      "do you ship to canada",
      "how much is the oslo cotton towel",
    ]) {
      expect(answerQuestion(loaded, { question, locale: "en" })).toEqual(
        answerQuestion(built, { question, locale: "en" }),
      );
    }
  });

  it("GIVEN a saved string that is not an index WHEN loaded THEN a clear error says why", () => {
    expect(() => KnowledgeIndex.fromJSON("{oops")).toThrow(IndexFormatError);
    expect(() => KnowledgeIndex.fromJSON(JSON.stringify({ format: 0 }))).toThrow(/format 0, expected 5/);
  });

  it("GIVEN a product WHEN replaced with a new price and then removed THEN answers follow each change", () => {
    const index = indexOf(aProduct({ id: "gid://shopify/Product/1", title: "Fjord Linen Shirt" }));
    const ask = () => answerQuestion(index, { question: "how much is the fjord linen shirt", locale: "en" });
    expect(ask().text).toBe("Fjord Linen Shirt costs €59.00.");
    const repriced = aProduct({ id: "gid://shopify/Product/1", title: "Fjord Linen Shirt" });
    repriced.variants = repriced.variants.map((variant) => ({ ...variant, price: "49.00" }));
    index.upsert(repriced);
    expect(ask().text).toBe("Fjord Linen Shirt costs €49.00.");
    index.remove("gid://shopify/Product/1");
    expect(ask().kind).toBe("abstain");
  });

  it("GIVEN a German translation WHEN a German shopper asks THEN the German document answers; without one, English says so", () => {
    const index = indexOf(
      aFaq({ id: "faq-ship", question: "Do you ship internationally?", answer: "We ship to the EU and the UK." }),
      aFaq({
        id: "faq-ship",
        locale: "de",
        question: "Liefert ihr ins Ausland?",
        variants: [],
        answer: "Wir liefern in die EU und nach Großbritannien.",
      }),
      aPage({
        id: "page-press",
        handle: "press",
        title: "Press",
        body: "<p>Our press kit with logos is available from press@test.example.</p>",
      }),
    );
    expect(answerQuestion(index, { question: "Liefert ihr nach Österreich ins Ausland?", locale: "de" })).toMatchObject(
      {
        kind: "answer",
        locale: "de",
        text: "Wir liefern in die EU und nach Großbritannien.",
      },
    );
    const fallback = answerQuestion(index, { question: "Gibt es ein Press Kit?", locale: "de" });
    expect(fallback).toMatchObject({ kind: "answer", locale: "en", sources: [{ id: "page-press" }] });
    expect(fallback.text).toMatch(/^Dazu haben wir nur Informationen auf English: “Our press kit/);
  });

  it("GIVEN a document without an id WHEN added THEN a clear error names the problem", () => {
    expect(() => indexOf(aFaq({ id: "" }))).toThrow("a faq document has no id");
  });
});
