#!/usr/bin/env node
/**
 * Builds the storefront widget (widget/*.ts) into the theme app extension's assets:
 *   chatlift.js     the loader, which the app embed's inline starter loads after the load event (at most 4,000 bytes)
 *   chatlift-ui.js  the chat UI, loaded on first need
 *   chatlift-handoff.js  talking to a person (widget/handoff/), loaded when a shopper asks for one
 *   chatlift-analytics.js  the pixel's checkout link and chatlift:* events (widget/analytics/), active with consent only
 * The built files are committed (Shopify CLI deploys extensions/chatlift as it is); the build is
 * deterministic, and tests/widget/extension.test.ts fails when the committed files are stale.
 * esbuild bundles; a second pass with terser takes ~650 B more off (two compress passes, and function expressions
 * that use no `this` become arrows: the widget never calls one with `new`): bytes the budget-bound loader and chat
 * UI spend on features instead. The chat's own method names that recur most (the conversation's, the talk's) are
 * shortened too: MANGLED lists them (never a DOM, wire or storage name), one cache shared by every bundle.
 *
 * Usage: node scripts/build-widget.mjs [--outdir DIR]
 */
import { build } from "esbuild";
import { readFileSync, statSync, writeFileSync } from "node:fs";
import { minify } from "terser";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const ASSETS = path.join(root, "extensions/chatlift/assets");
export const BUNDLES = [
  { entry: "widget/loader.ts", file: "chatlift.js" },
  { entry: "widget/ui/index.ts", file: "chatlift-ui.js" },
  // Loaded only when a shopper asks for a person: not part of the chat UI's budget.
  { entry: "widget/handoff/index.ts", file: "chatlift-handoff.js" },
  // Loaded with the chat UI where Shopify's analytics runs, active only with consent: its own budget too.
  { entry: "widget/analytics/index.ts", file: "chatlift-analytics.js" },
];

const MANGLED = /^(actions|button|checking|templates|cartChanged|addToCart|lastAck|acknowledge|converted|inject)$/;

/** Builds both bundles into outdir; returns { file: bytes }. */
export async function buildWidget(outdir = ASSETS) {
  const sizes = {};
  const mangleCache = {};
  for (const bundle of BUNDLES) {
    const outfile = path.join(outdir, bundle.file);
    const result = await build({
      entryPoints: [path.join(root, bundle.entry)],
      outfile,
      bundle: true,
      minify: true,
      mangleProps: MANGLED,
      mangleCache,
      format: "iife",
      // Browsers with crypto.randomUUID and declarative shadow DOM (the loader requires both).
      target: ["es2022", "chrome111", "safari16.4", "firefox123"],
      charset: "utf8",
      legalComments: "none",
      // No "use strict" prologue and no tsconfig paths: the bundles depend on nothing outside widget/ and app/.
      tsconfigRaw: {},
      logLevel: "warning",
    });
    // esbuild hands the names it chose back rather than filling the cache in: the next bundle must see them.
    Object.assign(mangleCache, result.mangleCache);
    const squeezed = await minify(readFileSync(outfile, "utf8"), {
      ecma: 2020,
      compress: { passes: 2, unsafe_arrows: true },
      format: { comments: false },
    });
    writeFileSync(outfile, squeezed.code);
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
