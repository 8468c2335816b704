import { describe, expect, it } from "vitest";
import type { PolicyNode, ProductNode, ShopAnswer } from "../../../../app/integrations/shopify/knowledge.graphql";
import {
  pageDocumentOf,
  policyDocumentOf,
  productDocumentOf,
  shopSettingsOf,
  translatedDocument,
} from "../../../../app/answers/sync/shopify-documents";
import { documentOf, faqDocumentOf, rowOf, translationKeysOfRow } from "../../../../app/answers/sync/source-rows";
import { translationKeysOf } from "../../../../app/answers/sync/product-translations";

/** A product node as the Admin API answers KNOWLEDGE_PRODUCTS, with overrides. */
function productNode(overrides: Partial<ProductNode> = {}): ProductNode {
  return {
    id: "gid://shopify/Product/7001",
    handle: "linen-shirt",
    title: "Linen Shirt",
    descriptionHtml: "<p>Washed linen, relaxed fit.</p>",
    productType: "Shirts",
    vendor: "Harbor & Field",
    tags: ["linen", "summer"],
    status: "ACTIVE",
    updatedAt: "2026-11-19T10:00:00Z",
    onlineStoreUrl: "https://harbor-field.example/products/linen-shirt",
    options: [
      {
        id: "gid://shopify/ProductOption/10",
        name: "Size",
        values: ["S", "M"],
        optionValues: [
          { id: "gid://shopify/ProductOptionValue/11", name: "S" },
          { id: "gid://shopify/ProductOptionValue/12", name: "M" },
        ],
      },
      {
        id: "gid://shopify/ProductOption/20",
        name: "Color",
        values: ["Blue"],
        optionValues: [{ id: "gid://shopify/ProductOptionValue/21", name: "Blue" }],
      },
    ],
    variants: {
      pageInfo: { hasNextPage: false, endCursor: null },
      nodes: [
        {
          id: "gid://shopify/ProductVariant/1",
          title: "S / Blue",
          price: "59.00",
          compareAtPrice: "79.00",
          availableForSale: true,
          selectedOptions: [
            { name: "Size", value: "S" },
            { name: "Color", value: "Blue" },
          ],
        },
        {
          id: "gid://shopify/ProductVariant/2",
          title: "M / Blue",
          price: "59.00",
          compareAtPrice: null,
          availableForSale: false,
          selectedOptions: [
            { name: "Size", value: "M" },
            { name: "Color", value: "Blue" },
          ],
        },
      ],
    },
    metafields: {
      nodes: [
        { id: "gid://shopify/Metafield/31", namespace: "custom", key: "care", value: "Machine wash cold" },
        { id: "gid://shopify/Metafield/32", namespace: "reviews", key: "rating", value: "4.5" },
      ],
    },
    collections: { nodes: [{ id: "gid://shopify/Collection/3", handle: "summer", title: "Summer" }] },
    featuredMedia: {
      alt: "Linen Shirt in sand, folded",
      preview: {
        image: {
          url: "https://cdn.shopify.com/s/files/1/0700/4242/files/linen-shirt.jpg?v=1730451600",
          width: 1600,
          height: 2000,
        },
      },
    },
    ...overrides,
  };
}

const shopAnswer: ShopAnswer = {
  shop: {
    name: "Harbor & Field",
    currencyCode: "EUR",
    primaryDomain: { url: "https://harbor-field.example/" },
    shopPolicies: [],
  },
  shopLocales: [
    { locale: "de", primary: false, published: true },
    { locale: "en", primary: true, published: true },
    { locale: "fr", primary: false, published: false },
  ],
};

describe("the shop as a pass reads it", () => {
  it("GIVEN Shopify's locales WHEN mapped THEN the primary comes first, unpublished ones are left out, and each has its storefront root (the other languages in subfolders)", () => {
    expect(shopSettingsOf(shopAnswer)).toEqual({
      name: "Harbor & Field",
      currencyCode: "EUR",
      primaryLocale: "en",
      locales: ["en", "de"],
      roots: { en: "https://harbor-field.example", de: "https://harbor-field.example/de" },
    });
  });
});

