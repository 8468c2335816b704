/**
 * The sandbox shop (sandbox/shop-content) as the Admin API holds it: products, pages and policies in the primary
 * locale, the other locale's texts as translations of them (title, body_html, handle, product_type — the keys
 * Shopify translates), the published locales with their storefront roots. Resolvers answer the knowledge
 * sync's queries on the real 2026-10 schema, with Shopify's pagination rules (first or last required, at most
 * 250, opaque cursors). Tests change the catalog (a product edited, deleted) before sending the webhook.
 */
import type {
  KnowledgeDocument,
  PageDocument,
  PolicyDocument,
  ProductDocument,
  ProductImage,
} from "../../app/answers/documents";
import { shopContent, type ShopSize } from "../shop-content/index";
import { SHOP, url } from "../shop-content/shop";

export interface CatalogProduct extends Omit<
  ProductDocument,
  "type" | "locale" | "metafields" | "options" | "featuredImage"
> {
  status: "ACTIVE" | "DRAFT" | "ARCHIVED" | "UNLISTED";
  updatedAt: string;
  options: { id: string; name: string; values: string[]; optionValues: { id: string; name: string }[] }[];
  metafields: { id: string; namespace: string; key: string; value: string; type: string }[];
  /** The first of the product's media, an image (none: the product has no media). */
  featuredImage: ProductImage | null;
}
export type CatalogPage = Omit<PageDocument, "type" | "locale" | "url"> & { isPublished: boolean; updatedAt: string };
export type CatalogPolicy = Omit<PolicyDocument, "locale" | "policyType" | "type"> & {
  type: string;
  updatedAt: string;
};

export interface ShopCatalog {
  shop: { name: string; currencyCode: string; primaryDomain: string };
  locales: { locale: string; name: string; primary: boolean; published: boolean }[];
  products: Map<string, CatalogProduct>;
  pages: Map<string, CatalogPage>;
  policies: CatalogPolicy[];
  /** resourceId → locale → translated keys. */
  translations: Map<string, Map<string, { key: string; value: string }[]>>;
  /** A product's nested translatable resources (its options, option values, metafields). */
  nested: Map<string, string[]>;
}

export const CATALOG_UPDATED_AT = "2026-11-01T09:00:00Z";

/** The sandbox shop at a size (small for tests, the evaluation size for the demo). */
export function catalogFromShopContent(size: ShopSize): ShopCatalog {
  const content = shopContent(size);
  const catalog: ShopCatalog = {
    shop: { name: content.shop.name, currencyCode: content.shop.currencyCode, primaryDomain: url("") },
    locales: [
      { locale: "en", name: "English", primary: true, published: true },
      { locale: "de", name: "German", primary: false, published: true },
    ],
    products: new Map(),
    pages: new Map(),
    policies: [],
    translations: new Map(),
    nested: new Map(),
  };
  const primaries = content.documents.filter((document) => document.locale === SHOP.primaryLocale);
  for (const document of primaries) addPrimary(catalog, document);
  for (const document of content.documents.filter((document) => document.locale !== SHOP.primaryLocale))
    addTranslation(catalog, document);
  return catalog;
}

function addPrimary(catalog: ShopCatalog, document: KnowledgeDocument): void {
  if (document.type === "product") {
    const { type: _type, locale: _locale, metafields, options, featuredImage, ...product } = document;
    // Options, their values and metafields have ids of their own (their translations are keyed by them).
    const n = numericId(document.id);
    catalog.products.set(document.id, {
      ...product,
      status: "ACTIVE",
      updatedAt: CATALOG_UPDATED_AT,
      featuredImage: featuredImage ?? null,
      options: options.map((option, i) => ({
        id: `gid://shopify/ProductOption/${n}0${i + 1}`,
        name: option.name,
        values: option.values,
        optionValues: option.values.map((name, j) => ({
          id: `gid://shopify/ProductOptionValue/${n}0${i + 1}0${j + 1}`,
          name,
        })),
      })),
      metafields: metafields.map((field, k) => ({
        ...field,
        id: `gid://shopify/Metafield/${n}0${k + 1}`,
        type: "single_line_text_field",
      })),
    });
  } else if (document.type === "page") {
    catalog.pages.set(document.id, {
      id: document.id,
      handle: document.handle,
      title: document.title,
      body: document.body,
      isPublished: true,
      updatedAt: CATALOG_UPDATED_AT,
    });
  } else if (document.type === "policy") {
    catalog.policies.push({
      id: document.id,
      type: document.policyType,
      title: document.title,
      body: document.body,
      url: document.url,
      updatedAt: CATALOG_UPDATED_AT,
    });
  }
}

