/**
 * Why: product descriptions that read like a real shop's — several openings, material stories, feature and
 * use sentences picked and ordered per product — in English and German, so retrieval is measured on varied
 * prose and not on one template that any matcher would learn.
 */
import { fill, pick, pickSome, type Random } from "./random";
import type { Kind, Material } from "./vocabulary";

const OPENERS_EN = [
  "The {title} is our take on the classic {noun}: {feature}.",
  "Meet the {name}, a {adjective} {noun} with {feature}.",
  "Made for {use}, the {name} {noun} keeps things simple.",
  "Our {name} {noun} has been a customer favourite since its first season.",
  "Cut from {materialLower}, the {title} is {adjective} and easy to live with.",
  "If you only own one {noun}, make it this one.",
  "A {adjective} {noun} that earns its place in the rotation.",
];
const ADJECTIVES_EN = [
  "quietly good-looking",
  "hard-wearing",
  "lightweight",
  "soft",
  "versatile",
  "timeless",
  "thoughtfully made",
  "everyday",
];
const USES_EN: Record<Kind["category"], string[]> = {
  Apparel: [
    "long summer days",
    "the office and the weekend",
    "travel",
    "layering through the colder months",
    "slow Sundays",
  ],
  Accessories: ["everyday errands", "city commutes", "weekends away", "gifting"],
  Home: ["slow mornings", "a calm bedroom", "everyday meals", "cosy evenings on the sofa"],
  Outdoor: ["wet hikes in the hills", "multi-day treks", "cold mornings at camp", "the daily commute by bike"],
  Beauty: ["a simple daily routine", "dry winter skin", "sensitive skin", "the bathroom shelf"],
};
const FEATURE_EN = [
  "It comes with {feature}.",
  "Details include {feature} and {feature2}.",
  "You will notice {feature}.",
  "We added {feature}, because small things matter.",
];
const CLOSERS_EN = [
  "Made in {origin}.",
  "Designed in Hamburg, made in {origin}.",
  "Made in {origin} by a workshop we have worked with for years.",
  "Pairs well with the rest of our {type} range.",
  "Every piece is checked by hand before it leaves our warehouse.",
];

const OPENERS_DE = [
  "{titleDe} ist unsere Version des Klassikers: mit {featureDe}.",
  "{name} – ein {adjectiveDe} Stück mit {featureDe}.",
  "Gemacht für {useDe}: {titleDe} bleibt angenehm schlicht.",
  "Seit der ersten Saison gehört {titleDe} zu den Lieblingen unserer Kundinnen und Kunden.",
];
const ADJECTIVES_DE = ["unaufgeregtes", "strapazierfähiges", "leichtes", "weiches", "vielseitiges", "zeitloses"];
const USES_DE: Record<Kind["category"], string[]> = {
  Apparel: ["lange Sommertage", "Büro und Wochenende", "Reisen", "die kalte Jahreszeit"],
  Accessories: ["den Alltag", "den Weg ins Büro", "Wochenendtrips"],
  Home: ["ruhige Morgen", "ein entspanntes Schlafzimmer", "jeden Tag am Tisch"],
  Outdoor: ["nasse Wanderungen", "mehrtägige Touren", "kalte Morgen im Zelt"],
  Beauty: ["eine einfache tägliche Routine", "trockene Winterhaut", "empfindliche Haut"],
};
const CLOSERS_DE = [
  "Hergestellt in {originDe}.",
  "Entworfen in Hamburg, gefertigt in {originDe}.",
  "Jedes Stück wird vor dem Versand von Hand geprüft.",
];
const ORIGIN_DE: Record<string, string> = {
  Lithuania: "Litauen",
  Portugal: "Portugal",
  Romania: "Rumänien",
  Italy: "Italien",
  Germany: "Deutschland",
  Vietnam: "Vietnam",
  China: "China",
};

export interface Described {
  html: string;
  htmlDe: string;
}

/** A description in both languages; the German one is shorter, as shops' translations often are. */
export function describe(
  random: Random,
  kind: Kind,
  material: Material,
  name: string,
  title: string,
  titleDe: string,
): Described {
  const [feature, feature2] = pickSome(random, kind.features, 2);
  const values = {
    title,
    name,
    noun: kind.noun.toLowerCase(),
    type: kind.type.toLowerCase(),
    materialLower: material.composition.charAt(0).toLowerCase() + material.composition.slice(1),
    adjective: pick(random, ADJECTIVES_EN),
    use: pick(random, USES_EN[kind.category]),
    feature: feature ?? "",
    feature2: feature2 ?? feature ?? "",
    origin: material.origin,
  };
  const sentences = [fill(pick(random, OPENERS_EN), values), material.story];
  if (random() < 0.8) sentences.push(fill(pick(random, FEATURE_EN), values));
  sentences.push(fill(pick(random, CLOSERS_EN), values));
  const order = random() < 0.3 ? [sentences[1], sentences[0], ...sentences.slice(2)] : sentences;
  const paragraphs = random() < 0.5 ? [order.slice(0, 2), order.slice(2)] : [order];
  const valuesDe = {
    titleDe,
    name,
    adjectiveDe: pick(random, ADJECTIVES_DE),
    useDe: pick(random, USES_DE[kind.category]),
    featureDe: pick(random, kind.featuresDe),
    originDe: ORIGIN_DE[material.origin] ?? material.origin,
  };
  const german = [fill(pick(random, OPENERS_DE), valuesDe), fill(pick(random, CLOSERS_DE), valuesDe)];
  return {
    html: paragraphs.map((paragraph) => `<p>${paragraph.join(" ")}</p>`).join(""),
    htmlDe: `<p>${german.join(" ")}</p>`,
  };
}
