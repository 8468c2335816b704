/**
 * Why: a few questions are recognised by their wording before any search — where-is-my-order (answered only
 * after verification, never from content), product searches, product facts and "it/this" on a product page.
 * The cues come from the language entries, so they hold for any shop.
 */
import type { Language } from "./language";
import { normalise } from "./text";

export interface OrderHints {
  number?: string;
  email?: string;
}

export function isOrderStatus(normalised: string, languages: Language[]): boolean {
  return languages.some((language) => language.orderStatus.some((pattern) => pattern.test(normalised)));
}

/** An order number and email the shopper already typed, so the widget need not ask again. */
export function orderHints(question: string): OrderHints {
  const email = question.match(/[^\s@<>()"',;]+@[^\s@<>()"',;]+\.[a-z]{2,}/i)?.[0];
  const number = question.replace(email ?? "", " ").match(/#?\b(\d{3,10})\b/)?.[1];
  return { ...(number ? { number } : {}), ...(email ? { email: email.toLowerCase() } : {}) };
}

export function isProductSearch(normalised: string, language: Language): boolean {
  return language.productSearch.some((pattern) => pattern.test(normalised));
}

export function isDeictic(normalised: string, language: Language): boolean {
  return language.deictic.test(normalised);
}

/**
 * The clause that asks when a shopper tells a story first ("I bought a sweater 3 weeks ago and it's too big, can I
 * still return it"; "if I order at noon, when does it ship"): the last clause after the first that starts as a
 * question does. Null when the question is one clause.
 */
export function askingClause(question: string, language: Language): string | null {
  const clauses = question
    .split(/[,;:!?.]+\s+|\s[-–—]+\s/)
    .map(normalise)
    .filter((clause) => clause.length > 0);
  for (let i = clauses.length - 1; i > 0; i--) if (language.asks.test(clauses[i]!)) return clauses[i]!;
  return null;
}
