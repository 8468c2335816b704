/** Builders for the answering core's documents: a tiny shop, each document overridable field by field. */
import type {
  FaqDocument,
  KnowledgeDocument,
  PageDocument,
  PolicyDocument,
  ProductDocument,
  ShopProfile,
} from "../../../app/answers/documents";
import { KnowledgeIndex } from "../../../app/answers/knowledge-index";

export const SHOP: ShopProfile = { name: "Test Shop", primaryLocale: "en", currencyCode: "EUR" };

let next = 1000;
const gid = (type: string) => `gid://shopify/${type}/${next++}`;

export function aProduct(overrides: Partial<ProductDocument> = {}): ProductDocument {
  const id = overrides.id ?? gid("Product");
  const title = overrides.title ?? "Fjord Linen Shirt";
  const handle = overrides.handle ?? title.toLowerCase().replace(/[^a-z0-9]+/g, "-");
  const sizes = ["S", "M", "L"];
  return {
    type: "product",
    id,
    locale: "en",
    handle,
    title,
    descriptionHtml: "<p>A relaxed shirt in washed linen with a camp collar.</p>",
    productType: "Shirts",
    vendor: "Test Shop",
    tags: ["linen"],
    options: [{ name: "Size", values: sizes }],
    variants: sizes.map((size, i) => ({
      id: `${id.replace("Product", "ProductVariant")}${i}`,
      title: size,
      price: "59.00",
      compareAtPrice: null,
      availableForSale: true,
      selectedOptions: [{ name: "Size", value: size }],
    })),
    metafields: [{ namespace: "custom", key: "care", value: "Machine wash at 30 °C, line dry." }],
    collections: [{ id: "gid://shopify/Collection/1", handle: "shirts", title: "Shirts" }],
    onlineStoreUrl: `https://test.example/products/${handle}`,
    ...overrides,
  };
}

export function aPolicy(overrides: Partial<PolicyDocument> = {}): PolicyDocument {
  return {
    type: "policy",
    id: gid("ShopPolicy"),
    locale: "en",
    policyType: "REFUND_POLICY",
    title: "Refund policy",
    body: "<h2>Returns</h2><p>You can return unworn items within 30 days of delivery. Returns from Germany are free.</p>",
    url: "https://test.example/policies/refund-policy",
    ...overrides,
  };
}

export function aPage(overrides: Partial<PageDocument> = {}): PageDocument {
  return {
    type: "page",
    id: gid("Page"),
    locale: "en",
    handle: "stores",
    title: "Our stores",
    body: "<p>Our store in Hamburg is open Monday to Saturday, 10 am to 7 pm.</p>",
    url: "https://test.example/pages/stores",
    ...overrides,
  };
}

export function aFaq(overrides: Partial<FaqDocument> = {}): FaqDocument {
  return {
    type: "faq",
    id: `faq-${next++}`,
    locale: "en",
    question: "Do you ship internationally?",
    variants: ["Which countries do you deliver to?"],
    answer: "We ship to Germany, the EU, the United Kingdom and Canada.",
    ...overrides,
  };
}

export const indexOf = (...documents: KnowledgeDocument[]) => KnowledgeIndex.build(SHOP, documents);
