/**
 * shopifyApp() configured once for the whole app. Everything Shopify-facing (auth, webhooks,
 * app proxy, Admin API) goes through the helpers re-exported here.
 *
 * The app is built lazily on first use: a server started without Shopify credentials (a fresh
 * clone, the health check of a half-configured deploy) must still boot and serve /healthz, and
 * its admin routes answer 503 naming the missing variables instead of crashing at import time.
 */
import "@shopify/shopify-app-remix/adapters/node";
import { ApiVersion, AppDistribution, shopifyApp } from "@shopify/shopify-app-remix/server";
import { PrismaSessionStorage } from "@shopify/shopify-app-session-storage-prisma";
import prisma from "./db.server";
import { refuseForeignDemoSessions } from "./platform/shops/demo-session-guard.server";
import { readShopifyCredentials } from "./platform/config/app-config";
import { LogSeverity } from "@shopify/shopify-api";
import { recordInstall } from "./platform/shops/shop-lifecycle.server";
import { connectWebPixel } from "./integrations/shopify/web-pixel.server";
import { cacheOfflineSessions } from "./platform/shops/offline-session-cache.server";
import { scheduleOrderReconciliation } from "./attribution/orders/reconciliation.server";
import { scheduleKnowledgeSync } from "./answers/sync/sync-state.server";

/** The Admin API version every call and webhook uses: the newest stable one the library offers. */
export const SHOPIFY_API_VERSION = ApiVersion.October26;

function createShopifyApp() {
  const result = readShopifyCredentials(process.env);
  if (!result.ok) {
    throw new ShopifyNotConfiguredError(result.problems);
  }
  const { credentials } = result;
  return shopifyApp({
    ...credentials,
    apiVersion: SHOPIFY_API_VERSION,
    authPathPrefix: "/auth",
    // The library logs an INFO line for every proxy and webhook request.
    logger: { level: process.env.NODE_ENV === "production" ? LogSeverity.Warning : LogSeverity.Info },
    // The session storage types pin Prisma 6; the Prisma 7 client fulfils the same contract.
    // Offline sessions are cached briefly: every storefront event batch loads one (app proxy).
    sessionStorage: refuseForeignDemoSessions(cacheOfflineSessions(new PrismaSessionStorage(prisma as never))),
    distribution: AppDistribution.AppStore,
    hooks: {
      afterAuth: async ({ session, admin }) => {
        await recordInstall(session.shop);
        // The ChatLift web pixel links checkouts to chats; the install goes on without it if Shopify refuses.
        await connectWebPixel(admin.graphql, new URL("/pixel/link", credentials.appUrl).toString()).catch(
          (error: unknown) => console.error(`[install] web pixel not connected for ${session.shop}:`, error),
        );
        // 60 days of orders on first install (then daily) fill what webhooks can't have sent.
        await scheduleOrderReconciliation(prisma, session.shop);
        // The shop's products, pages and policies for answers (then daily, and on product webhooks).
        await scheduleKnowledgeSync(prisma, session.shop);
      },
    },
    future: {
      unstable_newEmbeddedAuthStrategy: true,
      expiringOfflineAccessTokens: true,
    },
  });
}

export type ChatLiftShopifyApp = ReturnType<typeof createShopifyApp>;

export class ShopifyNotConfiguredError extends Error {
  override name = "ShopifyNotConfiguredError";
  constructor(readonly problems: string[]) {
    super(
      `ChatLift is not connected to a Shopify app yet: ${problems.join("; ")}. ` +
        "Set SHOPIFY_API_KEY, SHOPIFY_API_SECRET and SHOPIFY_APP_URL (see README, Configuration), " +
        "or run the app with `shopify app dev`, which sets them for you.",
    );
  }
}

let app: ChatLiftShopifyApp | undefined;

/** The configured app; throws a 503 Response (rendered by the error boundary) when unconfigured. */
export function shopify(): ChatLiftShopifyApp {
  if (app) return app;
  try {
    app = createShopifyApp();
    return app;
  } catch (error) {
    if (error instanceof ShopifyNotConfiguredError) {
      throw new Response(error.message, {
        status: 503,
        statusText: "Shopify app not configured",
        headers: { "Content-Type": "text/plain; charset=utf-8" },
      });
    }
    throw error;
  }
}

export function isShopifyConfigured(): boolean {
  return readShopifyCredentials(process.env).ok;
}

export const authenticate = {
  get admin() {
    return shopify().authenticate.admin;
  },
  get webhook() {
    return shopify().authenticate.webhook;
  },
  get public() {
    return shopify().authenticate.public;
  },
};

export const unauthenticated = {
  get admin() {
    return shopify().unauthenticated.admin;
  },
};

export function login(request: Request) {
  const { login: loginHelper } = shopify();
  if (!loginHelper) throw new Error("login() is only available to App Store apps");
  return loginHelper(request);
}

export function registerWebhooks(options: Parameters<ChatLiftShopifyApp["registerWebhooks"]>[0]) {
  return shopify().registerWebhooks(options);
}

/** Adds Shopify's document headers (CSP frame-ancestors, …) once the app is configured. */
export function addDocumentResponseHeaders(request: Request, headers: Headers): void {
  if (isShopifyConfigured()) shopify().addDocumentResponseHeaders(request, headers);
}

export function sessionStorage() {
  return shopify().sessionStorage;
}
