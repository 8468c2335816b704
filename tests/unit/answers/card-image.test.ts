/**
 * A product card's image address: Shopify's CDN sizes it on request, so the widget never loads the original.
 */
import { describe, expect, it } from "vitest";
import { cardImageUrl } from "../../../contract/card-image";

describe("a product card's image address", () => {
  it("GIVEN Shopify's original THEN the card asks its CDN for a 160 px square, keeping the version", () => {
    expect(cardImageUrl("https://cdn.shopify.com/s/files/1/0700/4242/files/linen-shirt.jpg?v=1730451600")).toBe(
      "https://cdn.shopify.com/s/files/1/0700/4242/files/linen-shirt.jpg?v=1730451600&width=160&height=160&crop=center",
    );
  });

  it("GIVEN an address that already names a size THEN the card's size replaces it (never the larger one)", () => {
    expect(cardImageUrl("https://cdn.shopify.com/s/files/1/x.png?v=1&width=2048")).toBe(
      "https://cdn.shopify.com/s/files/1/x.png?v=1&width=160&height=160&crop=center",
    );
  });

  it.each([["javascript:alert(1)"], ["data:image/png;base64,AAAA"], ["not a url"], [""]])(
    "GIVEN %j THEN there is no image to load",
    (url) => {
      expect(cardImageUrl(url)).toBeNull();
    },
  );
});
