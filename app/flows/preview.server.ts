/**
 * Reads what the live preview runs from the committed theme app extension: the built widget
 * assets, the launcher markup of the app embed's Liquid and the locales' widget texts. A host
 * without the extension folder (it ships to Shopify, not to the app host) gets no preview.
 */
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import type { PreviewAssets } from "./preview";

const extensionDir = () => path.resolve(process.env.CHATLIFT_EXTENSION_DIR ?? "extensions/chatlift");

/**
 * The embed's `<template shadowrootmode="open">`, with the only two Liquid expressions it holds
 * (the launcher's corner and label, which the Liquid resolves from the published appearance or
 * the block settings) filled in; anything else Liquid in it means the embed changed and this
 * needs a look.
 */
export function launcherMarkup(liquid: string, openLabel: string): string {
  const match = /<template shadowrootmode="open">[\s\S]*?<\/template>/.exec(liquid);
  if (!match) throw new Error("the app embed has no declarative shadow root template");
  const escaped = openLabel.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");
  const markup = match[0].replace(/{{\s*side\s*}}/g, "right").replace(/{{\s*open_label\s*\|\s*escape\s*}}/g, escaped);
  if (/{{|{%/.test(markup)) throw new Error("the app embed's launcher holds Liquid the preview does not know");
  return markup;
}

let cached: Promise<PreviewAssets | null> | undefined;

async function load(dir: string): Promise<PreviewAssets | null> {
  try {
    const [loader, ui, liquid, localeFiles] = await Promise.all([
      readFile(path.join(dir, "assets/chatlift.js"), "utf8"),
      readFile(path.join(dir, "assets/chatlift-ui.js"), "utf8"),
      readFile(path.join(dir, "blocks/chatlift-embed.liquid"), "utf8"),
      readdir(path.join(dir, "locales")),
    ]);
    const texts: Record<string, Record<string, string>> = {};
    for (const file of localeFiles.filter((name) => name.endsWith(".json") && !name.includes(".schema."))) {
      const locale = file.replace(/(\.default)?\.json$/, "");
      texts[locale] = (
        JSON.parse(await readFile(path.join(dir, "locales", file), "utf8")) as { widget: Record<string, string> }
      ).widget;
    }
    const english = texts.en ?? {};
    for (const locale of Object.keys(texts)) texts[locale] = { ...english, ...texts[locale] };
    return { loader, ui, launcher: launcherMarkup(liquid, english.open ?? "Open chat"), texts };
  } catch {
    return null;
  }
}

/** Read once per process: the assets only change with a deploy. */
export function readPreviewAssets(dir = extensionDir()): Promise<PreviewAssets | null> {
  if (dir !== extensionDir()) return load(dir);
  cached ??= load(dir);
  return cached;
}
