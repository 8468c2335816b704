/**
 * Builders for the widget's side of answers: the page data the app embed renders, and answers
 * in the contract's shape (contract/answers.ts) as the answers route sends them.
 */
import type { Answer, AnswerSource, ProductCard } from "../../../contract/answers";
import type { PageData } from "../../../widget/core/types";
import { aConfig } from "./widget";

export const SESSION = "0f0e0d0c-0b0a-4909-8807-060504030201";
export const VISITOR = "a1b2c3d4-e5f6-4a0b-8c1d-2e3f4a5b6c7d";

export function aPageData(overrides: Partial<PageData> = {}): PageData {
  return {
    config: aConfig(),
    page: { type: "product", path: "/products/linen-shirt", handle: "linen-shirt", productId: "8011001", locale: "en" },
    cart: { count: 0, value: 0, currency: "EUR", link: null },
    ui: "/cdn/assets/chatlift-ui.js",
    root: "/",
    s: { greeting: "", side: "right" },
    t: { ask_chips: "Does it run small?|What is it made of?|How do returns work?" },
    ...overrides,
  };
}

export const aSource = (overrides: Partial<AnswerSource> = {}): AnswerSource => ({
  type: "policy",
  id: "policy-shipping",
  title: "Shipping policy",
  url: "/policies/shipping-policy",
  ...overrides,
});

export const aProductCard = (overrides: Partial<ProductCard> = {}): ProductCard => ({
  id: "gid://shopify/Product/8011004",
  title: "Linen Trousers",
  url: "/products/linen-trousers",
  price: "79.00",
  compareAtPrice: null,
  currencyCode: "EUR",
  imageUrl: "/cdn/images/linen-trousers.svg",
  variants: [
    { id: "gid://shopify/ProductVariant/44004001", title: "S", available: true },
    { id: "gid://shopify/ProductVariant/44004002", title: "M", available: true },
  ],
  ...overrides,
});

export const anAnswer = (overrides: Partial<Answer> = {}): Answer => ({
  id: "7d7a1f3e-2b1c-4c5d-9e8f-0a1b2c3d4e5f",
  kind: "answer",
  text: "We ship to Canada in 5 to 8 business days.",
  sources: [aSource()],
  locale: "en",
  ...overrides,
});
