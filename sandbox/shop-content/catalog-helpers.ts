/** Why: small helpers the generated and the hand-written sandbox products share (slugs, collections, the pair type). */
import type { ProductDocument, ProductImage } from "../../app/answers/documents";

export const slug = (text: string) =>
  text
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
export const collection = (handle: string, title: string) => ({
  id: `gid://shopify/Collection/${4000 + (hash(handle) % 5000)}`,
  handle,
  title,
});
export const hash = (text: string) =>
  [...text].reduce((sum, char) => (Math.imul(sum, 31) + char.charCodeAt(0)) >>> 0, 7);

/**
 * The product's photo as the Admin API's featured media gives it: the original on Shopify's CDN (4:5 portrait,
 * 1600 × 2000), with the merchant's alt text, which about one product in five lacks, as in real shops.
 */
export const productImage = (handle: string, title: string): ProductImage => ({
  url: `https://cdn.shopify.com/s/files/1/0700/4242/files/${handle}.jpg?v=1730451600`,
  altText: hash(handle) % 5 === 0 ? null : `${title}, photographed flat on a plain linen background`,
  width: 1600,
  height: 2000,
});

/** A product in English and its German translation, if it has one. */
export interface Pair {
  en: ProductDocument;
  de: ProductDocument | null;
}
