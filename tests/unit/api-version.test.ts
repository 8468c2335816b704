import { describe, expect, it } from "vitest";
import { ApiVersion } from "@shopify/shopify-api";
import { SHOPIFY_API_VERSION } from "../../app/shopify.server";

describe("SHOPIFY_API_VERSION", () => {
  it("is the newest stable Admin API version the installed library offers", () => {
    // Fails after a library upgrade that adds a version, so the pin is moved on purpose.
    const stable = Object.values(ApiVersion)
      .filter((v) => /^\d{4}-\d{2}$/.test(v))
      .sort();
    expect(SHOPIFY_API_VERSION).toBe(stable.at(-1));
  });
});
