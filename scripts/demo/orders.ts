/**
 * The demo shop's orders/create bodies, built from what its cart held: products of the storefront's own catalog
 * at their prices, in the shop's currency (EUR, VAT included as a German shop charges it), with the widget's
 * links only where the widget set them. Shopify's example order (sandbox/shopify) gives the shape and the ids;
 * its USD "Red Leather Coat" lines made the audit say a coat "was added from chat" in a shirt shop.
 */
import { SHOP } from "../../sandbox/shop-content/shop";
import { PRODUCTS, variantById } from "../../sandbox/storefront/catalog";
import { anOrderPayload } from "../../sandbox/shopify/order-payloads";

/** The currency the demo shop keeps its books in: its storefront's and its Admin API's. */
export const DEMO_CURRENCY = SHOP.currencyCode;
/** German VAT, included in the shelf price. */
const VAT_RATE = 0.19;

/** A line of the harness cart: a variant, how many, the line properties the widget set (`_chatlift`). */
export interface CartLine {
  variantId: number;
  quantity: number;
  properties?: Record<string, string>;
}

export interface DemoOrderOptions {
  lines: CartLine[];
  placedAt: Date;
  email?: string;
  /** The `__chatlift` cart attribute's value as the widget wrote it (`<session>.t` / `<session>.h`). */
  cartAttribute?: string;
}

export type DemoOrder = Record<string, unknown> & {
  admin_graphql_api_id: string;
  line_items: Array<Record<string, unknown>>;
};

const amount = (minor: number) => (minor / 100).toFixed(2);
const money = (minor: number) => {
  const side = { amount: amount(minor), currency_code: DEMO_CURRENCY };
  return { shop_money: side, presentment_money: side };
};
/** VAT contained in a gross amount, as Shopify shows it for a shop with taxes included. */
const vatIn = (grossMinor: number) => Math.round((grossMinor * VAT_RATE) / (1 + VAT_RATE));
const vatLine = (grossMinor: number) => ({
  price: amount(vatIn(grossMinor)),
  price_set: money(vatIn(grossMinor)),
  rate: VAT_RATE,
  title: "DE MwSt",
  channel_liable: false,
});

/** Every variant the demo storefront sells, for the tests' "from the catalog" check. */
export const DEMO_VARIANT_IDS = new Set(PRODUCTS.flatMap((product) => product.variants.map((variant) => variant.id)));

export function demoOrder(options: DemoOrderOptions): DemoOrder {
  if (!options.lines.length) throw new Error("an order needs at least one line");
  const base = anOrderPayload(options.placedAt, {
    ...(options.email ? { email: options.email, contact_email: options.email } : {}),
  });
  const orderNumber = Number(String(base.admin_graphql_api_id).split("/").pop());
  const template = base.line_items[0] as Record<string, unknown>;
  let subtotal = 0;
  let tax = 0;
  const lineItems = options.lines.map((line, index) => {
    const found = variantById(line.variantId);
    if (!found) throw new Error(`variant ${line.variantId} is not in the demo shop's catalog`);
    const { product, variant } = found;
    const lineTotal = variant.price * line.quantity;
    subtotal += lineTotal;
    tax += vatIn(lineTotal);
    const titled = variant.title === "Default Title" ? null : variant.title;
    return {
      ...template,
      id: orderNumber * 10 + index,
      admin_graphql_api_id: `gid://shopify/LineItem/${orderNumber * 10 + index}`,
      title: product.title,
      name: titled ? `${product.title} - ${titled}` : product.title,
      variant_title: titled,
      product_id: product.id,
      variant_id: variant.id,
      product_exists: true,
      sku: `${product.handle}-${variant.title}`.toUpperCase(),
      vendor: product.vendor,
      quantity: line.quantity,
      current_quantity: line.quantity,
      fulfillable_quantity: line.quantity,
      price: amount(variant.price),
      price_set: money(variant.price),
      total_discount: amount(0),
      total_discount_set: money(0),
      discount_allocations: [],
      tax_lines: [vatLine(lineTotal)],
      properties: Object.entries(line.properties ?? {}).map(([name, value]) => ({ name, value })),
    };
  });
  const total = amount(subtotal);
  const totalSet = money(subtotal);
  return {
    ...base,
    currency: DEMO_CURRENCY,
    presentment_currency: DEMO_CURRENCY,
    customer_locale: "en",
    taxes_included: true,
    line_items: lineItems,
    note_attributes: options.cartAttribute ? [{ name: "__chatlift", value: options.cartAttribute }] : [],
    discount_codes: [],
    discount_applications: [],
    shipping_lines: [],
    tax_lines: [{ ...vatLine(subtotal), price: amount(tax), price_set: money(tax) }],
    subtotal_price: total,
    subtotal_price_set: totalSet,
    current_subtotal_price: total,
    current_subtotal_price_set: totalSet,
    total_line_items_price: total,
    total_line_items_price_set: totalSet,
    total_price: total,
    total_price_set: totalSet,
    current_total_price: total,
    current_total_price_set: totalSet,
    total_outstanding: total,
    total_tax: amount(tax),
    total_tax_set: money(tax),
    current_total_tax: amount(tax),
    current_total_tax_set: money(tax),
    total_discounts: amount(0),
    total_discounts_set: money(0),
    current_total_discounts: amount(0),
    current_total_discounts_set: money(0),
    total_shipping_price_set: money(0),
    total_cash_rounding_payment_adjustment_set: money(0),
    total_cash_rounding_refund_adjustment_set: money(0),
  };
}
