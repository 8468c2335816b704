/**
 * Why: the answering core reads the shop's knowledge in one shape, close to Shopify's Admin GraphQL objects
 * (gids, handles, decimal-string money, HTML bodies), so the later sync maps each object 1:1 and the index,
 * the tests and the sandbox shop all speak the same documents. Translations are the same id in another locale.
 */

/** A BCP-47-ish locale as the storefront sends it ("en", "de", "de-CH"); answers use its language part. */
export type Locale = string;

export interface SelectedOption {
  name: string;
  value: string;
}

export interface ProductVariant {
  id: string; // gid://shopify/ProductVariant/…
  title: string;
  /** Shopify's Money scalar: a decimal string in the shop's currency. */
  price: string;
  compareAtPrice: string | null;
  availableForSale: boolean;
  selectedOptions: SelectedOption[];
}

/** Shopify's Image, as the product's featured media shows it: the original on Shopify's CDN. */
export interface ProductImage {
  url: string;
  /** The merchant's alt text (null when they wrote none). */
  altText: string | null;
  width: number | null;
  height: number | null;
}

export interface ProductDocument {
  type: "product";
  id: string; // gid://shopify/Product/…
  locale: Locale;
  handle: string;
  title: string;
  descriptionHtml: string;
  productType: string;
  vendor: string;
  tags: string[];
  options: { name: string; values: string[] }[];
  variants: ProductVariant[];
  /** Only the namespaces the merchant picked (material, care, fit…). */
  metafields: { namespace: string; key: string; value: string }[];
  collections: { id: string; handle: string; title: string }[];
  onlineStoreUrl: string | null;
  /** Optional: documents stored before images were read have none (the next sync adds it). */
  featuredImage?: ProductImage | null;
}

export type PolicyType =
  "REFUND_POLICY" | "SHIPPING_POLICY" | "PRIVACY_POLICY" | "TERMS_OF_SERVICE" | "CONTACT_INFORMATION";

export interface PolicyDocument {
  type: "policy";
  id: string; // gid://shopify/ShopPolicy/…
  locale: Locale;
  policyType: PolicyType;
  title: string;
  body: string; // HTML
  url: string;
}

export interface PageDocument {
  type: "page";
  id: string; // gid://shopify/Page/…
  locale: Locale;
  handle: string;
  title: string;
  body: string; // HTML
  url: string;
}

/** The merchant's own FAQ entry, edited in ChatLift's admin (not a Shopify object). */
export interface FaqDocument {
  type: "faq";
  id: string;
  locale: Locale;
  question: string;
  /** Other ways shoppers ask the same thing. */
  variants: string[];
  answer: string;
  link?: { title: string; url: string };
}

export type KnowledgeDocument = ProductDocument | PolicyDocument | PageDocument | FaqDocument;
export type SourceType = KnowledgeDocument["type"];

/** Words the merchant says mean the same in their shop ("jumper", "sweater"), per locale. */
export interface SynonymGroup {
  locale: Locale;
  terms: string[];
}

export interface ShopProfile {
  name: string;
  primaryLocale: Locale;
  currencyCode: string;
}

/** The language part of a locale, lowercased: "de-CH" → "de". */
export function languageOf(locale: Locale): string {
  return locale.toLowerCase().split(/[-_]/)[0] ?? "";
}
