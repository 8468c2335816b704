/**
 * Why: the answering decision, pure and offline. Given a shop's index and a shopper's question it picks one
 * of: a quoted answer from one source, product cards, a clarifying question between close sources, the
 * order-status hand-off, or an honest abstention with questions the shop can answer. Facts about products come
 * from their data; everything else is quoted. The shopper's language first, then the shop's primary language.
 */
import type { Answer, AnswerRequest, Candidate, Source, Thresholds } from "./answer-types";
import {
  gather,
  NAMED_MAX_CHOICES,
  namedProducts,
  type ContentCandidate,
  type Gathered,
  type ProductCandidate,
  withoutSources,
} from "./candidates";
import { languageOf } from "./documents";
import { bestQuote } from "./extract";
import { cardOf, factAnswer, factKindsOf, mentionedValues, money } from "./facts";
import { isDeictic, isOrderStatus, isProductSearch, orderHints } from "./intents";
import type { KnowledgeIndex } from "./knowledge-index";
import { languageOrPlain } from "./knowledge-index";
import type { Language } from "./language";
import { coverageOf } from "./query";
import { bestCovered, facetWeights, isKindWithUnknownWord, rivalOf, titleHoldsAll, topicOf } from "./signals";
import { productText } from "./records";
import { normalise } from "./text";

/**
 * Calibrated on the labelled set in scripts/bench/answers/questions.json with `npm run bench -- answers --sweep
 * --no-speed` on the 600-product sandbox shop (Dec 2026, 385 questions, after the asking-clause, typo, compound and
 * product-kind rules and a word the shop never uses weighing as its rarest word). answer 0.5 / product 0.6: accuracy
 * 0.96, abstention precision 1.0, recall 0.918. 0.45 keeps precision but recall falls to 0.85; 0.55 gains recall
 * (0.934) and loses precision (0.891) and accuracy (0.937): the step is sharp, so 0.5 sits between. The clarify
 * ratio only matters for unresolved "it" questions; 0.85 and 0.7 score alike. The admin may move `answer`.
 */
export const DEFAULT_THRESHOLDS: Thresholds = { answer: 0.5, product: 0.6, clarifyRatio: 0.85 };

/** On the product page, the page's product wins over other sources unless they cover this much more. */
const PAGE_PRODUCT_MARGIN = 0.15;
const MAX_CARDS = 4;

export function answerQuestion(
  index: KnowledgeIndex,
  request: AnswerRequest,
  thresholds: Thresholds = DEFAULT_THRESHOLDS,
): Answer {
  const question = request.question.slice(0, 500);
  const normalised = normalise(question);
  const primaryCode = languageOf(index.shop.primaryLocale);
  const speaks = languageOrPlain(languageOf(request.locale) || primaryCode);
  const primary = languageOrPlain(primaryCode);
  const replyLocale = index.shelf(request.locale) ? request.locale : index.shop.primaryLocale;
  if (isOrderStatus(normalised, [speaks, primary])) {
    return {
      kind: "order_status",
      text: speaks.messages.orderStatus,
      sources: [],
      order: orderHints(question),
      locale: request.locale,
      candidates: [],
    };
  }
  const shelves = [index.shelf(request.locale), index.primary].filter(
    (shelf, i, all) => shelf && all.indexOf(shelf) === i,
  );
  const seen: Gathered[] = [];
  const shown = new Set(request.exclude ?? []);
  for (const shelf of shelves) {
    const gathered = withoutSources(gather(index, shelf!, question, request.page, speaks), shown);
    seen.push(gathered);
    const decided = decide(index, gathered, normalised, speaks, request, thresholds);
    if (!decided) continue;
    if (decided.kind === "answer" && gathered.shelf.language.code !== speaks.code && !decided.fromData) {
      decided.text = `${speaks.messages.onlyIn(gathered.shelf.language.name)} “${decided.text}”`;
    }
    const { fromData: _, ...answer } = decided;
    return {
      ...answer,
      locale: answer.kind === "answer" && !decided.fromData ? gathered.shelf.language.code : replyLocale,
    };
  }
  return abstain(index, seen, speaks, replyLocale);
}

type Decided = Omit<Answer, "locale"> & { fromData?: boolean };

