import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import prisma from "../../../app/db.server";
import { redactShop } from "../../../app/privacy/compliance.server";

/** Every model of the schema that names a shop (shopDomain, Session.shop, Shop.domain). */
function shopKeyedModels(): string[] {
  const schema = readFileSync(path.resolve(__dirname, "../../../prisma/schema.prisma"), "utf8");
  const models = [...schema.matchAll(/^model (\w+) \{([\s\S]*?)^\}/gm)];
  return models
    .filter(
      ([, name, body]) =>
        /^\s+shopDomain\s/m.test(body!) || (name === "Session" && /^\s+shop\s/m.test(body!)) || name === "Shop",
    )
    .map(([, name]) => name!)
    .sort();
}

describe("shop/redact coverage", () => {
  it("GIVEN the schema WHEN a shop is redacted THEN every shop-keyed model is deleted from and reported", async () => {
    // GIVEN a shop with a row in one model, and the list of every model keyed by shop
    await prisma.shop.create({ data: { domain: "coverage.myshopify.com" } });
    const expected = shopKeyedModels();
    expect(expected.length).toBeGreaterThan(20);

    // WHEN shop/redact runs
    const report = await redactShop("coverage.myshopify.com");

    // THEN the report names each of them: a new model that holds shop data must be added there
    expect(Object.keys(report.deleted).sort()).toEqual(expected);
    expect(report.deleted.Shop).toBe(1);
  });
});
