/**
 * Why: the shape of one language's entry, apart from the registry, so the entries, the text helpers and the
 * registry can all read it without knowing each other.
 */
export type FactKind = "price" | "availability" | "options" | "sale";

export interface Language {
  code: string;
  /** Its own name, for "we only have this in English". */
  name: string;
  /** Whether words join into compounds ("Leinen" + "Hemd"): a question's word then also matches as a prefix. */
  compounds: boolean;
  stem(word: string): string;
  /** Words that carry no meaning for retrieval: the library's list plus chat filler ("hi", "please", "wondering"). */
  stopWords: ReadonlySet<string>;
  /** Everyday shop words that mean the same in any shop (not the merchant's own synonyms, which are data). */
  synonyms: string[][];
  /** Where-is-my-order wording, matched on the normalised question. */
  orderStatus: RegExp[];
  /** "Do you have…", "looking for…": the shopper wants to see products. */
  productSearch: RegExp[];
  /** Questions answered from a product's structured data, never from prose. */
  facts: Record<FactKind, RegExp>;
  /** "it", "this one": the question is about the page the shopper is on. */
  deictic: RegExp;
  /** When, why or how to do something: answered from what the shop wrote, never with product cards. */
  asksHowOrWhen: RegExp;
  /** How a clause that asks starts ("can I…", "when does…"): after a story, that clause is the question. */
  asks: RegExp;
  messages: {
    clarify(options: string[]): string;
    abstain(shopName: string): string;
    orderStatus: string;
    products(count: number): string;
    onlyIn(languageName: string): string;
    price(title: string, price: string, compareAt: string | null, varies: boolean): string;
    available(title: string, values: string[]): string;
    soldOut(title: string, values: string[]): string;
    options(title: string, options: { name: string; values: string[] }[]): string;
    noSale(title: string): string;
  };
}
