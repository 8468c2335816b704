/**
 * `npm run bench -- widget`: the widget's weight (loader, everything, loader gzipped), and the
 * Lighthouse performance score of the harness product page with and without the app embed
 * (Debian's Chromium, offline, on the storefront harness). Last line: one JSON object.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { ASSETS, BUNDLES, buildWidget } from "../build-widget.mjs";
import { starterConfig } from "../../app/flows/starter-config";
import { startStorefront } from "../../sandbox/storefront/server";
import { CHROMIUM, CHROMIUM_ARGS } from "../../sandbox/browser/chromium";

await buildWidget();
const bytes = (file: string) => readFileSync(path.join(ASSETS, file));
const loader = bytes("chatlift.js");
const result: Record<string, number | string> = {
  loader_bytes: loader.length,
  total_bytes: (BUNDLES as { file: string }[]).reduce((sum, bundle) => sum + bytes(bundle.file).length, 0),
  loader_gzip_bytes: gzipSync(loader, { level: 9 }).length,
  ui_gzip_bytes: gzipSync(bytes("chatlift-ui.js"), { level: 9 }).length,
};

async function lighthouseScore(embed: boolean, runs = 3): Promise<number> {
  const { default: lighthouse } = await import("lighthouse");
  const { launch } = await import("chrome-launcher");
  const shop = await startStorefront({ embed, config: starterConfig({ holdoutPercent: 0 }) });
  const chrome = await launch({ chromePath: CHROMIUM, chromeFlags: CHROMIUM_ARGS });
  try {
    const scores: number[] = [];
    for (let run = 0; run < runs; run++) {
      const answer = await lighthouse(`${shop.url}/products/linen-shirt`, {
        port: chrome.port,
        onlyCategories: ["performance"],
        output: "json",
        logLevel: "error",
      });
      scores.push(Math.round((answer?.lhr.categories.performance?.score ?? 0) * 100));
    }
    // The median of three runs: one run on a shared 2-core machine is noisy.
    return scores.sort((a, b) => a - b)[Math.floor(runs / 2)]!;
  } finally {
    await chrome.kill();
    await shop.close();
  }
}

try {
  result.lighthouse_without = await lighthouseScore(false);
  result.lighthouse_with = await lighthouseScore(true);
} catch (error) {
  console.error(`lighthouse skipped: ${(error as Error).message}`);
}
console.log(JSON.stringify(result));
