/**
 * Why: the five products the storefront harness already sells (sandbox/storefront/catalog.ts: same ids and variant
 * ids), written out in full, in English and German, so the demo and the answers benchmark share them.
 */
import type { ProductDocument, ProductVariant } from "../../app/answers/documents";
import { collection, productImage, type Pair } from "./catalog-helpers";
import { url } from "./shop";

export function anchors(): Pair[] {
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
      featuredImage: productImage(handle, title),
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
