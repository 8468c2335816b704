/**
 * The pixel's weight: bundled as Shopify CLI bundles a web pixel, within its 4,000-byte goal, and
 * carrying no validator (zod) or app code — only the link it sends.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { buildPixel, PIXEL_BUDGET_BYTES } from "../../../scripts/build-pixel.mjs";

describe("the pixel bundle", () => {
  it("GIVEN the pixel's sources WHEN bundled THEN it is within its budget and holds no validator", async () => {
    const { bytes, outfile } = await buildPixel();
    expect(bytes).toBeLessThanOrEqual(PIXEL_BUDGET_BYTES);
    const code = readFileSync(outfile, "utf8");
    expect(code).toContain("checkout_completed");
    expect(code).toContain("chatlift:link");
    expect(code).not.toMatch(/ZodError|safeParse/);
  });
});
