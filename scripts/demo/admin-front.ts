/**
 * What Shopify admin is to the embedded app, for a plain browser: the admin harness's approach
 * (sandbox/admin-harness) in front of the real, separately running app. It forwards every
 * request to the app unchanged, except that documents get the harness's App Bridge stand-in
 * (which adds a session token to the app's fetches) and lose the frame-ancestors policy, and it
 * mints those session tokens with this demo start's app secret. Like Shopify admin, which frames
 * every page load with a fresh token, it gives one to any page load that lacks a valid one (a
 * reload, a deep link, a bookmark): the app would send those to Shopify's login, which the demo
 * shop cannot pass. Listens on 127.0.0.1 only.
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import { readFileSync } from "node:fs";
import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { getJwt } from "@shopify/shopify-api/test-helpers";
import { ROOT } from "./config";

const APP_BRIDGE_CDN = "https://cdn.shopify.com/shopifycloud/app-bridge.js";
const FAKE_APP_BRIDGE = path.join(ROOT, "sandbox/admin-harness/fake-app-bridge.js");

export interface AdminFrontOptions {
  port: number;
  /** The app's own origin (remix-serve). */
  app: string;
  store: string;
  apiKey: string;
  apiSecret: string;
}

export interface AdminFront {
  url: string;
  /** A document URL as Shopify admin would frame it, with a fresh session token. */
  openUrl(pathname?: string): Promise<string>;
  close(): Promise<void>;
}

/** Shopify admin's `host` parameter: base64 of the store's admin address. */
const hostValue = (store: string) => Buffer.from(`admin.shopify.com/store/${store}`).toString("base64");

/** What Shopify admin adds to the app's address when it frames a page; a page's own query is the rest. */
const ADMIN_PARAMS = ["embedded", "shop", "host", "id_token", "hmac", "session", "locale", "timestamp"];

/** A page load of the admin (address bar, reload, link from outside), not one of the app's own fetches. */
function isPageLoad(req: IncomingMessage, url: URL): boolean {
  if (req.method !== "GET" || url.pathname.endsWith(".data") || url.searchParams.has("_data")) return false;
  if (!(url.pathname === "/app" || url.pathname.startsWith("/app/") || url.pathname.startsWith("/auth/"))) return false;
  return req.headers["sec-fetch-dest"] === "document" || String(req.headers.accept ?? "").includes("text/html");
}

/** A session token this demo start signed, with a minute left at least (a page's first requests reuse it). */
function isFreshToken(token: string | null, secret: string): boolean {
  const [header, payload, signature] = token?.split(".") ?? [];
  if (!header || !payload || !signature) return false;
  const expected = createHmac("sha256", secret).update(`${header}.${payload}`).digest();
  const actual = Buffer.from(signature, "base64url");
  if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) return false;
  try {
    const { exp } = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as { exp?: number };
    return typeof exp === "number" && exp * 1000 > Date.now() + 60_000;
  } catch {
    return false;
  }
}

function forward(req: IncomingMessage, res: ServerResponse, app: URL): void {
  // Uncompressed, so documents can be rewritten (it is all on this machine anyway).
  const { "accept-encoding": _encoding, ...requestHeaders } = req.headers;
  const upstream = httpRequest(
    { hostname: app.hostname, port: app.port, method: req.method, path: req.url, headers: requestHeaders },
    (answer) => {
      const headers = { ...answer.headers };
      delete headers["content-security-policy"];
      if (typeof headers.link === "string")
        headers.link = headers.link.replaceAll(APP_BRIDGE_CDN, "/__harness/app-bridge.js");
      if (!(answer.headers["content-type"] ?? "").startsWith("text/html")) {
        res.writeHead(answer.statusCode ?? 502, headers);
        answer.pipe(res);
        return;
      }
      const chunks: Buffer[] = [];
      answer.on("data", (chunk: Buffer) => chunks.push(chunk));
      answer.on("end", () => {
        // The one change to the app's documents: App Bridge comes from the front.
        const html = Buffer.concat(chunks).toString("utf8").replaceAll(APP_BRIDGE_CDN, "/__harness/app-bridge.js");
        delete headers["content-length"];
        delete headers["transfer-encoding"];
        res.writeHead(answer.statusCode ?? 502, headers).end(html);
      });
    },
  );
  upstream.on("error", (error) => {
    if (!res.headersSent) res.writeHead(502, { "content-type": "text/plain" });
    res.end(`the ChatLift app did not answer: ${error.message}`);
  });
  req.pipe(upstream);
}

export async function startAdminFront(options: AdminFrontOptions): Promise<AdminFront> {
  const app = new URL(options.app);
  const fakeAppBridge = readFileSync(FAKE_APP_BRIDGE, "utf8");
  const shop = `${options.store}.myshopify.com`;
  const token = async () => (await getJwt(options.store, options.apiKey, options.apiSecret)).token;
  let origin = "";
  const openUrl = async (pathname = "/app") => {
    const url = new URL(pathname, origin);
    // The page's own query (a filter, a lead) is kept beside what admin adds.
    for (const name of ADMIN_PARAMS) url.searchParams.delete(name);
    for (const [name, value] of Object.entries({
      embedded: "1",
      shop,
      host: hostValue(options.store),
      id_token: await token(),
    }))
      url.searchParams.set(name, value);
    return url.href;
  };

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://front");
    const answer = async () => {
      if (url.pathname === "/__harness/token")
        return res.writeHead(200, { "content-type": "text/plain" }).end(await token());
      if (url.pathname === "/__harness/app-bridge.js")
        return res.writeHead(200, { "content-type": "text/javascript" }).end(fakeAppBridge);
      // Where a person starts: the front's root opens the admin as Shopify admin would.
      if (url.pathname === "/__harness/open" || (url.pathname === "/" && !url.search)) {
        return res.writeHead(302, { location: await openUrl(url.searchParams.get("path") ?? "/app") }).end();
      }
      // A reload or deep link: framed again as admin would, same page. Shopify's login (/auth/login) has
      // nothing to offer the demo shop, which is installed already: its home page instead.
      if (isPageLoad(req, url) && !isFreshToken(url.searchParams.get("id_token"), options.apiSecret)) {
        const page = url.pathname.startsWith("/auth/") ? "/app" : `${url.pathname}${url.search}`;
        return res.writeHead(302, { location: await openUrl(page) }).end();
      }
      forward(req, res, app);
    };
    answer().catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain" });
      res.end(String(error));
    });
  });
  // A port taken meanwhile is the caller's error to report, not an uncaught exception.
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: origin,
    openUrl,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
