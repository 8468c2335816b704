/**
 * Admin GraphQL documents of the knowledge sync (tests/unit/integrations/shopify/knowledge-documents.test.ts
 * validates each against the 2026-10 schema and checks the scopes it needs are declared), and zod shapes of
 * what they return: Shopify's answers are checked before the answers stage maps them, so a changed field fails
 * loudly with its path instead of storing half a product.
 *
 * Page sizes follow the single-query limit (1,000 points, Shopify's calculated cost: an object costs 1, a
 * connection 2 + first × its node's cost). A product with its variants, metafields, collections and featured
 * image costs ~92 points, so products come 10 to a page; a product with more than 25 variants has the rest read
 * on its own.
 */
import { z } from "zod";
import type { GraphQLDocument } from "./widget-config.graphql";

export const PRODUCTS_PAGE_SIZE = 10;
export const PRODUCT_VARIANTS_FIRST = 25;
export const MORE_VARIANTS_PAGE_SIZE = 250;
export const PRODUCT_METAFIELDS_FIRST = 20;
export const PRODUCT_COLLECTIONS_FIRST = 10;
export const PAGES_PAGE_SIZE = 250;
export const TRANSLATIONS_PAGE_SIZE = 250;

const pageInfo = z.object({ hasNextPage: z.boolean(), endCursor: z.string().nullable() });

const variantNode = z.object({
  id: z.string(),
  title: z.string(),
  price: z.string(),
  compareAtPrice: z.string().nullable(),
  availableForSale: z.boolean(),
  selectedOptions: z.array(z.object({ name: z.string(), value: z.string() })),
});

export const productNodeSchema = z.object({
  id: z.string(),
  handle: z.string(),
  title: z.string(),
  descriptionHtml: z.string(),
  productType: z.string(),
  vendor: z.string(),
  tags: z.array(z.string()),
  status: z.string(),
  updatedAt: z.string(),
  onlineStoreUrl: z.string().nullable(),
  options: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      values: z.array(z.string()),
      optionValues: z.array(z.object({ id: z.string(), name: z.string() })),
    }),
  ),
  variants: z.object({ pageInfo, nodes: z.array(variantNode) }),
  metafields: z.object({
    nodes: z.array(z.object({ id: z.string(), namespace: z.string(), key: z.string(), value: z.string() })),
  }),
  collections: z.object({ nodes: z.array(z.object({ id: z.string(), handle: z.string(), title: z.string() })) }),
  /** Any media kind has a preview image (a video's poster); null until Shopify has processed it. */
  featuredMedia: z
    .object({
      alt: z.string().nullable(),
      preview: z
        .object({
          image: z
            .object({ url: z.string(), width: z.number().int().nullable(), height: z.number().int().nullable() })
            .nullable(),
        })
        .nullable(),
    })
    .nullable(),
});
export type ProductNode = z.infer<typeof productNodeSchema>;
export type VariantNode = z.infer<typeof variantNode>;

const PRODUCT_FIELDS = `#graphql
  fragment ChatLiftKnowledgeProduct on Product {
    id
    handle
    title
    descriptionHtml
    productType
    vendor
    tags
    status
    updatedAt
    onlineStoreUrl
    options {
      id
      name
      values
      optionValues {
        id
        name
      }
    }
    variants(first: ${PRODUCT_VARIANTS_FIRST}) {
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        ...ChatLiftKnowledgeVariant
      }
    }
    metafields(first: ${PRODUCT_METAFIELDS_FIRST}) {
      nodes {
        id
        namespace
        key
        value
      }
    }
    collections(first: ${PRODUCT_COLLECTIONS_FIRST}) {
      nodes {
        id
        handle
        title
      }
    }
    featuredMedia {
      alt
      preview {
        image {
          url
          width
          height
        }
      }
    }
  }
  fragment ChatLiftKnowledgeVariant on ProductVariant {
    id
    title
    price
    compareAtPrice
    availableForSale
    selectedOptions {
      name
      value
    }
  }
`;