function addTranslation(catalog: ShopCatalog, document: KnowledgeDocument): void {
  const keys: [string, string | undefined][] =
    document.type === "product"
      ? [
          ["title", document.title],
          ["body_html", document.descriptionHtml],
          ["handle", document.handle],
          ["product_type", document.productType],
        ]
      : document.type === "page"
        ? [
            ["title", document.title],
            ["body_html", document.body],
            ["handle", document.handle],
          ]
        : document.type === "policy"
          ? [["body", document.body]]
          : [];
  if (!keys.length) return;
  translate(catalog, document.id, document.locale, keys);
  const primary = document.type === "product" ? catalog.products.get(document.id) : undefined;
  if (document.type !== "product" || !primary) return;
  // The other language's option names and values (same order) and metafields (same key), nested under the product.
  const nested: string[] = [];
  document.options.forEach((option, i) => {
    const own = primary.options[i];
    if (!own) return;
    nested.push(own.id, ...own.optionValues.map((value) => value.id));
    translate(catalog, own.id, document.locale, [["name", option.name]]);
    option.values.forEach(
      (value, j) =>
        own.optionValues[j] && translate(catalog, own.optionValues[j].id, document.locale, [["name", value]]),
    );
  });
  for (const field of document.metafields) {
    const own = primary.metafields.find(
      (candidate) => candidate.namespace === field.namespace && candidate.key === field.key,
    );
    if (!own) continue;
    nested.push(own.id);
    translate(catalog, own.id, document.locale, [["value", field.value]]);
  }
  catalog.nested.set(document.id, nested);
}

function translate(
  catalog: ShopCatalog,
  resourceId: string,
  locale: string,
  keys: [string, string | undefined][],
): void {
  const byLocale = catalog.translations.get(resourceId) ?? new Map<string, { key: string; value: string }[]>();
  byLocale.set(
    locale,
    keys.filter((entry): entry is [string, string] => Boolean(entry[1])).map(([key, value]) => ({ key, value })),
  );
  catalog.translations.set(resourceId, byLocale);
}

class AdminApiUserError extends Error {}

interface Page {
  first?: number | null;
  last?: number | null;
  after?: string | null;
  before?: string | null;
}

const cursorOf = (index: number) => Buffer.from(`cursor:${index}`).toString("base64");
function indexOf(cursor: string): number {
  const match = /^cursor:(\d+)$/.exec(Buffer.from(cursor, "base64").toString("utf8"));
  if (!match) throw new AdminApiUserError(`Invalid cursor for current pagination sort.`);
  return Number(match[1]);
}

/** Shopify's connection: first or last is required and at most 250; cursors name a position. */
export function connection<T>(items: readonly T[], args: Page) {
  if (args.first == null && args.last == null) throw new AdminApiUserError("you must provide one of first or last");
  const size = (args.first ?? args.last)!;
  if (size > 250)
    throw new AdminApiUserError(
      `${args.first != null ? "first" : "last"} cannot exceed 250. To query larger amounts of data with fewer limits, bulk operations should be used instead.`,
    );
  const start = args.after ? indexOf(args.after) + 1 : 0;
  const end = Math.min(items.length, args.before ? indexOf(args.before) : items.length);
  const from = args.first != null ? start : Math.max(start, end - size);
  const to = args.first != null ? Math.min(end, start + size) : end;
  const nodes = items.slice(from, to);
  return {
    nodes,
    edges: nodes.map((node, offset) => ({ node, cursor: cursorOf(from + offset) })),
    pageInfo: {
      hasNextPage: to < end,
      hasPreviousPage: from > 0,
      startCursor: nodes.length ? cursorOf(from) : null,
      endCursor: nodes.length ? cursorOf(to - 1) : null,
    },
  };
}

const numericId = (gid: string) => BigInt(gid.slice(gid.lastIndexOf("/") + 1));
const byId = <T extends { id: string }>(items: Iterable<T>) =>
  [...items].sort((a, b) => (numericId(a.id) < numericId(b.id) ? -1 : 1));

/** Shopify's search syntax, as far as the sync uses it: `status:active`. */
function matchesQuery(product: CatalogProduct, query: string | null | undefined): boolean {
  const status = /status:(\w+)/i.exec(query ?? "")?.[1];
  return !status || product.status === status.toUpperCase();
}

