/**
 * Why: one language's knowledge of a shop — a MiniSearch index for the content shoppers ask about (FAQs,
 * policy and page passages) and one for products, each with its document frequencies (so a question's rare
 * words weigh more when judging whether a source really covers it), plus the records answers are built from.
 * Fields are stored already stemmed, so indexing, persistence and search never depend on tokenizer functions.
 */
import MiniSearch from "minisearch";
import { chunkHtml } from "./chunk";
import type { KnowledgeDocument } from "./documents";
import type { Language } from "./language";
import { productRecordOf, productText, RecordStore, type Passage, type ProductRecord } from "./records";
import { termsOf } from "./text";

type Entry = { id: string } & Record<string, string>;

/** Field boosts: a FAQ's own question says most, a product's title names it, prose says least. */
export const CONTENT_BOOST = { question: 3, title: 1.5, body: 1 };
export const PRODUCT_BOOST = { title: 3, facets: 1.5, body: 1 };

const options = (fields: string[]) => ({
  fields,
  tokenize: (text: string) => text.split(" "),
  processTerm: (term: string) => term || null,
  autoVacuum: { minDirtCount: 50, minDirtFactor: 0.1, batchSize: 1000, batchWait: 10 },
});

/** A term in more than this many documents (and this share of them) is checked after a search, not searched. */
const COMMON_MIN_DOCUMENTS = 200;
const COMMON_SHARE = 0.05;
/** A term in more than this many documents (and this share) is searched in titles and facets only, not in prose. */
const FREQUENT_MIN_DOCUMENTS = 50;
const FREQUENT_SHARE = 0.01;

interface SavedCollection {
  index: unknown;
  df: [string, number][];
  /** Frequent terms whose postings in the prose field were left out of the saved index (see toJSON). */
  thinned?: string[];
}

/**
 * A MiniSearch index with the document frequency of each term, kept in step on add and remove.
 *
 * `prose`: the field a frequent term is not searched in. "Soft" or "linen" in a hundred product descriptions says
 * little about which product is meant; in a title or a facet it says what the product is. So a frequent term is
 * searched in the other fields, and checked in the prose of the hits kept (searchCollection's termsOf), and its
 * prose postings are dead weight: they are left out when the index is saved, which made most of a shop's cold
 * load (at 10,000 products, 433,000 of the product index's 565,000 postings were rebuilt on every load). A term
 * once thinned stays frequent for that index, so its missing postings are never searched.
 */
export class Collection {
  readonly index: MiniSearch<Entry>;
  readonly df: Map<string, number>;
  private readonly thinned: Set<string>;

  constructor(
    readonly fields: string[],
    saved?: SavedCollection,
    private readonly prose?: string,
  ) {
    this.index = saved
      ? MiniSearch.loadJS(saved.index as never, options(fields))
      : new MiniSearch<Entry>(options(fields));
    this.df = new Map(saved?.df ?? []);
    this.thinned = new Set(saved?.thinned ?? []);
  }

  /** A term too common to search at all: checked on the hits instead. */
  isCommon(term: string): boolean {
    return (this.df.get(term) ?? 0) > Math.max(COMMON_MIN_DOCUMENTS, COMMON_SHARE * this.index.documentCount);
  }

  /** A term searched outside the prose field only (always false without one). */
  isFrequent(term: string): boolean {
    if (this.prose === undefined) return false;
    const many = Math.max(FREQUENT_MIN_DOCUMENTS, FREQUENT_SHARE * this.index.documentCount);
    return (this.df.get(term) ?? 0) > many || this.thinned.has(term);
  }

  /** The fields a frequent term is searched in. */
  get fieldsBesideProse(): string[] {
    return this.fields.filter((field) => field !== this.prose);
  }

  add(entry: Entry): void {
    this.index.add(entry);
    for (const term of distinctTerms(entry, this.fields)) this.df.set(term, (this.df.get(term) ?? 0) + 1);
  }

  remove(entry: Entry): void {
    if (!this.index.has(entry.id)) return;
    this.index.discard(entry.id);
    for (const term of distinctTerms(entry, this.fields)) {
      const left = (this.df.get(term) ?? 1) - 1;
      if (left > 0) this.df.set(term, left);
      else this.df.delete(term);
    }
  }

  /** Whether a title of this collection holds the term (what a product is called, what a page or FAQ is about). */
  names(term: string): boolean {
    return this.index.search(term, { fields: ["title"], prefix: false, fuzzy: false }).length > 0;
  }

  /** BM25's inverse document frequency; a term the shop never uses weighs the most. */
  idf(term: string): number {
    const total = this.index.documentCount;
    const df = this.df.get(term) ?? 0;
    return Math.log(1 + (total - df + 0.5) / (df + 0.5));
  }

  toJSON(): SavedCollection {
    const saved = this.index.toJSON() as {
      fieldIds: Record<string, number>;
      index: [string, Record<string, unknown>][];
    };
    const proseId = this.prose === undefined ? undefined : saved.fieldIds[this.prose];
    if (proseId === undefined) return { index: saved, df: [...this.df] };
    const thinned = [...this.thinned];
    saved.index = saved.index.map(([term, postings]) => {
      if (!this.isFrequent(term) || !(proseId in postings)) return [term, postings];
      if (!this.thinned.has(term)) thinned.push(term);
      const { [proseId]: _, ...kept } = postings;
      return [term, kept];
    });
    return { index: saved, df: [...this.df], thinned };
  }
}

function distinctTerms(entry: Entry, fields: string[]): Set<string> {
  return new Set(fields.flatMap((field) => (entry[field] ? entry[field].split(" ") : [])));
}

