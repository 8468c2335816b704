/**
 * Starts the whole demo: the HubSpot sandbox, the Admin API stand-in, the seeded demo shop, the
 * REAL app through scripts/start.mjs (production build, as `npm start` runs it), the admin
 * front (Shopify admin's stand-in for a plain browser) and the storefront harness whose app
 * proxy forwards signed requests (the widget's events and questions) to the app. `stop()` closes
 * all of it, children included.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { DEFAULT_SCOPES } from "../../app/platform/config/app-config";
import { parseWidgetConfig, type WidgetConfig } from "../../contract/widget-config";
import { startHubSpotSandbox, type HubSpotSandbox } from "../../sandbox/hubspot";
import { createAdminApiState, startAdminApi, type AdminApiState } from "../../sandbox/admin-harness/admin-api";
import type { BucketSettings } from "../../sandbox/admin-harness/query-cost";
import { catalogFromShopContent } from "../../sandbox/admin-harness/shop-catalog";
import { EVALUATION_SIZE } from "../../sandbox/shop-content/index";
import { appProxy } from "../../sandbox/storefront/app-proxy";
import { startStorefront, type ProxyHandler, type Storefront } from "../../sandbox/storefront/server";
import { migrateDatabase } from "../migrated-database";
import { startAdminFront, type AdminFront } from "./admin-front";
import { DEMO_SHOP, DEMO_STORE, drawSecrets, ROOT, type DemoPorts, type DemoSecrets } from "./config";
import { freePort, startChild, waitFor, type Child } from "./processes";
import { claimDatabase, refuseTakenPorts } from "./guards";
import type { SeedReport } from "./seed";

export interface StackOptions {
  ports: DemoPorts;
  /** A SQLite file made fresh at every start, or (tests) a migrated database URL used as is. */
  database: { freshFile: string } | { url: string };
  /** Print the app's output as it comes (interactive demo). */
  echoApp?: boolean;
  log?: (line: string) => void;
  /** Serve the existing build even if sources are newer (like the admin harness's --no-build). */
  reuseBuild?: boolean;
}

export interface DemoStack {
  shop: string;
  secrets: DemoSecrets;
  databaseUrl: string;
  /** The app itself (remix-serve): webhooks and app proxy requests go here. */
  appUrl: string;
  admin: AdminFront;
  storefront: Storefront;
  /** Every batch the storefront's app proxy forwarded (the widget's requests, as the app saw them). */
  proxied: ProxiedBatch[];
  hubspot: HubSpotSandbox;
  /** The Admin API stand-in (sandbox/admin-harness/admin-api.ts): what the app asked, what it published. */
  adminApi: { base: string; state: AdminApiState };
  seed: SeedReport;
  /** What the admin published (the metafield the storefront renders): salt, holdout, flows, variants. */
  widgetConfig(): WidgetConfig;
  /** The app's last output, for reports when something fails. */
  appOutput(): string;
  urls: { admin: string; storefront: string; hubspotRecords: string; hubspotJson: string };
  stop(): Promise<void>;
}

/**
 * The demo shop is on Shopify Plus (1,000 points a second, shopify.dev "GraphQL Admin API rate limits", into a
 * bucket of 20,000): its first knowledge sync (~600 products, pages, policies, German translations) then takes
 * seconds, not the five minutes a standard plan's 100 points a second would, so a visitor can ask right away.
 */
const DEMO_SHOP_BUCKET: BucketSettings = { maximumAvailable: 20_000, restoreRate: 1_000 };

function prepareSqlite(file: string): string {
  mkdirSync(path.dirname(file), { recursive: true });
  for (const suffix of ["", "-journal", "-wal", "-shm"]) rmSync(file + suffix, { force: true });
  const url = `file:${file}`;
  migrateDatabase(url);
  return url;
}