describe("products", () => {
  it("GIVEN a product WHEN mapped THEN facts are kept as Shopify stores them and only the picked metafield namespaces are kept", () => {
    const document = productDocumentOf(productNode(), "en", ["custom"]);
    expect(document).toMatchObject({
      type: "product",
      id: "gid://shopify/Product/7001",
      locale: "en",
      productType: "Shirts",
      tags: ["linen", "summer"],
    });
    expect(
      document.variants.map((variant) => [variant.price, variant.compareAtPrice, variant.availableForSale]),
    ).toEqual([
      ["59.00", "79.00", true],
      ["59.00", null, false],
    ]);
    expect(document.metafields).toEqual([{ namespace: "custom", key: "care", value: "Machine wash cold" }]);
    expect(document.collections).toEqual([{ id: "gid://shopify/Collection/3", handle: "summer", title: "Summer" }]);
  });

  it("GIVEN a product with variants read past the first page THEN every variant is kept, in order", () => {
    const more = [
      {
        id: "gid://shopify/ProductVariant/3",
        title: "L / Blue",
        price: "61.00",
        compareAtPrice: null,
        availableForSale: true,
        selectedOptions: [],
      },
    ];
    expect(productDocumentOf(productNode(), "en", [], more).variants.map((variant) => variant.id)).toEqual([
      "gid://shopify/ProductVariant/1",
      "gid://shopify/ProductVariant/2",
      "gid://shopify/ProductVariant/3",
    ]);
  });

  it("GIVEN a product WHEN stored and read back THEN the document is the same", () => {
    const document = productDocumentOf(productNode(), "en", ["custom"]);
    expect(document.featuredImage).not.toBeNull();
    expect(documentOf(rowOf(document))).toEqual(document);
  });

  it("GIVEN a featured image THEN its address, size and the merchant's alt text are kept as Shopify gives them", () => {
    expect(productDocumentOf(productNode(), "en", []).featuredImage).toEqual({
      url: "https://cdn.shopify.com/s/files/1/0700/4242/files/linen-shirt.jpg?v=1730451600",
      altText: "Linen Shirt in sand, folded",
      width: 1600,
      height: 2000,
    });
  });

  it("GIVEN no media, media still processing, or a blank alt text THEN no image, no image, and no alt text", () => {
    const image = { url: "https://cdn.shopify.com/s/files/1/0700/4242/files/x.jpg", width: null, height: null };
    expect(productDocumentOf(productNode({ featuredMedia: null }), "en", []).featuredImage).toBeNull();
    expect(
      productDocumentOf(productNode({ featuredMedia: { alt: "x", preview: { image: null } } }), "en", []).featuredImage,
    ).toBeNull();
    expect(
      productDocumentOf(productNode({ featuredMedia: { alt: "  ", preview: { image } } }), "en", []).featuredImage,
    ).toEqual({ ...image, altText: null });
  });

  it("GIVEN a product stored before images were read THEN it reads back without one", () => {
    const document = productDocumentOf(productNode(), "en", []);
    const row = rowOf(document);
    const { featuredImage: _image, ...older } = JSON.parse(row.facts!) as Record<string, unknown>;
    expect(documentOf({ ...row, facts: JSON.stringify(older) })).not.toHaveProperty("featuredImage");
  });

  it("GIVEN a stored product whose facts cannot be read THEN the error names it", () => {
    const row = { ...rowOf(productDocumentOf(productNode(), "en", [])), facts: '{"tags":"linen"}' };
    expect(() => documentOf(row)).toThrow(/gid:\/\/shopify\/Product\/7001 \(en\) has unreadable facts/);
  });
});

describe("pages and policies", () => {
  const settings = shopSettingsOf(shopAnswer);
  const page = {
    id: "gid://shopify/Page/5",
    handle: "care-guide",
    title: "Care guide",
    body: "<p>Wash cold.</p>",
    isPublished: true,
    updatedAt: "2026-11-01T00:00:00Z",
  };

  it("GIVEN a published page THEN its address is under the shop's primary domain; a hidden page is not answered from", () => {
    expect(pageDocumentOf(page, settings)).toMatchObject({
      url: "https://harbor-field.example/pages/care-guide",
      locale: "en",
    });
    expect(pageDocumentOf({ ...page, isPublished: false }, settings)).toBeNull();
  });

  it("GIVEN Shopify's policies THEN empty ones and kinds the answers do not cover are left out", () => {
    const policy = (type: string, body: string): PolicyNode => ({
      id: `gid://shopify/ShopPolicy/${type}`,
      type,
      title: type,
      body,
      url: "https://harbor-field.example/policies/x",
      updatedAt: "2026-11-01T00:00:00Z",
    });
    expect(policyDocumentOf(policy("REFUND_POLICY", "<p>30 days.</p>"), "en")).toMatchObject({
      policyType: "REFUND_POLICY",
    });
    expect(policyDocumentOf(policy("SHIPPING_POLICY", "  "), "en")).toBeNull();
    expect(policyDocumentOf(policy("LEGAL_NOTICE", "<p>Impressum</p>"), "en")).toBeNull();
  });
});

