/**
 * Why: one index per shop, in the shape the wiring needs — built from documents, updated one document at a
 * time when a webhook or the admin changes something, persisted as one JSON string and loaded back without
 * re-reading the shop. Each language the shop has content in gets its own shelf, stemmed in that language.
 */
import { languageOf, type KnowledgeDocument, type Locale, type ShopProfile, type SynonymGroup } from "./documents";
import { languageFor, type Language } from "./language";
import { english } from "./languages/en";
import { Shelf, type SavedShelf } from "./shelf";

/** Bumped whenever the persisted shape or the term processing changes: an older string is rebuilt, not misread. */
export const INDEX_FORMAT = 5;

interface SavedIndex {
  format: number;
  shop: ShopProfile;
  synonyms: SynonymGroup[];
  shelves: Record<string, SavedShelf>;
}

export class IndexFormatError extends Error {}

export class KnowledgeIndex {
  private readonly shelves = new Map<string, Shelf>();
  private synonymGroups: SynonymGroup[] = [];
  private readonly synonymCache = new Map<string, string[][]>();

  constructor(readonly shop: ShopProfile) {}

  static build(
    shop: ShopProfile,
    documents: Iterable<KnowledgeDocument>,
    synonyms: SynonymGroup[] = [],
  ): KnowledgeIndex {
    const index = new KnowledgeIndex(shop);
    for (const document of documents) index.upsert(document);
    index.setSynonyms(synonyms);
    return index;
  }

  /** Adds a document or replaces the earlier version of the same id in the same locale. */
  upsert(document: KnowledgeDocument): void {
    if (!document.id) throw new Error(`a ${document.type} document has no id`);
    if (!document.locale) throw new Error(`document ${document.id} has no locale`);
    this.shelfFor(document.locale, true).upsert(document);
  }

  /** Removes a document from one locale, or from every locale when none is given (a deleted product). */
  remove(documentId: string, locale?: Locale): void {
    const shelves = locale ? [this.shelves.get(languageOf(locale))] : [...this.shelves.values()];
    for (const shelf of shelves) shelf?.remove(documentId);
  }

  /** The merchant's synonyms replace the previous set. */
  setSynonyms(groups: SynonymGroup[]): void {
    this.synonymCache.clear();
    this.synonymGroups = groups.map((group) => ({
      locale: group.locale,
      terms: group.terms.map((term) => term.trim()).filter(Boolean),
    }));
  }

  /** The language's everyday synonyms and the merchant's, as one list (the same array until synonyms change). */
  synonymsFor(language: string): string[][] {
    let groups = this.synonymCache.get(language);
    if (!groups) {
      const merchant = this.synonymGroups
        .filter((group) => languageOf(group.locale) === language)
        .map((group) => group.terms);
      groups = [...(this.shelves.get(language)?.language.synonyms ?? languageOrPlain(language).synonyms), ...merchant];
      this.synonymCache.set(language, groups);
    }
    return groups;
  }

  /** The shelf of a locale's language, if the shop has content in it. */
  shelf(locale: Locale): Shelf | undefined {
    return this.shelves.get(languageOf(locale));
  }

  get primary(): Shelf | undefined {
    return this.shelf(this.shop.primaryLocale);
  }

  languages(): string[] {
    return [...this.shelves.keys()];
  }

  /**
   * The index as one string: a JSON line with the search indexes and passages, then one line per product record
   * ("language TAB id TAB handle TAB record JSON"), so a load parses the records only when a question reads them.
   */
  toJSON(): string {
    const shelves: Record<string, SavedShelf> = {};
    const lines: string[] = [];
    for (const [code, shelf] of this.shelves) {
      shelves[code] = shelf.toJSON();
      for (const [id, handle, json] of shelf.records.saved()) lines.push(`${code}\t${id}\t${handle}\t${json}`);
    }
    const header = JSON.stringify({
      format: INDEX_FORMAT,
      shop: this.shop,
      synonyms: this.synonymGroups,
      shelves,
    } satisfies SavedIndex);
    return [header, ...lines].join("\n");
  }

  static fromJSON(json: string): KnowledgeIndex {
    let saved: SavedIndex;
    const end = json.indexOf("\n");
    try {
      saved = JSON.parse(end < 0 ? json : json.slice(0, end)) as SavedIndex;
    } catch (error) {
      throw new IndexFormatError(`the saved answers index is not JSON: ${(error as Error).message}`);
    }
    if (saved?.format !== INDEX_FORMAT)
      throw new IndexFormatError(`the saved answers index has format ${saved?.format}, expected ${INDEX_FORMAT}`);
    const index = new KnowledgeIndex(saved.shop);
    for (const [code, shelf] of Object.entries(saved.shelves))
      index.shelves.set(code, new Shelf(languageOrPlain(code), shelf));
    for (let start = end + 1; end >= 0 && start < json.length;) {
      const stop = json.indexOf("\n", start);
      const line = stop < 0 ? json.slice(start) : json.slice(start, stop);
      const [code, id, handle] = line.split("\t", 3);
      const shelf = code === undefined ? undefined : index.shelves.get(code);
      if (!shelf || !id || handle === undefined)
        throw new IndexFormatError(`the saved answers index has a bad record line`);
      shelf.records.setSaved(id, handle, line.slice(code!.length + id.length + handle.length + 3));
      start = stop < 0 ? json.length : stop + 1;
    }
    index.setSynonyms(saved.synonyms);
    return index;
  }

  private shelfFor(locale: Locale, create: boolean): Shelf {
    const code = languageOf(locale);
    let shelf = this.shelves.get(code);
    if (!shelf && create) {
      shelf = new Shelf(languageOrPlain(code));
      this.shelves.set(code, shelf);
    }
    if (!shelf) throw new Error(`no content in ${code}`);
    return shelf;
  }
}

/**
 * A language ChatLift has no entry for still gets an index: words unstemmed, no stop words, ChatLift's own
 * sentences in English. Retrieval is weaker there until someone adds the language's entry.
 */
export function languageOrPlain(code: string): Language {
  return (
    languageFor(code) ?? {
      ...english,
      code,
      name: code,
      stem: (word: string) => word,
      stopWords: new Set<string>(),
      synonyms: [],
    }
  );
}
