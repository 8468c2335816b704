/**
 * One cart per browser (cookie), answering like Shopify's AJAX Cart API: lines keyed by variant
 * and properties, attributes merged by update.js, discount codes replaced by update.js.
 */
import { byId, imageUrl, variantById } from "./catalog";

export const KNOWN_CODES: Record<string, number> = { CHAT10: 10 };

interface Line {
  variantId: number;
  quantity: number;
  properties: Record<string, string>;
}

export class HarnessCart {
  lines: Line[] = [];
  attributes: Record<string, string> = {};
  note = "";
  codes: string[] = [];
  constructor(
    readonly token: string,
    readonly currency = "EUR",
  ) {}

  add(
    variantId: number,
    quantity: number,
    properties: Record<string, string> = {},
  ): { status: number; message: string; description: string } | { line: ReturnType<HarnessCart["lineJson"]> } {
    const found = variantById(variantId);
    if (!found) return { status: 404, message: "Cart Error", description: "Cannot find variant" };
    if (!found.variant.available)
      return { status: 422, message: "Cart Error", description: `${found.product.title} is sold out.` };
    const same = this.lines.find(
      (line) => line.variantId === variantId && JSON.stringify(line.properties) === JSON.stringify(properties),
    );
    if (same) same.quantity += quantity;
    else this.lines.push({ variantId, quantity, properties });
    return { line: this.lineJson(same ?? this.lines[this.lines.length - 1]!) };
  }

  update(body: {
    attributes?: Record<string, string>;
    note?: string;
    discount?: string;
    updates?: Record<string, number>;
  }) {
    for (const [key, value] of Object.entries(body.attributes ?? {})) {
      if (value === "" || value === null) delete this.attributes[key];
      else this.attributes[key] = String(value);
    }
    if (typeof body.note === "string") this.note = body.note;
    if (typeof body.discount === "string")
      this.codes = body.discount
        .split(",")
        .map((code) => code.trim())
        .filter(Boolean);
    for (const [variantId, quantity] of Object.entries(body.updates ?? {}))
      this.setQuantity((line) => line.variantId === Number(variantId), quantity);
  }

  setQuantity(match: (line: Line, index: number) => boolean, quantity: number) {
    const index = this.lines.findIndex(match);
    if (index < 0) return false;
    if (quantity <= 0) this.lines.splice(index, 1);
    else this.lines[index]!.quantity = quantity;
    return true;
  }

  lineKey(line: Line) {
    return `${line.variantId}:${Buffer.from(JSON.stringify(line.properties)).toString("hex").slice(0, 32)}`;
  }

  lineJson(line: Line) {
    const { product, variant } = variantById(line.variantId)!;
    const total = variant.price * line.quantity;
    return {
      id: variant.id,
      properties: line.properties,
      quantity: line.quantity,
      variant_id: variant.id,
      key: this.lineKey(line),
      title: product.variants.length > 1 ? `${product.title} - ${variant.title}` : product.title,
      price: variant.price,
      original_price: variant.price,
      discounted_price: variant.price,
      line_price: total,
      original_line_price: total,
      total_discount: 0,
      discounts: [],
      sku: `${product.handle}-${variant.title}`.toUpperCase(),
      grams: 300,
      vendor: product.vendor,
      taxable: true,
      product_id: product.id,
      product_has_only_default_variant: product.variants.length === 1,
      gift_card: false,
      final_price: variant.price,
      final_line_price: total,
      url: `/products/${product.handle}?variant=${variant.id}`,
      featured_image: { aspect_ratio: 1, alt: product.title, height: 800, url: imageUrl(product), width: 800 },
      image: imageUrl(product),
      handle: product.handle,
      requires_shipping: true,
      product_type: byId(product.id)!.type,
      product_title: product.title,
      product_description: product.description,
      variant_title: product.variants.length > 1 ? variant.title : null,
      variant_options: [variant.title],
      options_with_values: [{ name: product.variants.length > 1 ? "Size" : "Title", value: variant.title }],
      line_level_discount_allocations: [],
      line_level_total_discount: 0,
    };
  }

  json() {
    const items = this.lines.map((line) => this.lineJson(line));
    const subtotal = items.reduce((sum, item) => sum + item.line_price, 0);
    const applicable = this.codes.map((code) => ({
      code,
      applicable: code.toUpperCase() in KNOWN_CODES && items.length > 0,
    }));
    const percent = applicable
      .filter((entry) => entry.applicable)
      .reduce((sum, entry) => sum + KNOWN_CODES[entry.code.toUpperCase()]!, 0);
    const discount = Math.round((subtotal * percent) / 100);
    return {
      token: this.token,
      note: this.note,
      attributes: this.attributes,
      original_total_price: subtotal,
      total_price: subtotal - discount,
      total_discount: discount,
      total_weight: items.reduce((sum, item) => sum + item.grams * item.quantity, 0),
      item_count: items.reduce((sum, item) => sum + item.quantity, 0),
      items,
      requires_shipping: items.length > 0,
      currency: this.currency,
      items_subtotal_price: subtotal,
      cart_level_discount_applications: discount
        ? [
            {
              type: "discount_code",
              key: applicable[0]!.code,
              title: applicable[0]!.code,
              description: null,
              value: String(percent),
              created_at: null,
              value_type: "percentage",
              allocation_method: "across",
              target_selection: "all",
              target_type: "line_item",
              total_allocated_amount: discount,
            },
          ]
        : [],
      discount_codes: applicable,
    };
  }
}
