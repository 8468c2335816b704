/**
 * Why: Shopify translates a product's option names, option values and metafields as resources of their own,
 * nested under the product and named by their own ids. The sync keeps those ids with the product (the core's
 * document has no place for them) so a German shopper's "in Blau?" meets the German values the storefront shows.
 */
import type { ProductNode, TranslatedResource } from "../../integrations/shopify/knowledge.graphql";
import type { ProductDocument } from "../documents";

/** Shopify's ids of a product's translatable parts, in the document's order. */
export interface ProductTranslationKeys {
  options: { id: string; values: { id: string; name: string }[] }[];
  /** Only the picked namespaces' metafields, as in the document. */
  metafields: { id: string }[];
}

export function translationKeysOf(node: ProductNode, namespaces: readonly string[]): ProductTranslationKeys {
  const picked = new Set(namespaces);
  return {
    options: node.options.map((option) => ({
      id: option.id,
      values: option.optionValues.map(({ id, name }) => ({ id, name })),
    })),
    metafields: node.metafields.nodes.filter((field) => picked.has(field.namespace)).map(({ id }) => ({ id })),
  };
}

/** The product with its nested translations laid over it, and whether any applied. */
export function withNestedTranslations(
  document: ProductDocument,
  resource: TranslatedResource,
  keys: ProductTranslationKeys | undefined,
): { document: ProductDocument; changed: boolean } {
  const nested = new Map(
    (resource.nestedTranslatableResources?.nodes ?? []).map((node) => [node.resourceId, node.translations]),
  );
  if (!keys || !nested.size) return { document, changed: false };
  let changed = false;
  const translated = (id: string | undefined, key: string): string | undefined => {
    const value = id
      ? nested.get(id)?.find((translation) => translation.key === key && translation.value)?.value
      : undefined;
    if (value) changed = true;
    return value ?? undefined;
  };
  // Per option: its translated name, and each value's translation.
  const optionMaps = document.options.map((option, index) => {
    const ids = keys.options[index];
    const values = new Map(
      option.values.map((value) => [
        value,
        translated(ids?.values.find((entry) => entry.name === value)?.id, "name") ?? value,
      ]),
    );
    return { from: option.name, name: translated(ids?.id, "name") ?? option.name, values };
  });
  const byName = new Map(optionMaps.map((map) => [map.from, map]));
  return {
    changed,
    document: {
      ...document,
      options: optionMaps.map((map) => ({ name: map.name, values: [...map.values.values()] })),
      variants: document.variants.map((variant) => ({
        ...variant,
        selectedOptions: variant.selectedOptions.map((selected) => {
          const map = byName.get(selected.name);
          return map ? { name: map.name, value: map.values.get(selected.value) ?? selected.value } : selected;
        }),
      })),
      metafields: document.metafields.map((field, index) => ({
        ...field,
        value: translated(keys.metafields[index]?.id, "value") ?? field.value,
      })),
    },
  };
}
