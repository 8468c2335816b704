/**
 * `npm run bench -- answers [--sweep] [--misses]`: the answering core on the sandbox shop. Quality on the
 * labelled questions (scripts/bench/answers/questions.json) against the evaluation shop (600 products, the written
 * pages, policies and FAQs in English and German); speed per question against 10,000 products + 200 pages; cold
 * load from the persisted JSON string to the first answer (median of five, and the slowest). `--sweep` prints quality for a grid of thresholds
 * (how DEFAULT_THRESHOLDS was calibrated); `--misses` lists every question answered wrongly.
 */
import type { Thresholds } from "../../app/answers/answer-types";
import { answerQuestion, DEFAULT_THRESHOLDS } from "../../app/answers/decide";
import { KnowledgeIndex } from "../../app/answers/knowledge-index";
import { EVALUATION_SIZE, shopContent, SPEED_SIZE } from "../../sandbox/shop-content/index";
import { loadQuestions, metricsOf, requestOf, score, type Scored } from "./answers/evaluate";

const argv = process.argv.slice(2);
const COLD_LOADS = 5;
const questions = loadQuestions();
const evaluation = shopContent(EVALUATION_SIZE);
// Answered as the route answers: from the index as stored and loaded back, not as built.
const evaluationIndex = KnowledgeIndex.fromJSON(
  KnowledgeIndex.build(evaluation.shop, evaluation.documents, evaluation.synonyms).toJSON(),
);

const run = (thresholds: Thresholds): Scored[] =>
  questions.map((q) => score(q, answerQuestion(evaluationIndex, requestOf(q), thresholds), evaluation.documents));

if (argv.includes("--sweep")) {
  for (const answer of [0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65])
    for (const product of [0.5, 0.6, 0.7])
      for (const clarifyRatio of [0.7, 0.85])
        console.log(
          JSON.stringify({ answer, product, clarifyRatio, ...metricsOf(run({ answer, product, clarifyRatio })) }),
        );
}

const results = run(DEFAULT_THRESHOLDS);
if (argv.includes("--misses")) {
  for (const r of results.filter(
    (r) => !r.correct || (!r.inTop3 && (r.question.expect === "answer" || r.question.expect === "products")),
  )) {
    const got =
      r.answer.kind === "products"
        ? r.answer.products?.map((p) => p.title).join(" | ")
        : r.answer.sources.map((s) => s.title).join(" | ");
    console.log(
      `${r.correct ? "ok " : "BAD"} ${r.inTop3 ? "   " : "!3 "}[${r.question.locale}] ${r.question.question} → expected ${r.question.expect} ${r.expectedIds.slice(0, 3).join(",")}; got ${r.answer.kind}: ${got ?? ""} :: ${r.answer.candidates
        .slice(0, 3)
        .map((c) => `${c.title}=${c.coverage.toFixed(2)}`)
        .join(", ")}`,
    );
  }
}
const quality = metricsOf(results);
if (argv.includes("--no-speed")) {
  console.log(JSON.stringify({ ...quality, questions: questions.length }));
  process.exit(0);
}

const speed = shopContent(SPEED_SIZE);
const built = KnowledgeIndex.build(speed.shop, speed.documents, speed.synonyms);
const persisted = built.toJSON();
// A shop's first question after its index left the cache: load from the stored string, then answer. Five loads,
// each a new index, the median reported (one load alone swings with a garbage collection), the slowest beside it.
const coldLoads: number[] = [];
let loaded = KnowledgeIndex.fromJSON(persisted);
for (let i = 0; i < COLD_LOADS; i++) {
  const coldStart = performance.now();
  loaded = KnowledgeIndex.fromJSON(persisted);
  answerQuestion(loaded, requestOf(questions[i % questions.length]!));
  coldLoads.push(performance.now() - coldStart);
}
coldLoads.sort((a, b) => a - b);

const timings: number[] = [];
for (let round = 0; round < 3; round++) {
  for (const q of questions) {
    const started = performance.now();
    answerQuestion(loaded, requestOf(q));
    timings.push(performance.now() - started);
  }
}
timings.sort((a, b) => a - b);
const percentile = (p: number) =>
  Math.round((timings[Math.min(timings.length - 1, Math.floor((p / 100) * timings.length))] ?? 0) * 100) / 100;

console.log(
  JSON.stringify({
    ...quality,
    p50_ms: percentile(50),
    p95_ms: percentile(95),
    cold_load_ms: Math.round(coldLoads[Math.floor(COLD_LOADS / 2)]!),
    cold_load_max_ms: Math.round(coldLoads[COLD_LOADS - 1]!),
    index_bytes: Buffer.byteLength(persisted),
    products: SPEED_SIZE.products,
    evaluation_products: EVALUATION_SIZE.products,
    questions: questions.length,
  }),
);
