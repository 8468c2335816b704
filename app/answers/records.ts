/**
 * Why: what the index keeps beside its term lists to answer without another lookup — the passage text to
 * quote and, for products, the structured facts (prices, availability, options) that answers are built from.
 * Kept compact because the whole shelf is persisted and parsed again on a cold start.
 */
import type { ProductDocument, ProductImage, SourceType } from "./documents";
import { htmlToText } from "./text";

/** A quotable piece of a page, policy or FAQ (a FAQ is one passage: its answer). */
export interface Passage {
  id: string;
  docId: string;
  type: Exclude<SourceType, "product">;
  title: string;
  heading: string | null;
  /** A FAQ's other wordings of its question. */
  variants?: string[];
  text: string;
  url: string | null;
}

export interface VariantRecord {
  id: string;
  /** Option values in the product's option order. */
  values: string[];
  price: string;
  compareAtPrice: string | null;
  available: boolean;
}

export interface ProductRecord {
  id: string;
  handle: string;
  title: string;
  url: string;
  productType: string;
  vendor: string;
  tags: string[];
  options: { name: string; values: string[] }[];
  variants: VariantRecord[];
  /** The description as plain text. */
  description: string;
  /** One line per picked metafield ("Care: Machine wash cold"). */
  details: string[];
  collections: { handle: string; title: string }[];
  /** The featured image for product cards; absent in records saved before images were read. */
  image?: ProductImage | null;
}

/** The record kept for a product document: facts as stored, prose as text. */
export function productRecordOf(product: ProductDocument): ProductRecord {
  const metafieldLines = product.metafields.map((field) => `${labelOf(field.key)}: ${field.value}`);
  return {
    id: product.id,
    handle: product.handle,
    title: product.title,
    url: product.onlineStoreUrl ?? `/products/${product.handle}`,
    productType: product.productType,
    vendor: product.vendor,
    tags: product.tags,
    options: product.options,
    variants: product.variants.map((variant) => ({
      id: variant.id,
      values: product.options.map(
        (option) => variant.selectedOptions.find((selected) => selected.name === option.name)?.value ?? "",
      ),
      price: variant.price,
      compareAtPrice: variant.compareAtPrice,
      available: variant.availableForSale,
    })),
    description: htmlToText(product.descriptionHtml),
    details: metafieldLines,
    collections: product.collections.map(({ handle, title }) => ({ handle, title })),
    image: product.featuredImage ?? null,
  };
}

/** The product's prose to quote from: description, then its details. */
export function productText(record: ProductRecord): string {
  return [record.description, ...record.details].filter(Boolean).join("\n");
}

/** "care_instructions" → "Care instructions". */
function labelOf(key: string): string {
  const words = key.replace(/[_-]+/g, " ").trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * The products' records of a shelf. Loaded from a saved index, a record stays a JSON string until a question
 * needs it: parsing ten thousand products' variants up front is most of a cold start, and a question reads a few.
 */
export class RecordStore {
  private readonly parsed = new Map<string, ProductRecord>();
  private readonly raw = new Map<string, string>();
  private readonly byHandle = new Map<string, string>();

  get(id: string): ProductRecord | undefined {
    const found = this.parsed.get(id);
    if (found) return found;
    const json = this.raw.get(id);
    if (json === undefined) return undefined;
    const record = JSON.parse(json) as ProductRecord;
    this.parsed.set(id, record);
    this.raw.delete(id);
    return record;
  }

  has(id: string): boolean {
    return this.parsed.has(id) || this.raw.has(id);
  }

  set(record: ProductRecord): void {
    this.delete(record.id);
    this.parsed.set(record.id, record);
    this.byHandle.set(record.handle, record.id);
  }

  /** A record as saved, parsed only when first read. */
  setSaved(id: string, handle: string, json: string): void {
    this.delete(id);
    this.raw.set(id, json);
    this.byHandle.set(handle, id);
  }

  delete(id: string): void {
    if (!this.has(id)) return;
    const handle = this.parsed.get(id)?.handle ?? [...this.byHandle].find(([, owner]) => owner === id)?.[0];
    if (handle !== undefined && this.byHandle.get(handle) === id) this.byHandle.delete(handle);
    this.parsed.delete(id);
    this.raw.delete(id);
  }

  idOfHandle(handle: string): string | undefined {
    return this.byHandle.get(handle);
  }

  get size(): number {
    return this.parsed.size + this.raw.size;
  }

  /** Every record as [id, handle, JSON], without parsing the ones still saved. */
  *saved(): Generator<[string, string, string]> {
    for (const [handle, id] of this.byHandle)
      yield [id, handle, this.raw.get(id) ?? JSON.stringify(this.parsed.get(id))];
  }
}
