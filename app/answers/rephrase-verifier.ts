/**
 * Why: a language model may only say again what the shop's sources say. Before a rephrasing reaches a shopper,
 * every fact it states that a shopper could act on — an amount, a price, a percentage, a date, a discount code,
 * an address, an email, one of the shop's product names — must be in the cited sources or the question itself;
 * one invented fact and the shopper gets the extractive answer instead. Values are compared, not spellings.
 */
import { factsOf, normaliseText, sameCurrency, type Facts } from "./fact-values";

/** Longer than this is no longer a rephrasing of a short answer. */
export const MAX_REPHRASING_CHARS = 1200;

export const INVENTED_FACT_KINDS = [
  "number",
  "price",
  "percentage",
  "date",
  "code",
  "url",
  "email",
  "product",
] as const;
export type InventedFactKind = (typeof INVENTED_FACT_KINDS)[number];

export type Verdict =
  | { ok: true; text: string }
  | { ok: false; reason: "empty" | "too_long" }
  | { ok: false; reason: "invented"; kind: InventedFactKind; fact: string };

export interface VerifierInput {
  /** The model's text. */
  output: string;
  /** What it was allowed to draw on: the extractive answer, the cited passages, the question. */
  allowed: string[];
  /** Titles of the shop's products known to the index (every locale). */
  productTitles: Iterable<string>;
}

const cents = (value: number) => Math.round(value * 100);
const anyIn = (readings: number[], known: Set<number>) => readings.some((value) => known.has(cents(value)));

interface Known {
  numbers: Set<number>;
  money: { value: number; currency: string | null }[];
  percents: Set<number>;
  dates: Set<string>;
  months: Set<number>;
  weekdays: Set<number>;
  tokens: Set<string>;
  urls: string[];
  emails: Set<string>;
  text: string;
}

function knownOf(allowed: string[]): Known {
  const facts = allowed.map(factsOf);
  const all = <T>(pick: (facts: Facts) => T[]) => facts.flatMap(pick);
  const money = all((f) => f.money.flatMap((m) => m.readings.map((value) => ({ value, currency: m.currency }))));
  const dateParts = all((f) => f.dates.flat()).flatMap((date) => date.split("-").map(Number));
  return {
    // A plain number in the output may restate any amount of the sources: a price, a percentage, a date's day.
    numbers: new Set(
      [
        ...all((f) => f.numbers.flat()),
        ...money.map((m) => m.value),
        ...all((f) => f.percents.flat()),
        ...dateParts,
      ].map(cents),
    ),
    money,
    percents: new Set(all((f) => f.percents.flat()).map(cents)),
    dates: new Set(all((f) => f.dates.flat())),
    months: new Set(all((f) => f.months)),
    weekdays: new Set(all((f) => f.weekdays)),
    tokens: new Set(all((f) => [...f.tokens])),
    urls: all((f) => f.urls),
    emails: new Set(all((f) => f.emails)),
    text: comparable(allowed.join("\n")),
  };
}

/** Lower-cased, one space, no diacritics' variants: product names are looked for in this form. */
function comparable(text: string): string {
  return ` ${normaliseText(text)
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim()} `;
}

/** An address of the output is known when a source names it or a longer address it begins (its shop's domain). */
function knownUrl(url: string, known: string[]): boolean {
  return known.some((source) => source === url || source.startsWith(`${url}/`));
}

/** The first fact of the output the sources do not state, or the output, trimmed, when there is none. */
export function verifyRephrasing(input: VerifierInput): Verdict {
  const text = input.output.trim();
  if (!text) return { ok: false, reason: "empty" };
  if (text.length > MAX_REPHRASING_CHARS) return { ok: false, reason: "too_long" };
  const known = knownOf(input.allowed);
  const facts = factsOf(text);
  const invented = (kind: InventedFactKind, fact: string): Verdict => ({ ok: false, reason: "invented", kind, fact });

  for (const email of facts.emails) if (!known.emails.has(email)) return invented("email", email);
  for (const url of facts.urls) if (!knownUrl(url, known.urls)) return invented("url", url);
  for (const code of facts.codes) if (!known.tokens.has(code)) return invented("code", code);
  for (const money of facts.money) {
    const found = money.readings.some((value) =>
      known.money.some((other) => cents(other.value) === cents(value) && sameCurrency(other.currency, money.currency)),
    );
    if (!found) return invented("price", `${money.currency ?? ""}${money.readings[0]}`);
  }
  for (const percent of facts.percents)
    if (!anyIn(percent, known.percents)) return invented("percentage", `${percent[0]}%`);
  for (const date of facts.dates)
    if (!date.some((reading) => known.dates.has(reading))) return invented("date", date[0] ?? "");
  for (const month of facts.months) if (!known.months.has(month)) return invented("date", `month ${month}`);
  for (const day of facts.weekdays) if (!known.weekdays.has(day)) return invented("date", `weekday ${day}`);
  for (const number of facts.numbers) if (!anyIn(number, known.numbers)) return invented("number", String(number[0]));

  const said = comparable(text);
  for (const title of input.productTitles) {
    const name = comparable(title);
    // One- or two-letter titles would match any word: they cannot be told from ordinary text.
    if (name.trim().length < 3) continue;
    if (said.includes(name) && !known.text.includes(name)) return invented("product", title);
  }
  return { ok: true, text };
}
