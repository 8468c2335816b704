/**
 * Why: turns a shopper's question into weighted concepts for one shelf — each meaningful word, stemmed, with
 * the words the shop or the merchant treats as the same — and searches a collection with them, measuring for
 * every hit how much of the question it covers. Coverage (rare words weigh more, a word the shop never uses
 * weighs most) is what the answer/abstain decision trusts; the BM25 score only orders the hits.
 */
import type { Query } from "minisearch";
import type { Collection, Shelf } from "./shelf";
import { normalise, termsOf } from "./text";

export interface Concept {
  /** The shopper's own term first, then the terms that mean the same. */
  terms: string[];
  /** The shop's compounds ending in the word ("leinenhemd" for "hemd"): a match, but a loose one. */
  compounds?: string[];
}

export interface Hit {
  id: string;
  score: number;
  /** Share of the question's weight this hit matches, 0..1. */
  coverage: number;
  /** The hit's own terms that matched (after stemming, fuzzy and prefix expansion). */
  terms: string[];
  /** Per concept of the question: 1 matched as asked, LOOSE_MATCH_CREDIT matched loosely, 0 not matched. */
  covered: number[];
  match: Record<string, string[]>;
}

/** A fuzzy or prefix match counts for less than the word itself when judging coverage. */
export const LOOSE_MATCH_CREDIT = 0.5;
/** Terms that stand for the shopper's word through synonyms weigh less in ranking than the word itself. */
const ALTERNATIVE_BOOST = 0.7;

/** `synonyms`: the language's everyday groups and the merchant's (KnowledgeIndex.synonymsFor, a stable array). */
export function conceptsOf(question: string, shelf: Shelf, synonyms: string[][]): Concept[] {
  const terms = shelf.terms(question).map((term) => transposedTypo(term, shelf) ?? term);
  const seen = new Set<string>();
  const concepts: Concept[] = [];
  const alternatives = synonymAlternatives(terms, synonyms, shelf);
  for (const term of terms) {
    if (seen.has(term)) continue;
    seen.add(term);
    const compounds = shelf.language.compounds ? compoundsEndingIn(term, shelf) : [];
    concepts.push({ terms: [term, ...(alternatives.get(term) ?? [])], ...(compounds.length ? { compounds } : {}) });
  }
  return concepts;
}

/** A compound's last word is what it is ("Leinenhemd" is a "Hemd"); a part shorter than 4 letters is a particle ("aus-verkauft"). */
const COMPOUND_HEAD_MIN = 4;
const COMPOUND_MODIFIER_MIN = 4;
const COMPOUNDS_PER_WORD = 8;

/**
 * The shop's words that end in this one ("hemd" → "leinenhemd", "richtlinie" → "versandrichtlinie"), most used
 * first: the prefix search already finds "leinen" in "leinenhemd", but not the word that says what the thing is.
 * Only for a word the shop never uses alone, as typos are corrected only for unknown words: "handcreme" is a word of
 * the shop's own and must not turn into every "Shea-Handcreme".
 */
function compoundsEndingIn(term: string, shelf: Shelf): string[] {
  if (term.length < COMPOUND_HEAD_MIN || /\d/.test(term)) return [];
  if (shelf.content.df.has(term) || shelf.products.df.has(term)) return [];
  const found = new Map<string, number>();
  for (const collection of [shelf.content, shelf.products])
    for (const [word, df] of collection.df)
      if (word.length >= term.length + COMPOUND_MODIFIER_MIN && word.endsWith(term))
        found.set(word, (found.get(word) ?? 0) + df);
  return [...found]
    .sort((a, b) => b[1] - a[1])
    .slice(0, COMPOUNDS_PER_WORD)
    .map(([word]) => word);
}

/**
 * Two neighbouring letters swapped ("retrun") is the commonest typo and two edits away for the fuzzy search, which
 * allows one in a short word: a word the shop never uses that reads as exactly one word it does use is that word.
 * Short words are left alone: swapped, a real word the shop does not use turns into one it does ("alter", "later").
 */
const TYPO_MIN_LENGTH = 6;

function transposedTypo(term: string, shelf: Shelf): string | undefined {
  const known = (candidate: string) => shelf.content.df.has(candidate) || shelf.products.df.has(candidate);
  if (term.length < TYPO_MIN_LENGTH || /\d/.test(term) || known(term)) return undefined;
  const found = new Set<string>();
  for (let i = 0; i + 1 < term.length; i++) {
    if (term[i] === term[i + 1]) continue;
    const swapped = `${term.slice(0, i)}${term[i + 1]}${term[i]}${term.slice(i + 2)}`;
    const stemmed = shelf.language.stem(swapped);
    if (known(stemmed)) found.add(stemmed);
    else if (known(swapped)) found.add(swapped);
  }
  return found.size === 1 ? [...found][0] : undefined;
}

