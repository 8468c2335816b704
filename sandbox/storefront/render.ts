/**
 * Renders storefront pages the way a theme with the ChatLift app embed would: the theme's
 * layout and template (theme/*.liquid), and the REAL extensions/chatlift/blocks/*.liquid with
 * the objects Shopify gives an app embed (app.metafields, block.settings, request, product,
 * cart, routes) and the extension's locales for the `t` filter. The theme comes in two kinds
 * (`ThemeCart`): one whose cart count, drawer and cart page are sections (Dawn's layout, answering
 * the Section Rendering API: `renderer.section`), and one without cart sections.
 */
import { readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import {
  Liquid,
  Tag,
  type Context,
  type Emitter,
  type Liquid as Engine,
  type TagToken,
  type TopLevelToken,
} from "liquidjs";
import type { HarnessCart } from "./cart";
import { PRODUCTS, imageUrl, productJson, type HarnessProduct } from "./catalog";

const here = path.dirname(fileURLToPath(import.meta.url));
export const EXTENSION_DIR = path.resolve(here, "../../extensions/chatlift");
export const ASSETS_DIR = path.join(EXTENSION_DIR, "assets");

export type Consent = "granted" | "denied" | "none";

/**
 * "sections": the header's count (Dawn's `#cart-icon-bubble` markup, section `cart-icon-bubble`), a cart drawer
 * (static section `cart-drawer`) and the cart page (templates/cart.json's section, id CART_PAGE_SECTION) are
 * sections. "none": a theme with no cart sections, whose count listens for the `cart:refresh` event.
 */
export type ThemeCart = "sections" | "none";

/** The id Shopify generates for the cart template's one section ("template--<template id>__<key>"). */
export const CART_PAGE_SECTION = "template--harbor__main-cart";

/** The theme's sections by id: the static ones by file name, the cart template's by its generated id. */
const SECTION_FILES: Record<string, string> = {
  "cart-icon-bubble": "cart-icon-bubble",
  "cart-drawer": "cart-drawer",
  [CART_PAGE_SECTION]: "main-cart",
};

/** A section as Shopify renders it, on a page and through the Section Rendering API alike. */
const wrapSection = (id: string, html: string) =>
  `<div id="shopify-section-${id}" class="shopify-section">${html}</div>`;

/** `{% section 'name' %}`: a static section, in its wrapper. */
class SectionTag extends Tag {
  private readonly file: string;
  constructor(token: TagToken, remain: TopLevelToken[], liquid: Engine) {
    super(token, remain, liquid);
    this.file = token.args.trim().replace(/^['"]|['"]$/g, "");
  }
  *render(context: Context, emitter: Emitter): Generator<unknown, void, string> {
    emitter.write(wrapSection(this.file, yield this.liquid.renderFile(`sections/${this.file}`, context.getAll())));
  }
}

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
  engine.registerTag("section", SectionTag);
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

  const liquidCart = (cart: ReturnType<HarnessCart["json"]>) => ({ ...cart, currency: { iso_code: cart.currency } });

  async function renderPage(options: {
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
    /** "sections" when not given. */
    themeCart?: ThemeCart;
  }): Promise<string> {
    const product = options.product && {
      ...productJson(options.product),
      selected_or_first_available_variant: options.product.variants.find((variant) => variant.available),
    };
    const cart = liquidCart(options.cart);
    const themeSections = (options.themeCart ?? "sections") === "sections";
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
      theme_sections: themeSections,
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
    const content =
      options.template === "cart" && themeSections
        ? wrapSection(CART_PAGE_SECTION, await engine.renderFile("sections/main-cart", scope))
        : await engine.renderFile(options.template, scope);
    return engine.renderFile("layout", {
      ...scope,
      content_for_layout: content,
      app_embeds: embeds,
      app_embed_scripts: scripts,
    });
  }

  /** One section in the context of a page (its path): its HTML in its wrapper, or null when the theme lacks it. */
  async function section(
    id: string,
    options: { path: string; locale: string; cart: ReturnType<HarnessCart["json"]>; themeCart?: ThemeCart },
  ): Promise<string | null> {
    const file = Object.hasOwn(SECTION_FILES, id) ? SECTION_FILES[id] : undefined;
    if (!file || (options.themeCart ?? "sections") !== "sections") return null;
    const scope = {
      request: { path: options.path, locale: { iso_code: options.locale } },
      routes: { root_url: "/" },
      cart: liquidCart(options.cart),
      theme_sections: true,
    };
    return wrapSection(id, await engine.renderFile(`sections/${file}`, scope));
  }

  return Object.assign(renderPage, { section });
}
