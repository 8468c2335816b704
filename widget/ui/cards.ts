/**
 * A product card, one look for the flows' recommendations and the answers' products: image,
 * linked title, price, and what the caller adds (an "Add to cart" button, a variant picker).
 * The image is lazy and sized in the markup, so a card never shifts the log when it arrives, and asked of
 * Shopify's CDN at the card's size (a recommendation names the merchant's original, often megabytes); its
 * alt text is the merchant's, else empty (the linked title beside it already names the product).
 */
import { cardImageUrl } from "../../contract/card-image";
import { h } from "./dom";

/** Links only to web pages: shop content is untrusted, and a `javascript:` URL would run in the shop's page. */
export function safeUrl(url: string | null | undefined): string | undefined {
  try {
    return url && /^https?:$/.test(new URL(url, location.href).protocol) ? url : undefined;
  } catch {
    return undefined;
  }
}

export function card(
  link: Node | string,
  image: string | null,
  price: (Node | string)[],
  action?: Node | false,
  alt?: string | null,
): HTMLLIElement {
  // Recommendations name images protocol-relative ("//cdn.shopify.com/…"): read against the page first.
  const found = safeUrl(image);
  const src = found && cardImageUrl(new URL(found, location.href).href);
  return h(
    "li",
    { class: "card" },
    src ? h("img", { src, alt: alt || "", width: 56, height: 56, loading: "lazy" }) : h("span"),
    h("span", {}, link, h("small", {}, ...price)),
    action,
  );
}
