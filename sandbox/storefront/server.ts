/**
 * The storefront harness: a small Shopify-like shop on node:http that renders the real app
 * embed, answers the AJAX Cart (cart-api.ts), Section Rendering (sections.ts) and Product
 * Recommendations endpoints with Shopify's documented shapes, and hands POSTs to the app proxy (/apps/chatlift/events, /apps/chatlift/answers) to
 * pluggable handlers. Events by default are validated with the event contract and recorded;
 * questions by default are validated with the answers contract and recorded, and answered 503
 * (there is no app behind the proxy to answer them). `appProxy` (app-proxy.ts) forwards either
 * to the real app with a signed app-proxy query, as Shopify does.
 *
 *   npx tsx sandbox/storefront/server.ts [--port 4100] [--holdout 10] [--consent granted|denied|none] [--theme-cart sections|none] [--locale en|fr|de|es]
 */
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { questionSchema, type Question } from "../../contract/answers";
import { eventBatchSchema, type EventBatch } from "../../contract/events";
import { starterConfig } from "../../app/flows/starter-config";
import { widgetConfigSchema, type WidgetConfigInput } from "../../contract/widget-config";
import { HarnessCart } from "./cart";
import { answerCartApi, parseBody } from "./cart-api";
import { byHandle, byId, productJson, PRODUCTS } from "./catalog";
import { ASSETS_DIR, createRenderer, type Consent, type ThemeCart } from "./render";
import { renderSections, sectionIdsOfQuery, type RenderSection } from "./sections";

/** What the storefront's app proxy does with a POST to /apps/chatlift/*. */
export type ProxyHandler = (request: {
  /** The app's path, e.g. /apps/chatlift/answers. */
  path: string;
  body: string;
  headers: IncomingMessage["headers"];
  query: URLSearchParams;
}) => Promise<{ status: number; body: string; headers?: Record<string, string> }>;
export type EventsHandler = ProxyHandler;

export interface RecordedBatch {
  receivedAt: number;
  /** "fetch" for keepalive fetches, "beacon" for sendBeacon (Chrome marks it as a ping). */
  via: string;
  batch: EventBatch;
}

export interface CartRequest {
  method: string;
  path: string;
  body: unknown;
}

export interface StorefrontOptions {
  /** The published widget config (the admin's input); null: not published yet. */
  config?: WidgetConfigInput | null;
  /** Read on every page instead of `config`: what the admin published last (the demo's Admin API stand-in). */
  configSource?: () => unknown;
  consent?: Consent;
  locale?: string;
  /** The storefront's country (Liquid `localization.country.iso_code`); "US" when not given. */
  country?: string;
  /** Block settings over the schema defaults. */
  settings?: Record<string, unknown>;
  /** False renders the pages without the app embed (the benchmark's baseline). */
  embed?: boolean;
  /** The theme's cart: sections (Dawn's layout, answering the Section Rendering API; the default) or none. */
  themeCart?: ThemeCart;
  events?: ProxyHandler;
  /** POST /apps/chatlift/answers: by default validated, recorded in `questions`, and answered 503. */
  answers?: ProxyHandler;
  /** POST /apps/chatlift/handoff: the shopper's talk with a person; without one the storefront answers 404. */
  handoff?: ProxyHandler;
  /** POST /apps/chatlift/link-token: the pixel's token for a chat session; without one the storefront answers 404. */
  linkToken?: ProxyHandler;
  port?: number;
}

export interface Storefront {
  url: string;
  batches: RecordedBatch[];
  rejected: { body: string; issues: unknown }[];
  /** The questions the default answers handler received (valid ones only). */
  questions: Question[];
  cartRequests: CartRequest[];
  carts: Map<string, HarnessCart>;
  close(): Promise<void>;
}

/** The default events handler: the contract's zod schema decides, as the ingest route will. */
export function recordingEvents(batches: RecordedBatch[], rejected: Storefront["rejected"]): EventsHandler {
  return async ({ body, headers }) => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch {
      rejected.push({ body, issues: "not JSON" });
      return { status: 400, body: JSON.stringify({ error: "not JSON" }) };
    }
    const result = eventBatchSchema.safeParse(parsed);
    if (!result.success) {
      rejected.push({ body, issues: result.error.issues });
      return { status: 400, body: JSON.stringify({ error: "invalid batch", issues: result.error.issues }) };
    }
    batches.push({
      receivedAt: Date.now(),
      via: headers["sec-fetch-dest"] === "empty" && headers["sec-fetch-mode"] === "no-cors" ? "beacon" : "fetch",
      batch: result.data,
    });
    return { status: 200, body: JSON.stringify({ accepted: result.data.events.length }) };
  };
}

