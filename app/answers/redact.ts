/**
 * Why: shoppers type their email and phone number into questions ("I'm ann@example.com, call me on
 * +44 20 7946 0958"), and a question is kept for the merchant's analytics. Both are removed before a
 * question is stored; order numbers, prices, dates and quantities stay, because they are what the
 * merchant needs to read the question and they identify no one.
 */

export const EMAIL_MARK = "[email]";
export const PHONE_MARK = "[phone]";

const EMAIL = /[\p{L}\p{N}._%+'-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/gu;

/**
 * A run of digits with the separators phone numbers are written with (spaces, dots, dashes,
 * slashes, parentheses), optionally after + or 00. Not after a letter, digit, "#" (an order number), or a
 * currency sign; the candidates are then judged by phoneLike.
 */
const CANDIDATE = /(?<![\p{L}\p{N}#@$€£¥₹.,/])(?:\+|\b00)?\(?\d[\d ()./\u00a0-]{4,}\d\)?(?![\p{L}\p{N}@%€$£/])/gu;
const CURRENCY_AFTER = /^\s?(?:€|\$|£|¥|₹|eur|usd|gbp|chf|cad|aud|sek|nok|dkk|jpy)\b/i;
const CURRENCY_BEFORE = /(?:€|\$|£|¥|₹|eur|usd|gbp|chf|cad|aud|sek|nok|dkk|jpy)\s?$/i;
const PRICE = /^\d{1,3}(?:[ .,\u00a0]\d{3})*[.,]\d{2}$/;
const DATE = /^(?:\d{4}-\d{1,2}-\d{1,2}|\d{1,2}([./-])\d{1,2}\1\d{2,4})$/;
const SEPARATED = /[ ()./\u00a0-]/;

/**
 * Whether a candidate is a phone number. International ("+49 …", "0049 …") and written-out
 * numbers with separators and 7 to 15 digits are; a bare run of digits only from 10 digits on,
 * because shorter bare runs are order numbers ("order 1001", "1045872").
 */
export function phoneLike(candidate: string, before: string, after: string): boolean {
  const digits = candidate.replace(/\D/g, "");
  if (digits.length < 7 || digits.length > 15) return false;
  if (CURRENCY_BEFORE.test(before) || CURRENCY_AFTER.test(after)) return false;
  const trimmed = candidate.trim();
  if (PRICE.test(trimmed) || DATE.test(trimmed)) return false;
  if (/^(?:\+|00)/.test(trimmed)) return true;
  if (SEPARATED.test(trimmed)) return true;
  return digits.length >= 10;
}

/** The text with every email address and phone number replaced by a mark saying what was there. */
export function redactContactDetails(text: string): string {
  const withoutEmails = text.replace(EMAIL, EMAIL_MARK);
  return withoutEmails.replace(CANDIDATE, (match, offset: number, whole: string) => {
    const before = whole.slice(Math.max(0, offset - 4), offset);
    const after = whole.slice(offset + match.length, offset + match.length + 4);
    return phoneLike(match, before, after) ? PHONE_MARK : match;
  });
}