describe("translations", () => {
  const settings = shopSettingsOf(shopAnswer);
  const product = productDocumentOf(productNode(), "en", []);

  it("GIVEN German translations of a product THEN the German document has them, keeps the facts, and lives under /de with its German handle", () => {
    const translated = translatedDocument(
      product,
      {
        resourceId: product.id,
        translations: [
          { key: "title", value: "Leinenhemd", outdated: false },
          { key: "handle", value: "leinenhemd", outdated: false },
          { key: "meta_title", value: "ignored", outdated: false },
        ],
      },
      "de",
      settings,
    );
    expect(translated).toMatchObject({
      locale: "de",
      title: "Leinenhemd",
      handle: "leinenhemd",
      descriptionHtml: product.descriptionHtml,
      onlineStoreUrl: "https://harbor-field.example/de/products/leinenhemd",
    });
    expect(translated?.type === "product" && translated.variants).toEqual(product.variants);
  });

  it("GIVEN German option names, values and metafields THEN options, each variant's selected options and the care line are German", () => {
    const node = productNode();
    const keys = translationKeysOf(node, ["custom"]);
    const german = (id: string, key: string, value: string) => ({
      resourceId: id,
      translations: [{ key, value, outdated: false }],
    });
    const translated = translatedDocument(
      productDocumentOf(node, "en", ["custom"]),
      {
        resourceId: node.id,
        translations: [],
        nestedTranslatableResources: {
          nodes: [
            german("gid://shopify/ProductOption/20", "name", "Farbe"),
            german("gid://shopify/ProductOptionValue/21", "name", "Blau"),
            german("gid://shopify/ProductOption/10", "name", "Größe"),
            german("gid://shopify/Metafield/31", "value", "Kalt waschen"),
          ],
        },
      },
      "de",
      settings,
      keys,
    );
    expect(translated?.type === "product" && translated.options).toEqual([
      { name: "Größe", values: ["S", "M"] },
      { name: "Farbe", values: ["Blau"] },
    ]);
    expect(translated?.type === "product" && translated.variants[0]!.selectedOptions).toEqual([
      { name: "Größe", value: "S" },
      { name: "Farbe", value: "Blau" },
    ]);
    expect(translated?.type === "product" && translated.metafields).toEqual([
      { namespace: "custom", key: "care", value: "Kalt waschen" },
    ]);
    // The title was not translated: it stays as the storefront shows it
    expect(translated?.title).toBe("Linen Shirt");
  });

  it("GIVEN a stored product THEN the keys of its nested translations survive the row", () => {
    const node = productNode();
    const row = rowOf(productDocumentOf(node, "en", ["custom"]), translationKeysOf(node, ["custom"]));
    expect(translationKeysOfRow(row)).toEqual(translationKeysOf(node, ["custom"]));
    expect(documentOf(row)).toEqual(productDocumentOf(node, "en", ["custom"]));
  });

  it("GIVEN no translated field THEN there is no document in that locale (answers fall back to the primary one)", () => {
    expect(
      translatedDocument(
        product,
        { resourceId: product.id, translations: [{ key: "title", value: null, outdated: false }] },
        "de",
        settings,
      ),
    ).toBeNull();
  });
});

describe("the merchant's FAQs", () => {
  it("GIVEN a stored FAQ with a link THEN the core gets its variants and link; unreadable variants are named", () => {
    const row = {
      id: "faq1",
      locale: "en",
      question: "Do you ship to Canada?",
      variants: '["Shipping to Canada?"]',
      answer: "Yes, in 5-8 days.",
      linkTitle: null,
      linkUrl: "/policies/shipping-policy",
    };
    expect(faqDocumentOf(row)).toEqual({
      type: "faq",
      id: "faq1",
      locale: "en",
      question: "Do you ship to Canada?",
      variants: ["Shipping to Canada?"],
      answer: "Yes, in 5-8 days.",
      link: { title: "Do you ship to Canada?", url: "/policies/shipping-policy" },
    });
    expect(() => faqDocumentOf({ ...row, variants: '"one"' })).toThrow(/FAQ faq1/);
  });
});
