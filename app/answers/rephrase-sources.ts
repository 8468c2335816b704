/**
 * Why: a rephrasing may draw only on what the answer cites. This reads, from the shop's index, the cited sources'
 * passages (the one the answer was quoted from first) and every product title the shop has, which the verifier
 * refuses in an output unless a cited source names it.
 */
import type { AnswerSource } from "../../contract/answers";
import type { KnowledgeIndex } from "./knowledge-index";
import { productText } from "./records";
import type { Shelf } from "./shelf";

export interface CitedPassage {
  title: string;
  text: string;
}

/** The cited sources' text in the answer's language shelf (else the primary one), the quoted passage first. */
export function citedPassages(
  index: KnowledgeIndex,
  answer: { text: string; locale: string; sources: AnswerSource[] },
): CitedPassage[] {
  const shelf = index.shelf(answer.locale) ?? index.primary;
  if (!shelf) return [];
  const passages: CitedPassage[] = [];
  for (const source of answer.sources) {
    const record = source.type === "product" ? shelf.records.get(source.id) : undefined;
    if (record) passages.push({ title: record.title, text: productText(record) });
    for (const passage of shelf.passages.values())
      if (passage.docId === source.id)
        passages.push({
          title: passage.heading ? `${passage.title}: ${passage.heading}` : passage.title,
          text: passage.text,
        });
  }
  const quotes = (passage: CitedPassage) => passage.text.includes(answer.text.slice(0, 60));
  return [...passages.filter(quotes), ...passages.filter((passage) => !quotes(passage))];
}

const titlesByShelf = new WeakMap<Shelf, { size: number; titles: string[] }>();

/** Every product title of every language shelf; cached per loaded shelf until its product count changes. */
export function productTitles(index: KnowledgeIndex): string[] {
  const titles = new Set<string>();
  for (const language of index.languages()) {
    const shelf = index.shelf(language);
    if (!shelf) continue;
    let cached = titlesByShelf.get(shelf);
    if (!cached || cached.size !== shelf.records.size) {
      const read = [...shelf.records.saved()].map(([, , json]) => (JSON.parse(json) as { title: string }).title);
      cached = { size: shelf.records.size, titles: read };
      titlesByShelf.set(shelf, cached);
    }
    for (const title of cached.titles) titles.add(title);
  }
  return [...titles];
}
