/**
 * Why: what one language's shelf says about a question, gathered once — content documents (best passage
 * each), products, the product the question names or the page shows — so the decision can weigh them side
 * by side and the admin's "try a question" can show every candidate and why it scored as it did.
 */
import type { PageContext } from "./answer-types";
import type { KnowledgeIndex } from "./knowledge-index";
import type { Language } from "./language";
import { askingClause } from "./intents";
import {
  conceptsOf,
  coverageOf,
  hitFor,
  LOOSE_MATCH_CREDIT,
  rankOf,
  searchCollection,
  weightOf,
  type Concept,
  type Hit,
} from "./query";
import type { Passage, ProductRecord } from "./records";
import { CONTENT_BOOST, PRODUCT_BOOST, type Shelf } from "./shelf";
import { wordsOf } from "./text";

/**
 * Share of a product's title the question must contain for the product to count as named ("the Fjord shirt"),
 * each title word weighted by its rarity: the name that sets a product apart counts more than "shirt".
 */
export const NAMED_SHARE = 0.4;
/** A title given in full names its product even without a word of its own ("the Linen Shirt"). */
const WHOLE_TITLE = 0.95;
/** A word of a product's own is used by at most this many products, or this share of them in a large catalog. */
const OWN_WORD_MIN_PRODUCTS = 8;
const OWN_WORD_SHARE = 0.015;
/** More equally named products than this means the question names a kind of product, not one product. */
export const NAMED_MAX_CHOICES = 3;
/** Products in the collection the shopper is browsing rank this much higher. */
const COLLECTION_PAGE_BOOST = 1.3;

export interface ContentCandidate {
  hit: Hit;
  passage: Passage;
}

export interface ProductCandidate {
  hit: Hit;
  record: ProductRecord;
  /** Share of the product's title words found in the question. */
  named: number;
}

export interface Gathered {
  shelf: Shelf;
  concepts: Concept[];
  contentWeights: number[];
  productWeights: number[];
  content: ContentCandidate[];
  products: ProductCandidate[];
  /** The product the shopper is looking at, with how well its own text covers the question. */
  current?: ProductCandidate;
}

/**
 * Searches one shelf. `asking` is the shopper's language: when the shelf is in another one, the question's own
 * stop words are dropped first, so "gibt es ein press kit" meets an English page as "press kit".
 */
export function gather(
  index: KnowledgeIndex,
  shelf: Shelf,
  question: string,
  page: PageContext | undefined,
  asking: Language,
): Gathered {
  const words =
    asking.code === shelf.language.code
      ? question
      : wordsOf(question)
          .filter((word) => !asking.stopWords.has(word))
          .join(" ");
  const concepts = conceptsOf(words, shelf, index.synonymsFor(shelf.language.code));
  const content: ContentCandidate[] = [];
  const seen = new Set<string>();
  for (const hit of searchCollection(shelf.content, concepts, {
    boost: CONTENT_BOOST,
    limit: 40,
    compounds: shelf.language.compounds,
    other: shelf.products,
  })) {
    const passage = shelf.passages.get(hit.id);
    if (!passage || seen.has(passage.docId)) continue;
    seen.add(passage.docId);
    content.push({ hit, passage });
  }
  const asked = new Set(concepts.flatMap((concept) => concept.terms));
  const termsOf = (id: string) => new Set(Object.values(shelf.productTerms(id)).flatMap((terms) => [...terms]));
  const productHits = searchCollection(shelf.products, concepts, {
    termsOf,
    boost: PRODUCT_BOOST,
    limit: 20,
    compounds: shelf.language.compounds,
    other: shelf.content,
  });
  if (page?.type === "collection" && page.handle) {
    for (const hit of productHits)
      if (shelf.records.get(hit.id)?.collections.some((c) => c.handle === page.handle))
        hit.score *= COLLECTION_PAGE_BOOST;
    productHits.sort((a, b) => rankOf(b) - rankOf(a));
  }
  const products = productHits.flatMap((hit) => {
    const record = shelf.records.get(hit.id);
    return record ? [{ hit, record, named: namedShare(hit, record, shelf, asked) }] : [];
  });
  const gathered: Gathered = {
    shelf,
    concepts,
    contentWeights: concepts.map((concept) => weightOf(concept, shelf.content, shelf.products)),
    productWeights: concepts.map((concept) => weightOf(concept, shelf.products, shelf.content)),
    content,
    products,
  };
  const current = currentProduct(index, shelf, page);
  if (current) {
    const owner = shelf.records.has(current.id) ? shelf : (index.primary ?? shelf);
    const fields = owner.productTerms(current.id);
    const all = new Set(Object.values(fields).flatMap((terms) => [...terms]));
    const hit =
      products.find((candidate) => candidate.record.id === current.id)?.hit ??
      hitFor(current.id, all, concepts, gathered.productWeights, fields);
    gathered.current = { hit, record: current, named: namedShare(hit, current, shelf, asked) };
  }
  const clause = askingClause(question, asking);
  if (clause) focusOnClause(gathered, clause, asking);
  return gathered;
}

