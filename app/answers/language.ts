/**
 * Why: everything that differs between languages lives in one entry per language (stemmer, stop words, the
 * everyday shop vocabulary that means the same, the cues that mark an order-status or product question, and
 * the few sentences ChatLift says itself), so another language is one more entry in LANGUAGES and nothing else.
 */
import { english } from "./languages/en";
import type { FactKind, Language } from "./languages/shape";
import { german } from "./languages/de";
import { languageOf, type Locale } from "./documents";

export type { FactKind, Language };

export const LANGUAGES: Record<string, Language> = { en: english, de: german };

/** The entry for a locale, or undefined when ChatLift does not speak it. */
export function languageFor(locale: Locale): Language | undefined {
  return LANGUAGES[languageOf(locale)];
}
