/**
 * Why: the judgements the answering decision makes about what it found — which candidate really covers the
 * question, whether the question only names a kind (every word in a title), which words ask for a fact rather
 * than name the topic, and whether a second source is an equal but different answer worth a clarifying question.
 */
import type { Thresholds } from "./answer-types";
import type { ContentCandidate, Gathered, ProductCandidate } from "./candidates";
import type { Language } from "./language";
import { rankOf } from "./query";

/** "It" in a question of at most this many words of substance, with no page to point at, is unresolved. */
const CLARIFY_MAX_CONCEPTS = 2;
/** A one-word question found in this many titles names a kind of source ("policy"), not one. */
const KIND_WORD_TITLES = 3;
/** A bare product kind is a few words: a longer phrase with a word the shop never uses is about something else. */
const KIND_SEARCH_MAX_WORDS = 3;
/** Two passages sharing less than this share of their words are about different things. */
const DIFFERENT_TOPICS = 0.5;

/**
 * Among the candidates covering (almost) as much of the question as the best-covering one, the one whose title
 * (a FAQ's question, a page's title) holds most of the question, then the best-ranked: a FAQ whose question
 * shares one word can outrank, by BM25, the page that answers all of it, and a long legal page that mentions
 * everything (an address, an email) can outrank the page titled for what was asked.
 */
export function bestCovered(g: Gathered): ContentCandidate | undefined {
  const top = g.content.slice(0, 8);
  const most = Math.max(0, ...top.map((candidate) => candidate.hit.coverage));
  const close = top.filter((candidate) => candidate.hit.coverage >= most - 0.05);
  const titled = close.map((candidate) => titleCoverage(g, candidate));
  const best = Math.max(0, ...titled);
  return close.find((_, i) => titled[i]! >= best - 0.05);
}

/** Share of the question's weight found in the candidate's title or question field. */
function titleCoverage(g: Gathered, candidate: ContentCandidate): number {
  const titled = new Set(
    Object.entries(candidate.hit.match)
      .filter(([, fields]) => fields.includes("title") || fields.includes("question"))
      .map(([term]) => term),
  );
  let total = 0;
  let found = 0;
  g.concepts.forEach((concept, i) => {
    const weight = g.contentWeights[i] ?? 0;
    total += weight;
    if (concept.terms.some((term) => titled.has(term))) found += weight;
  });
  return total === 0 ? 0 : found / total;
}

/** Whether every concept of the question is in the candidate's title (a FAQ's question, a page's title, a product's). */
export function titleHoldsAll(g: Gathered, candidate: { hit: { match: Record<string, string[]> } }): boolean {
  if (g.concepts.length === 0) return false;
  const titled = Object.entries(candidate.hit.match)
    .filter(([, fields]) => fields.includes("title") || fields.includes("question"))
    .map(([term]) => term);
  return g.concepts.every((concept) => concept.terms.some((term) => titled.includes(term)));
}

/** Per concept: whether it is about the topic, not one of the words asking for a fact or naming an option. */
export function topicOf(
  g: Gathered,
  normalised: string,
  speaks: Language,
  target: ProductCandidate | undefined,
): boolean[] {
  const cue = new Set<string>();
  // Every cue counts, not only the first: in "what sizes does it come in" both "what sizes" and "come in" ask.
  for (const pattern of Object.values(speaks.facts)) {
    const every = new RegExp(pattern.source, pattern.flags.includes("g") ? pattern.flags : `${pattern.flags}g`);
    for (const [found] of normalised.matchAll(every)) for (const term of g.shelf.terms(found)) cue.add(term);
  }
  for (const option of target?.record.options ?? [])
    for (const term of g.shelf.terms(`${option.name} ${option.values.join(" ")}`)) cue.add(term);
  return g.concepts.map((concept) => !concept.terms.some((term) => cue.has(term)));
}

/**
 * A second source as good as the first that says something else: a short question matched both equally, and
 * their texts share little (two passages about returns are one answer; a refund and a privacy policy are not).
 */
export function rivalOf(
  g: Gathered,
  top: ContentCandidate,
  t: Thresholds,
  deictic: boolean,
): ContentCandidate | undefined {
  // Only a vague question deserves a question back: "it" with nothing on the page to point at, or a single word
  // that several titles share ("policy"). A question that says what it means is answered from the best source.
  const unresolved = deictic && !g.current && g.concepts.length <= CLARIFY_MAX_CONCEPTS;
  const titled = g.content.filter((candidate) => titleHoldsAll(g, candidate));
  const kindWord = g.concepts.length === 1 && titled.length >= KIND_WORD_TITLES;
  if (!unresolved && !kindWord) return undefined;
  const topTerms = new Set(g.shelf.terms(`${top.passage.title} ${top.passage.text}`));
  const topTitled = titleHoldsAll(g, top);
  const rivals = kindWord ? titled.filter((candidate) => candidate !== top) : g.content.slice(1, 4);
  return rivals.find((rival) => {
    if (rival.hit.coverage < top.hit.coverage - 0.05) return false;
    if (!kindWord && !(topTitled && titleHoldsAll(g, rival)) && rankOf(rival.hit) < t.clarifyRatio * rankOf(top.hit))
      return false;
    const rivalTerms = new Set(g.shelf.terms(`${rival.passage.title} ${rival.passage.text}`));
    let shared = 0;
    for (const term of rivalTerms) if (topTerms.has(term)) shared++;
    return shared / Math.max(1, Math.min(topTerms.size, rivalTerms.size)) < DIFFERENT_TOPICS;
  });
}

/**
 * The weights to pick a product's sentence with: the words that name the product ("jacket" in "how should I wash
 * this jacket") found it already and say nothing about which of its facts is asked, so only the rest count —
 * unless the question is nothing but the product's name.
 */
export function facetWeights(g: Gathered, target: ProductCandidate, weights: number[]): number[] {
  const title = new Set(g.shelf.terms(target.record.title));
  const facet = g.concepts.map((concept, i) => (concept.terms.some((term) => title.has(term)) ? 0 : (weights[i] ?? 0)));
  return facet.some((weight) => weight > 0) ? facet : weights;
}

/**
 * "bath towels", "hoodies for men", "scented candles": not a question but a product kind, with a word the shop never
 * uses. Every word the shop does use is in the top product's title or type, so the shopper is shown that kind
 * rather than told it is not covered. A word found only in tags or prose ("gift wrapping") is no kind.
 */
export function isKindWithUnknownWord(g: Gathered, normalised: string, speaks: Language): boolean {
  const top = g.products[0];
  if (!top || speaks.asks.test(normalised) || g.concepts.length < 2 || g.concepts.length > KIND_SEARCH_MAX_WORDS)
    return false;
  const known = g.concepts.filter((concept) =>
    concept.terms.some((term) => g.shelf.content.df.has(term) || g.shelf.products.df.has(term)),
  );
  if (known.length === 0 || known.length === g.concepts.length) return false;
  const kind = new Set([...g.shelf.titleAndKind(top.record.id).title, ...g.shelf.terms(top.record.productType)]);
  return known.every((concept) => concept.terms.some((term) => kind.has(term)));
}
