/**
 * The reads a pass and a product webhook share: a product whole (variants past the first page too) and the
 * translations of given sources, laid over them. Every request goes through the shop's pacer.
 */
import {
  KNOWLEDGE_MORE_VARIANTS,
  KNOWLEDGE_PRODUCT,
  KNOWLEDGE_SHOP,
  KNOWLEDGE_TRANSLATIONS_BY_IDS,
  MORE_VARIANTS_PAGE_SIZE,
  PRODUCT_TRANSLATIONS_PAGE_SIZE,
  moreVariantsSchema,
  productSchema,
  shopSchema,
  translationsByIdsSchema,
  type ProductNode,
  type ShopAnswer,
  type TranslatedResource,
  type VariantNode,
} from "../../integrations/shopify/knowledge.graphql";
import type { AdminPacer } from "../../integrations/shopify/paced-graphql.server";
import type { Locale } from "../documents";
import { translationKeysOf } from "./product-translations";
import { productDocumentOf, shopSettingsOf, translatedDocument, type ShopSettings } from "./shopify-documents";
import type { SourceWrite } from "./knowledge-store.server";

export async function readShop(pacer: AdminPacer): Promise<{ answer: ShopAnswer; settings: ShopSettings }> {
  const answer = await pacer.run(KNOWLEDGE_SHOP, {}, shopSchema);
  return { answer, settings: shopSettingsOf(answer) };
}

/** The product's variants past the first page, if it has more. */
export async function moreVariantsOf(pacer: AdminPacer, node: ProductNode): Promise<VariantNode[]> {
  const more: VariantNode[] = [];
  let page = node.variants.pageInfo;
  while (page.hasNextPage) {
    const answer = await pacer.run(
      KNOWLEDGE_MORE_VARIANTS,
      { id: node.id, first: MORE_VARIANTS_PAGE_SIZE, after: page.endCursor },
      moreVariantsSchema,
    );
    if (!answer.product) break; // deleted meanwhile: its webhook will say so
    more.push(...answer.product.variants.nodes);
    page = answer.product.variants.pageInfo;
  }
  return more;
}

/** One product as a webhook needs it, or null when Shopify no longer has it. */
export async function readProduct(pacer: AdminPacer, id: string): Promise<ProductNode | null> {
  const answer = await pacer.run(KNOWLEDGE_PRODUCT, { id }, productSchema);
  return answer.product;
}

/** A product read whole, ready to store: its document, Shopify's updatedAt, and its translations' keys. */
export async function productWrite(
  pacer: AdminPacer,
  node: ProductNode,
  locale: Locale,
  namespaces: readonly string[],
): Promise<SourceWrite> {
  return {
    document: productDocumentOf(node, locale, namespaces, await moreVariantsOf(pacer, node)),
    sourceUpdatedAt: new Date(node.updatedAt),
    translationKeys: translationKeysOf(node, namespaces),
  };
}

/**
 * The translations of these primary products in every other published locale, ready to write with their
 * primary's updatedAt; and, per locale, the ids Shopify has no translation of there (their rows go).
 */
export async function translationsOf(
  pacer: AdminPacer,
  primaries: SourceWrite[],
  settings: ShopSettings,
): Promise<{ writes: SourceWrite[]; untranslated: Map<Locale, string[]> }> {
  const writes: SourceWrite[] = [];
  const untranslated = new Map<Locale, string[]>();
  const byId = new Map(primaries.map((primary) => [primary.document.id, primary]));
  for (const locale of settings.locales.slice(1)) {
    const missing = new Set(byId.keys());
    for (let start = 0; start < primaries.length; start += PRODUCT_TRANSLATIONS_PAGE_SIZE) {
      const ids = primaries.slice(start, start + PRODUCT_TRANSLATIONS_PAGE_SIZE).map((primary) => primary.document.id);
      const variables = { resourceIds: ids, locale, first: ids.length };
      const answer = await pacer.run(KNOWLEDGE_TRANSLATIONS_BY_IDS, variables, translationsByIdsSchema);
      for (const write of translatedWrites(answer.translatableResourcesByIds.nodes, byId, locale, settings)) {
        writes.push(write);
        missing.delete(write.document.id);
      }
    }
    untranslated.set(locale, [...missing]);
  }
  return { writes, untranslated };
}

/** Translated resources laid over their primary documents (resources without one in `primaries` are skipped). */
export function translatedWrites(
  resources: TranslatedResource[],
  primaries: Map<string, SourceWrite>,
  locale: Locale,
  settings: ShopSettings,
): SourceWrite[] {
  const writes: SourceWrite[] = [];
  for (const resource of resources) {
    const primary = primaries.get(resource.resourceId);
    const document =
      primary && translatedDocument(primary.document, resource, locale, settings, primary.translationKeys);
    if (primary && document) writes.push({ document, sourceUpdatedAt: primary.sourceUpdatedAt });
  }
  return writes;
}
