/**
 * Why: the facts a text states that a shopper could act on — amounts, prices, percentages, dates, discount codes,
 * addresses and emails — read as normalised values, so "€25" and "25.00 EUR", "30-day" and "thirty days", "3 March"
 * and "March 3rd" compare equal. The rephrasing verifier reads them from the model's output and from what it was
 * given, and refuses any fact of the output the sources do not state.
 */
import { withDigits } from "./number-words";

export interface Money {
  /** Every reading of the amount ("1,500" is 1500 in English and 1.5 in German). */
  readings: number[];
  /** ISO code, or "$" / "kr" when the symbol names several currencies; null when none was written. */
  currency: string | null;
}

export interface Facts {
  /** Plain numbers, each with its readings. */
  numbers: number[][];
  money: Money[];
  percents: number[][];
  /** Day-precise dates as "m-d" and, with a year, "y-m-d" readings. */
  dates: string[][];
  /** Months (1–12) and weekdays (1–7) named. */
  months: number[];
  weekdays: number[];
  /** Code-shaped tokens (SAVE20, WELCOME10, FREESHIP), upper-cased. */
  codes: string[];
  /** Every word-like token, upper-cased: a code is only invented when the other side has no such token. */
  tokens: Set<string>;
  urls: string[];
  emails: string[];
}

const NUM = String.raw`\d{1,3}(?:[.,']\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?`;
const EDGE_BEFORE = String.raw`(?<![\p{L}\p{N}.,])`;
const EDGE_AFTER = String.raw`(?![\p{L}\p{N}]|[.,]\d)`;

const CURRENCY_CODES = [
  "USD",
  "EUR",
  "GBP",
  "CHF",
  "CAD",
  "AUD",
  "NZD",
  "JPY",
  "CNY",
  "SEK",
  "NOK",
  "DKK",
  "PLN",
  "INR",
];
const DOLLARS = new Set(["USD", "CAD", "AUD", "NZD", "$"]);
const KRONER = new Set(["SEK", "NOK", "DKK", "kr"]);
const SYMBOLS: Record<string, string> = {
  US$: "USD",
  CA$: "CAD",
  C$: "CAD",
  A$: "AUD",
  AU$: "AUD",
  NZ$: "NZD",
  $: "$",
  "€": "EUR",
  "£": "GBP",
  "¥": "JPY",
  "₹": "INR",
  kr: "kr",
  Fr: "CHF",
};
const CURRENCY_WORDS: Record<string, string> = {
  dollar: "$",
  dollars: "$",
  euro: "EUR",
  euros: "EUR",
  pound: "GBP",
  pounds: "GBP",
  franc: "CHF",
  francs: "CHF",
  franken: "CHF",
  pfund: "GBP",
  kronor: "kr",
  kroner: "kr",
};
const escape = (text: string) => text.replace(/[$.*+?^()|[\]\\{}]/g, "\\$&");
const PREFIXES = [...Object.keys(SYMBOLS), ...CURRENCY_CODES].sort((a, b) => b.length - a.length).map(escape);
const SUFFIXES = [...PREFIXES, ...Object.keys(CURRENCY_WORDS)];
const MONEY_BEFORE = new RegExp(`(?<![\\p{L}])(${PREFIXES.join("|")})\\s?(${NUM})${EDGE_AFTER}`, "gu");
const MONEY_AFTER = new RegExp(`${EDGE_BEFORE}(${NUM})\\s?(${SUFFIXES.join("|")})(?![\\p{L}])`, "giu");
const PERCENT = new RegExp(`${EDGE_BEFORE}(${NUM})\\s?(?:%|per\\s?cent|prozent|pct)(?![\\p{L}])`, "giu");
const PLAIN = new RegExp(`${EDGE_BEFORE}(${NUM})(?:st|nd|rd|th)?(?![\\p{L}\\p{N}]|[.,]\\d)`, "gu");

const MONTHS: [number, string[]][] = [
  [1, ["January", "Jan", "Januar", "Jänner"]],
  [2, ["February", "Feb", "Februar"]],
  [3, ["March", "Mar", "März", "Maerz"]],
  [4, ["April", "Apr"]],
  [5, ["May", "Mai"]],
  [6, ["June", "Jun", "Juni"]],
  [7, ["July", "Jul", "Juli"]],
  [8, ["August", "Aug"]],
  [9, ["September", "Sept", "Sep"]],
  [10, ["October", "Oct", "Oktober", "Okt"]],
  [11, ["November", "Nov"]],
  [12, ["December", "Dec", "Dezember", "Dez"]],
];
const MONTH_OF = new Map(MONTHS.flatMap(([n, names]) => names.map((name) => [name.toLowerCase(), n] as const)));
const MONTH = `(${[...MONTH_OF.keys()]
  .sort((a, b) => b.length - a.length)
  .map((m) => m.charAt(0).toUpperCase() + m.slice(1))
  .join("|")})\\.?`;
