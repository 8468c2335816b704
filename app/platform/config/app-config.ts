/**
 * The app's configuration, read from environment variables once and checked with zod, so a
 * missing or malformed value is reported by name instead of surfacing as a crash deep inside
 * an SDK. Shopify credentials are optional at boot: without them the server still starts,
 * answers /healthz, and admin routes explain what is missing (see shopify.server.ts).
 */
import { z } from "zod";

const scopesSchema = z.string().transform((value) =>
  value
    .split(",")
    .map((scope) => scope.trim())
    .filter(Boolean),
);

const shopifyCredentialsSchema = z.object({
  SHOPIFY_API_KEY: z.string().min(1),
  SHOPIFY_API_SECRET: z.string().min(1),
  SHOPIFY_APP_URL: z.url({ protocol: /^https?$/ }),
  SCOPES: scopesSchema,
  SHOP_CUSTOM_DOMAIN: z.string().optional(),
});

/** As shopify.app.toml declares them (it says why each is needed). */
export const DEFAULT_SCOPES =
  "read_orders,read_customers,write_customers,read_products,read_discounts,write_discounts,write_app_proxy," +
  "read_online_store_pages,read_legal_policies,read_locales,read_translations";

export type ShopifyCredentials = {
  apiKey: string;
  apiSecretKey: string;
  appUrl: string;
  scopes: string[];
  customShopDomains?: string[];
};

export type ShopifyCredentialsResult =
  { ok: true; credentials: ShopifyCredentials } | { ok: false; problems: string[] };

type Env = Record<string, string | undefined>;

export function readShopifyCredentials(env: Env): ShopifyCredentialsResult {
  const parsed = shopifyCredentialsSchema.safeParse({
    SHOPIFY_API_KEY: env.SHOPIFY_API_KEY || undefined,
    SHOPIFY_API_SECRET: env.SHOPIFY_API_SECRET || undefined,
    SHOPIFY_APP_URL: env.SHOPIFY_APP_URL || undefined,
    SCOPES: env.SCOPES || DEFAULT_SCOPES,
    SHOP_CUSTOM_DOMAIN: env.SHOP_CUSTOM_DOMAIN || undefined,
  });
  if (!parsed.success) {
    return {
      ok: false,
      problems: parsed.error.issues.map((issue) => {
        const name = issue.path.join(".");
        return issue.code === "invalid_type" ? `${name} is not set` : `${name}: ${issue.message}`;
      }),
    };
  }
  const value = parsed.data;
  return {
    ok: true,
    credentials: {
      apiKey: value.SHOPIFY_API_KEY,
      apiSecretKey: value.SHOPIFY_API_SECRET,
      appUrl: value.SHOPIFY_APP_URL,
      scopes: value.SCOPES,
      customShopDomains: value.SHOP_CUSTOM_DOMAIN ? [value.SHOP_CUSTOM_DOMAIN] : undefined,
    },
  };
}

const redisUrlSchema = z.url({ protocol: /^rediss?$/ });

/**
 * REDIS_URL, when set: the one store every app instance and worker shares for HubSpot's rate
 * limit and the storefront's ingest limits. Unset means one process paces alone (see README,
 * "Several instances"). A malformed value is an error, never a silent fallback to per-process limits.
 */
export function readRedisUrl(env: Env): string | undefined {
  const value = env.REDIS_URL?.trim();
  if (!value) return undefined;
  const parsed = redisUrlSchema.safeParse(value);
  if (!parsed.success) throw new Error("REDIS_URL must be a redis:// or rediss:// URL");
  return parsed.data;
}

/** Keys and channels ChatLift writes in Redis start with this, so deployments (and test files) can share one server. */
export function redisKeyPrefix(env: Env): string {
  return env.CHATLIFT_REDIS_PREFIX?.trim() || "chatlift:";
}
