/**
 * Why: the contract between the answering core and its callers (the app-proxy route, the admin's "try a
 * question", the benchmark): what a shopper asks, where they are, and what ChatLift answers with its sources.
 */
import type { Locale, SourceType } from "./documents";
import type { ProductCard } from "./facts";
import type { OrderHints } from "./intents";

export interface PageContext {
  /** Shopify's template type: "product", "collection", "page", "index", "cart"… */
  type: string;
  handle?: string;
  productId?: string;
}

export interface AnswerRequest {
  question: string;
  locale: Locale;
  page?: PageContext;
  /** "Not what I meant": sources already shown for this question, left out so the next best ones answer. */
  exclude?: readonly string[];
}

export type AnswerKind = "answer" | "products" | "clarify" | "order_status" | "abstain";

export interface Source {
  type: SourceType;
  id: string;
  title: string;
  url: string | null;
}

/** A source the decision looked at, with its scores, for the admin's "why" and for recall@k. */
export interface Candidate extends Source {
  coverage: number;
  score: number;
  /** The source's own words (stemmed) the question matched: the admin's "why". */
  matched: string[];
}

export interface Answer {
  kind: AnswerKind;
  /** For kind "answer": the source's own sentence(s), or facts from the product's data. */
  text: string;
  sources: Source[];
  products?: ProductCard[];
  suggestions?: string[];
  /** The language the answer's text is in (the shop's primary one when the shopper's has no content). */
  locale: Locale;
  /** For order_status: what the shopper already typed. */
  order?: OrderHints;
  /** Every source considered, the chosen ones first. */
  candidates: Candidate[];
}

/** The calibrated numbers the decision uses; the admin may move `answer` (the abstention threshold). */
export interface Thresholds {
  /** Least coverage of the question by a page, policy, FAQ or product text to answer from it. */
  answer: number;
  /** Least coverage by a product to show it as a match. */
  product: number;
  /** A second source scoring at least this share of the first, and covering as much, makes the shopper choose. */
  clarifyRatio: number;
}
