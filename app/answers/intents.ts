/**
 * Why: a few questions are recognised by their wording before any search — where-is-my-order (answered only
 * after verification, never from content), product searches, product facts and "it/this" on a product page.
 * The cues come from the language entries, so they hold for any shop.
 */
import type { Language } from "./language";

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
