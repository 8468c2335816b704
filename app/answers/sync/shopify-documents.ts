/**
 * Why: Shopify's objects become the answering core's documents here, pure, so the sync, the webhooks and the
 * tests map them one way. A translation is the primary document with Shopify's translated fields laid over it,
 * in that locale, and its address moved under the locale's storefront root (shop.com/de/…), as shoppers see it.
 */
import type {
  PageNode,
  PolicyNode,
  ProductNode,
  ShopAnswer,
  TranslatedResource,
  VariantNode,
} from "../../integrations/shopify/knowledge.graphql";
import type {
  KnowledgeDocument,
  Locale,
  PageDocument,
  PolicyDocument,
  PolicyType,
  ProductDocument,
  ProductImage,
  ShopProfile,
} from "../documents";
import { withNestedTranslations, type ProductTranslationKeys } from "./product-translations";

/** What a pass learns about the shop before reading its content. */
export interface ShopSettings extends ShopProfile {
  /** Published locales, primary first. */
  locales: Locale[];
  /** The storefront root of each locale: the primary domain, and its subfolder for the others ("https://shop.com/de"). */
  roots: Record<Locale, string>;
}

const POLICY_TYPES: readonly PolicyType[] = [
  "REFUND_POLICY",
  "SHIPPING_POLICY",
  "PRIVACY_POLICY",
  "TERMS_OF_SERVICE",
  "CONTACT_INFORMATION",
];

export function shopSettingsOf(answer: ShopAnswer): ShopSettings {
  const published = answer.shopLocales.filter((locale) => locale.published || locale.primary);
  const primary = published.find((locale) => locale.primary)?.locale ?? answer.shopLocales[0]?.locale;
  if (!primary) throw new Error("Shopify named no locale for the shop");
  const locales = [primary, ...published.map((locale) => locale.locale).filter((locale) => locale !== primary)];
  const primaryRoot = trimSlash(answer.shop.primaryDomain.url);
  const roots: Record<Locale, string> = { [primary]: primaryRoot };
  // Shopify's default for a market's other languages is a subfolder of the primary domain (shop.com/de).
  for (const locale of locales.slice(1)) roots[locale] = `${primaryRoot}/${locale}`;
  return { name: answer.shop.name, currencyCode: answer.shop.currencyCode, primaryLocale: primary, locales, roots };
}

/**
 * A product in the primary locale, with only the metafields of the namespaces the merchant picked. `moreVariants`
 * are those read past the first page of a large product.
 */
export function productDocumentOf(
  node: ProductNode,
  locale: Locale,
  namespaces: readonly string[],
  moreVariants: VariantNode[] = [],
): ProductDocument {
  const picked = new Set(namespaces);
  return {
    type: "product",
    id: node.id,
    locale,
    handle: node.handle,
    title: node.title,
    descriptionHtml: node.descriptionHtml,
    productType: node.productType,
    vendor: node.vendor,
    tags: node.tags,
    options: node.options.map((option) => ({ name: option.name, values: option.values })),
    variants: [...node.variants.nodes, ...moreVariants].map((variant) => ({
      id: variant.id,
      title: variant.title,
      price: variant.price,
      compareAtPrice: variant.compareAtPrice,
      availableForSale: variant.availableForSale,
      selectedOptions: variant.selectedOptions,
    })),
    metafields: node.metafields.nodes
      .filter((field) => picked.has(field.namespace))
      .map(({ namespace, key, value }) => ({ namespace, key, value })),
    collections: node.collections.nodes.map(({ id, handle, title }) => ({ id, handle, title })),
    onlineStoreUrl: node.onlineStoreUrl,
    featuredImage: featuredImageOf(node.featuredMedia),
  };
}

/** The featured media's image (a video's poster for a video), with the alt text the merchant gave the media. */
function featuredImageOf(media: ProductNode["featuredMedia"]): ProductImage | null {
  const image = media?.preview?.image;
  if (!image) return null;
  return { url: image.url, altText: media.alt?.trim() || null, width: image.width, height: image.height };
}

/** Shoppers can only be pointed at what they can buy: drafts, archived and unlisted products are left out. */
export function isForSale(node: Pick<ProductNode, "status">): boolean {
  return node.status === "ACTIVE";
}

/** Pages are answered from only while published (a hidden page is the merchant's draft). */
export function pageDocumentOf(node: PageNode, settings: ShopSettings): PageDocument | null {
  if (!node.isPublished) return null;
  const locale = settings.primaryLocale;
  return {
    type: "page",
    id: node.id,
    locale,
    handle: node.handle,
    title: node.title,
    body: node.body,
    url: `${settings.roots[locale]}/pages/${node.handle}`,
  };
}

/** A policy the core knows the kind of, with something in it (Shopify lists empty policies too). */
export function policyDocumentOf(node: PolicyNode, locale: Locale): PolicyDocument | null {
  if (!(POLICY_TYPES as readonly string[]).includes(node.type) || !node.body.trim()) return null;
  return {
    type: "policy",
    id: node.id,
    locale,
    policyType: node.type as PolicyType,
    title: node.title,
    body: node.body,
    url: node.url,
  };
}

/** Shopify's translatable keys of each kind, and the document field each one replaces. */
const TRANSLATED_FIELDS = {
  product: { title: "title", body_html: "descriptionHtml", handle: "handle", product_type: "productType" },
  page: { title: "title", body_html: "body", handle: "handle" },
  policy: { body: "body" },
} as const;

/**
 * The document in `locale`, or null when Shopify has no translation of it there (the core then answers from the
 * primary locale and says so). Untranslated fields keep the primary text, as the storefront shows them.
 */
export function translatedDocument(
  document: Exclude<KnowledgeDocument, { type: "faq" }>,
  resource: TranslatedResource,
  locale: Locale,
  settings: ShopSettings,
  keys?: ProductTranslationKeys,
): Exclude<KnowledgeDocument, { type: "faq" }> | null {
  const fields = TRANSLATED_FIELDS[document.type] as Record<string, string>;
  const changes: Record<string, string> = {};
  for (const translation of resource.translations) {
    const field = fields[translation.key];
    if (field && translation.value) changes[field] = translation.value;
  }
  const nested =
    document.type === "product" ? withNestedTranslations(document, resource, keys) : { document, changed: false };
  if (!Object.keys(changes).length && !nested.changed) return null;
  const translated = { ...nested.document, ...changes, locale } as typeof document;
  const from = settings.roots[settings.primaryLocale];
  const to = settings.roots[locale];
  if (translated.type === "product") {
    const url = translated.onlineStoreUrl && moveUrl(translated.onlineStoreUrl, from, to);
    return {
      ...translated,
      onlineStoreUrl: url ? url.replace(/\/products\/[^/?#]+/, `/products/${translated.handle}`) : null,
    };
  }
  if (translated.type === "page") return { ...translated, url: `${to}/pages/${translated.handle}` };
  return { ...translated, url: moveUrl(translated.url, from, to) ?? translated.url };
}

function moveUrl(url: string, from: string | undefined, to: string | undefined): string | null {
  if (!from || !to) return null;
  if (url.startsWith(from)) return `${to}${url.slice(from.length)}`;
  try {
    const parsed = new URL(url);
    return `${to}${parsed.pathname}${parsed.search}`;
  } catch {
    return null;
  }
}

function trimSlash(url: string): string {
  return url.replace(/\/+$/, "");
}
