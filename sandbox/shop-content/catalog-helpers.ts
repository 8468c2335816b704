/** Why: small helpers the generated and the hand-written sandbox products share (slugs, collections, the pair type). */
import type { ProductDocument } from "../../app/answers/documents";

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

/** A product in English and its German translation, if it has one. */
export interface Pair {
  en: ProductDocument;
  de: ProductDocument | null;
}
