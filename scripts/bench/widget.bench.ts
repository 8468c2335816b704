/**
 * `npm run bench -- widget [--rounds N]`: the widget's weight (loader, everything, loader gzipped),
 * and what the app embed costs the harness product page in Lighthouse (Debian's Chromium, offline,
 * on the storefront harness): the performance score, and the simulated LCP and TBT, whose deltas
 * the score alone hides (a +265 ms LCP moved the score by a point or two). The page is audited
 * with and without the embed in N interleaved rounds (default 7), the order alternating, so a
 * machine shared with other work loads both sides alike; medians are reported. Last line: one
 * JSON object.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { ASSETS, BUNDLES, buildWidget } from "../build-widget.mjs";
import { buildPixel } from "../build-pixel.mjs";
import { starterConfig } from "../../app/flows/starter-config";
import { startStorefront } from "../../sandbox/storefront/server";
import { CHROMIUM, CHROMIUM_ARGS } from "../../sandbox/browser/chromium";

const roundsFlag = process.argv.indexOf("--rounds");
const ROUNDS = roundsFlag > 0 ? Number(process.argv[roundsFlag + 1]) : 7;
if (!Number.isInteger(ROUNDS) || ROUNDS < 1) throw new Error(`--rounds wants a whole number ≥ 1, got ${ROUNDS}`);

await buildWidget();
const bytes = (file: string) => readFileSync(path.join(ASSETS, file));
const loader = bytes("chatlift.js");
const result: Record<string, number | string> = {
  loader_bytes: loader.length,
  total_bytes: (BUNDLES as { file: string }[]).reduce((sum, bundle) => sum + bytes(bundle.file).length, 0),
  // Loaded with the chat UI only where Shopify's analytics runs and the visitor consents (budget 7,000 B).
  analytics_bytes: bytes("chatlift-analytics.js").length,
  analytics_gzip_bytes: gzipSync(bytes("chatlift-analytics.js"), { level: 9 }).length,
  loader_gzip_bytes: gzipSync(loader, { level: 9 }).length,
  ui_gzip_bytes: gzipSync(bytes("chatlift-ui.js"), { level: 9 }).length,
  // The app web pixel (extensions/chatlift-pixel), which Shopify loads with analytics consent: goal ≤ 4,000 B.
  pixel_bytes: (await buildPixel()).bytes,
};

interface Audit {
  score: number;
  lcp: number;
  tbt: number;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

async function compare(rounds: number): Promise<Record<"without" | "with", Audit[]>> {
  const { default: lighthouse } = await import("lighthouse");
  const { launch } = await import("chrome-launcher");
  const config = starterConfig({ holdoutPercent: 0 });
  const shops = {
    without: await startStorefront({ embed: false, config }),
    with: await startStorefront({ embed: true, config }),
  };
  // One request each first: a storefront's first page compiles its Liquid, which would count against one side.
  for (const shop of Object.values(shops)) await (await fetch(`${shop.url}/products/linen-shirt`)).text();
  const chrome = await launch({ chromePath: CHROMIUM, chromeFlags: CHROMIUM_ARGS });
  const audits: Record<"without" | "with", Audit[]> = { without: [], with: [] };
  const audit = async (side: "without" | "with") => {
    const answer = await lighthouse(`${shops[side].url}/products/linen-shirt`, {
      port: chrome.port,
      onlyCategories: ["performance"],
      output: "json",
      logLevel: "error",
    });
    const lhr = answer?.lhr;
    const lcp = lhr?.audits["largest-contentful-paint"]?.numericValue;
    const tbt = lhr?.audits["total-blocking-time"]?.numericValue;
    if (!lhr || lcp === undefined || tbt === undefined)
      throw new Error(`Lighthouse measured no LCP/TBT ${side} the embed: ${lhr?.runtimeError?.message ?? "no report"}`);
    audits[side].push({ score: Math.round((lhr.categories.performance?.score ?? 0) * 100), lcp, tbt });
  };
  try {
    for (let round = 0; round < rounds; round++) {
      // Alternating which side goes first keeps a warm-up or a burst of load from favouring one side.
      const order: ("without" | "with")[] = round % 2 ? ["with", "without"] : ["without", "with"];
      for (const side of order) await audit(side);
      const last = (side: "without" | "with") => audits[side].at(-1)!;
      console.error(
        `round ${round + 1}/${rounds}: LCP ${Math.round(last("without").lcp)} → ${Math.round(last("with").lcp)} ms, ` +
          `TBT ${Math.round(last("without").tbt)} → ${Math.round(last("with").tbt)} ms`,
      );
    }
    return audits;
  } finally {
    await chrome.kill();
    await shops.without.close();
    await shops.with.close();
  }
}

try {
  const audits = await compare(ROUNDS);
  const of = (side: "without" | "with", key: keyof Audit) => Math.round(median(audits[side].map((a) => a[key])));
  Object.assign(result, {
    rounds: ROUNDS,
    lighthouse_without: of("without", "score"),
    lighthouse_with: of("with", "score"),
    lcp_without_ms: of("without", "lcp"),
    lcp_with_ms: of("with", "lcp"),
    tbt_without_ms: of("without", "tbt"),
    tbt_with_ms: of("with", "tbt"),
  });
  result.lcp_delta_ms = (result.lcp_with_ms as number) - (result.lcp_without_ms as number);
  result.tbt_delta_ms = (result.tbt_with_ms as number) - (result.tbt_without_ms as number);
  const range = (side: "without" | "with") =>
    `${Math.round(Math.min(...audits[side].map((a) => a.lcp)))}–${Math.round(Math.max(...audits[side].map((a) => a.lcp)))}`;
  console.error(`LCP ranges: without ${range("without")} ms, with ${range("with")} ms`);
} catch (error) {
  console.error(`lighthouse skipped: ${(error as Error).message}`);
}
console.log(JSON.stringify(result));
