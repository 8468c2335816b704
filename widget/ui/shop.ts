/**
 * Shopify's storefront AJAX endpoints, with the response fields the widget reads. Every URL
 * starts at the locale-aware root (`routes.root_url`), as Shopify asks of AJAX calls.
 */
import { LINE_PROPERTY } from "../../contract/order-link";
import type { CartSnapshot } from "../core/types";

export interface RecommendedProduct {
  id: number;
  title: string;
  url: string;
  /** Minor units (cents). */
  price: number;
  featured_image: string | null;
  variants: { id: number; available: boolean; price: number }[];
}

export interface CartJson {
  item_count: number;
  total_price: number;
  currency: string;
  attributes: Record<string, string>;
  discount_codes?: { code: string; applicable: boolean }[];
}

const post = (url: string, body: unknown) =>
  fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/json" },
    body: JSON.stringify(body),
  });

async function json<T>(response: Promise<Response>): Promise<T> {
  const answer = await response;
  if (!answer.ok) throw new Error(`${answer.status}`);
  return (await answer.json()) as T;
}

export function snapshot(cart: CartJson, attribute: string): CartSnapshot {
  return {
    count: cart.item_count,
    value: cart.total_price / 100,
    currency: cart.currency,
    link: cart.attributes[attribute] ?? null,
  };
}

export const shop = (root: string) => ({
  recommendations: (productId: string, intent: string, limit: number) =>
    json<{ products: RecommendedProduct[] }>(
      fetch(
        `${root}recommendations/products.json?product_id=${encodeURIComponent(productId)}&limit=${limit}&intent=${intent}`,
      ),
    ).then((answer) => answer.products),

  /** Adds one line; `sessionId` (when analytics consent allows) marks it as added from chat. */
  add: (variantId: string | number, quantity: number, sessionId?: string) =>
    json<{ items: { variant_id: number; price: number; quantity: number }[] }>(
      post(`${root}cart/add.js`, {
        items: [{ id: Number(variantId), quantity, properties: sessionId ? { [LINE_PROPERTY]: sessionId } : {} }],
      }),
    ),

  cart: () => json<CartJson>(fetch(`${root}cart.js`)),

  /** update.js replaces the cart's codes: send the ones already there plus ours. */
  applyDiscount: async (code: string) => {
    const cart = await json<CartJson>(fetch(`${root}cart.js`));
    const codes = (cart.discount_codes ?? [])
      .map((entry) => entry.code)
      .filter((known) => known.toLowerCase() !== code.toLowerCase());
    return json<CartJson>(post(`${root}cart/update.js`, { discount: [...codes, code].join(",") }));
  },

  /** Shopify's shareable discount link: applies the code for the session, then returns here. */
  discountLink: (code: string) =>
    `${root}discount/${encodeURIComponent(code)}?redirect=${encodeURIComponent(location.pathname)}`,
});
