/**
 * The demo's app process loads sandbox/admin-api-redirect.mjs first (NODE_OPTIONS=--import):
 * the demo shop's Admin API calls reach the local stand-in, any other Shopify address is
 * refused, and without the demo's variables nothing changes.
 */
import { execFile } from "node:child_process";
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { projectRoot } from "../../support/database";

const SHOP = "chatlift-demo.myshopify.com";
const PRELOAD = pathToFileURL(path.join(projectRoot, "sandbox/admin-api-redirect.mjs")).href;
const received: Array<{ url?: string; headers: IncomingHttpHeaders; body: string }> = [];
const standIn = createServer((request, response) => {
  let body = "";
  request.on("data", (chunk) => (body += chunk));
  request.on("end", () => {
    received.push({ url: request.url, headers: request.headers, body });
    response.writeHead(200, { "content-type": "application/json" }).end('{"data":{"ok":true}}');
  });
});
let base = "";
beforeAll(async () => {
  await new Promise<void>((resolve) => standIn.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(standIn.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => standIn.close(() => resolve())));

/** A fetch in a fresh Node process started the way the demo starts the app; prints what happened. */
function fetchInAppProcess(url: string, env: Record<string, string>): Promise<string> {
  const script = `fetch(${JSON.stringify(url)}, { method: "POST", headers: { "X-Shopify-Access-Token": "shpat_x", "Content-Type": "application/json" }, body: '{"query":"{ shop { name } }"}' })
    .then(async (r) => console.log("answered", r.status, await r.text()), (e) => console.log("refused", e.message));`;
  // Asynchronous: the stand-in answers from this process's event loop.
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ["--input-type=module", "-e", script],
      {
        env: { NODE_ENV: "test", PATH: process.env.PATH ?? "", NODE_OPTIONS: `--import ${PRELOAD}`, ...env },
        encoding: "utf8",
        timeout: 20_000,
      },
      (error, stdout) => (error ? reject(error) : resolve(stdout.trim())),
    );
  });
}

const DEMO_ENV = () => ({ CHATLIFT_DEMO: "1", CHATLIFT_DEMO_SHOP: SHOP, CHATLIFT_DEMO_ADMIN_API: base });

describe("the demo's Admin API redirect", () => {
  it("sends the demo shop's Admin API calls to the stand-in, naming the shop", async () => {
    const output = await fetchInAppProcess(`https://${SHOP}/admin/api/2026-10/graphql.json`, DEMO_ENV());
    expect(output).toBe('answered 200 {"data":{"ok":true}}');
    const last = received.at(-1)!;
    expect(last.url).toBe("/admin/api/2026-10/graphql.json");
    expect(last.headers["x-chatlift-shop"]).toBe(SHOP);
    expect(last.headers["x-shopify-access-token"]).toBe("shpat_x");
    expect(last.body).toBe('{"query":"{ shop { name } }"}');
  });

  it.each([
    `https://other-shop.myshopify.com/admin/api/2026-10/graphql.json`,
    "https://cdn.shopify.com/shopifycloud/app-bridge.js",
  ])("refuses any other Shopify address (%s)", async (url) => {
    const before = received.length;
    expect(await fetchInAppProcess(url, DEMO_ENV())).toMatch(/^refused the ChatLift demo is offline/);
    expect(received.length).toBe(before);
  });

  it("changes nothing outside the demo", async () => {
    const before = received.length;
    // Without the demo's variables the request goes to the real address (unreachable offline).
    const output = await fetchInAppProcess(`https://${SHOP}/admin/api/2026-10/graphql.json`, {});
    expect(output).not.toContain("the ChatLift demo is offline");
    expect(received.length).toBe(before);
  });
});
