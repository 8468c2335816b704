/**
 * Why: the sandbox catalog — five hand-written products the storefront harness already sells (same ids, so the
 * demo can reuse them) and as many generated ones as asked, as Shopify Admin Product objects with options,
 * variants (price, compare-at price, availability), tags, vendor, type, metafields and collections. Generation
 * is sequential from one seeded stream: the first n products are the same whatever the total.
 */
import type { ProductDocument, ProductVariant } from "../../app/answers/documents";
import { describe } from "./descriptions";
import { chance, pick, pickSome, seeded, type Random } from "./random";
import { url } from "./shop";
import { COLOURS, FITS, KINDS, MATERIALS, NAMES, SCENTS, type Kind } from "./vocabulary";

/** Generated products that also get a German translation (the anchors always do). */
export const TRANSLATED_PRODUCTS = 120;

type Option = { name: string; nameDe: string; values: [string, string][]; step?: number };

const slug = (text: string) =>
  text
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
const collection = (handle: string, title: string) => ({
  id: `gid://shopify/Collection/${4000 + (hash(handle) % 5000)}`,
  handle,
  title,
});
const hash = (text: string) => [...text].reduce((sum, char) => (Math.imul(sum, 31) + char.charCodeAt(0)) >>> 0, 7);

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

interface Pair {
  en: ProductDocument;
  de: ProductDocument | null;
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

/** The harness shop's products (sandbox/storefront/catalog.ts), written out in full. */
function anchors(): Pair[] {
  const sizes = (base: number, price: string, soldOut: string[] = [], german = false): ProductVariant[] =>
    ["S", "M", "L", "XL"].map((size, k) => ({
      id: `gid://shopify/ProductVariant/${base + k}`,
      title: size,
      price,
      compareAtPrice: null,
      availableForSale: !soldOut.includes(size),
      selectedOptions: [{ name: german ? "Größe" : "Size", value: size }],
    }));
  const shirts = collection("shirts", "Shirts");
  const make = (
    id: number,
    handle: string,
    title: string,
    titleDe: string,
    type: string,
    html: string,
    htmlDe: string,
    variants: (german: boolean) => ProductVariant[],
    fields: [string, string][],
    fieldsDe: [string, string][],
    collections = [shirts],
  ): Pair => {
    const en: ProductDocument = {
      type: "product",
      id: `gid://shopify/Product/${id}`,
      locale: "en",
      handle,
      title,
      descriptionHtml: html,
      productType: type,
      vendor: "Harbor",
      tags: ["Apparel", "bestseller"],
      options: [
        { name: variants(false)[0]!.selectedOptions[0]!.name, values: variants(false).map((variant) => variant.title) },
      ],
      variants: variants(false),
      metafields: fields.map(([key, value]) => ({ namespace: "custom", key, value })),
      collections,
      onlineStoreUrl: url(`/products/${handle}`),
    };
    const de: ProductDocument = {
      ...en,
      locale: "de",
      title: titleDe,
      descriptionHtml: htmlDe,
      options: [
        { name: variants(true)[0]!.selectedOptions[0]!.name, values: variants(true).map((variant) => variant.title) },
      ],
      variants: variants(true),
      metafields: fieldsDe.map(([key, value]) => ({ namespace: "custom", key, value })),
      onlineStoreUrl: url(`/de/products/${handle}`),
    };
    return { en, de };
  };
  return [
    make(
      8011001,
      "linen-shirt",
      "Linen Shirt",
      "Leinenhemd",
      "Shirts",
      "<p>Our best-selling shirt, in washed European linen that feels soft from the first day. A relaxed fit with a camp collar, coconut buttons and a straight hem you can wear untucked.</p><p>It breathes on hot days and dries in an hour on the line.</p>",
      "<p>Unser meistverkauftes Hemd aus gewaschenem europäischem Leinen, vom ersten Tag an weich. Lockerer Schnitt mit Reverskragen und Kokosnussknöpfen.</p>",
      (german) => sizes(44001001, "59.00", [], german),
      [
        ["material", "100% European flax linen, garment-washed"],
        ["care", "Machine wash at 30 °C, line dry. Do not tumble dry."],
        ["fit", "Relaxed fit. Runs large: if you are between sizes, take the smaller one."],
      ],
      [
        ["material", "100 % europäisches Leinen, gewaschen"],
        ["passform", "Lockere Passform. Fällt groß aus: Liegst du zwischen zwei Größen, nimm die kleinere."],
      ],
    ),
    make(
      8011002,
      "oxford-shirt",
      "Oxford Shirt",
      "Oxfordhemd",
      "Shirts",
      "<p>A crisp cotton oxford with a button-down collar and a regular fit. Smart enough for the office, easy enough for the weekend.</p>",
      "<p>Ein klassisches Oxfordhemd aus Baumwolle mit Button-down-Kragen und normaler Passform.</p>",
      (german) => sizes(44002001, "65.00", ["S"], german),
      [
        ["material", "100% organic cotton oxford"],
        ["care", "Machine wash at 40 °C. Iron on medium heat."],
        ["fit", "Regular fit, true to size."],
      ],
      [
        ["material", "100 % Bio-Baumwolle"],
        ["passform", "Normale Passform, fällt größengerecht aus."],
      ],
    ),
    make(
      8011003,
      "chambray-shirt",
      "Chambray Shirt",
      "Chambrayhemd",
      "Shirts",
      "<p>Light chambray with a slubby texture and two flap pockets. True to size, with a slightly longer back.</p>",
      "<p>Leichtes Chambray mit lebendiger Struktur und zwei Pattentaschen.</p>",
      (german) => sizes(44003001, "55.00", [], german),
      [
        ["material", "100% organic cotton chambray"],
        ["care", "Machine wash at 30 °C with similar colours."],
        ["fit", "Regular fit, true to size."],
      ],
      [
        ["material", "100 % Bio-Baumwolle"],
        ["passform", "Normale Passform, fällt größengerecht aus."],
      ],
    ),
    make(
      8011004,
      "linen-trousers",
      "Linen Trousers",
      "Leinenhose",
      "Trousers",
      "<p>Wide-leg linen trousers with a drawstring waist and deep side pockets, made for hot days and long dinners outside.</p><p>The linen softens with every wash.</p>",
      "<p>Weite Leinenhose mit Tunnelzug und tiefen Seitentaschen, gemacht für heiße Tage.</p>",
      (german) => sizes(44004001, "79.00", [], german),
      [
        ["material", "100% European flax linen"],
        ["care", "Machine wash at 30 °C, line dry, iron while damp."],
        ["fit", "Relaxed fit with an elasticated drawstring waist. Runs slightly large."],
      ],
      [
        ["material", "100 % europäisches Leinen"],
        ["passform", "Lockere Passform mit elastischem Tunnelzug. Fällt etwas größer aus."],
      ],
      [collection("trousers", "Trousers")],
    ),
    make(
      8011005,
      "canvas-belt",
      "Canvas Belt",
      "Canvas-Gürtel",
      "Accessories",
      "<p>A sturdy waxed canvas belt with a solid brass buckle. One size, adjustable to a waist of 110 cm.</p>",
      "<p>Ein robuster Gürtel aus gewachstem Canvas mit Messingschnalle. Einheitsgröße.</p>",
      (german) => [
        {
          id: "gid://shopify/ProductVariant/44005001",
          title: "Default Title",
          price: "25.00",
          compareAtPrice: null,
          availableForSale: true,
          selectedOptions: [{ name: german ? "Titel" : "Title", value: "Default Title" }],
        },
      ],
      [
        ["material", "Waxed organic cotton canvas, brass buckle"],
        ["care", "Spot clean with a damp cloth."],
      ],
      [["material", "Gewachstes Bio-Baumwoll-Canvas, Messingschnalle"]],
      [collection("accessories", "Accessories")],
    ),
  ];
}

/** `count` products in English (the anchors first), plus the German translations that exist. */
export function products(count: number, seed = 20261203): ProductDocument[] {
  const random = seeded(seed);
  const used = new Set<string>(["Linen Shirt", "Oxford Shirt", "Chambray Shirt", "Linen Trousers", "Canvas Belt"]);
  const pairs = anchors().slice(0, count);
  for (let n = 0; pairs.length < count; n++) pairs.push(generated(random, n, used));
  return pairs.flatMap((pair) => (pair.de ? [pair.en, pair.de] : [pair.en]));
}
