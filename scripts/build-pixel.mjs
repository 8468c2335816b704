#!/usr/bin/env node
/**
 * Bundles the ChatLift web pixel (extensions/chatlift-pixel/src/index.ts) the way Shopify CLI
 * does for a web pixel extension (esbuild, minified, one file), to measure what a storefront
 * downloads for it: the widget bench reports it as `pixel_bytes` (goal ≤ 4,000 B) and
 * tests/unit/pixel/bundle.test.ts holds the goal. Shopify CLI builds the deployed file itself;
 * this one goes to a temporary folder unless --outfile names another.
 *
 * Usage: node scripts/build-pixel.mjs [--outfile FILE]
 */
import { build } from "esbuild";
import { mkdtempSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const PIXEL_ENTRY = path.join(root, "extensions/chatlift-pixel/src/index.ts");
export const PIXEL_BUDGET_BYTES = 4000;

/** Builds the pixel; returns its size in bytes and where it went. */
export async function buildPixel(outfile = path.join(mkdtempSync(path.join(tmpdir(), "chatlift-pixel-")), "main.js")) {
  await build({
    entryPoints: [PIXEL_ENTRY],
    outfile,
    bundle: true,
    minify: true,
    format: "iife",
    target: ["es2020"],
    legalComments: "none",
    tsconfigRaw: {},
    logLevel: "warning",
  });
  return { bytes: statSync(outfile).size, outfile };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const flag = process.argv.indexOf("--outfile");
  const { bytes, outfile } = await buildPixel(flag > 0 ? process.argv[flag + 1] : undefined);
  console.log(`${path.relative(process.cwd(), outfile)}: ${bytes} B (budget ${PIXEL_BUDGET_BYTES} B)`);
}
