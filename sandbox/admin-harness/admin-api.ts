/**
 * A stand-in for the Shopify Admin GraphQL API, for the admin harness and the admin tests: it
 * answers `POST /admin/api/<version>/graphql.json` as Shopify does, checks the access token,
 * validates every document against the Admin GraphQL schema 2026-10, the version the app calls (the
 * fixture in sandbox/shopify/fixtures), and executes it on that schema. It knows what ChatLift asks:
 * the current app installation and metafieldsSet (kept, so a test can read what was published) and,
 * given a shop catalog (shop-catalog.ts), the products, pages, policies, locales and translations the
 * knowledge sync reads, and given orders (shop-orders.ts), the orders, lines and refunds the reconciliation
 * reads. Every query is priced and paid from a leaky bucket as Shopify does
 * (query-cost.ts): over 1,000 points it is refused, and when the bucket cannot pay it, THROTTLED.
 *
 * The app's Admin API calls leave through @shopify/shopify-api's fetch; `sendAdminApiTo`
 * points that fetch (only for the shop's Admin API address) at the stand-in.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { buildClientSchema, execute, parse, validate, type GraphQLSchema } from "graphql";
import { setAbstractFetchFunc } from "@shopify/shopify-api/runtime";
import { adminSchemaIntrospection } from "../shopify/fixture-files";
import { catalogResolvers, type ShopCatalog } from "./shop-catalog";
import { orderResolvers } from "./shop-orders";
import { LeakyBucket, queryCost, SINGLE_QUERY_MAX_COST, STANDARD_PLAN, type BucketSettings } from "./query-cost";

export const INSTALLATION_ID = "gid://shopify/AppInstallation/4242";

let schema: GraphQLSchema | undefined;
function adminSchema(): GraphQLSchema {
  if (!schema) {
    schema = buildClientSchema(adminSchemaIntrospection("2026-10"));
  }
  return schema;
}

export interface ReceivedOperation {
  shop: string;
  operationName: string | null;
  variables: Record<string, unknown>;
  at: string;
}

export interface StoredMetafield {
  id: string;
  ownerId: string;
  namespace: string;
  key: string;
  type: string;
  value: string;
  updatedAt: string;
}

export interface AdminApiState {
  received: ReceivedOperation[];
  metafields: Map<string, StoredMetafield>;
  /** Answer metafieldsSet with these user errors instead of saving (a refusing Shopify). */
  refuseWith: { field: string[]; message: string; code: string }[] | null;
  /** The shop's products, pages, policies and translations (none: the shop has no content). */
  catalog: ShopCatalog | null;
  /** The shop's orders, whole, in the reconciliation's GraphQL shape (none: the shop has no orders). */
  orders: Record<string, unknown>[];
  /** The plan's bucket; one bucket per shop. */
  bucket: BucketSettings;
  buckets: Map<string, LeakyBucket>;
  /** Milliseconds, monotonic by default: the bucket refills in real time even while a test freezes Date. */
  clock: () => number;
}

export function createAdminApiState(
  options: {
    catalog?: ShopCatalog;
    orders?: Record<string, unknown>[];
    bucket?: BucketSettings;
    clock?: () => number;
  } = {},
): AdminApiState {
  return {
    received: [],
    metafields: new Map(),
    refuseWith: null,
    catalog: options.catalog ?? null,
    orders: options.orders ?? [],
    bucket: options.bucket ?? STANDARD_PLAN,
    buckets: new Map(),
    clock: options.clock ?? (() => performance.now()),
  };
}