export const shopSchema = z.object({
  shop: z.object({
    name: z.string(),
    currencyCode: z.string(),
    primaryDomain: z.object({ url: z.string() }),
    shopPolicies: z.array(
      z.object({
        id: z.string(),
        type: z.string(),
        title: z.string(),
        body: z.string(),
        url: z.string(),
        updatedAt: z.string(),
      }),
    ),
  }),
  shopLocales: z.array(
    z.object({
      locale: z.string(),
      primary: z.boolean(),
      published: z.boolean(),
    }),
  ),
});
export type ShopAnswer = z.infer<typeof shopSchema>;
export type PolicyNode = ShopAnswer["shop"]["shopPolicies"][number];

/**
 * The shop, its policies and its published locales: one small request starts every pass. Each locale's
 * storefront address is taken as Shopify's default subfolder (/de): reading market web presences would need
 * read_markets, one more scope only for addresses.
 */
export const KNOWLEDGE_SHOP = `#graphql
  query ChatLiftKnowledgeShop {
    shop {
      name
      currencyCode
      primaryDomain {
        url
      }
      shopPolicies {
        id
        type
        title
        body
        url
        updatedAt
      }
    }
    shopLocales(published: true) {
      locale
      primary
      published
    }
  }
` as GraphQLDocument<ShopAnswer, Record<string, never>>;

export const productsPageSchema = z.object({ products: z.object({ pageInfo, nodes: z.array(productNodeSchema) }) });

/** Active products, by id so a pass resumed from its cursor neither skips nor repeats one. */
export const KNOWLEDGE_PRODUCTS = `#graphql
  query ChatLiftKnowledgeProducts($first: Int!, $after: String) {
    products(first: $first, after: $after, sortKey: ID, query: "status:active") {
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        ...ChatLiftKnowledgeProduct
      }
    }
  }
  ${PRODUCT_FIELDS}
` as GraphQLDocument<z.infer<typeof productsPageSchema>, { first: number; after: string | null }>;

export const productSchema = z.object({ product: productNodeSchema.nullable() });

/** One product, as a products/* webhook asks for it (the webhook body lacks collections, metafields, availability). */
export const KNOWLEDGE_PRODUCT = `#graphql
  query ChatLiftKnowledgeProduct($id: ID!) {
    product(id: $id) {
      ...ChatLiftKnowledgeProduct
    }
  }
  ${PRODUCT_FIELDS}
` as GraphQLDocument<z.infer<typeof productSchema>, { id: string }>;

export const moreVariantsSchema = z.object({
  product: z.object({ variants: z.object({ pageInfo, nodes: z.array(variantNode) }) }).nullable(),
});

/** The variants past the first 25 of a large product. */
export const KNOWLEDGE_MORE_VARIANTS = `#graphql
  query ChatLiftKnowledgeMoreVariants($id: ID!, $first: Int!, $after: String) {
    product(id: $id) {
      variants(first: $first, after: $after) {
        pageInfo {
          hasNextPage
          endCursor
        }
        nodes {
          id
          title
          price
          compareAtPrice
          availableForSale
          selectedOptions {
            name
            value
          }
        }
      }
    }
  }
` as GraphQLDocument<z.infer<typeof moreVariantsSchema>, { id: string; first: number; after: string | null }>;

const pageNode = z.object({
  id: z.string(),
  handle: z.string(),
  title: z.string(),
  body: z.string(),
  isPublished: z.boolean(),
  updatedAt: z.string(),
});
export type PageNode = z.infer<typeof pageNode>;
export const pagesPageSchema = z.object({ pages: z.object({ pageInfo, nodes: z.array(pageNode) }) });

export const KNOWLEDGE_PAGES = `#graphql
  query ChatLiftKnowledgePages($first: Int!, $after: String) {
    pages(first: $first, after: $after, sortKey: ID) {
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        id
        handle
        title
        body
        isPublished
        updatedAt
      }
    }
  }
` as GraphQLDocument<z.infer<typeof pagesPageSchema>, { first: number; after: string | null }>;

