/**
 * Shopify's storefront AJAX endpoints, with the response fields the widget reads. Every URL
 * starts at the locale-aware root (`routes.root_url`), as Shopify asks of AJAX calls. Every cart
 * change asks for the theme's cart sections with it and puts them in the page (theme-cart.ts).
 */
import { LINE_PROPERTY } from "../../contract/order-link";
import { JSON_TYPE } from "../core/queue";
import type { CartSnapshot } from "../core/types";
import { cartSections, renderSections } from "./theme-cart";

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

async function json<T>(response: Promise<Response>): Promise<T> {
  const answer = await response;
  if (!answer.ok) throw new Error(`${answer.status}`);
  return (await answer.json()) as T;
}

/** A cart change, rendered in this page's context (`sections_url`; the Referer may be withheld). */
const post = <T>(url: string, body: object) =>
  json<T & { sections?: Record<string, string | null> }>(
    fetch(url, {
      method: "POST",
      headers: { "content-type": JSON_TYPE, accept: JSON_TYPE },
      body: JSON.stringify({ ...body, sections: cartSections(), sections_url: location.pathname }),
    }),
  ).then((answer) => (renderSections(answer.sections), answer));

export function snapshot(cart: CartJson, attribute: string): CartSnapshot {
  return {
    count: cart.item_count,
    value: cart.total_price / 100,
    currency: cart.currency,
    link: cart.attributes[attribute] ?? null,
  };
}

export function shop(root: string) {
  const cart = () => json<CartJson>(fetch(`${root}cart.js`));
  return {
    recommendations: (productId: string, intent: string, limit: number) =>
      json<{ products: RecommendedProduct[] }>(
        fetch(
          `${root}recommendations/products.json?product_id=${encodeURIComponent(productId)}&limit=${limit}&intent=${intent}`,
        ),
      ).then((answer) => answer.products),

    /** Adds one line; `sessionId` (when analytics consent allows) marks it as added from chat. */
    add: (variantId: string | number, quantity: number, sessionId?: string) =>
      post<{ items: { variant_id: number; price: number; quantity: number }[] }>(`${root}cart/add.js`, {
        items: [{ id: Number(variantId), quantity, properties: sessionId ? { [LINE_PROPERTY]: sessionId } : {} }],
      }),

    cart,

    /** update.js replaces the cart's codes: send the ones already there plus ours. */
    applyDiscount: async (code: string) => {
      const codes = ((await cart()).discount_codes ?? [])
        .map((entry) => entry.code)
        .filter((known) => known.toLowerCase() !== code.toLowerCase());
      return post<CartJson>(`${root}cart/update.js`, { discount: [...codes, code].join(",") });
    },

    /** Shopify's shareable discount link: applies the code for the session, then returns here. */
    discountLink: (code: string) =>
      `${root}discount/${encodeURIComponent(code)}?redirect=${encodeURIComponent(location.pathname)}`,
  };
}