function decide(
  index: KnowledgeIndex,
  g: Gathered,
  normalised: string,
  speaks: Language,
  request: AnswerRequest,
  t: Thresholds,
): Decided | null {
  // A bare product kind ("linen bedding", "jeans") is a search too: every word of it is in a product's title.
  const deictic = isDeictic(normalised, speaks);
  const { named, tied } = namedProducts(g.products);
  const searching =
    isProductSearch(normalised, speaks) || (!named.length && g.products[0] ? titleHoldsAll(g, g.products[0]) : false);
  const ambiguous = tied.length > 1 && tied.length <= NAMED_MAX_CHOICES;
  const kindOfProduct = tied.length > NAMED_MAX_CHOICES;
  const onPage =
    g.current && (deictic || named.length === 0 || named[0]!.record.id === g.current.record.id) ? g.current : undefined;
  const target = !ambiguous && !kindOfProduct && named[0] ? named[0] : onPage;
  const onThisPage = Boolean(target && target === onPage);
  const mentioned = target ? mentionedValues(request.question, target.record) : [];
  const facts = factKindsOf(normalised, speaks);
  if (!facts.length && onThisPage && mentioned.length) facts.push("availability");
  // The words that ask for a fact ("how much", "sizes") say nothing about the topic: weigh the rest.
  const topic = topicOf(g, normalised, speaks, target);
  const topContent = bestCovered(g);
  const contentCoverage = topContent?.hit.coverage ?? 0;
  const topicContent = coverageOf(topContent?.hit, g.contentWeights, topic);
  const format = (amount: string) => money(amount, index.shop.currencyCode, request.locale);

  if (facts.length && target) {
    const topicTarget = coverageOf(target.hit, g.productWeights, topic);
    if (
      !topic.some(Boolean) ||
      mentioned.length ||
      topicTarget + PAGE_PRODUCT_MARGIN >= topicContent ||
      topicContent < t.answer
    ) {
      const text = factAnswer(facts, target.record, mentioned, speaks, format);
      return { ...productAnswer(g, target, text), products: [cardOf(target.record, mentioned)], fromData: true };
    }
  }
  if (ambiguous && !searching && (facts.length || tied[0]!.hit.coverage >= contentCoverage))
    return clarify(speaks, tied.map(productSource), g);
  if (target && g.concepts.length && !(searching && !onThisPage)) {
    // "Does it run small?" on a product page is about that product even when its text answers only part of it.
    const enough = onThisPage && deictic ? t.answer / 2 : t.answer;
    const margin = onThisPage ? PAGE_PRODUCT_MARGIN : 0;
    const beatsContent =
      target.hit.coverage + margin >= contentCoverage || (onThisPage && deictic && contentCoverage < t.answer);
    if (target.hit.coverage >= enough && beatsContent) {
      const quote = bestQuote(
        productText(target.record),
        g.concepts,
        facetWeights(g, target, g.productWeights),
        target.hit.terms,
        g.shelf.language,
      );
      if (quote.coverage > 0) return productAnswer(g, target, quote.quote);
    }
  }
  const topProduct = g.products[0];
  const productCoverage = topProduct?.hit.coverage ?? 0;
  const mentionsOption = topProduct ? mentionedValues(request.question, topProduct.record).length > 0 : false;
  // Without a search cue, a product must match by what it is (title, type, tags, options), not by its prose.
  const matchesWhatItIs = topProduct
    ? Object.values(topProduct.hit.match).some((fields) => fields.includes("title") || fields.includes("facets"))
    : false;
  const howOrWhen = speaks.asksHowOrWhen.test(normalised);
  const preferProducts = howOrWhen
    ? false
    : searching
      ? productCoverage >= contentCoverage - 0.1
      : matchesWhatItIs &&
        (productCoverage > contentCoverage + 0.1 || (mentionsOption && productCoverage >= contentCoverage));
  if (topProduct && productCoverage >= t.product && preferProducts && !(onThisPage && deictic))
    return productCards(g, request.question, speaks);
  if (topContent && contentCoverage >= t.answer) {
    const rival = rivalOf(g, topContent, t, deictic);
    return rival ? clarify(speaks, [contentSource(topContent), contentSource(rival)], g) : contentAnswer(g, topContent);
  }
  if (topProduct && productCoverage >= t.product && matchesWhatItIs && !howOrWhen && !(onThisPage && deictic))
    return productCards(g, request.question, speaks);
  if (!onThisPage && isKindWithUnknownWord(g, normalised, speaks)) return productCards(g, request.question, speaks);
  return null;
}