export interface SavedShelf {
  content: ReturnType<Collection["toJSON"]>;
  products: ReturnType<Collection["toJSON"]>;
  passages: Passage[];
}

export class Shelf {
  readonly content: Collection;
  readonly products: Collection;
  readonly passages = new Map<string, Passage>();
  readonly records: RecordStore;
  private readonly passagesOf = new Map<string, string[]>();
  private readonly termCache = new Map<string, Record<string, Set<string>>>();
  private readonly kindCache = new Map<string, { title: string[]; kind: Set<string> }>();

  constructor(
    readonly language: Language,
    saved?: SavedShelf,
  ) {
    this.content = new Collection(["question", "title", "body"], saved?.content);
    this.products = new Collection(["title", "facets", "body"], saved?.products, "body");
    for (const passage of saved?.passages ?? []) this.keepPassage(passage);
    this.records = new RecordStore();
  }

  /** Adds a document, replacing any earlier version with the same id. */
  upsert(document: KnowledgeDocument): void {
    this.remove(document.id);
    if (document.type === "product") {
      const record = productRecordOf(document);
      this.records.set(record);
      this.products.add(this.productEntry(record));
      return;
    }
    for (const passage of passagesOf(document)) {
      this.keepPassage(passage);
      this.content.add(this.passageEntry(passage));
    }
  }

  remove(documentId: string): void {
    this.termCache.delete(documentId);
    this.kindCache.delete(documentId);
    const record = this.records.get(documentId);
    if (record) {
      this.products.remove(this.productEntry(record));
      this.records.delete(documentId);
    }
    for (const id of this.passagesOf.get(documentId) ?? []) {
      const passage = this.passages.get(id);
      if (passage) this.content.remove(this.passageEntry(passage));
      this.passages.delete(id);
    }
    this.passagesOf.delete(documentId);
  }

  toJSON(): SavedShelf {
    return {
      content: this.content.toJSON(),
      products: this.products.toJSON(),
      passages: [...this.passages.values()],
    };
  }

  /**
   * A product's terms by field, its whole description included (the index holds only its details), for checking
   * the words a search could not: common ones it left out and the prose of the few products kept. Last few cached.
   */
  productTerms(id: string): Record<string, Set<string>> {
    const cached = this.termCache.get(id);
    if (cached) return cached;
    const record = this.records.get(id);
    const entry: Record<string, string> = record
      ? { ...this.productEntry(record), body: this.terms(productText(record)).join(" ") }
      : {};
    const fields: Record<string, Set<string>> = Object.fromEntries(
      this.products.fields.map((field) => [field, new Set<string>(entry[field]?.split(" ") ?? [])]),
    );
    if (this.termCache.size >= 256) this.termCache.delete(this.termCache.keys().next().value as string);
    this.termCache.set(id, fields);
    return fields;
  }

  /**
   * A product's title terms, and the terms that describe its kind rather than name it: its type, tags, options,
   * collections, details and the last word of its title ("Thea Hiking Boots"). Kept with productTerms' cache.
   */
  titleAndKind(id: string): { title: string[]; kind: Set<string> } {
    const cached = this.kindCache.get(id);
    if (cached) return cached;
    const record = this.records.get(id);
    const title = record ? this.terms(record.title) : [];
    const kind = new Set(title.slice(-1));
    if (record) {
      const described = [
        record.productType,
        ...record.tags,
        ...record.options.flatMap((o) => o.values),
        ...record.collections.map((c) => c.title),
        ...record.details,
      ];
      for (const term of this.terms(described.join(" "))) kind.add(term);
    }
    if (this.kindCache.size >= 256) this.kindCache.delete(this.kindCache.keys().next().value as string);
    this.kindCache.set(id, { title, kind });
    return { title, kind };
  }

  /** Index terms of a text in this shelf's language. */
  terms(text: string): string[] {
    return termsOf(text, this.language);
  }

  private keepPassage(passage: Passage): void {
    this.passages.set(passage.id, passage);
    const ids = this.passagesOf.get(passage.docId) ?? [];
    ids.push(passage.id);
    this.passagesOf.set(passage.docId, ids);
  }

  private passageEntry(passage: Passage): Entry {
    const text = (value: string) => this.terms(value).join(" ");
    if (passage.type === "faq") {
      return {
        id: passage.id,
        question: text([passage.title, ...(passage.variants ?? [])].join(" ")),
        title: "",
        body: text(passage.text),
      };
    }
    return {
      id: passage.id,
      question: "",
      title: text(`${passage.title} ${passage.heading ?? ""}`),
      body: text(passage.text),
    };
  }

  private productEntry(record: ProductRecord): Entry {
    const text = (value: string) => this.terms(value).join(" ");
    const facets = [
      record.productType,
      record.vendor,
      ...record.tags,
      ...record.options.flatMap((option) => option.values),
      ...record.collections.map((collection) => collection.title),
    ];
    return {
      id: record.id,
      title: text(`${record.title} ${record.productType}`),
      facets: text(facets.join(" ")),
      body: text(productText(record)),
    };
  }
}

/** A FAQ is one passage (its question variants are what shoppers type); pages and policies are chunked. */
export function passagesOf(document: Exclude<KnowledgeDocument, { type: "product" }>): Passage[] {
  if (document.type === "faq") {
    const { id, question, variants, answer, link } = document;
    return [
      { id, docId: id, type: "faq", title: question, heading: null, variants, text: answer, url: link?.url ?? null },
    ];
  }
  return chunkHtml(document.body).map((chunk, n) => ({
    id: `${document.id}#${n}`,
    docId: document.id,
    type: document.type,
    title: document.title,
    heading: chunk.heading,
    text: chunk.text,
    url: document.url,
  }));
}
