/**
 * Why: the sandbox catalog — five hand-written products the storefront harness already sells (same ids, so the
 * demo can reuse them) and as many generated ones as asked, as Shopify Admin Product objects with options,
 * variants (price, compare-at price, availability), tags, vendor, type, metafields and collections. Generation
 * is sequential from one seeded stream: the first n products are the same whatever the total.
 */
import type { ProductDocument, ProductVariant } from "../../app/answers/documents";
import { describe } from "./descriptions";
import { chance, pick, pickSome, seeded, type Random } from "./random";
import { anchors } from "./anchors";
import { collection, hash, productImage, slug, type Pair } from "./catalog-helpers";
import { url } from "./shop";
import { COLOURS, FITS, KINDS, MATERIALS, NAMES, SCENTS, type Kind } from "./vocabulary";

/** Generated products that also get a German translation (the anchors always do). */
export const TRANSLATED_PRODUCTS = 120;

type Option = { name: string; nameDe: string; values: [string, string][]; step?: number };

function optionsFor(random: Random, kind: Kind): Option[] {
  const colours = (count: number): Option => ({
    name: "Color",
    nameDe: "Farbe",
    values: pickSome(random, COLOURS, count),
  });
  const sizes = (all: string[], least: number): Option => {
    const count = least + Math.floor(random() * (all.length - least + 1));
    const start = Math.floor(random() * (all.length - count + 1));
    return { name: "Size", nameDe: "Größe", values: all.slice(start, start + count).map((size) => [size, size]) };
  };
  switch (kind.options) {
    case "tops":
      return [sizes(["XS", "S", "M", "L", "XL", "XXL"], 4), colours(1 + Math.floor(random() * 3))];
    case "trousers":
      return [sizes(["S", "M", "L", "XL"], 3), colours(1 + Math.floor(random() * 3))];
    case "shoes":
      return [sizes(["37", "38", "39", "40", "41", "42", "43", "44", "45"], 5), colours(1 + Math.floor(random() * 2))];
    case "bedding":
      return [
        {
          name: "Size",
          nameDe: "Größe",
          values: [
            ["135 × 200 cm", "135 × 200 cm"],
            ["155 × 220 cm", "155 × 220 cm"],
            ["200 × 220 cm", "200 × 220 cm"],
          ],
          step: 25,
        },
        colours(1 + Math.floor(random() * 3)),
      ];
    case "colour":
      return [colours(1 + Math.floor(random() * 4))];
    case "beauty":
      return kind.type === "Candles"
        ? [{ name: "Scent", nameDe: "Duft", values: pickSome(random, SCENTS, 2 + Math.floor(random() * 3)) }]
        : [
            {
              name: "Size",
              nameDe: "Größe",
              values: [
                ["30 ml", "30 ml"],
                ["50 ml", "50 ml"],
              ],
              step: 12,
            },
          ];
    case "capacity":
      return [
        {
          name: "Size",
          nameDe: "Größe",
          values: [
            ["20 L", "20 L"],
            ["30 L", "30 L"],
          ],
          step: 20,
        },
        colours(1 + Math.floor(random() * 2)),
      ];
    default:
      return [{ name: "Title", nameDe: "Titel", values: [["Default Title", "Default Title"]] }];
  }
}

function combinations(options: Option[]): number[][] {
  return options.reduce<number[][]>(
    (rows, option) => rows.flatMap((row) => option.values.map((_, i) => [...row, i])),
    [[]],
  );
}

