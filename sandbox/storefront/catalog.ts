/**
 * The harness shop's products, and their JSON in the shape of Shopify's AJAX product object
 * (what /products/HANDLE.js and /recommendations/products.json return). Prices in cents.
 */
export interface HarnessVariant {
  id: number;
  title: string;
  price: number;
  available: boolean;
}

export interface HarnessProduct {
  id: number;
  handle: string;
  title: string;
  vendor: string;
  type: string;
  description: string;
  variants: HarnessVariant[];
  /** Handles that Shopify would recommend for this product (intent=related), then complementary. */
  related: string[];
  complementary: string[];
}

const sizes = (base: number, price: number, soldOut: string[] = []): HarnessVariant[] =>
  ["S", "M", "L", "XL"].map((size, index) => ({
    id: base + index,
    title: size,
    price,
    available: !soldOut.includes(size),
  }));

export const PRODUCTS: HarnessProduct[] = [
  {
    id: 8011001,
    handle: "linen-shirt",
    title: "Linen Shirt",
    vendor: "Harbor",
    type: "Shirts",
    description: "Washed linen, relaxed fit.",
    variants: sizes(44001001, 5900),
    related: ["oxford-shirt", "chambray-shirt", "linen-trousers"],
    complementary: ["canvas-belt"],
  },
  {
    id: 8011002,
    handle: "oxford-shirt",
    title: "Oxford Shirt",
    vendor: "Harbor",
    type: "Shirts",
    description: "Cotton oxford, regular fit.",
    variants: sizes(44002001, 6500, ["S"]),
    related: ["linen-shirt", "chambray-shirt"],
    complementary: ["canvas-belt"],
  },
  {
    id: 8011003,
    handle: "chambray-shirt",
    title: "Chambray Shirt",
    vendor: "Harbor",
    type: "Shirts",
    description: "Light chambray, true to size.",
    variants: sizes(44003001, 5500),
    related: ["linen-shirt"],
    complementary: [],
  },
  {
    id: 8011004,
    handle: "linen-trousers",
    title: "Linen Trousers",
    vendor: "Harbor",
    type: "Trousers",
    description: "Drawstring waist.",
    variants: sizes(44004001, 7900),
    related: ["linen-shirt"],
    complementary: ["canvas-belt"],
  },
  {
    id: 8011005,
    handle: "canvas-belt",
    title: "Canvas Belt",
    vendor: "Harbor",
    type: "Accessories",
    description: "One size.",
    variants: [{ id: 44005001, title: "Default Title", price: 2500, available: true }],
    related: [],
    complementary: [],
  },
];

export const byHandle = (handle: string) => PRODUCTS.find((product) => product.handle === handle);
export const byId = (id: number) => PRODUCTS.find((product) => product.id === id);
export const variantById = (id: number) => {
  for (const product of PRODUCTS) {
    const variant = product.variants.find((candidate) => candidate.id === id);
    if (variant) return { product, variant };
  }
  return undefined;
};

export const imageUrl = (product: HarnessProduct) => `/cdn/images/${product.handle}.svg`;

export function productJson(product: HarnessProduct) {
  const prices = product.variants.map((variant) => variant.price);
  const single = product.variants.length === 1;
  return {
    id: product.id,
    title: product.title,
    handle: product.handle,
    description: `<p>${product.description}</p>`,
    published_at: "2025-03-01T10:00:00-05:00",
    created_at: "2025-02-20T10:00:00-05:00",
    vendor: product.vendor,
    type: product.type,
    tags: [],
    price: Math.min(...prices),
    price_min: Math.min(...prices),
    price_max: Math.max(...prices),
    available: product.variants.some((variant) => variant.available),
    price_varies: new Set(prices).size > 1,
    compare_at_price: null,
    compare_at_price_min: 0,
    compare_at_price_max: 0,
    compare_at_price_varies: false,
    variants: product.variants.map((variant) => ({
      id: variant.id,
      title: variant.title,
      option1: variant.title,
      option2: null,
      option3: null,
      sku: `${product.handle}-${variant.title}`.toUpperCase(),
      requires_shipping: true,
      taxable: true,
      featured_image: null,
      available: variant.available,
      name: single ? product.title : `${product.title} - ${variant.title}`,
      public_title: single ? null : variant.title,
      options: [variant.title],
      price: variant.price,
      weight: 300,
      compare_at_price: null,
      inventory_management: "shopify",
      barcode: null,
    })),
    images: [imageUrl(product)],
    featured_image: imageUrl(product),
    options: [
      { name: single ? "Title" : "Size", position: 1, values: product.variants.map((variant) => variant.title) },
    ],
    url: `/products/${product.handle}`,
  };
}