const translations = z.array(z.object({ key: z.string(), value: z.string().nullable(), outdated: z.boolean() }));
const translatedResource = z.object({
  resourceId: z.string(),
  translations,
  /** Products only: their options, option values and metafields, each a resource of its own. */
  nestedTranslatableResources: z
    .object({ nodes: z.array(z.object({ resourceId: z.string(), translations })) })
    .optional(),
});
export type TranslatedResource = z.infer<typeof translatedResource>;
export const translationsPageSchema = z.object({
  translatableResources: z.object({ pageInfo, nodes: z.array(translatedResource) }),
});

/** The kinds of resource whose translations the sync reads. */
export type TranslatedType = "PRODUCT" | "PAGE" | "SHOP_POLICY";

/** One locale's translations of pages or policies, a page at a time. */
export const KNOWLEDGE_TRANSLATIONS = `#graphql
  query ChatLiftKnowledgeTranslations($resourceType: TranslatableResourceType!, $locale: String!, $first: Int!, $after: String) {
    translatableResources(resourceType: $resourceType, first: $first, after: $after) {
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        resourceId
        translations(locale: $locale) {
          key
          value
          outdated
        }
      }
    }
  }
` as GraphQLDocument<
  z.infer<typeof translationsPageSchema>,
  { resourceType: TranslatedType; locale: string; first: number; after: string | null }
>;

/**
 * A product's option names, option values and metafields are translated as nested resources: up to 50 of them
 * per product costs ~104 points, so products' translations come 9 to a request.
 */
export const NESTED_TRANSLATIONS_FIRST = 50;
export const PRODUCT_TRANSLATIONS_PAGE_SIZE = 9;

const NESTED = `#graphql
  nestedTranslatableResources(first: ${NESTED_TRANSLATIONS_FIRST}) {
    nodes {
      resourceId
      translations(locale: $locale) {
        key
        value
        outdated
      }
    }
  }
`;

/** One locale's translations of products, with their options and metafields, a page at a time. */
export const KNOWLEDGE_PRODUCT_TRANSLATIONS = `#graphql
  query ChatLiftKnowledgeProductTranslations($locale: String!, $first: Int!, $after: String) {
    translatableResources(resourceType: PRODUCT, first: $first, after: $after) {
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        resourceId
        translations(locale: $locale) {
          key
          value
          outdated
        }
        ${NESTED}
      }
    }
  }
` as GraphQLDocument<z.infer<typeof translationsPageSchema>, { locale: string; first: number; after: string | null }>;

export const translationsByIdsSchema = z.object({
  translatableResourcesByIds: z.object({ nodes: z.array(translatedResource) }),
});

/** One locale's translations of given products (the one a webhook named), with their options and metafields. */
export const KNOWLEDGE_TRANSLATIONS_BY_IDS = `#graphql
  query ChatLiftKnowledgeTranslationsByIds($resourceIds: [ID!]!, $locale: String!, $first: Int!) {
    translatableResourcesByIds(resourceIds: $resourceIds, first: $first) {
      nodes {
        resourceId
        translations(locale: $locale) {
          key
          value
          outdated
        }
        ${NESTED}
      }
    }
  }
` as GraphQLDocument<z.infer<typeof translationsByIdsSchema>, { resourceIds: string[]; locale: string; first: number }>;

/** Every document of the sync, named, for the schema and scope tests. */
export const KNOWLEDGE_DOCUMENTS = {
  KNOWLEDGE_SHOP,
  KNOWLEDGE_PRODUCTS,
  KNOWLEDGE_PRODUCT,
  KNOWLEDGE_MORE_VARIANTS,
  KNOWLEDGE_PAGES,
  KNOWLEDGE_TRANSLATIONS,
  KNOWLEDGE_PRODUCT_TRANSLATIONS,
  KNOWLEDGE_TRANSLATIONS_BY_IDS,
} as const;