/**
 * For each question term inside a synonym phrase, the single-word members of that group. Multi-word members
 * ("send back") only trigger a group: expanding into their words would add noise ("back").
 */
const parsedGroups = new WeakMap<string[][], string[][][]>();

function synonymAlternatives(terms: string[], groups: string[][], shelf: Shelf): Map<string, string[]> {
  const found = new Map<string, Set<string>>();
  let parsed = parsedGroups.get(groups);
  if (!parsed) {
    parsed = groups.map((group) =>
      group.map((phrase) => termsOf(normalise(phrase), shelf.language)).filter((phrase) => phrase.length > 0),
    );
    parsedGroups.set(groups, parsed);
  }
  // Longer phrases first: a word inside "send back" belongs to that phrase's group, not to the group of "send".
  const phrases = parsed
    .flatMap((group, g) => group.map((phrase) => ({ phrase, g })))
    .sort((a, b) => b.phrase.length - a.phrase.length);
  const taken = new Set<number>();
  for (const { phrase, g } of phrases) {
    const at = indexOfRun(terms, phrase);
    if (at < 0 || (phrase.length === 1 && taken.has(at))) continue;
    if (phrase.length > 1) phrase.forEach((_, j) => taken.add(at + j));
    const singles = parsed[g]!.filter((member) => member.length === 1).map((member) => member[0] as string);
    for (const term of phrase) {
      const set = found.get(term) ?? new Set<string>();
      for (const single of singles) if (single !== term) set.add(single);
      found.set(term, set);
    }
  }
  return new Map([...found].map(([term, set]) => [term, [...set]]));
}

function indexOfRun(terms: string[], run: string[]): number {
  outer: for (let i = 0; i + run.length <= terms.length; i++) {
    for (let j = 0; j < run.length; j++) if (terms[i + j] !== run[j]) continue outer;
    return i;
  }
  return -1;
}

/**
 * A word the other collection names in a title but this collection never uses weighs little here: "mug" in "the mug
 * arrived broken" is what a product is called, and a policy that answers the question never names products. A word
 * the other collection has only in its tags or prose ("sea" as a candle's scent) names nothing, and weighs as a word
 * the shop never uses: "do you ship by sea freight" hinges on it. A word the shop never
 * uses at all weighs as the rarest word the collection does use: it is often what the question is really about
 * ("student", "parking", "Mars"). When it is a shopper's own filler ("sister", "3 weeks ago"), the clause that asks
 * (candidates.ts) and the product-kind rule (signals.ts) keep it from costing the answer.
 */
export const ELSEWHERE_WEIGHT = 1;
export const UNKNOWN_WEIGHT = 1;

/** How much a concept matters in this collection: the idf of its most common form. */
export function weightOf(concept: Concept, collection: Collection, other?: Collection): number {
  if (concept.terms.some((term) => collection.df.has(term)))
    return Math.min(...concept.terms.map((term) => collection.idf(term)));
  if (other && concept.terms.some((term) => other.df.has(term) && other.names(term))) return ELSEWHERE_WEIGHT;
  return UNKNOWN_WEIGHT * collection.idf(concept.terms[0] ?? "");
}

/**
 * Typos are corrected only for words the collection does not know: fuzzy matching a known word would turn
 * "skirt" into "shirt". Prefixes help where words form compounds ("leinen" finds "leinenhemd"); elsewhere stems
 * already join the forms of a word, and a prefix would let "back" find "backpack".
 */
const fuzzyFor = (term: string) => (/^\d+$/.test(term) ? false : term.length >= 8 ? 2 : term.length >= 5 ? 1 : false);

export interface SearchOptions {
  limit?: number;
  /** The terms of a document, to check on the kept hits the words the search did not match. */
  termsOf?: (id: string) => Set<string>;
  /** The shelf's other collection: a word only it uses weighs little in this one. */
  other?: Collection;
  /** The collection's language forms compounds: match question words as prefixes too. */
  compounds?: boolean;
  boost: Record<string, number>;
  filter?: (id: string) => boolean;
}

