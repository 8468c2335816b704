import { describe, expect, it } from "vitest";
import { ApiVersion } from "@shopify/shopify-api";
import { SHOPIFY_API_VERSION } from "../../app/shopify.server";
import { ADMIN_SCHEMA_VERSION, adminSchemaFile } from "../../sandbox/shopify/fixture-files";

describe("SHOPIFY_API_VERSION", () => {
  it("is the newest stable Admin API version the installed library offers", () => {
    // Fails after a library upgrade that adds a version, so the pin is moved on purpose.
    const stable = Object.values(ApiVersion)
      .filter((v) => /^\d{4}-\d{2}$/.test(v))
      .sort();
    expect(SHOPIFY_API_VERSION).toBe(stable.at(-1));
  });

  it("is the version of the Admin GraphQL schema the app's documents and the stand-in are validated against", () => {
    // A version bump without its schema (from @shopify/dev-mcp's dist/data/admin_<version>.json.gz) fails here.
    expect(String(SHOPIFY_API_VERSION)).toBe(ADMIN_SCHEMA_VERSION);
    expect(adminSchemaFile().data.__schema.queryType.name).toBe("QueryRoot");
  });
});