function contentSource({ passage }: ContentCandidate): Source {
  return { type: passage.type, id: passage.docId, title: passage.title, url: passage.url };
}

function productSource({ record }: ProductCandidate): Source {
  return { type: "product", id: record.id, title: record.title, url: record.url };
}

function contentAnswer(g: Gathered, chosen: ContentCandidate): Decided {
  const text =
    chosen.passage.type === "faq"
      ? chosen.passage.text
      : bestQuote(chosen.passage.text, g.concepts, g.contentWeights, chosen.hit.terms, g.shelf.language).quote;
  return {
    kind: "answer",
    text,
    sources: [contentSource(chosen)],
    candidates: candidatesOf(g, [chosen.passage.docId]),
  };
}

function productAnswer(g: Gathered, target: ProductCandidate, text: string): Decided {
  return {
    kind: "answer",
    text,
    sources: [productSource(target)],
    candidates: candidatesOf(g, [target.record.id], target),
  };
}

function productCards(g: Gathered, question: string, speaks: Language): Decided {
  const top = g.products[0]!.hit.coverage;
  const close = g.products.filter((candidate) => candidate.hit.coverage >= top - 0.15);
  const withValues = close.map((candidate) => ({
    candidate,
    mentioned: mentionedValues(question, candidate.record),
  }));
  const asked = withValues.some(({ mentioned }) => mentioned.length > 0);
  const chosen = (asked ? withValues.filter(({ mentioned }) => mentioned.length > 0) : withValues).slice(0, MAX_CARDS);
  const cards = chosen.map(({ candidate, mentioned }) => cardOf(candidate.record, mentioned));
  return {
    kind: "products",
    text: speaks.messages.products(cards.length),
    sources: chosen.map(({ candidate }) => productSource(candidate)),
    products: cards,
    candidates: candidatesOf(
      g,
      chosen.map(({ candidate }) => candidate.record.id),
    ),
  };
}

function clarify(speaks: Language, options: Source[], g: Gathered): Decided {
  return {
    kind: "clarify",
    text: speaks.messages.clarify(options.map((option) => option.title)),
    sources: options,
    suggestions: options.map((option) => option.title),
    candidates: candidatesOf(
      g,
      options.map((option) => option.id),
    ),
  };
}

/** Candidates with the chosen ids first, then content and products interleaved by coverage. */
function candidatesOf(g: Gathered, chosenIds: string[], extra?: ProductCandidate): Candidate[] {
  const all: Candidate[] = [
    ...g.content.map((c) => ({
      ...contentSource(c),
      coverage: c.hit.coverage,
      score: c.hit.score,
      matched: Object.keys(c.hit.match),
    })),
    ...[...(extra ? [extra] : []), ...g.products].map((p) => ({
      ...productSource(p),
      coverage: p.hit.coverage,
      score: p.hit.score,
      matched: Object.keys(p.hit.match),
    })),
  ];
  const unique = all.filter((candidate, i) => all.findIndex((other) => other.id === candidate.id) === i);
  const chosen = chosenIds.flatMap((id) => unique.filter((candidate) => candidate.id === id));
  const rest = unique.filter((candidate) => !chosenIds.includes(candidate.id)).sort((a, b) => b.coverage - a.coverage);
  return [...chosen, ...rest].slice(0, 10);
}

/** Honest "not covered", with two or three questions the shop can answer, nearest to what was asked first. */
function abstain(index: KnowledgeIndex, seen: Gathered[], speaks: Language, locale: string): Answer {
  const home = seen.find((g) => g.shelf.language.code === speaks.code) ?? seen[0];
  const suggestions: string[] = [];
  if (home) {
    for (const candidate of home.content)
      if (candidate.passage.type === "faq" && suggestions.length < 3) suggestions.push(candidate.passage.title);
    for (const passage of home.shelf.passages.values()) {
      if (suggestions.length >= 3) break;
      if (passage.type === "faq" && !suggestions.includes(passage.title)) suggestions.push(passage.title);
    }
  }
  const candidates = seen.flatMap((g) => candidatesOf(g, [])).slice(0, 10);
  return {
    kind: "abstain",
    text: speaks.messages.abstain(index.shop.name),
    sources: [],
    suggestions,
    locale,
    candidates,
  };
}
