/**
 * After the chat changes the cart (an add, a code), the theme shows it without a reload, the two ways
 * Shopify themes expect of an app: the theme's cart sections come back re-rendered with the cart
 * request itself (bundled section rendering: `sections` + `sections_url`, at most five), and the cart
 * events the common themes listen for are dispatched. A theme with neither sees nothing and loses nothing.
 * The sections' HTML is the theme's own markup from the shop's own origin, moved in as nodes (never
 * through innerHTML; its scripts do not run), as Dawn itself swaps it.
 */
// Dawn's PubSub (assets/pubsub.js, constants.js): globals of the Dawn family of themes, absent elsewhere.
declare const PUB_SUB_EVENTS: { cartUpdate: string };
declare function publish(event: string, data: unknown): void;

const d = document;

/**
 * The sections to re-render: Dawn's static `cart-icon-bubble` (its header count; Dawn's PubSub below
 * refreshes its drawer and cart page), then the page's own sections named for the cart (a drawer, a JSON
 * template's `template--…__main-cart`). Shopify refuses a sixth.
 */
export const cartSections = () =>
  [
    ...new Set([
      "cart-icon-bubble",
      ...[...d.querySelectorAll("[id^=shopify-section-][id*=cart]")].map((section) => section.id.slice(16)),
    ]),
  ]
    .slice(0, 5)
    .join();

/**
 * Each section's content into the page where the page has it: its `shopify-section-…` wrapper, else the
 * element named like the section (Dawn's header `#cart-icon-bubble`). A section the theme lacks is null.
 */
export function renderSections(sections?: Record<string, string | null>) {
  for (const id in sections) {
    const to = d.getElementById("shopify-section-" + id) ?? d.getElementById(id);
    const got = new DOMParser().parseFromString(sections[id] ?? "", "text/html").body.firstElementChild;
    if (to && got) to.replaceChildren(...got.childNodes);
  }
}

/**
 * The cart events, dispatched on <html> and bubbling (so listeners on html, document and window hear them),
 * one detail for all: `{cart, resource, data: {source, itemCount}}`.
 *   cart:update          Horizon family (Shopify's current themes: count from data.itemCount, cart as resource)
 *   cart:refresh         Maestrooo (Prestige, Impact, Focal, Warehouse: listen on <html>)
 *   cart:build           Archetype (Impulse, Motion, Streamline)
 *   theme:cart:refresh   Presidio / Palo Alto (Broadcast, Pipeline, Palo Alto)
 *   cart:updated         many apps' and custom themes' listeners, reading detail.cart
 * and Dawn's PubSub `cart-update` ({source, cartData}), which refreshes Dawn's cart page and drawer items.
 */
export function announceCart(cart: { item_count: number }) {
  const source = "chatlift";
  const detail = { cart, resource: cart, data: { source, itemCount: cart.item_count } };
  for (const name of ["cart:update", "cart:refresh", "cart:build", "theme:cart:refresh", "cart:updated"])
    d.documentElement.dispatchEvent(new CustomEvent(name, { bubbles: true, detail }));
  try {
    publish(PUB_SUB_EVENTS.cartUpdate, { source, cartData: cart });
  } catch {
    // Not a Dawn-family theme (or a subscriber failed): the chat goes on.
  }
}
