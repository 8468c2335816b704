/**
 * Why: a stored source row and a core document are the same thing in two shapes; converting both ways here,
 * pure, keeps the table flat enough for the admin to count and list, and the index fed with exactly the
 * documents the sync mapped. A row whose facts no longer parse fails with its id, never as a half product.
 */
import { z } from "zod";
import type { FaqDocument, KnowledgeDocument, PolicyType, SynonymGroup } from "../documents";
import type { ProductTranslationKeys } from "./product-translations";

export type SourceDocument = Exclude<KnowledgeDocument, { type: "faq" }>;

/** The columns of a KnowledgeSource row the sync writes (shop, timestamps and tombstone aside). */
export interface SourceRow {
  id: string;
  locale: string;
  type: SourceDocument["type"];
  handle: string | null;
  title: string;
  body: string;
  url: string | null;
  productType: string | null;
  vendor: string | null;
  policyType: string | null;
  facts: string | null;
}

const factsSchema = z.object({
  tags: z.array(z.string()),
  options: z.array(z.object({ name: z.string(), values: z.array(z.string()) })),
  variants: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      price: z.string(),
      compareAtPrice: z.string().nullable(),
      availableForSale: z.boolean(),
      selectedOptions: z.array(z.object({ name: z.string(), value: z.string() })),
    }),
  ),
  metafields: z.array(z.object({ namespace: z.string(), key: z.string(), value: z.string() })),
  collections: z.array(z.object({ id: z.string(), handle: z.string(), title: z.string() })),
  /** Absent on rows stored before images were read. */
  featuredImage: z
    .object({
      url: z.string(),
      altText: z.string().nullable(),
      width: z.number().int().nullable(),
      height: z.number().int().nullable(),
    })
    .nullable()
    .optional(),
  /** Primary rows only: the ids its translations are keyed by (product-translations.ts). */
  translationKeys: z
    .object({
      options: z.array(z.object({ id: z.string(), values: z.array(z.object({ id: z.string(), name: z.string() })) })),
      metafields: z.array(z.object({ id: z.string() })),
    })
    .optional(),
});

export function rowOf(document: SourceDocument, translationKeys?: ProductTranslationKeys): SourceRow {
  const common = {
    id: document.id,
    locale: document.locale,
    type: document.type,
    title: document.title,
    productType: null,
    vendor: null,
    policyType: null,
    facts: null,
  };
  switch (document.type) {
    case "product": {
      const { tags, options, variants, metafields, collections, featuredImage } = document;
      return {
        ...common,
        handle: document.handle,
        body: document.descriptionHtml,
        url: document.onlineStoreUrl,
        productType: document.productType,
        vendor: document.vendor,
        facts: JSON.stringify({ tags, options, variants, metafields, collections, featuredImage, translationKeys }),
      };
    }
    case "page":
      return { ...common, handle: document.handle, body: document.body, url: document.url };
    case "policy":
      return { ...common, handle: null, body: document.body, url: document.url, policyType: document.policyType };
  }
}

function productFacts(row: SourceRow): z.infer<typeof factsSchema> {
  const facts = factsSchema.safeParse(JSON.parse(row.facts ?? "null"));
  if (!facts.success)
    throw new Error(`stored product ${row.id} (${row.locale}) has unreadable facts: ${facts.error.message}`);
  return facts.data;
}

/** The ids a stored product's translations are keyed by (none on pages, policies and translated rows). */
export function translationKeysOfRow(row: SourceRow): ProductTranslationKeys | undefined {
  return row.type === "product" ? productFacts(row).translationKeys : undefined;
}

export function documentOf(row: SourceRow): SourceDocument {
  switch (row.type) {
    case "product": {
      const { translationKeys: _keys, ...facts } = productFacts(row);
      return {
        type: "product",
        id: row.id,
        locale: row.locale,
        handle: row.handle ?? "",
        title: row.title,
        descriptionHtml: row.body,
        productType: row.productType ?? "",
        vendor: row.vendor ?? "",
        ...facts,
        onlineStoreUrl: row.url,
      };
    }
    case "page":
      return {
        type: "page",
        id: row.id,
        locale: row.locale,
        handle: row.handle ?? "",
        title: row.title,
        body: row.body,
        url: row.url ?? "",
      };
    case "policy":
      return {
        type: "policy",
        id: row.id,
        locale: row.locale,
        policyType: row.policyType as PolicyType,
        title: row.title,
        body: row.body,
        url: row.url ?? "",
      };
    default:
      throw new Error(`stored source ${(row as SourceRow).id} has an unknown type ${(row as SourceRow).type}`);
  }
}

const stringList = z.array(z.string());

/** A stored JSON list of strings (FAQ variants, synonym terms); anything else in it is skipped. */
export function storedStringList(json: string): string[] {
  const parsed: unknown = JSON.parse(json);
  return Array.isArray(parsed) ? parsed.filter((entry): entry is string => typeof entry === "string") : [];
}

/** A stored FAQ row as the core's document. */
export function faqDocumentOf(row: {
  id: string;
  locale: string;
  question: string;
  variants: string;
  answer: string;
  linkTitle: string | null;
  linkUrl: string | null;
}): FaqDocument {
  const variants = stringList.safeParse(JSON.parse(row.variants));
  if (!variants.success) throw new Error(`FAQ ${row.id} has unreadable question variants`);
  return {
    type: "faq",
    id: row.id,
    locale: row.locale,
    question: row.question,
    variants: variants.data,
    answer: row.answer,
    ...(row.linkUrl ? { link: { title: row.linkTitle ?? row.question, url: row.linkUrl } } : {}),
  };
}

export function synonymGroupOf(row: { id: string; locale: string; terms: string }): SynonymGroup {
  const terms = stringList.safeParse(JSON.parse(row.terms));
  if (!terms.success) throw new Error(`synonym group ${row.id} has unreadable terms`);
  return { locale: row.locale, terms: terms.data };
}
