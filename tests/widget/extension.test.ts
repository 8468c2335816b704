/**
 * The theme app extension as Shopify would check and deploy it: theme-check with the
 * theme-app-extension config, the weight budget, and committed assets equal to a fresh build.
 */
import { cpSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { themeCheckRun } from "@shopify/theme-check-node";
import { beforeAll, describe, expect, it } from "vitest";
import { ASSETS, BUNDLES, buildWidget } from "../../scripts/build-widget.mjs";
import { projectRoot } from "../support/database";
import { WIDGET_BUDGETS } from "../../app/admin/settings/widget-weight";

const EXTENSION = path.join(projectRoot, "extensions/chatlift");
const THEME_APP_CONFIG = path.join(
  projectRoot,
  "node_modules/@shopify/theme-check-node/configs/theme-app-extension.yml",
);
/** The budgets the admin's Settings page shows the merchant: one copy. */
const LOADER_BUDGET = WIDGET_BUDGETS.loaderBytes;
/** The lazily loaded handoff bundle (widget/handoff/), on its own. */
const HANDOFF_BUDGET = 6_000;
/** The analytics bundle (widget/analytics/): loaded with the chat UI where Shopify's analytics runs, active with consent. */
const ANALYTICS_BUDGET = 7_000;
/** Bundles outside the chat's total: each loads only for some shoppers, on its own budget. */
const LAZY = ["chatlift-handoff.js", "chatlift-analytics.js"];
const TOTAL_BUDGET = WIDGET_BUDGETS.totalBytes;

const errorsOf = async (root: string) =>
  (await themeCheckRun(root, THEME_APP_CONFIG, () => undefined)).offenses
    .filter((offense) => offense.severity === 0)
    .map((offense) => `${offense.check}: ${offense.message}`);

describe("theme app extension", () => {
  let fresh: string;
  beforeAll(async () => {
    fresh = mkdtempSync(path.join(tmpdir(), "chatlift-widget-build-"));
    await buildWidget(fresh);
  });

  it("passes theme-check (theme-app-extension config) with zero errors", async () => {
    // GIVEN the extension as committed; WHEN theme-check runs; THEN it reports no error
    expect(await errorsOf(EXTENSION)).toEqual([]);
  });

  it("theme-check does catch an oversized schema script (the check above can fail)", async () => {
    // GIVEN a copy whose block names a 12 KB loader in its schema
    const copy = mkdtempSync(path.join(tmpdir(), "chatlift-extension-"));
    cpSync(EXTENSION, copy, { recursive: true });
    writeFileSync(path.join(copy, "assets/chatlift.js"), `/*${"x".repeat(12_000)}*/`);
    const block = path.join(copy, "blocks/chatlift-embed.liquid");
    writeFileSync(
      block,
      readFileSync(block, "utf8").replace('"target": "body",', '"target": "body", "javascript": "chatlift.js",'),
    );
    // THEN theme-check fails it
    expect((await errorsOf(copy)).join("\n")).toMatch(/AssetSizeAppBlockJavaScript/);
  });

  it("theme-check's 10,000-byte limit is for the script the schema names: the lazily loaded chat UI is not held to it", async () => {
    // GIVEN a copy whose chat UI (loaded by the loader, named by no schema) is 20 KB
    const copy = mkdtempSync(path.join(tmpdir(), "chatlift-extension-"));
    cpSync(EXTENSION, copy, { recursive: true });
    writeFileSync(path.join(copy, "assets/chatlift-ui.js"), `/*${"x".repeat(20_000)}*/`);
    // THEN theme-check has nothing to say about it (the budgets below are what hold it)
    expect(await errorsOf(copy)).toEqual([]);
  });

  it("the block's starter loads the loader after the load event (no schema script: the page would request it at once), within 4,000 bytes", () => {
    const block = readFileSync(path.join(EXTENSION, "blocks/chatlift-embed.liquid"), "utf8");
    expect(block).not.toMatch(/"javascript":/);
    expect(block).toMatch(/'chatlift.js' \| asset_url/);
    expect(block).toMatch(/addEventListener\("load", afterLoad\)/);
    const loader = readFileSync(path.join(ASSETS, "chatlift.js"));
    expect(loader.length).toBeLessThanOrEqual(LOADER_BUDGET);
  });

  it("everything the widget loads stays within the total budget, and no bundle pulls in zod or uses innerHTML", () => {
    const files = readdirSync(ASSETS).filter((file) => file.endsWith(".js"));
    expect(files.sort()).toEqual(BUNDLES.map((bundle: { file: string }) => bundle.file).sort());
    // The handoff bundle loads only when a shopper asks for a person, the analytics bundle only where Shopify's analytics runs:
    // each has its own budget, outside the chat's.
    const chat = files.filter((file) => !LAZY.includes(file));
    const total = chat.reduce((sum, file) => sum + readFileSync(path.join(ASSETS, file)).length, 0);
    expect(total).toBeLessThanOrEqual(TOTAL_BUDGET);
    expect(readFileSync(path.join(ASSETS, "chatlift-handoff.js")).length).toBeLessThanOrEqual(HANDOFF_BUDGET);
    expect(readFileSync(path.join(ASSETS, "chatlift-analytics.js")).length).toBeLessThanOrEqual(ANALYTICS_BUDGET);
    for (const file of files) expect(readFileSync(path.join(ASSETS, file), "utf8")).not.toMatch(/ZodError|innerHTML/);
    expect(gzipSync(readFileSync(path.join(ASSETS, "chatlift.js"))).length).toBeLessThan(LOADER_BUDGET);
  });

  it("the committed assets are what `npm run build:widget` builds now (rebuild and commit when this fails)", () => {
    for (const { file } of BUNDLES as { file: string }[]) {
      expect(readFileSync(path.join(ASSETS, file), "utf8"), `${file} is stale: run npm run build:widget`).toBe(
        readFileSync(path.join(fresh, file), "utf8"),
      );
    }
  });

  it("every storefront locale has the same keys as the English default", () => {
    const dir = path.join(EXTENSION, "locales");
    const keys = (file: string) => Object.keys(JSON.parse(readFileSync(path.join(dir, file), "utf8")).widget).sort();
    for (const locale of ["fr", "de", "es"]) expect(keys(`${locale}.json`), locale).toEqual(keys("en.default.json"));
  });
});