/**
 * The product's featured media as Shopify's Media interface answers it: a ready MediaImage whose preview is the
 * image itself (`__typename` picks the interface's type), or null for a product without media.
 */
function featuredMedia(product: CatalogProduct) {
  const image = product.featuredImage;
  if (!image) return null;
  const n = numericId(product.id);
  const shopifyImage = {
    id: `gid://shopify/ImageSource/${n}01`,
    url: image.url,
    altText: image.altText,
    width: image.width,
    height: image.height,
  };
  return {
    __typename: "MediaImage",
    id: `gid://shopify/MediaImage/${n}01`,
    alt: image.altText,
    mediaContentType: "IMAGE",
    status: "READY",
    image: shopifyImage,
    preview: { image: shopifyImage, status: "READY" },
  };
}

function productObject(product: CatalogProduct) {
  return {
    ...product,
    featuredMedia: featuredMedia(product),
    variants: (args: Page) => connection(product.variants, args),
    metafields: (args: Page & { namespace?: string | null }) =>
      connection(
        product.metafields.filter((field) => !args.namespace || field.namespace === args.namespace),
        args,
      ),
    collections: (args: Page) => connection(product.collections, args),
  };
}

function translatableResource(catalog: ShopCatalog, resourceId: string): Record<string, unknown> {
  return {
    resourceId,
    nestedTranslatableResources: (args: Page) =>
      connection(
        (catalog.nested.get(resourceId) ?? []).map((id) => translatableResource(catalog, id)),
        args,
      ),
    translations: ({ locale }: { locale: string }) =>
      (catalog.translations.get(resourceId)?.get(locale) ?? []).map((entry) => ({
        ...entry,
        locale,
        outdated: false,
        updatedAt: CATALOG_UPDATED_AT,
        market: null,
      })),
  };
}

const TRANSLATABLE: Record<string, (catalog: ShopCatalog) => string[]> = {
  PRODUCT: (catalog) => byId(catalog.products.values()).map((product) => product.id),
  PAGE: (catalog) => byId(catalog.pages.values()).map((page) => page.id),
  SHOP_POLICY: (catalog) => catalog.policies.map((policy) => policy.id),
};

/** Root fields the knowledge sync reads. Throws AdminApiUserError for what Shopify refuses. */
export function catalogResolvers(catalog: ShopCatalog) {
  return {
    shop: {
      name: catalog.shop.name,
      currencyCode: catalog.shop.currencyCode,
      primaryDomain: { url: catalog.shop.primaryDomain, host: new URL(catalog.shop.primaryDomain).host },
      shopPolicies: catalog.policies,
    },
    shopLocales: ({ published }: { published?: boolean | null }) =>
      catalog.locales
        .filter((locale) => published == null || locale.published === published)
        .map((locale) => ({ ...locale, marketWebPresences: [] })),
    products: (args: Page & { query?: string | null }) => {
      const page = connection(
        byId(catalog.products.values()).filter((product) => matchesQuery(product, args.query)),
        args,
      );
      return {
        ...page,
        nodes: page.nodes.map(productObject),
        edges: page.edges.map((edge) => ({ ...edge, node: productObject(edge.node) })),
      };
    },
    product: ({ id }: { id: string }) => {
      const product = catalog.products.get(id);
      return product ? productObject(product) : null;
    },
    pages: (args: Page) => connection(byId(catalog.pages.values()), args),
    translatableResources: (args: Page & { resourceType: string }) =>
      connection(
        (TRANSLATABLE[args.resourceType]?.(catalog) ?? []).map((id) => translatableResource(catalog, id)),
        args,
      ),
    translatableResourcesByIds: (args: Page & { resourceIds: string[] }) => {
      if (args.resourceIds.length > 250)
        throw new AdminApiUserError("The input array size of 251 is greater than the maximum allowed of 250.");
      return connection(
        args.resourceIds
          .filter((id) => catalog.translations.has(id) || catalog.products.has(id))
          .map((id) => translatableResource(catalog, id)),
        args,
      );
    },
  };
}

/** A product as a merchant edits it in the admin: updatedAt moves on. */
export function editProduct(catalog: ShopCatalog, id: string, change: Partial<CatalogProduct>): CatalogProduct {
  const product = catalog.products.get(id);
  if (!product) throw new Error(`the sandbox shop has no product ${id}`);
  const edited = { ...product, ...change };
  catalog.products.set(id, edited);
  return edited;
}
