/**
 * Why: scores the answering core on the labelled question set, the same way for the benchmark and for the
 * threshold sweep: recall@3 of the expected sources among the candidates, the right source quoted (or the right
 * product first, or the order hand-off), abstention precision and recall, and the clarify rate on ambiguous ones.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Answer, AnswerRequest, PageContext } from "../../../app/answers/answer-types";
import type { KnowledgeDocument, ProductDocument } from "../../../app/answers/documents";

export type Expectation = "answer" | "products" | "clarify" | "abstain" | "order_status";

export interface LabelledQuestion {
  question: string;
  locale: string;
  expect: Expectation;
  /** Acceptable sources for "answer" (any one of them is right). */
  ids?: string[];
  /** Product searches: which products are right, by their data (resolved against the catalog). */
  where?: { type?: string; material?: string; title?: string; option?: string };
  page?: PageContext;
}

const here = path.dirname(fileURLToPath(import.meta.url));

export function loadQuestions(file = path.join(here, "questions.json")): LabelledQuestion[] {
  const questions = JSON.parse(readFileSync(file, "utf8")) as LabelledQuestion[];
  for (const [i, q] of questions.entries()) {
    if (!q.question || !q.locale || !q.expect) throw new Error(`question ${i} lacks question, locale or expect`);
    if (q.expect === "answer" && !q.ids?.length)
      throw new Error(`question ${i} ("${q.question}") expects an answer but names no source`);
    if (q.expect === "products" && !q.where)
      throw new Error(`question ${i} ("${q.question}") is a product search without "where"`);
  }
  return questions;
}

/** The ids of the catalog's products matching a search label (English documents: the catalog's own data). */
export function resolveProducts(
  where: NonNullable<LabelledQuestion["where"]>,
  documents: KnowledgeDocument[],
): string[] {
  const products = documents.filter((d): d is ProductDocument => d.type === "product" && d.locale === "en");
  return products
    .filter((p) => !where.type || p.productType === where.type)
    .filter((p) => !where.title || p.title.includes(where.title))
    .filter(
      (p) =>
        !where.material ||
        `${p.title} ${p.metafields.find((m) => m.key === "material")?.value ?? ""}`
          .toLowerCase()
          .includes(where.material),
    )
    .filter((p) => !where.option || p.variants.some((v) => v.selectedOptions.some((o) => o.value === where.option)))
    .map((p) => p.id);
}

export interface Scored {
  question: LabelledQuestion;
  answer: Answer;
  expectedIds: string[];
  inTop3: boolean;
  correct: boolean;
}

export function score(question: LabelledQuestion, answer: Answer, documents: KnowledgeDocument[]): Scored {
  const expectedIds = question.where ? resolveProducts(question.where, documents) : (question.ids ?? []);
  if (question.where && expectedIds.length === 0)
    throw new Error(`no product matches the label of "${question.question}"`);
  const top3 = answer.candidates.slice(0, 3).map((candidate) => candidate.id);
  const inTop3 = expectedIds.some((id) => top3.includes(id));
  let correct: boolean;
  if (question.expect === "answer")
    correct = answer.kind === "answer" && expectedIds.includes(answer.sources[0]?.id ?? "");
  else if (question.expect === "products")
    correct = answer.kind === "products" && expectedIds.includes(answer.products?.[0]?.id ?? "");
  else correct = answer.kind === question.expect;
  return { question, answer, expectedIds, inTop3, correct };
}

export interface Metrics {
  recall_at_3: number;
  answer_accuracy: number;
  abstention_precision: number;
  abstention_recall: number;
  clarify_rate_on_ambiguous: number;
}

const ratio = (part: number, whole: number) => (whole === 0 ? 1 : Math.round((part / whole) * 1000) / 1000);

export function metricsOf(results: Scored[]): Metrics {
  const retrievable = results.filter((r) => r.question.expect === "answer" || r.question.expect === "products");
  const answerable = results.filter((r) => ["answer", "products", "order_status"].includes(r.question.expect));
  const abstained = results.filter((r) => r.answer.kind === "abstain");
  const unanswerable = results.filter((r) => r.question.expect === "abstain");
  const ambiguous = results.filter((r) => r.question.expect === "clarify");
  return {
    recall_at_3: ratio(retrievable.filter((r) => r.inTop3).length, retrievable.length),
    answer_accuracy: ratio(answerable.filter((r) => r.correct).length, answerable.length),
    abstention_precision: ratio(abstained.filter((r) => r.question.expect === "abstain").length, abstained.length),
    abstention_recall: ratio(unanswerable.filter((r) => r.answer.kind === "abstain").length, unanswerable.length),
    clarify_rate_on_ambiguous: ratio(ambiguous.filter((r) => r.answer.kind === "clarify").length, ambiguous.length),
  };
}

export const requestOf = (q: LabelledQuestion): AnswerRequest => ({
  question: q.question,
  locale: q.locale,
  ...(q.page ? { page: q.page } : {}),
});
