/**
 * Shopify's AJAX Cart API as the storefront harness answers it (cart.js, cart/add(.js), update.js,
 * change.js), with the documented shapes and errors, and bundled section rendering (sections.ts): every
 * change is made first, then the sections it asked for (or the 400 about them) come with the answer.
 */
import type { IncomingMessage } from "node:http";
import type { HarnessCart } from "./cart";
import { bundledSections, type RenderSection } from "./sections";

export interface CartApiAnswer {
  status: number;
  body: string;
  type?: string;
  headers?: Record<string, string>;
}

const JSON_TYPE = "application/json";

export function parseBody(text: string, type = ""): Record<string, unknown> {
  if (!text) return {};
  if (type.includes("json")) return JSON.parse(text);
  // Form posts (a theme without JavaScript): id=…&quantity=…&properties[_x]=…
  const form = new URLSearchParams(text);
  const properties: Record<string, string> = {};
  for (const [key, value] of form) {
    const match = /^properties\[(.+)\]$/.exec(key);
    if (match) properties[match[1]!] = value;
  }
  return { id: form.get("id"), quantity: form.get("quantity") ?? 1, properties };
}

/** The cart endpoint's answer, or undefined for a path the Cart API does not have. */
export async function answerCartApi(
  route: string,
  input: Record<string, unknown>,
  cart: HarnessCart,
  request: IncomingMessage,
  sectionOf: RenderSection,
): Promise<CartApiAnswer | undefined> {
  const withSections = async (payload: object): Promise<CartApiAnswer> => {
    const bundled = await bundledSections(input, request, sectionOf);
    if (bundled && !bundled.ok) return { status: bundled.status, body: JSON.stringify(bundled.body), type: JSON_TYPE };
    const body = bundled ? { ...payload, sections: bundled.sections } : payload;
    return { status: 200, body: JSON.stringify(body), type: JSON_TYPE };
  };

  if (route === "/cart.js") return { status: 200, body: JSON.stringify(cart.json()), type: JSON_TYPE };
  if (route === "/cart/add.js" || route === "/cart/add") {
    const items = (Array.isArray(input.items) ? input.items : [input]) as {
      id: unknown;
      quantity?: unknown;
      properties?: Record<string, string>;
    }[];
    const added = [];
    for (const item of items) {
      const result = cart.add(Number(item.id), Number(item.quantity ?? 1), item.properties ?? {});
      if ("status" in result) return { status: result.status, body: JSON.stringify(result), type: JSON_TYPE };
      added.push(result.line);
    }
    if (route === "/cart/add") return { status: 302, body: "", type: "text/plain", headers: { location: "/cart" } };
    return withSections(Array.isArray(input.items) ? { items: added } : added[0]!);
  }
  if (route === "/cart/update.js") {
    cart.update(input as Parameters<HarnessCart["update"]>[0]);
    return withSections(cart.json());
  }
  if (route === "/cart/change.js") {
    const quantity = Number(input.quantity ?? 0);
    const found =
      typeof input.line === "number" || typeof input.line === "string"
        ? cart.setQuantity((_, index) => index === Number(input.line) - 1, quantity)
        : cart.setQuantity((line) => cart.lineKey(line) === input.id || line.variantId === Number(input.id), quantity);
    if (!found)
      return {
        status: 400,
        body: JSON.stringify({ status: 400, message: "Cart Error", description: "No valid id or line parameter" }),
        type: JSON_TYPE,
      };
    return withSections(cart.json());
  }
  return undefined;
}