/** Newest modification time under `dir` (the app's sources). */
function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && !entry.parentPath.includes(`${path.sep}generated`))
      newest = Math.max(newest, statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

/**
 * `npm start` builds only when no build exists; the demo must show the app as checked out, so
 * it also rebuilds (`npm run build`, into build/) when a source is newer than the build.
 */
export function ensureCurrentBuild(log: (line: string) => void): void {
  const server = path.join(ROOT, "build/server/index.js");
  const current = () => existsSync(server) && statSync(server).mtimeMs >= newestMtime(path.join(ROOT, "app"));
  if (current()) return;
  // Two demos starting at once (parallel test files) build once: the second waits for the first.
  const lock = path.join(ROOT, ".cache/demo-build.lock");
  mkdirSync(path.dirname(lock), { recursive: true });
  const deadline = Date.now() + 5 * 60_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      // A lock older than any build is left over from a killed demo.
      if (existsSync(lock) && Date.now() - statSync(lock).mtimeMs > 10 * 60_000)
        rmSync(lock, { recursive: true, force: true });
      if (Date.now() > deadline)
        throw new Error(`another demo has been building for 5 minutes (remove ${lock} if none is)`);
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 500);
    }
  }
  try {
    if (current()) return;
    log("building the app (npm run build)…");
    const built = spawnSync(
      process.execPath,
      [path.join(ROOT, "node_modules/@remix-run/dev/dist/cli.js"), "vite:build"],
      { cwd: ROOT, encoding: "utf8" },
    );
    if (built.status !== 0) throw new Error(`building the app failed:\n${built.stdout}\n${built.stderr}`);
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/** One batch the storefront's app proxy passed to the app, and how the app answered. */
export interface ProxiedBatch {
  status: number;
  visitorId?: string;
  /** Event types, micro-conversions with their kind (`micro_conversion:email_capture`). */
  events: string[];
}

function describeBatch(body: string): Omit<ProxiedBatch, "status"> {
  try {
    const batch = JSON.parse(body) as { visitorId?: string; events?: Array<{ type: string; kind?: string }> };
    return {
      visitorId: batch.visitorId,
      events: (batch.events ?? []).map((event) => (event.kind ? `${event.type}:${event.kind}` : event.type)),
    };
  } catch {
    return { events: [] };
  }
}

/** Shopify's app proxy (the storefront harness's), recording each events batch as the app answered it. */
function recordingProxy(forward: ProxyHandler, proxied: ProxiedBatch[]): ProxyHandler {
  return async (request) => {
    const answer = await forward(request);
    proxied.push({ status: answer.status, ...describeBatch(request.body) });
    return answer;
  };
}

export async function startDemoStack(options: StackOptions): Promise<DemoStack> {
  const secrets = drawSecrets();
  const closers: Array<() => Promise<void>> = [];
  const stop = async () => {
    for (const close of closers.reverse()) await close().catch(() => undefined);
    closers.length = 0;
  };
  try {
    // Before anything is built, deleted or started: a running demo's ports and database stay its own.
    await refuseTakenPorts(options.ports);
    if ("freshFile" in options.database) {
      const release = claimDatabase(options.database.freshFile);
      closers.push(async () => release());
    }
    if (!options.reuseBuild) ensureCurrentBuild(options.log ?? (() => undefined));
    const databaseUrl = "url" in options.database ? options.database.url : prepareSqlite(options.database.freshFile);
    const hubspot = await startHubSpotSandbox({ port: options.ports.hubspot });
    closers.push(() => hubspot.close());
    // The sandbox shop's products, pages, policies and German translations, for the knowledge sync.
    const adminApi = await startAdminApi(
      createAdminApiState({ catalog: catalogFromShopContent(EVALUATION_SIZE), bucket: DEMO_SHOP_BUCKET }),
    );
    closers.push(() => adminApi.close());
    const published = () =>
      [...adminApi.state.metafields.values()].find(
        (metafield) => metafield.namespace === "chatlift" && metafield.key === "widget_config",
      );

    // The seeding below imports app modules, which read these once, at import.
    Object.assign(process.env, {
      DATABASE_URL: databaseUrl,
      HUBSPOT_API_BASE: hubspot.url,
      ENCRYPTION_KEY: secrets.encryptionKey,
    });
    const { seedDemoShop } = await import("./seed");
    const seed = await seedDemoShop({ shop: DEMO_SHOP, demoSecret: secrets.demoSecret, adminApi: adminApi.base });

    const appPort = options.ports.app || (await freePort());
    const appUrl = `http://127.0.0.1:${appPort}`;
    // Known before the app starts: its onboarding links to this storefront, the demo shop's domain being nowhere.
    const storefrontPort = options.ports.storefront || (await freePort());
    const storefrontPage = `http://127.0.0.1:${storefrontPort}/products/linen-shirt`;
    const admin = await startAdminFront({
      port: options.ports.admin,
      app: appUrl,
      store: DEMO_STORE,
      apiKey: secrets.apiKey,
      apiSecret: secrets.apiSecret,
    });
    closers.push(() => admin.close());

    const app: Child = startChild("app", process.execPath, [path.join(ROOT, "scripts/start.mjs")], {
      cwd: ROOT,
      echo: options.echoApp,
      env: {
        ...process.env,
        DATABASE_URL: databaseUrl,
        PORT: String(appPort),
        HOST: "127.0.0.1",
        SHOPIFY_API_KEY: secrets.apiKey,
        SHOPIFY_API_SECRET: secrets.apiSecret,
        SHOPIFY_APP_URL: admin.url,
        SCOPES: DEFAULT_SCOPES,
        HUBSPOT_API_BASE: hubspot.url,
        ENCRYPTION_KEY: secrets.encryptionKey,
        CHATLIFT_JOB_RUNNER: "on",
        // Demo mode: this start's secret (app/platform/shops/demo-session.ts), and the Admin API redirect.
        CHATLIFT_DEMO: "1",
        CHATLIFT_DEMO_SECRET: secrets.demoSecret,
        CHATLIFT_DEMO_SHOP: DEMO_SHOP,
        CHATLIFT_DEMO_ADMIN_API: adminApi.base,
        CHATLIFT_DEMO_STOREFRONT: storefrontPage,
        NODE_OPTIONS: `--import ${pathToFileURL(path.join(ROOT, "sandbox/admin-api-redirect.mjs")).href}`,
      },
    });
    closers.push(() => app.stop());
    await waitFor(
      "the app's /healthz",
      async () => ((await fetch(`${appUrl}/healthz`)).ok ? true : undefined),
      240_000,
      app,
    );

    const proxied: ProxiedBatch[] = [];
    // The storefront's /apps/chatlift/* reaches the app signed, as Shopify's app proxy sends it.
    const forward = appProxy({ app: appUrl, shop: DEMO_SHOP, secret: secrets.apiSecret });
    const storefront = await startStorefront({
      port: storefrontPort,
      configSource: () => {
        const metafield = published();
        return metafield ? JSON.parse(metafield.value) : undefined;
      },
      events: recordingProxy(forward, proxied),
      answers: forward,
    });
    closers.push(() => storefront.close());

    return {
      shop: DEMO_SHOP,
      secrets,
      databaseUrl,
      appUrl,
      admin,
      storefront,
      proxied,
      hubspot,
      adminApi,
      seed,
      widgetConfig: () => parseWidgetConfig(JSON.parse(published()?.value ?? "null")),
      appOutput: () => app.output(),
      urls: {
        admin: `${admin.url}/`,
        storefront: storefrontPage,
        hubspotRecords: `${hubspot.url}/__sandbox`,
        hubspotJson: `${hubspot.url}/__sandbox/state`,
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
