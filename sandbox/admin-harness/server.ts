/**
 * Serves the built ChatLift admin OUTSIDE Shopify admin, for browser tests and for looking at
 * the pages by hand:
 *   npx tsx sandbox/admin-harness/server.ts [--port 4200] [--store harbor-supply] [--seed demo|none] [--no-build]
 * then open the printed `open` URL. The real app runs unchanged (authenticate.admin verifies
 * every request); the harness only
 * - serves a stand-in for App Bridge's CDN script (fake-app-bridge.js) in the documents it
 *   returns, which adds a session token to the app's fetches,
 * - mints those session tokens (HS256 with the harness's app secret) at /__harness/token,
 * - stores the shop's offline session first, so no token exchange with Shopify is attempted,
 * - answers the app's Admin API calls with a stand-in (admin-api.ts) validating every document
 *   on the 2026-10 schema; GET /__harness/admin-api shows what it received and holds.
 * DATABASE_URL, when set, is used as is (tests pass their own); otherwise a fresh SQLite file is
 * migrated under .cache/admin-harness.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { API_KEY, API_SECRET_KEY, getJwt } from "@shopify/shopify-api/test-helpers";
import {
  createReadableStreamFromReadable,
  createRequestHandler,
  writeReadableStreamToWritable,
  type ServerBuild,
} from "@remix-run/node";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "../..");
// A test file may build into its own folder (CHATLIFT_HARNESS_BUILD_DIR): parallel files then never
// read a build another one is rewriting.
const buildDir = path.resolve(root, process.env.CHATLIFT_HARNESS_BUILD_DIR ?? ".cache/admin-harness/build");
/** Shopify admin's `host` parameter: base64 of the store's admin address. */
const hostValue = (name: string) => Buffer.from(`admin.shopify.com/store/${name}`).toString("base64");
const APP_BRIDGE_CDN = "https://cdn.shopify.com/shopifycloud/app-bridge.js";

const { values } = parseArgs({
  options: {
    port: { type: "string", default: "4200" },
    store: { type: "string", default: "harbor-supply" },
    seed: { type: "string", default: "demo" },
    "no-build": { type: "boolean", default: false },
  },
});
const store = values.store as string;
const shop = `${store}.myshopify.com`;

function run(args: string[], env: NodeJS.ProcessEnv = process.env) {
  const result = spawnSync(process.execPath, args, {
    cwd: root,
    env,
    stdio: ["ignore", "pipe", "pipe"],
    encoding: "utf8",
  });
  if (result.status !== 0) throw new Error(`${args.join(" ")} failed:\n${result.stdout}\n${result.stderr}`);
}

if (!values["no-build"] || !existsSync(path.join(buildDir, "server/index.js"))) {
  // The project's own Vite config, built into .cache so it never races `npm run build`.
  run([path.join(root, "node_modules/@remix-run/dev/dist/cli.js"), "vite:build"], {
    ...process.env,
    CHATLIFT_BUILD_DIR: buildDir,
  });
}

if (!process.env.DATABASE_URL) {
  const dir = path.join(root, ".cache/admin-harness/db");
  mkdirSync(dir, { recursive: true });
  process.env.DATABASE_URL = `file:${path.join(dir, `harness-${process.pid}.sqlite`)}`;
  run([path.join(root, "node_modules/prisma/build/index.js"), "migrate", "deploy"]);
}

const server = createServer();
await new Promise<void>((resolve) => server.listen(Number(values.port), "127.0.0.1", resolve));
const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
// The app reads these lazily, on its first admin request: set before any app module loads.
// No background job runner: the harness renders pages over seeded data, and a runner polling
// the same SQLite file would compete with the seeding for its single writer.
Object.assign(process.env, {
  SHOPIFY_API_KEY: API_KEY,
  SHOPIFY_API_SECRET: API_SECRET_KEY,
  SHOPIFY_APP_URL: origin,
  NODE_ENV: "production",
  CHATLIFT_JOB_RUNNER: "off",
});

const { default: db } = await import("../../app/db.server");
const { seedDemoShop, storeOfflineSession } = await import("./seed");
const seeded =
  values.seed === "demo"
    ? await seedDemoShop(db, shop, Date.now())
    : (await storeOfflineSession(db, shop), { sessions: 0, orders: 0 });