function generated(random: Random, n: number, used: Set<string>): Pair {
  const kind = pick(random, KINDS);
  const materialKey = pick(random, kind.materials);
  const material = MATERIALS[materialKey]!;
  const withMaterial = !kind.noun.toLowerCase().includes(material.en.toLowerCase()) && chance(random, 0.75);
  let name = pick(random, NAMES);
  let title = `${name} ${withMaterial ? `${material.en} ` : ""}${kind.noun}`;
  for (let tries = 0; used.has(title) && tries < NAMES.length; tries++) {
    name = pick(random, NAMES);
    title = `${name} ${withMaterial ? `${material.en} ` : ""}${kind.noun}`;
  }
  if (used.has(title)) title = `${title} ${n}`;
  used.add(title);
  const compound =
    kind.nounDe.includes(" ") || kind.nounDe.includes("-")
      ? `${kind.nounDe} aus ${material.de}`
      : material.dePrefix.endsWith("-")
        ? `${material.dePrefix}${kind.nounDe}`
        : `${material.dePrefix}${kind.nounDe.toLowerCase()}`;
  const titleDe = `${name} ${withMaterial ? compound : kind.nounDe}`;
  const id = 8012000 + n;
  const options = optionsFor(random, kind);
  const base = Math.round(kind.price[0] + random() * (kind.price[1] - kind.price[0]));
  const cents = chance(random, 0.4) ? ".90" : ".00";
  const onSale = chance(random, 0.18);
  const soldOut = chance(random, 0.04);
  const ratio = 1.2 + Math.floor(random() * 4) / 10;
  const fit =
    ["Apparel", "Outdoor"].includes(kind.category) && kind.options !== "single" && kind.options !== "colour"
      ? pick(random, FITS)
      : null;
  const variantsFor = (german: boolean): ProductVariant[] =>
    combinations(options).map((row, k) => {
      const price = base + row.reduce((sum, index, o) => sum + index * (options[o]!.step ?? 0), 0);
      return {
        id: `gid://shopify/ProductVariant/${45000000 + n * 60 + k}`,
        title: row.map((index, o) => options[o]!.values[index]![german ? 1 : 0]).join(" / "),
        price: `${price}${cents}`,
        compareAtPrice: onSale ? `${Math.round(price * ratio)}.00` : null,
        availableForSale: !soldOut && hash(`${n}-${k}`) % 100 < 88,
        selectedOptions: row.map((index, o) => ({
          name: german ? options[o]!.nameDe : options[o]!.name,
          value: options[o]!.values[index]![german ? 1 : 0],
        })),
      };
    });
  const described = describe(random, kind, material, name, title, titleDe);
  const tags = [
    kind.category,
    material.en,
    kind.season,
    ...pickSome(
      random,
      ["bestseller", "new", "gift idea", "limited", "organic", "vegan", "made in europe"],
      1 + Math.floor(random() * 2),
    ),
  ];
  const collections = [
    collection(slug(kind.category), kind.category),
    collection(slug(kind.type), kind.type),
    ...(onSale ? [collection("sale", "Sale")] : []),
    ...(tags.includes("new") ? [collection("new-arrivals", "New arrivals")] : []),
  ];
  const metafields = [
    { namespace: "custom", key: "material", value: material.composition },
    { namespace: "custom", key: "care", value: material.care },
    ...(fit ? [{ namespace: "custom", key: "fit", value: fit.fit }] : []),
    { namespace: "custom", key: "origin", value: `Made in ${material.origin}` },
  ];
  const handle = slug(title);
  const en: ProductDocument = {
    type: "product",
    id: `gid://shopify/Product/${id}`,
    locale: "en",
    handle,
    title,
    descriptionHtml: described.html,
    productType: kind.type,
    vendor: "Harbor & Field",
    tags,
    options: options.map((option) => ({ name: option.name, values: option.values.map(([value]) => value) })),
    variants: variantsFor(false),
    metafields,
    collections,
    onlineStoreUrl: url(`/products/${handle}`),
    featuredImage: productImage(handle, title),
  };
  const de: ProductDocument | null =
    n < TRANSLATED_PRODUCTS
      ? {
          ...en,
          locale: "de",
          title: titleDe,
          descriptionHtml: described.htmlDe,
          productType: kind.typeDe,
          options: options.map((option) => ({ name: option.nameDe, values: option.values.map(([, value]) => value) })),
          variants: variantsFor(true),
          metafields: [
            { namespace: "custom", key: "material", value: material.de },
            ...(fit ? [{ namespace: "custom", key: "passform", value: fit.fitDe }] : []),
          ],
          onlineStoreUrl: url(`/de/products/${handle}`),
        }
      : null;
  return { en, de };
}

/** `count` products in English (the anchors first), plus the German translations that exist. */
export function products(count: number, seed = 20261203): ProductDocument[] {
  const random = seeded(seed);
  const used = new Set<string>(["Linen Shirt", "Oxford Shirt", "Chambray Shirt", "Linen Trousers", "Canvas Belt"]);
  const pairs = anchors().slice(0, count);
  for (let n = 0; pairs.length < count; n++) pairs.push(generated(random, n, used));
  return pairs.flatMap((pair) => (pair.de ? [pair.en, pair.de] : [pair.en]));
}
