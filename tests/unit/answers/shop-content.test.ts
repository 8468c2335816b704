import { describe, expect, it } from "vitest";
import { shopContent } from "../../../sandbox/shop-content/index";

describe("the sandbox shop's content", () => {
  it("GIVEN the evaluation size WHEN generated THEN it is a realistic shop in English and German", () => {
    const { documents } = shopContent();
    const count = (type: string, locale: string) =>
      documents.filter((d) => d.type === type && d.locale === locale).length;
    expect(count("product", "en")).toBeGreaterThanOrEqual(500);
    expect(count("product", "de")).toBeGreaterThan(0);
    expect(count("page", "en")).toBeGreaterThanOrEqual(20);
    expect(count("page", "de")).toBeGreaterThan(10);
    expect(count("faq", "en")).toBeGreaterThanOrEqual(40);
    expect(count("faq", "de")).toBeGreaterThanOrEqual(40);
    expect(count("policy", "en")).toBe(5);
    expect(count("policy", "de")).toBe(5);
    const titles = documents
      .filter((d) => d.type === "product" && d.locale === "en")
      .map((d) => d.type === "product" && d.title);
    expect(new Set(titles).size).toBe(titles.length);
  });

  it("GIVEN two sizes WHEN generated THEN the smaller catalog is the start of the larger one, the same on every run", () => {
    const small = shopContent({ products: 50, pages: 30 }).documents.filter((d) => d.type === "product");
    const large = shopContent({ products: 80, pages: 30 }).documents.filter((d) => d.type === "product");
    expect(large.slice(0, small.length)).toEqual(small);
    expect(shopContent({ products: 50, pages: 30 }).documents).toEqual(
      shopContent({ products: 50, pages: 30 }).documents,
    );
  });

  it("GIVEN products WHEN generated THEN they carry Shopify-shaped ids, options, variants and metafields", () => {
    const product = shopContent({ products: 10, pages: 25 }).documents.find(
      (d) => d.type === "product" && d.id.endsWith("/8012000"),
    );
    expect(product).toMatchObject({ type: "product", locale: "en", vendor: "Harbor & Field" });
    if (product?.type !== "product") throw new Error("no generated product");
    expect(product.variants[0]?.id).toMatch(/^gid:\/\/shopify\/ProductVariant\/\d+$/);
    expect(product.variants[0]?.price).toMatch(/^\d+\.\d{2}$/);
    expect(product.metafields.map((field) => field.key)).toContain("material");
    expect(product.onlineStoreUrl).toBe(`https://harbor-field.example/products/${product.handle}`);
  });
});
