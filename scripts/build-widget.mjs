#!/usr/bin/env node
/**
 * Builds the storefront widget (widget/*.ts) into the theme app extension's assets:
 *   chatlift.js     the loader, which the app embed's inline starter loads after the load event (at most 4,000 bytes)
 *   chatlift-ui.js  the chat UI, loaded on first need
 * The built files are committed (Shopify CLI deploys extensions/chatlift as it is); the build is
 * deterministic, and tests/widget/build.test.ts fails when the committed files are stale.
 *
 * Usage: node scripts/build-widget.mjs [--outdir DIR]
 */
import { build } from "esbuild";
import { statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const ASSETS = path.join(root, "extensions/chatlift/assets");
export const BUNDLES = [
  { entry: "widget/loader.ts", file: "chatlift.js" },
  { entry: "widget/ui/index.ts", file: "chatlift-ui.js" },
];

/** Builds both bundles into outdir; returns { file: bytes }. */
export async function buildWidget(outdir = ASSETS) {
  const sizes = {};
  for (const bundle of BUNDLES) {
    const outfile = path.join(outdir, bundle.file);
    await build({
      entryPoints: [path.join(root, bundle.entry)],
      outfile,
      bundle: true,
      minify: true,
      format: "iife",
      // Browsers with crypto.randomUUID and declarative shadow DOM (the loader requires both).
      target: ["es2022", "chrome111", "safari16.4", "firefox123"],
      charset: "utf8",
      legalComments: "none",
      // No "use strict" prologue and no tsconfig paths: the bundles depend on nothing outside widget/ and app/.
      tsconfigRaw: {},
      logLevel: "warning",
    });
    sizes[bundle.file] = statSync(outfile).size;
  }
  return sizes;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const flag = process.argv.indexOf("--outdir");
  const outdir = flag > 0 ? path.resolve(process.argv[flag + 1]) : ASSETS;
  const sizes = await buildWidget(outdir);
  for (const [file, bytes] of Object.entries(sizes))
    console.log(`${file.padEnd(16)} ${String(bytes).padStart(6)} bytes`);
}