const build = (await import(pathToFileURL(path.join(buildDir, "server/index.js")).href)) as ServerBuild;
// The app's Admin API calls (publishing the widget config) reach the stand-in below, not Shopify.
const { answerAdminGraphql, createAdminApiState, sendAdminApiTo } = await import("./admin-api");
const adminApi = createAdminApiState();
sendAdminApiTo(`${origin}/__harness/admin-api`);
const handle = createRequestHandler(build, "production");
const fakeAppBridge = readFileSync(path.join(here, "fake-app-bridge.js"), "utf8");

function toRequest(req: IncomingMessage): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (Array.isArray(value)) value.forEach((item) => headers.append(name, item));
    else if (value !== undefined) headers.set(name, value);
  }
  const hasBody = req.method !== "GET" && req.method !== "HEAD";
  return new Request(new URL(req.url ?? "/", origin), {
    method: req.method,
    headers,
    ...(hasBody ? { body: createReadableStreamFromReadable(req), duplex: "half" } : {}),
  } as RequestInit);
}

async function serveStatic(pathname: string, res: ServerResponse): Promise<boolean> {
  if (!pathname.startsWith("/assets/")) return false;
  const file = path.join(buildDir, "client", path.normalize(pathname));
  if (!file.startsWith(path.join(buildDir, "client")) || !existsSync(file)) return false;
  const type = file.endsWith(".js")
    ? "text/javascript"
    : file.endsWith(".css")
      ? "text/css"
      : "application/octet-stream";
  res.writeHead(200, { "Content-Type": type, "Cache-Control": "public, max-age=31536000, immutable" });
  res.end(readFileSync(file));
  return true;
}

/** Where a person (or a test) starts: a page load as Shopify admin would frame it. */
async function openUrl(pathname = "/app"): Promise<string> {
  const { token } = await getJwt(store, API_KEY, API_SECRET_KEY);
  const url = new URL(pathname, origin);
  // The page's own query (e.g. /app/routing/decisions?lead=…) is kept beside what admin adds.
  for (const [name, value] of Object.entries({ embedded: "1", shop, host: hostValue(store), id_token: token }))
    url.searchParams.set(name, value);
  return url.href;
}

server.on("request", async (req, res) => {
  try {
    const url = new URL(req.url ?? "/", origin);
    if (url.pathname === "/__harness/token") {
      res.writeHead(200, { "Content-Type": "text/plain" }).end((await getJwt(store, API_KEY, API_SECRET_KEY)).token);
      return;
    }
    if (url.pathname === "/__harness/app-bridge.js") {
      res.writeHead(200, { "Content-Type": "text/javascript" }).end(fakeAppBridge);
      return;
    }
    if (url.pathname.startsWith("/__harness/admin-api/admin/api/") && req.method === "POST") {
      let text = "";
      for await (const chunk of req) text += chunk;
      const token = req.headers["x-shopify-access-token"];
      const [status, body] = await answerAdminGraphql(
        adminApi,
        String(req.headers["x-chatlift-shop"] ?? shop),
        typeof token === "string" ? token : null,
        text,
      );
      res.writeHead(status, { "Content-Type": "application/json" }).end(JSON.stringify(body));
      return;
    }
    if (url.pathname === "/__harness/admin-api") {
      // What the app sent to the Admin API and the metafields it holds now, for tests and people.
      res
        .writeHead(200, { "Content-Type": "application/json" })
        .end(JSON.stringify({ received: adminApi.received, metafields: [...adminApi.metafields.values()] }));
      return;
    }
    if (url.pathname === "/__harness/open") {
      res.writeHead(302, { Location: await openUrl(url.searchParams.get("path") ?? "/app") }).end();
      return;
    }
    if (await serveStatic(url.pathname, res)) return;
    const response = await handle(toRequest(req));
    const headers = Object.fromEntries(response.headers);
    delete headers["content-security-policy"];
    if ((response.headers.get("content-type") ?? "").startsWith("text/html")) {
      // The one change to the app's documents: App Bridge comes from the harness.
      const html = (await response.text()).replaceAll(APP_BRIDGE_CDN, "/__harness/app-bridge.js");
      delete headers["content-length"];
      res.writeHead(response.status, headers).end(html);
      return;
    }
    res.writeHead(response.status, headers);
    if (response.body) await writeReadableStreamToWritable(response.body, res);
    else res.end();
  } catch (error) {
    console.error(error);
    if (!res.headersSent) res.writeHead(500);
    res.end(String(error));
  }
});

console.log(JSON.stringify({ harness: origin, shop, open: await openUrl(), seeded }));
