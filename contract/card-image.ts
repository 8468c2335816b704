/**
 * Why: a product card shows its image at 56 CSS pixels, and a merchant's original can be several megabytes.
 * Shopify's CDN resizes on request through URL parameters (width, height, crop: what the image_url filter
 * writes), so answers name a small square, the widget asks the same of a recommendation's original, and no
 * card downloads the full-size image. Shared by the server and the widget (contract/).
 */

/** 56 CSS pixels on a screen of up to ~3 device pixels each; Shopify never scales an image up. */
export const CARD_IMAGE_PIXELS = 160;

/** The image's address sized for a card, or null when it is no web address (nothing for the widget to load). */
export function cardImageUrl(url: string): string | null {
  let sized: URL;
  try {
    sized = new URL(url);
  } catch {
    return null;
  }
  if (sized.protocol !== "https:" && sized.protocol !== "http:") return null;
  sized.searchParams.set("width", String(CARD_IMAGE_PIXELS));
  sized.searchParams.set("height", String(CARD_IMAGE_PIXELS));
  sized.searchParams.set("crop", "center");
  return sized.toString();
}