/** Without an app behind the proxy: the question must be what the route accepts, and nobody answers it. */
export function unansweredQuestions(questions: Question[]): ProxyHandler {
  return async ({ body }) => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch {
      return { status: 400, body: JSON.stringify({ error: "not JSON" }) };
    }
    const result = questionSchema.safeParse(parsed);
    if (!result.success)
      return { status: 400, body: JSON.stringify({ error: "invalid question", issues: result.error.issues }) };
    questions.push(result.data);
    return {
      status: 503,
      body: JSON.stringify({
        error: "no app behind this storefront's app proxy: start it with `answers: appProxy(…)`",
      }),
    };
  };
}

const readBody = (request: IncomingMessage) =>
  new Promise<string>((resolve, reject) => {
    let text = "";
    request.setEncoding("utf8");
    request.on("data", (chunk: string) => (text += chunk));
    request.on("end", () => resolve(text));
    request.on("error", reject);
  });

function svg(title: string, hue: number) {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="800" height="800" viewBox="0 0 800 800"><rect width="800" height="800" fill="hsl(${hue} 35% 82%)"/><text x="400" y="410" font-family="Georgia" font-size="48" text-anchor="middle" fill="#333">${title}</text></svg>`;
}

export async function startStorefront(options: StorefrontOptions = {}): Promise<Storefront> {
  const fixedConfig = options.config === null ? undefined : widgetConfigSchema.parse(options.config ?? starterConfig());
  const currentConfig = () => {
    if (!options.configSource) return fixedConfig;
    const published = options.configSource();
    return published === undefined || published === null ? undefined : widgetConfigSchema.parse(published);
  };
  const batches: RecordedBatch[] = [];
  const rejected: Storefront["rejected"] = [];
  const cartRequests: CartRequest[] = [];
  const carts = new Map<string, HarnessCart>();
  const questions: Question[] = [];
  const events = options.events ?? recordingEvents(batches, rejected);
  const answers = options.answers ?? unansweredQuestions(questions);
  const render = createRenderer();

  const send = (
    response: ServerResponse,
    status: number,
    body: string,
    type = "application/json; charset=utf-8",
    headers: Record<string, string> = {},
  ) => {
    response.writeHead(status, { "content-type": type, ...headers });
    response.end(body);
  };

  const server = createServer(async (request, response) => {
    try {
      const url = new URL(request.url ?? "/", "http://localhost");
      const route = url.pathname;
      const method = request.method ?? "GET";
      let token = /(?:^|;\s*)cart=([^;]+)/.exec(request.headers.cookie ?? "")?.[1];
      const setCookie: Record<string, string> = {};
      if (!token || !carts.has(token)) {
        token = token ?? randomUUID().replace(/-/g, "");
        carts.set(token, new HarnessCart(token));
        setCookie["set-cookie"] = `cart=${token}; Path=/; SameSite=Lax`;
      }
      const cart = carts.get(token)!;
      const body = method === "POST" ? await readBody(request) : "";
      const locale = options.locale ?? "en";
      const sectionOf: RenderSection = (id, path) =>
        render.section(id, { path, locale, cart: cart.json(), themeCart: options.themeCart });

      const proxied =
        route === "/apps/chatlift/events"
          ? events
          : route === "/apps/chatlift/answers"
            ? answers
            : route === "/apps/chatlift/handoff"
              ? options.handoff
              : route === "/apps/chatlift/link-token"
                ? options.linkToken
                : undefined;
      if (proxied && method === "POST") {
        const answer = await proxied({ path: route, body, headers: request.headers, query: url.searchParams });
        return send(response, answer.status, answer.body, undefined, answer.headers);
      }
      if (route.startsWith("/cdn/assets/")) {
        const file = path.basename(route);
        return send(
          response,
          200,
          readFileSync(path.join(ASSETS_DIR, file), "utf8"),
          "application/javascript; charset=utf-8",
          {
            "cache-control": "public, max-age=31536000, immutable",
            "access-control-allow-origin": "*",
          },
        );
      }
      if (route.startsWith("/cdn/images/")) {
        const product = byHandle(path.basename(route, ".svg"));
        return send(
          response,
          product ? 200 : 404,
          svg(product?.title ?? "", ((product?.id ?? 0) * 47) % 360),
          "image/svg+xml",
          { "cache-control": "public, max-age=31536000" },
        );
      }

      // The AJAX Cart API.
      if (route.startsWith("/cart/") || route === "/cart.js") {
        const input = parseBody(body, request.headers["content-type"]);
        if (method === "POST") cartRequests.push({ method, path: route, body: input });
        const answer = await answerCartApi(route, input, cart, request, sectionOf);
        if (answer) return send(response, answer.status, answer.body, answer.type, { ...setCookie, ...answer.headers });
      }
      if (route.startsWith("/discount/")) {
        // Shopify's shareable discount link: remembers the code for checkout, then redirects.
        const code = decodeURIComponent(route.slice("/discount/".length));
        cart.codes = [...cart.codes.filter((known) => known !== code), code];
        return send(response, 302, "", "text/plain", {
          location: url.searchParams.get("redirect") ?? "/",
          ...setCookie,
        });
      }
      if (route === "/recommendations/products.json") {
        const intent = url.searchParams.get("intent") ?? "related";
        const product = byId(Number(url.searchParams.get("product_id")));
        if (!url.searchParams.get("product_id"))
          return send(
            response,
            422,
            JSON.stringify({
              status: 422,
              message: "Invalid parameter error",
              description: "The product_id parameter is missing",
            }),
          );
        if (intent !== "related" && intent !== "complementary")
          return send(
            response,
            422,
            JSON.stringify({
              status: 422,
              message: "Invalid parameter error",
              description: "The intent parameter must be one of: related, complementary",
            }),
          );
        if (!product)
          return send(
            response,
            404,
            JSON.stringify({
              status: 404,
              message: "Product not found",
              description: "No product with id " + url.searchParams.get("product_id") + " was found",
            }),
          );
        const limit = Math.min(10, Number(url.searchParams.get("limit") ?? 10));
        const inCart = new Set(cart.lines.map((line) => line.variantId));
        const products = (intent === "related" ? product.related : product.complementary)
          .map((handle) => byHandle(handle)!)
          .filter((candidate) => candidate.variants.some((variant) => variant.available && !inCart.has(variant.id)))
          .slice(0, limit)
          .map(productJson);
        return send(response, 200, JSON.stringify({ intent, products }));
      }

      // The Section Rendering API, on any page URL.
      const asked = method === "GET" ? sectionIdsOfQuery(url.searchParams) : undefined;
      if (asked) {
        const answer = await renderSections(asked, route, sectionOf);
        return send(
          response,
          answer.ok ? 200 : answer.status,
          JSON.stringify(answer.ok ? answer.sections : answer.body),
        );
      }
      const sectionId = method === "GET" ? url.searchParams.get("section_id") : null;
      if (sectionId) {
        const html = await sectionOf(sectionId, route);
        return html
          ? send(response, 200, html, "text/html; charset=utf-8")
          : send(response, 404, "Not found", "text/plain");
      }

      // Pages.
      const common = {
        locale,
        country: options.country ?? "US",
        cart: cart.json(),
        config: currentConfig(),
        consent: options.consent ?? "granted",
        settings: options.settings,
        embed: options.embed ?? true,
        path: route,
        themeCart: options.themeCart,
      };
      let page: string | undefined;
      const productMatch = /^\/products\/([a-z0-9-]+)$/.exec(route);
      const pageMatch = /^\/pages\/([a-z0-9-]+)$/.exec(route);
      if (route === "/") page = await render({ ...common, template: "index", pageType: "index", title: "Home" });
      else if (productMatch && byHandle(productMatch[1]!)) {
        const product = byHandle(productMatch[1]!)!;
        page = await render({ ...common, template: "product", pageType: "product", title: product.title, product });
      } else if (route === "/cart")
        page = await render({ ...common, template: "cart", pageType: "cart", title: "Your cart" });
      else if (pageMatch) {
        const handle = pageMatch[1]!;
        const title = handle.replace(/-/g, " ").replace(/^./, (letter) => letter.toUpperCase());
        page = await render({
          ...common,
          template: "page",
          pageType: "page",
          title,
          page: { handle, title, content: "Volume pricing for teams and stores." },
        });
      } else if (route === "/collections/all")
        page = await render({ ...common, template: "index", pageType: "collection", title: "All products" });
      else if (route === "/search")
        page = await render({ ...common, template: "search", pageType: "search", title: "Search" });
      if (page) return send(response, 200, page, "text/html; charset=utf-8", setCookie);
      return send(response, 404, "Not found", "text/plain");
    } catch (error) {
      send(response, 500, String((error as Error).stack ?? error), "text/plain");
    }
  });

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    batches,
    rejected,
    questions,
    cartRequests,
    carts,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export { PRODUCTS };

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const arg = (name: string) => {
    const index = process.argv.indexOf(`--${name}`);
    return index > 0 ? process.argv[index + 1] : undefined;
  };
  const storefront = await startStorefront({
    port: Number(arg("port") ?? 4100),
    consent: (arg("consent") as Consent | undefined) ?? "granted",
    themeCart: (arg("theme-cart") as ThemeCart | undefined) ?? "sections",
    locale: arg("locale") ?? "en",
    config: starterConfig({ holdoutPercent: Number(arg("holdout") ?? 10) }),
  });
  console.log(`storefront harness on ${storefront.url}/products/linen-shirt`);
}