const DAY_MONTH = new RegExp(
  `(?<![\\p{N}])(\\d{1,2})(?:st|nd|rd|th|\\.)?\\s+(?:of\\s+)?${MONTH}(?:,?\\s+(\\d{4}))?(?![\\p{L}])`,
  "gu",
);
const MONTH_DAY = new RegExp(
  `(?<![\\p{L}])${MONTH}\\s+(\\d{1,2})(?:st|nd|rd|th)?(?![\\p{L}\\p{N}])(?:,?\\s+(\\d{4}))?`,
  "gu",
);
/** A month named alone; "May" only beside a number (it is also a verb). */
const MONTH_ALONE = new RegExp(`(?<![\\p{L}])${MONTH}(?![\\p{L}])`, "gu");
const ISO_DATE = /(?<![\p{N}])(\d{4})-(\d{1,2})-(\d{1,2})(?![\p{N}])/gu;
const NUMERIC_DATE = /(?<![\p{N}.,])(\d{1,2})[./](\d{1,2})[./](\d{4}|\d{2})(?![\p{N}])/gu;
const WEEKDAYS: [number, string[]][] = [
  [1, ["Monday", "Montag"]],
  [2, ["Tuesday", "Dienstag"]],
  [3, ["Wednesday", "Mittwoch"]],
  [4, ["Thursday", "Donnerstag"]],
  [5, ["Friday", "Freitag"]],
  [6, ["Saturday", "Samstag", "Sonnabend"]],
  [7, ["Sunday", "Sonntag"]],
];
const WEEKDAY = new RegExp(`(?<![\\p{L}])(${WEEKDAYS.flatMap(([, names]) => names).join("|")})s?(?![\\p{L}])`, "gu");
const WEEKDAY_OF = new Map(WEEKDAYS.flatMap(([n, names]) => names.map((name) => [name, n] as const)));

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/gu;
const URL_LIKE =
  /(?:https?:\/\/|www\.)[^\s<>"'“”]+|(?<![\p{L}\p{N}@.-])(?:[a-z0-9-]+\.)+[a-z]{2,24}(?:\/[^\s<>"'“”]*)?(?![\p{L}\p{N}])|(?<![\p{L}\p{N}/.])\/(?:pages|products|collections|policies|blogs|account|cart|apps|search|discount)(?:\/[^\s<>"'“”]*)?/giu;
const TOKEN = /[\p{L}\p{N}]+(?:[-_][\p{L}\p{N}]+)*/gu;
const UNIT_SUFFIX = /^\d+(?:[.,]\d+)?(?:st|nd|rd|th|am|pm|h|hrs?|mins?|kg|g|cm|mm|m|ml|l|oz|lbs?|in|ft|x|k|d|px|xl)$/i;

/** NFKC, one kind of space, dash and quote: "25 €" with a no-break space is "25 €". */
export function normaliseText(text: string): string {
  return text
    .normalize("NFKC")
    .replace(/[\u00a0\u2007\u202f]/g, " ")
    .replace(/[\u2010-\u2015\u2212]/g, "-")
    .replace(/[\u2018\u2019]/g, "'");
}

