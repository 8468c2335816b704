/**
 * Why: a model rephrasing "30-day returns" may write "thirty days" or "dreißig Tage"; the rephrasing verifier
 * compares values, not spellings, so number words (English and German, the shop languages ChatLift stems) are
 * turned into digits first. "one"/"ein" count only before a unit ("one business day", "ein Tag"): elsewhere they
 * are pronouns and articles ("the blue one"), and reading them as 1 would refuse faithful rephrasings.
 */

const EN_UNITS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"];
const EN_TEENS = [
  "ten",
  "eleven",
  "twelve",
  "thirteen",
  "fourteen",
  "fifteen",
  "sixteen",
  "seventeen",
  "eighteen",
  "nineteen",
];
const EN_TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"];
const DE_UNITS = ["null", "ein", "zwei", "drei", "vier", "fünf", "sechs", "sieben", "acht", "neun"];
const DE_TEENS = [
  "zehn",
  "elf",
  "zwölf",
  "dreizehn",
  "vierzehn",
  "fünfzehn",
  "sechzehn",
  "siebzehn",
  "achtzehn",
  "neunzehn",
];
const DE_TENS = ["", "", "zwanzig", "dreißig", "vierzig", "fünfzig", "sechzig", "siebzig", "achtzig", "neunzig"];

/** Units after which "one"/"ein" is a count, not a pronoun or an article. */
const EN_COUNTED =
  "(?:business |working )?(?:days?|weeks?|months?|years?|hours?|minutes?|items?|pieces?|times?|dollars?|euros?|pounds?|percent|size|pair)";
const DE_COUNTED = "(?:Werktag|Arbeitstag|Tag|Woche|Monat|Jahr|Stunde|Minute|Artikel|Stück|Euro|Dollar|Prozent|Paar)";

/** Every spelled number from 0 to 99 in both languages, with its value. */
function spelledNumbers(): Map<string, number> {
  const words = new Map<string, number>();
  EN_UNITS.forEach((word, n) => n !== 1 && words.set(word, n));
  EN_TEENS.forEach((word, n) => words.set(word, 10 + n));
  DE_UNITS.forEach((word, n) => n > 1 && words.set(word, n));
  words.set("eins", 1);
  DE_TEENS.forEach((word, n) => words.set(word, 10 + n));
  for (let tens = 2; tens <= 9; tens += 1) {
    words.set(EN_TENS[tens]!, tens * 10);
    words.set(DE_TENS[tens]!, tens * 10);
    if (tens === 3) words.set("dreissig", 30);
    for (let unit = 1; unit <= 9; unit += 1) {
      for (const joiner of ["-", " "]) words.set(`${EN_TENS[tens]}${joiner}${EN_UNITS[unit]}`, tens * 10 + unit);
      words.set(`${DE_UNITS[unit]}und${DE_TENS[tens]}`, tens * 10 + unit);
    }
  }
  for (let unit = 1; unit <= 9; unit += 1) words.set(`${DE_UNITS[unit]}hundert`, unit * 100);
  words.set("hundert", 100);
  words.set("tausend", 1000);
  return words;
}

const SPELLED = spelledNumbers();
const edge = (inner: string) => `(?<![\\p{L}\\p{N}])(?:${inner})(?![\\p{L}\\p{N}])`;
const SPELLED_PATTERN = new RegExp(
  edge(
    [...SPELLED.keys()]
      .sort((a, b) => b.length - a.length)
      .map((word) => word.replace(/[-\s]/g, "[-\\s]"))
      .join("|"),
  ),
  "giu",
);
const ONE_BEFORE_UNIT = new RegExp(`${edge("one")}(?=[-\\s]${EN_COUNTED}(?![\\p{L}]))`, "giu");
const EIN_BEFORE_UNIT = new RegExp(`${edge("eine[nmr]?|ein")}(?=\\s${DE_COUNTED})`, "giu");
const MULTIPLIED = /(\d+)\s+(hundred|thousand)(?![\p{L}])/giu;
const A_HUNDRED = /(?<![\p{L}])(?:a|one)\s+(hundred|thousand)(?![\p{L}])/giu;

/** The text with its spelled numbers written as digits: "thirty-day" → "30-day", "zwei Werktage" → "2 Werktage". */
export function withDigits(text: string): string {
  return text
    .replace(ONE_BEFORE_UNIT, "1")
    .replace(EIN_BEFORE_UNIT, "1")
    .replace(SPELLED_PATTERN, (word) =>
      String(SPELLED.get(word.toLowerCase().replace(/[-\s]+/g, (j) => j[0]!)) ?? word),
    )
    .replace(A_HUNDRED, (_, size: string) => (size.toLowerCase() === "hundred" ? "100" : "1000"))
    .replace(MULTIPLIED, (_, n: string, size: string) =>
      String(Number(n) * (size.toLowerCase() === "hundred" ? 100 : 1000)),
    );
}
