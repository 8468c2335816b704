/**
 * Renders storefront pages the way a theme with the ChatLift app embed would: the theme's
 * layout and template (theme/*.liquid), and the REAL extensions/chatlift/blocks/*.liquid with
 * the objects Shopify gives an app embed (app.metafields, block.settings, request, product,
 * cart, routes) and the extension's locales for the `t` filter.
 */
import { readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Liquid } from "liquidjs";
import type { HarnessCart } from "./cart";
import { PRODUCTS, imageUrl, productJson, type HarnessProduct } from "./catalog";

const here = path.dirname(fileURLToPath(import.meta.url));
export const EXTENSION_DIR = path.resolve(here, "../../extensions/chatlift");
export const ASSETS_DIR = path.join(EXTENSION_DIR, "assets");

export type Consent = "granted" | "denied" | "none";

export interface EmbedBlock {
  file: string;
  source: string;
  schema: { javascript?: string; settings: { id?: string; default?: unknown }[] };
}

/** The extension's blocks, each with its schema (which Shopify reads and never renders). */
export function loadBlocks(): EmbedBlock[] {
  return readdirSync(path.join(EXTENSION_DIR, "blocks"))
    .filter((file) => file.endsWith(".liquid"))
    .map((file) => {
      const text = readFileSync(path.join(EXTENSION_DIR, "blocks", file), "utf8");
      const match = /{%-?\s*schema\s*-?%}([\s\S]*?){%-?\s*endschema\s*-?%}/.exec(text);
      if (!match) throw new Error(`${file} has no schema`);
      return { file, source: text.replace(match[0], ""), schema: JSON.parse(match[1]!) };
    });
}

function loadLocale(locale: string): Record<string, unknown> {
  const dir = path.join(EXTENSION_DIR, "locales");
  const fallback = JSON.parse(readFileSync(path.join(dir, "en.default.json"), "utf8"));
  const file = path.join(dir, `${locale}.json`);
  try {
    return { ...fallback, widget: { ...fallback.widget, ...JSON.parse(readFileSync(file, "utf8")).widget } };
  } catch {
    return fallback;
  }
}

export function assetUrl(name: string): string {
  // Versioned like Shopify's CDN URLs, so a rebuilt asset gets a new URL.
  return `/cdn/assets/${name}?v=${Math.floor(statSync(path.join(ASSETS_DIR, name)).mtimeMs)}`;
}

export function createRenderer() {
  const engine = new Liquid({
    root: path.join(here, "theme"),
    extname: ".liquid",
    jsTruthy: false,
    strictFilters: true,
  });
  // Shopify's json filter writes nil as null (LiquidJS would write nothing).
  engine.registerFilter("json", (value: unknown) => JSON.stringify(value ?? null));
  engine.registerFilter("money", (cents: number) => `€${(cents / 100).toFixed(2)}`);
  engine.registerFilter("asset_url", (name: string) => assetUrl(name));
  engine.registerFilter("strip_newlines", (text: string) => String(text).replace(/\r?\n/g, ""));
  engine.registerFilter("t", function (this: { context: { get(path: string[]): unknown } }, key: string) {
    const locale = String(this.context.get(["request", "locale", "iso_code"]) ?? "en");
    const value = String(key)
      .split(".")
      .reduce<unknown>(
        (node, part) => (node && typeof node === "object" ? (node as Record<string, unknown>)[part] : undefined),
        loadLocale(locale),
      );
    return typeof value === "string" ? value : `translation missing: ${locale}.${key}`;
  });
  const blocks = loadBlocks();

  return async function renderPage(options: {
    template: "product" | "cart" | "page" | "index" | "collection" | "search";
    pageType: string;
    path: string;
    title: string;
    locale: string;
    /** Without it the page has no country, as Liquid renders a blank one. */
    country?: string;
    cart: ReturnType<HarnessCart["json"]>;
    config: unknown;
    consent: Consent;
    settings?: Record<string, unknown>;
    product?: HarnessProduct;
    page?: { handle: string; title: string; content: string };
    embed: boolean;
  }): Promise<string> {
    const product = options.product && {
      ...productJson(options.product),
      selected_or_first_available_variant: options.product.variants.find((variant) => variant.available),
    };
    const cart = { ...options.cart, currency: { iso_code: options.cart.currency } };
    const request = { page_type: options.pageType, path: options.path, locale: { iso_code: options.locale } };
    const scope = {
      request,
      localization: { country: options.country ? { iso_code: options.country } : undefined },
      routes: { root_url: "/" },
      cart,
      product,
      products: PRODUCTS.map((entry) => ({ ...productJson(entry), featured_image: imageUrl(entry) })),
      page: options.page,
      page_title: options.title,
      consent: options.consent,
    };
    let embeds = "";
    const scripts: string[] = [];
    if (options.embed) {
      for (const block of blocks) {
        const defaults = Object.fromEntries(
          block.schema.settings.filter((setting) => setting.id).map((setting) => [setting.id, setting.default ?? null]),
        );
        const blockScope = {
          ...scope,
          app: {
            metafields: {
              chatlift: {
                widget_config: options.config === undefined ? undefined : { value: options.config, type: "json" },
              },
            },
          },
          block: { settings: { ...defaults, ...options.settings } },
        };
        embeds += await engine.parseAndRender(block.source, blockScope);
        if (block.schema.javascript) scripts.push(assetUrl(block.schema.javascript));
      }
    }
    const content = await engine.renderFile(options.template, scope);
    return engine.renderFile("layout", {
      ...scope,
      content_for_layout: content,
      app_embeds: embeds,
      app_embed_scripts: scripts,
    });
  };
}
