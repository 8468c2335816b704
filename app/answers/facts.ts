/**
 * Why: prices, compare-at prices, availability and options are answered from the product's stored data,
 * never from its prose (a description can be stale; the variant data is what the cart will charge). Also
 * builds the product cards a shopper can add to the cart, narrowed to the option values they asked about.
 */
import type { FactKind, Language } from "./language";
import type { ProductImage } from "./documents";
import type { ProductRecord, VariantRecord } from "./records";
import { fold, normalise } from "./text";

export interface ProductCard {
  id: string;
  title: string;
  url: string;
  price: string;
  compareAtPrice: string | null;
  available: boolean;
  variants: { id: string; title: string; price: string; compareAtPrice: string | null; available: boolean }[];
  image: ProductImage | null;
}

/** Option values of a product named in the question ("blue", "XL"), as [option index, value]. */
export function mentionedValues(question: string, record: ProductRecord): [number, string][] {
  // "what's" must not read as the size "S": the letters after an apostrophe belong to the word before it.
  const words = ` ${fold(normalise(question.replace(/(\p{L})['’](\p{L}{1,2})\b/gu, "$1")))} `;
  const found: [number, string][] = [];
  record.options.forEach((option, i) => {
    if (option.values.length < 2) return;
    for (const value of option.values) {
      const plain = fold(normalise(value));
      if (plain && (words.includes(` ${plain} `) || (plain.length > 3 && words.includes(` ${plain}s `))))
        found.push([i, value]);
    }
  });
  return found;
}

/** Variants having every mentioned value (values of the same option are alternatives). */
export function matchingVariants(record: ProductRecord, mentioned: [number, string][]): VariantRecord[] {
  const byOption = new Map<number, Set<string>>();
  for (const [i, value] of mentioned) byOption.set(i, (byOption.get(i) ?? new Set()).add(value));
  return record.variants.filter((variant) => [...byOption].every(([i, values]) => values.has(variant.values[i] ?? "")));
}

export function money(amount: string, currency: string, locale: string): string {
  const value = Number(amount);
  try {
    return new Intl.NumberFormat(locale, { style: "currency", currency }).format(value);
  } catch {
    return `${value.toFixed(2)} ${currency}`;
  }
}

const variantTitle = (variant: VariantRecord) => variant.values.filter(Boolean).join(" / ") || "Default";

export function cardOf(record: ProductRecord, mentioned: [number, string][]): ProductCard {
  const matching = matchingVariants(record, mentioned);
  const variants = (matching.length ? matching : record.variants).map((variant) => ({
    id: variant.id,
    title: variantTitle(variant),
    price: variant.price,
    compareAtPrice: variant.compareAtPrice,
    available: variant.available,
  }));
  const cheapest = [...variants].sort((a, b) => Number(a.price) - Number(b.price))[0];
  return {
    id: record.id,
    title: record.title,
    url: record.url,
    price: cheapest?.price ?? "0.00",
    compareAtPrice: cheapest?.compareAtPrice ?? null,
    available: variants.some((variant) => variant.available),
    variants,
    image: record.image ?? null,
  };
}

/** The fact sentences for the asked kinds, in the shopper's language, from the variants that match. */
export function factAnswer(
  kinds: FactKind[],
  record: ProductRecord,
  mentioned: [number, string][],
  language: Language,
  format: (amount: string) => string,
): string {
  const matching = matchingVariants(record, mentioned);
  const variants = matching.length ? matching : record.variants;
  const asked = mentioned.map(([, value]) => value);
  const m = language.messages;
  const sentences: string[] = [];
  for (const kind of kinds) {
    if (kind === "price" || kind === "sale") {
      const sorted = [...variants].sort((a, b) => Number(a.price) - Number(b.price));
      const low = sorted[0];
      if (!low) continue;
      const varies = sorted.some((variant) => variant.price !== low.price);
      const reduced =
        low.compareAtPrice && Number(low.compareAtPrice) > Number(low.price) ? format(low.compareAtPrice) : null;
      if (kind === "sale" && !reduced && !kinds.includes("price")) sentences.push(m.noSale(record.title));
      else if (kind === "price" || !kinds.includes("price"))
        sentences.push(m.price(record.title, format(low.price), reduced, varies));
    } else if (kind === "availability") {
      const inStock = variants.filter((variant) => variant.available);
      const soldOut = variants.filter((variant) => !variant.available);
      const named = (list: VariantRecord[]) =>
        list.length === variants.length && asked.length
          ? asked
          : list.length === variants.length
            ? []
            : list.map(variantTitle);
      if (inStock.length) sentences.push(m.available(record.title, named(inStock).slice(0, 8)));
      if (soldOut.length) sentences.push(m.soldOut(record.title, named(soldOut).slice(0, 8)));
    } else {
      const options = record.options.filter(
        (option) => option.values.length > 1 || option.name.toLowerCase() !== "title",
      );
      sentences.push(m.options(record.title, options));
    }
  }
  return sentences.join(" ");
}

/** Which fact kinds the question asks for, in the order the language lists them. */
export function factKindsOf(normalised: string, language: Language): FactKind[] {
  return (Object.keys(language.facts) as FactKind[]).filter((kind) => language.facts[kind].test(normalised));
}