/** "1,500" → [1500, 1.5]; "1.234,56" → [1234.56]; "25.00" → [25]. */
export function readingsOf(number: string): number[] {
  const text = number.replace(/'/g, "");
  const separators = text.match(/[.,]/g) ?? [];
  const plain = (value: string) => Number(value);
  if (!separators.length) return [plain(text)];
  if (new Set(separators).size === 2) {
    const decimal = text.lastIndexOf(".") > text.lastIndexOf(",") ? "." : ",";
    const grouping = decimal === "." ? "," : ".";
    return [plain(text.split(grouping).join("").replace(decimal, "."))];
  }
  const separator = separators[0]!;
  if (separators.length > 1) return [plain(text.split(separator).join(""))];
  const decimalReading = plain(text.replace(separator, "."));
  return /^\d{1,3}[.,]\d{3}$/.test(text) ? [plain(text.replace(separator, "")), decimalReading] : [decimalReading];
}

function currencyOf(written: string): string | null {
  const upper = written.toUpperCase();
  if (CURRENCY_CODES.includes(upper)) return upper;
  return SYMBOLS[written] ?? CURRENCY_WORDS[written.toLowerCase()] ?? null;
}

/** Two currencies name the same money unless both are known and differ ("$" stands for any dollar). */
export function sameCurrency(a: string | null, b: string | null): boolean {
  if (!a || !b || a === b) return true;
  if ((a === "$" && DOLLARS.has(b)) || (b === "$" && DOLLARS.has(a))) return true;
  return (a === "kr" && KRONER.has(b)) || (b === "kr" && KRONER.has(a));
}

const dateReadings = (day: number, month: number, year?: number): string[] =>
  day >= 1 && day <= 31 && month >= 1 && month <= 12
    ? [`${month}-${day}`, ...(year ? [`${year}-${month}-${day}`] : [])]
    : [];
const fullYear = (year: string) => (year.length === 2 ? 2000 + Number(year) : Number(year));

/** Every fact the text states, each read once: a matched span is blanked before the next kind is read. */
export function factsOf(input: string): Facts {
  let text = withDigits(normaliseText(input));
  const take = (pattern: RegExp, read: (...groups: string[]) => void) => {
    text = text.replace(pattern, (match, ...groups: unknown[]) => {
      read(...groups.filter((group): group is string => typeof group === "string" || group === undefined));
      return " ".repeat(match.length);
    });
  };
  const facts: Facts = {
    numbers: [],
    money: [],
    percents: [],
    dates: [],
    months: [],
    weekdays: [],
    codes: [],
    tokens: new Set((text.match(TOKEN) ?? []).map((token) => token.toUpperCase())),
    urls: [],
    emails: [],
  };
  take(EMAIL, () => undefined);
  for (const email of normaliseText(input).match(EMAIL) ?? []) facts.emails.push(email.toLowerCase());
  take(URL_LIKE, () => undefined);
  for (const url of normaliseText(input).replace(EMAIL, " ").match(URL_LIKE) ?? []) facts.urls.push(normaliseUrl(url));
  take(ISO_DATE, (y, m, d) => facts.dates.push(dateReadings(Number(d), Number(m), Number(y))));
  take(NUMERIC_DATE, (a, b, y) => {
    const readings = [
      ...dateReadings(Number(a), Number(b), fullYear(y!)),
      ...dateReadings(Number(b), Number(a), fullYear(y!)),
    ];
    facts.dates.push(readings);
  });
  const monthDate = (day: string, month: string, year?: string) => {
    const m = MONTH_OF.get(month.toLowerCase())!;
    facts.months.push(m);
    facts.dates.push(dateReadings(Number(day), m, year ? Number(year) : undefined));
  };
  take(DAY_MONTH, (day, month, year) => monthDate(day!, month!, year));
  take(MONTH_DAY, (month, day, year) => monthDate(day!, month!, year));
  take(MONTH_ALONE, (month) => month !== "May" && facts.months.push(MONTH_OF.get(month!.toLowerCase())!));
  take(WEEKDAY, (day) => facts.weekdays.push(WEEKDAY_OF.get(day!)!));
  take(MONEY_BEFORE, (symbol, amount) =>
    facts.money.push({ readings: readingsOf(amount!), currency: currencyOf(symbol!) }),
  );
  take(MONEY_AFTER, (amount, symbol) =>
    facts.money.push({ readings: readingsOf(amount!), currency: currencyOf(symbol!) }),
  );
  take(PERCENT, (amount) => facts.percents.push(readingsOf(amount!)));
  for (const token of text.match(TOKEN) ?? []) if (isCodeShaped(token)) facts.codes.push(token.toUpperCase());
  take(PLAIN, (amount) => facts.numbers.push(readingsOf(amount!)));
  return facts;
}

/** Shaped like a discount code: letters with digits (SAVE20), or three or more capitals that are not a currency. */
function isCodeShaped(token: string): boolean {
  const letters = /\p{L}/u.test(token);
  const digits = /\p{N}/u.test(token);
  if (letters && digits) return !UNIT_SUFFIX.test(token) && !/^\d+(?:-\p{L}+)+$/u.test(token);
  const bare = token.replace(/[-_]/g, "");
  return (
    letters &&
    bare.length >= 3 &&
    bare === bare.toUpperCase() &&
    bare !== bare.toLowerCase() &&
    !CURRENCY_CODES.includes(bare)
  );
}

/** "https://www.Shop.example/returns/." → "shop.example/returns". */
export function normaliseUrl(url: string): string {
  return url
    .toLowerCase()
    .replace(/[.,;:!?)\]]+$/, "")
    .replace(/^https?:\/\//, "")
    .replace(/^www\./, "")
    .replace(/\/+$/, "");
}