/**
 * After a story, the clause that asks may hold the whole question ("I bought a sweater 3 weeks ago and it's too
 * big, can I still return it") or need the story ("I own a boutique, could I stock your brand"): a source covers
 * the question as well as it covers either. The story's words still ordered the candidates.
 */
function focusOnClause(g: Gathered, clause: string, asking: Language): void {
  const words =
    asking.code === g.shelf.language.code
      ? clause
      : wordsOf(clause)
          .filter((word) => !asking.stopWords.has(word))
          .join(" ");
  const asked = new Set(g.shelf.terms(words));
  const focus = g.concepts.map((concept) => concept.terms.some((term) => asked.has(term)));
  if (focus.every(Boolean) || !focus.some(Boolean)) return;
  const refocus = (hit: Hit, weights: number[]) => {
    hit.coverage = Math.max(hit.coverage, coverageOf(hit, weights, focus));
  };
  for (const candidate of g.content) refocus(candidate.hit, g.contentWeights);
  for (const candidate of [...g.products, ...(g.current ? [g.current] : [])]) refocus(candidate.hit, g.productWeights);
}

/** The same candidates without the sources the shopper already saw ("not what I meant"). */
export function withoutSources(g: Gathered, shown: ReadonlySet<string>): Gathered {
  if (shown.size === 0) return g;
  return {
    ...g,
    content: g.content.filter((candidate) => !shown.has(candidate.passage.docId)),
    products: g.products.filter((candidate) => !shown.has(candidate.record.id)),
    current: g.current && shown.has(g.current.record.id) ? undefined : g.current,
  };
}

/** The page's product from this shelf, or from the shop's primary language when it has no translation. */
function currentProduct(index: KnowledgeIndex, shelf: Shelf, page: PageContext | undefined): ProductRecord | undefined {
  if (page?.type !== "product") return undefined;
  for (const source of [shelf, index.primary]) {
    if (!source) continue;
    if (page.productId && source.records.has(page.productId)) return source.records.get(page.productId);
    const byHandle = page.handle ? source.records.idOfHandle(page.handle) : undefined;
    if (byHandle) return source.records.get(byHandle);
  }
  return undefined;
}

/**
 * How fully the question names this product: the share of its title found in the question, rare words weighing
 * more. A product counts as named only by its whole title or by a word of its own (its name, "Fjord": a word few
 * products use and that does not describe its kind); "linen shirt" names a kind of product, not one.
 */
function namedShare(hit: Hit, record: ProductRecord, shelf: Shelf, asked: Set<string>): number {
  const { title: titleList, kind: kindTerms } = shelf.titleAndKind(record.id);
  const titleTerms = new Set(titleList);
  const fewProducts = Math.max(OWN_WORD_MIN_PRODUCTS, shelf.products.index.documentCount * OWN_WORD_SHARE);
  let total = 0;
  let found = 0;
  let own = false;
  for (const term of titleTerms) {
    const weight = shelf.products.idf(term);
    total += weight;
    if (!hit.match[term]?.includes("title")) continue;
    found += asked.has(term) ? weight : weight * LOOSE_MATCH_CREDIT;
    if (!kindTerms.has(term) && (shelf.products.df.get(term) ?? 0) <= fewProducts) own = true;
  }
  const share = total === 0 ? 0 : found / total;
  return own || share >= WHOLE_TITLE ? share : 0;
}

/** The question's words found in a product's title. */
function titleWords(candidate: ProductCandidate): string {
  return Object.entries(candidate.hit.match)
    .filter(([, fields]) => fields.includes("title"))
    .map(([term]) => term)
    .sort()
    .join(" ");
}

/** Products the question names, best named first; several equally named ones mean the shopper must choose. */
export function namedProducts(products: ProductCandidate[]): { named: ProductCandidate[]; tied: ProductCandidate[] } {
  const byName = products.slice(0, 12).filter((candidate) => candidate.named > 0);
  const named = byName
    .filter((candidate) => candidate.named >= NAMED_SHARE)
    .sort((a, b) => b.named - a.named || rankOf(b.hit) - rankOf(a.hit));
  const best = named[0];
  if (!best) return { named, tied: [] };
  // A title given in full wins ("Lund Rain Jacket" over "Lund Recycled Rain Jacket"); otherwise products whose
  // titles hold the same words of the question ("the Tilde boots") are equally named, however long their titles.
  const words = titleWords(best);
  const tied =
    best.named >= WHOLE_TITLE
      ? [best]
      : [best, ...byName.filter((candidate) => candidate !== best && titleWords(candidate) === words)];
  return { named, tied };
}