/** One GraphQL request, as Shopify would answer it: [status, body]. */
export async function answerAdminGraphql(
  state: AdminApiState,
  shop: string,
  accessToken: string | null,
  text: string,
): Promise<[number, unknown]> {
  if (!accessToken)
    return [401, { errors: "[API] Invalid API key or access token (unrecognized login or wrong password)" }];
  let request: { query?: string; variables?: Record<string, unknown> };
  try {
    request = JSON.parse(text) as typeof request;
  } catch {
    return [400, { errors: { query: "Required parameter missing or invalid" } }];
  }
  const document = parse(request.query ?? "");
  const errors = validate(adminSchema(), document);
  const operation = document.definitions.find((definition) => definition.kind === "OperationDefinition");
  const variables = request.variables ?? {};
  state.received.push({
    shop,
    operationName: operation && "name" in operation ? (operation.name?.value ?? null) : null,
    variables,
    at: new Date().toISOString(),
  });
  if (errors.length || !operation)
    return [200, { errors: errors.map((error) => ({ message: error.message, locations: error.locations })) }];
  const fragments = document.definitions.filter((definition) => definition.kind === "FragmentDefinition");
  const requested = queryCost(adminSchema(), operation, fragments, variables);
  if (requested > SINGLE_QUERY_MAX_COST) {
    const message = `Query cost is ${requested}, which exceeds the single query max cost limit (${SINGLE_QUERY_MAX_COST}).`;
    return [
      200,
      {
        errors: [
          { message, extensions: { code: "MAX_COST_EXCEEDED", cost: requested, maxCost: SINGLE_QUERY_MAX_COST } },
        ],
      },
    ];
  }
  let bucket = state.buckets.get(shop);
  if (!bucket) state.buckets.set(shop, (bucket = new LeakyBucket(state.bucket, state.clock)));
  if (!bucket.take(requested)) {
    return [
      200,
      {
        errors: [
          {
            message: "Throttled",
            extensions: { code: "THROTTLED", documentation: "https://shopify.dev/api/usage/rate-limits" },
          },
        ],
        extensions: { cost: { requestedQueryCost: requested, actualQueryCost: null, throttleStatus: bucket.status() } },
      },
    ];
  }
  let sequence = state.metafields.size;
  const result = await execute({
    schema: adminSchema(),
    document,
    variableValues: variables,
    rootValue: {
      currentAppInstallation: { id: INSTALLATION_ID },
      ...orderResolvers(state.orders),
      ...(state.catalog ? catalogResolvers(state.catalog) : {}),
      metafieldsSet: ({ metafields }: { metafields: Omit<StoredMetafield, "id" | "updatedAt">[] }) => {
        if (state.refuseWith) return { metafields: null, userErrors: state.refuseWith };
        const saved = metafields.map((input) => {
          const key = `${shop}|${input.ownerId}|${input.namespace}|${input.key}`;
          const existing = state.metafields.get(key);
          const stored = {
            ...input,
            id: existing?.id ?? `gid://shopify/Metafield/${9000 + ++sequence}`,
            updatedAt: new Date().toISOString(),
          };
          state.metafields.set(key, stored);
          return stored;
        });
        return { metafields: saved, userErrors: [] };
      },
    },
  });
  // Paid as requested, refunded down to what the answer actually held.
  const actual = Math.min(requested, queryCost(adminSchema(), operation, fragments, variables, result.data ?? null));
  bucket.refund(requested - actual);
  return [
    200,
    {
      ...result,
      extensions: { cost: { requestedQueryCost: requested, actualQueryCost: actual, throttleStatus: bucket.status() } },
    },
  ];
}

/** The stand-in on its own HTTP server (127.0.0.1, a free port). */
export async function startAdminApi(
  state = createAdminApiState(),
): Promise<{ base: string; state: AdminApiState; close: () => Promise<void> }> {
  const server: Server = createServer((request, response) => {
    let text = "";
    request.on("data", (chunk) => (text += chunk));
    request.on("end", async () => {
      const shop = String(request.headers["x-chatlift-shop"] ?? "");
      const token = request.headers["x-shopify-access-token"];
      const [status, body] = /\/admin\/api\/[^/]+\/graphql\.json$/.test(request.url ?? "")
        ? await answerAdminGraphql(state, shop, typeof token === "string" ? token : null, text)
        : [404, { errors: "Not Found" }];
      response.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { base, state, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

const ADMIN_API = /^https:\/\/([a-z0-9][a-z0-9-]*\.myshopify\.com)(\/admin\/api\/.*)$/;

/**
 * Sends the Shopify library's Admin API requests to the stand-in at `base` (the shop rides in a
 * header); every other request goes out unchanged.
 */
export function sendAdminApiTo(base: string, nativeFetch: typeof fetch = globalThis.fetch): void {
  setAbstractFetchFunc(((input: RequestInfo | URL, init?: RequestInit) => {
    const url = typeof input === "string" || input instanceof URL ? String(input) : input.url;
    const match = ADMIN_API.exec(url);
    if (!match) return nativeFetch(input, init);
    const headers = new Headers(init?.headers);
    headers.set("x-chatlift-shop", match[1]!);
    return nativeFetch(`${base}${match[2]}`, { ...init, headers });
  }) as typeof fetch);
}
