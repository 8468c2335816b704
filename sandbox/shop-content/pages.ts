/**
 * Why: the sandbox shop's online-store pages as Shopify Page objects: the 25 written pages (most also in
 * German) and, for the speed measure, as many generated journal pages as asked (a large shop's guides,
 * lookbooks and event notes), written from varied sentence pools.
 */
import type { PageDocument } from "../../app/answers/documents";
import { PAGES_DE } from "./pages-de";
import { PAGES_EN } from "./pages-en";
import { pick, seeded } from "./random";
import { pageUrl } from "./shop";
import { KINDS, MATERIALS, NAMES } from "./vocabulary";

/** Stable page ids: one per handle, in the order the pages are written. */
export const PAGE_IDS: Record<string, string> = Object.fromEntries(
  Object.keys(PAGES_EN).map((handle, i) => [handle, `gid://shopify/Page/${93001 + i}`]),
);

const PLACES = [
  "the Elbe valley",
  "the Harz mountains",
  "the Baltic coast",
  "the Dolomites",
  "the Scottish Highlands",
  "Lisbon",
  "Copenhagen",
  "the Black Forest",
  "Lake Constance",
  "the Lofoten islands",
];
const SEASONS = ["spring", "summer", "autumn", "winter"];
const TEMPLATES: ((r: () => number) => { title: string; paragraphs: string[] })[] = [
  (r) => {
    const place = pick(r, PLACES);
    return {
      title: `Journal: a weekend in ${place}`,
      paragraphs: [
        `Our design team spent a long weekend in ${place} testing next season's samples.`,
        `The weather changed four times a day, which is exactly what we wanted: layers were added, removed and argued about over coffee.`,
        `What we packed: two shirts, one warm layer, a shell and far too many socks. What we learned goes straight into the next production run.`,
      ],
    };
  },
  (r) => {
    const kind = pick(r, KINDS);
    const material = MATERIALS[pick(r, kind.materials)]!;
    return {
      title: `How it's made: the ${kind.noun.toLowerCase()} in ${material.en.toLowerCase()}`,
      paragraphs: [
        `Every ${kind.noun.toLowerCase()} starts as a sketch in Hamburg and ends in a workshop in ${material.origin}.`,
        material.story,
        `Between the two are three rounds of samples, a wear test by our own team and a lot of small corrections you will never notice, except in how it feels after a year.`,
      ],
    };
  },
  (r) => {
    const season = pick(r, SEASONS);
    return {
      title: `Lookbook: ${season} edit ${2020 + Math.floor(r() * 7)}`,
      paragraphs: [
        `Our ${season} lookbook was shot on film over two grey days by the harbour.`,
        `Quiet colours, honest materials and pieces that work together: the edit is built around a few shapes you can wear all ${season}.`,
        `Every piece in the pictures is linked below, with the size our models wear.`,
      ],
    };
  },
  (r) => {
    const name = pick(r, NAMES);
    return {
      title: `Meet the makers: ${name} workshop`,
      paragraphs: [
        `The ${name} workshop is a family business in its third generation, and we have worked with them since 2016.`,
        `Twelve people work there; most of them have been there for more than ten years. They sew, cut, check and pack, and they tell us when a design will not last.`,
        `We pay for samples upfront and agree on prices before production, so the workshop never carries our risk.`,
      ],
    };
  },
];

/** The written pages in English and German, then `extra` generated journal pages in English. */
export function pages(extra = 0, seed = 7): PageDocument[] {
  const written = Object.entries(PAGES_EN).flatMap(([handle, text]) => {
    const id = PAGE_IDS[handle]!;
    const en: PageDocument = {
      type: "page",
      id,
      locale: "en",
      handle,
      title: text.title,
      body: text.body,
      url: pageUrl(handle),
    };
    const german = PAGES_DE[handle];
    return german
      ? [en, { ...en, locale: "de", title: german.title, body: german.body, url: pageUrl(handle, "de") }]
      : [en];
  });
  const random = seeded(seed);
  const journal: PageDocument[] = Array.from({ length: extra }, (_, i) => {
    const { title, paragraphs } = pick(random, TEMPLATES)(random);
    const handle = `journal-${i + 1}`;
    return {
      type: "page",
      id: `gid://shopify/Page/${95000 + i}`,
      locale: "en",
      handle,
      title,
      body: paragraphs.map((paragraph) => `<p>${paragraph}</p>`).join(""),
      url: pageUrl(handle),
    };
  });
  return [...written, ...journal];
}