/** Hits ordered by score weighted with coverage, best first. */
export function searchCollection(collection: Collection, concepts: Concept[], options: SearchOptions): Hit[] {
  if (concepts.length === 0) return [];
  const original = new Set(concepts.map((concept) => concept.terms[0] as string));
  const known = (term: string) => collection.df.has(term);
  // In a large collection a word most documents share ("made", "size") costs a pass over thousands of postings
  // and tells little apart: it is left out of the query and checked afterwards on the few hits kept.
  const asked = concepts.flatMap((concept) =>
    [...concept.terms, ...(concept.compounds ?? [])].filter((term) => !collection.isCommon(term)),
  );
  const rarest = [...original].sort((a, b) => (collection.df.get(a) ?? 0) - (collection.df.get(b) ?? 0))[0];
  const queryTerms = [...new Set(asked.length || !options.termsOf ? asked : rarest ? [rarest] : [])];
  if (queryTerms.length === 0) return [];
  // A frequent word is searched in titles and facets only (Collection.isFrequent); the rest everywhere.
  const frequent = queryTerms.filter((term) => collection.isFrequent(term));
  const everywhere = queryTerms.filter((term) => !collection.isFrequent(term));
  const query: Query = frequent.length
    ? {
        combineWith: "OR",
        queries: [
          ...(everywhere.length ? [everywhere.join(" ")] : []),
          { queries: [frequent.join(" ")], fields: collection.fieldsBesideProse },
        ],
      }
    : everywhere.join(" ");
  const raw = collection.index.search(query, {
    boost: options.boost,
    boostTerm: (term) => (original.has(term) ? 1 : ALTERNATIVE_BOOST),
    prefix: (term) => Boolean(options.compounds) && term.length >= 4 && !/^\d+$/.test(term),
    fuzzy: (term) => (known(term) ? false : fuzzyFor(term)),
    filter: options.filter ? (result) => options.filter!(result.id as string) : undefined,
  });
  const weights = concepts.map((concept) => weightOf(concept, collection, options.other));
  const hits = raw.slice(0, 200).map((result) => hitOf(result, concepts, weights));
  hits.sort((a, b) => rankOf(b) - rankOf(a));
  const kept = hits.slice(0, options.limit ?? 20);
  if (options.termsOf) {
    for (const hit of kept) creditUnmatched(hit, concepts, weights, options.termsOf(hit.id));
    kept.sort((a, b) => rankOf(b) - rankOf(a));
  }
  return kept;
}

function hitOf(
  result: { id: unknown; score: number; terms: string[]; queryTerms: string[]; match: Record<string, string[]> },
  concepts: Concept[],
  weights: number[],
): Hit {
  const own = new Set(result.terms);
  const loose = new Set(result.queryTerms);
  // A typo match needs a word of the document that no concept matched as asked: "spend" read as "send" is no
  // match when "send" is already the document's word for "delivery" in the same question.
  const exact = new Set(concepts.flatMap((concept) => concept.terms));
  const leftOver = result.terms.some((term) => !exact.has(term));
  // A title's compound says what the thing is ("Leinenhemd" is a "Hemd"); in prose, "meistverkauft" is no "verkauft".
  const titled = (term: string) => result.match[term]?.some((field) => field === "title" || field === "question");
  const covered: number[] = concepts.map((concept) =>
    concept.terms.some((term) => own.has(term)) || concept.compounds?.some(titled)
      ? 1
      : (leftOver && concept.terms.some((term) => loose.has(term))) || concept.compounds?.some((term) => own.has(term))
        ? LOOSE_MATCH_CREDIT
        : 0,
  );
  return {
    id: result.id as string,
    score: result.score,
    coverage: coverageWith(covered, weights),
    covered,
    terms: result.terms,
    match: result.match,
  };
}

function coverageWith(covered: number[], weights: number[]): number {
  const total = weights.reduce((sum, weight) => sum + weight, 0) || 1;
  return covered.reduce((sum, credit, i) => sum + credit * (weights[i] ?? 0), 0) / total;
}

/** Credits the concepts the search did not match (left out, or in text the index does not hold) that the document has. */
function creditUnmatched(hit: Hit, concepts: Concept[], weights: number[], terms: Set<string>): void {
  concepts.forEach((concept, i) => {
    if ((hit.covered[i] ?? 0) < 1 && concept.terms.some((term) => terms.has(term))) hit.covered[i] = 1;
  });
  hit.coverage = coverageWith(hit.covered, weights);
}

/** A hit for one known document without searching: its exact terms against the question's concepts. */
export function hitFor(
  id: string,
  terms: Set<string>,
  concepts: Concept[],
  weights: number[],
  fields: Record<string, Set<string>>,
): Hit {
  const covered = concepts.map((concept) => (concept.terms.some((term) => terms.has(term)) ? 1 : 0));
  const matched = concepts.flatMap((concept) => concept.terms.filter((term) => terms.has(term)));
  const match = Object.fromEntries(
    matched.map((term) => [term, Object.keys(fields).filter((field) => fields[field]!.has(term))]),
  );
  return { id, score: 0, coverage: coverageWith(covered, weights), covered, terms: matched, match };
}

/** Coverage of only some of the question's concepts (those `include` marks); 0 when none is included. */
export function coverageOf(hit: Hit | undefined, weights: number[], include: boolean[]): number {
  let total = 0;
  let covered = 0;
  include.forEach((included, i) => {
    if (!included) return;
    total += weights[i] ?? 0;
    covered += (hit?.covered[i] ?? 0) * (weights[i] ?? 0);
  });
  return total === 0 ? 0 : covered / total;
}

/** BM25 orders; coverage (squared) keeps a hit that matches one word many times from beating one that answers all. */
export function rankOf(hit: Hit): number {
  return hit.score * Math.max(0.05, hit.coverage) ** 2;
}
