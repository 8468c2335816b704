/**
 * Why: a merchant closes a knowledge gap by writing the FAQ shoppers keep needing. Questions asked in many
 * wordings ("do you ship to canada", "shipping to Canada?") are one gap, so questions are grouped by the terms
 * they share (the answers stage's own stemming and stop words, no model), ranked by how often the shop could
 * not answer them and by the revenue of the sessions that asked. Once an FAQ covers a group, the group's answer
 * rate before and after that FAQ shows whether it worked.
 */
import { languageFor } from "../answers/language";
import { english } from "../answers/languages/en";
import { termsOf } from "../answers/text";

export interface AskedQuestion {
  text: string;
  locale: string;
  at: Date;
  sessionId: string;
  /** answered: a source quoted, products or an order shown; abstained: the honest "not covered". */
  outcome: "answered" | "abstained" | "other";
  /** The shopper marked its answer not helpful. */
  notHelpful: boolean;
}

export interface FaqOnRecord {
  id: string;
  locale: string;
  question: string;
  variants: string[];
  createdAt: Date;
}

export interface RateWindow {
  asked: number;
  answered: number;
}

export interface KnowledgeGap {
  /** The wording asked most often. */
  question: string;
  locale: string;
  /** Other wordings, most asked first (at most 5): an FAQ's variants. */
  wordings: string[];
  asked: number;
  /** Abstained on, or answered and marked not helpful. */
  unanswered: number;
  revenueMinor: number;
  /** The FAQ that now covers it, with the group's answer rate before and after it was written. */
  faq: { id: string; question: string; since: string; before: RateWindow; after: RateWindow } | null;
}

/** Two questions are one gap when they share at least half of their terms (Jaccard). */
export const SAME_GAP = 0.5;

function termSet(text: string, locale: string): Set<string> {
  return new Set(termsOf(text, languageFor(locale) ?? english));
}

function jaccard(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const term of a) if (b.has(term)) shared++;
  return shared / (a.size + b.size - shared);
}

const wordingKey = (text: string) =>
  text
    .toLowerCase()
    .replace(/\s+/g, " ")
    .replace(/[\s?!.¿¡]+$/u, "")
    .trim();

/** The spelling shoppers used most (ties: the one that sorts first, so capitals and a question mark win). */
function commonestSpelling(asked: AskedQuestion[]): string {
  const counts = new Map<string, number>();
  for (const question of asked) counts.set(question.text.trim(), (counts.get(question.text.trim()) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]![0];
}

interface Group {
  locale: string;
  terms: Set<string>;
  questions: AskedQuestion[];
  wordings: Map<string, { text: string; count: number }>;
}

/**
 * The gaps among `questions`: groups with at least one unanswered question, most unanswered first (then
 * revenue, then asked). `revenueOf` gives a session's credited revenue; `faqs` are matched to groups.
 */
export function knowledgeGaps(
  questions: readonly AskedQuestion[],
  faqs: readonly FaqOnRecord[],
  revenueOf: (sessionId: string) => number,
  limit = 20,
): KnowledgeGap[] {
  // The most asked wordings seed the groups, so a group is named by its commonest question.
  const byWording = new Map<string, AskedQuestion[]>();
  for (const question of questions) {
    const key = `${question.locale}|${wordingKey(question.text)}`;
    if (!wordingKey(question.text)) continue;
    byWording.set(key, [...(byWording.get(key) ?? []), question]);
  }
  const groups: Group[] = [];
  for (const asked of [...byWording.values()].sort((a, b) => b.length - a.length)) {
    const first = asked[0]!;
    const terms = termSet(first.text, first.locale);
    let home: Group | undefined;
    let best = 0;
    for (const group of groups) {
      if (group.locale !== first.locale) continue;
      const similarity = jaccard(terms, group.terms);
      if (similarity >= SAME_GAP && similarity > best) [home, best] = [group, similarity];
    }
    if (!home) {
      home = { locale: first.locale, terms, questions: [], wordings: new Map() };
      groups.push(home);
    }
    home.questions.push(...asked);
    home.wordings.set(wordingKey(first.text), { text: commonestSpelling(asked), count: asked.length });
  }
  return (
    groups
      .map((group) => gapOf(group, faqs, revenueOf))
      // A group an FAQ now covers stays listed while its "before" is in view: the merchant sees whether it worked.
      .filter((gap) => gap.unanswered > 0 || (gap.faq !== null && gap.faq.before.asked > 0))
      .sort((a, b) => b.unanswered - a.unanswered || b.revenueMinor - a.revenueMinor || b.asked - a.asked)
      .slice(0, limit)
  );
}

function gapOf(group: Group, faqs: readonly FaqOnRecord[], revenueOf: (sessionId: string) => number): KnowledgeGap {
  const wordings = [...group.wordings.values()].sort((a, b) => b.count - a.count || (a.text < b.text ? -1 : 1));
  const sessions = new Set(group.questions.map((question) => question.sessionId));
  const faq = faqs
    .filter((candidate) => candidate.locale === group.locale)
    .find((candidate) =>
      [candidate.question, ...candidate.variants].some(
        (text) => jaccard(termSet(text, candidate.locale), group.terms) >= SAME_GAP,
      ),
    );
  const rate = (list: AskedQuestion[]): RateWindow => ({
    asked: list.length,
    answered: list.filter((question) => question.outcome === "answered" && !question.notHelpful).length,
  });
  return {
    question: wordings[0]!.text,
    locale: group.locale,
    wordings: wordings.slice(1, 6).map((wording) => wording.text),
    asked: group.questions.length,
    unanswered: group.questions.filter((question) => question.outcome === "abstained" || question.notHelpful).length,
    revenueMinor: [...sessions].reduce((sum, session) => sum + revenueOf(session), 0),
    faq: faq
      ? {
          id: faq.id,
          question: faq.question,
          since: faq.createdAt.toISOString(),
          before: rate(group.questions.filter((question) => question.at < faq.createdAt)),
          after: rate(group.questions.filter((question) => question.at >= faq.createdAt)),
        }
      : null,
  };
}
