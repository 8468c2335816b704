/**
 * A stand-in for the Shopify Admin GraphQL API, for the admin harness and the admin tests: it
 * answers `POST /admin/api/<version>/graphql.json` as Shopify does, checks the access token,
 * validates every document against the Admin GraphQL schema 2025-01 (the fixture in
 * tests/fixtures/shopify) and executes it on that schema. It knows what ChatLift's admin asks:
 * the current app installation and metafieldsSet (kept, so a test can read what was published).
 *
 * The app's Admin API calls leave through @shopify/shopify-api's fetch; `sendAdminApiTo`
 * points that fetch (only for the shop's Admin API address) at the stand-in.
 */
import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gunzipSync } from "node:zlib";
import { buildClientSchema, execute, parse, validate, type GraphQLSchema, type IntrospectionQuery } from "graphql";
import { setAbstractFetchFunc } from "@shopify/shopify-api/runtime";

const here = path.dirname(fileURLToPath(import.meta.url));
const SCHEMA_FILE = path.resolve(here, "../../tests/fixtures/shopify/admin-graphql/admin_schema_2025-01.json.gz");
export const INSTALLATION_ID = "gid://shopify/AppInstallation/4242";

let schema: GraphQLSchema | undefined;
function adminSchema(): GraphQLSchema {
  if (!schema) {
    const introspection = JSON.parse(gunzipSync(readFileSync(SCHEMA_FILE)).toString()) as IntrospectionQuery | { data: IntrospectionQuery };
    schema = buildClientSchema("data" in introspection ? introspection.data : introspection);
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
}

export function createAdminApiState(): AdminApiState {
  return { received: [], metafields: new Map(), refuseWith: null };
}

/** One GraphQL request, as Shopify would answer it: [status, body]. */
export async function answerAdminGraphql(state: AdminApiState, shop: string, accessToken: string | null, text: string): Promise<[number, unknown]> {
  if (!accessToken) return [401, { errors: "[API] Invalid API key or access token (unrecognized login or wrong password)" }];
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
  state.received.push({ shop, operationName: operation && "name" in operation ? (operation.name?.value ?? null) : null, variables, at: new Date().toISOString() });
  if (errors.length) return [200, { errors: errors.map((error) => ({ message: error.message, locations: error.locations })) }];
  let sequence = state.metafields.size;
  const result = await execute({
    schema: adminSchema(),
    document,
    variableValues: variables,
    rootValue: {
      currentAppInstallation: { id: INSTALLATION_ID },
      // The stand-in keeps no orders: reconciliation pages through an empty list.
      orders: () => ({ edges: [], nodes: [], pageInfo: { hasNextPage: false, endCursor: null } }),
      metafieldsSet: ({ metafields }: { metafields: Omit<StoredMetafield, "id" | "updatedAt">[] }) => {
        if (state.refuseWith) return { metafields: null, userErrors: state.refuseWith };
        const saved = metafields.map((input) => {
          const key = `${shop}|${input.ownerId}|${input.namespace}|${input.key}`;
          const existing = state.metafields.get(key);
          const stored = { ...input, id: existing?.id ?? `gid://shopify/Metafield/${9000 + ++sequence}`, updatedAt: new Date().toISOString() };
          state.metafields.set(key, stored);
          return stored;
        });
        return { metafields: saved, userErrors: [] };
      },
    },
  });
  return [200, { ...result, extensions: { cost: { requestedQueryCost: 10, actualQueryCost: 10, throttleStatus: { maximumAvailable: 2000, currentlyAvailable: 1990, restoreRate: 100 } } } }];
}

/** The stand-in on its own HTTP server (127.0.0.1, a free port). */
export async function startAdminApi(state = createAdminApiState()): Promise<{ base: string; state: AdminApiState; close: () => Promise<void> }> {
  const server: Server = createServer((request, response) => {
    let text = "";
    request.on("data", (chunk) => (text += chunk));
    request.on("end", async () => {
      const shop = String(request.headers["x-chatlift-shop"] ?? "");
      const token = request.headers["x-shopify-access-token"];
      const [status, body] = /\/admin\/api\/[^/]+\/graphql\.json$/.test(request.url ?? "") ? await answerAdminGraphql(state, shop, typeof token === "string" ? token : null, text) : [404, { errors: "Not Found" }];
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
