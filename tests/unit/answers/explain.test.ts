/** "Try a question"'s why: each candidate said in the merchant's words, against the threshold of its kind. */
import { describe, expect, it } from "vitest";
import type { Answer, Candidate } from "../../../app/answers/answer-types";
import { DEFAULT_THRESHOLDS } from "../../../app/answers/decide";
import { explainCandidates } from "../../../app/answers/explain";

const aCandidate = (overrides: Partial<Candidate>): Candidate => ({
  type: "policy",
  id: "gid://shopify/ShopPolicy/1",
  title: "Shipping policy",
  url: null,
  coverage: 0.8,
  score: 12.5,
  matched: ["canada", "ship"],
  ...overrides,
});

const anAnswer = (overrides: Partial<Answer>): Answer => ({
  kind: "answer",
  text: "We ship to Canada.",
  sources: [],
  locale: "en",
  candidates: [],
  ...overrides,
});

describe("explainCandidates", () => {
  const policy = aCandidate({});
  const page = aCandidate({
    type: "page",
    id: "gid://shopify/Page/2",
    title: "About",
    coverage: 0.6,
    matched: ["ship"],
  });
  const product = aCandidate({
    type: "product",
    id: "gid://shopify/Product/3",
    title: "Linen Shirt",
    coverage: 0.2,
    matched: [],
  });

  it("GIVEN an answer quoting the policy THEN it is chosen, the page cleared the bar but lost, the product fell short", () => {
    const answer = anAnswer({ sources: [policy], candidates: [policy, page, product] });

    const explained = explainCandidates(answer, { ...DEFAULT_THRESHOLDS, answer: 0.5, product: 0.5 });

    expect(explained.map(({ chosen, needed, reason }) => ({ chosen, needed, reason }))).toEqual([
      { chosen: true, needed: 0.5, reason: "used in the answer: covers 80% of the question (matched: canada, ship)" },
      {
        chosen: false,
        needed: 0.5,
        reason: "covers 60% of the question (matched: ship), but another source was chosen",
      },
      { chosen: false, needed: 0.5, reason: "covers 20% of the question; 50% is needed to answer from it" },
    ]);
  });

  it("GIVEN a clarifying question between two sources THEN both are offered as a choice", () => {
    const answer = anAnswer({ kind: "clarify", sources: [policy, page], candidates: [policy, page] });

    const reasons = explainCandidates(answer, DEFAULT_THRESHOLDS).map((candidate) => candidate.reason);

    expect(reasons.every((reason) => reason.startsWith("offered as a choice: "))).toBe(true);
  });

  it("GIVEN a higher threshold THEN the same coverage is reported as short of it", () => {
    const answer = anAnswer({ kind: "abstain", candidates: [policy] });

    expect(explainCandidates(answer, { ...DEFAULT_THRESHOLDS, answer: 0.9 })[0]!.reason).toBe(
      "covers 80% of the question (matched: canada, ship); 90% is needed to answer from it",
    );
  });
});
