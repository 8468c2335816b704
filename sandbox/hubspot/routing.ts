/** The shape every sandbox endpoint shares: a method, a path pattern, the SDK model its body must match. */
import type { SandboxReply } from "./errors";
import type { SandboxStore } from "./store";

export type AccountSettings = {
  customEvents: boolean;
  timeZone: string;
  currency: string;
  /** Further currencies the portal takes on deals (HubSpot's multi-currency setting). */
  additionalCurrencies: string[];
  clientId: string;
  clientSecret: string;
  tokenTtlSeconds: number;
  /** The scopes this portal grants when asked (an app's optional scopes outside it are left out). */
  grantableScopes: string[];
};

export type OAuthState = {
  /** access token → expiry (ms since epoch); static tokens never expire. */
  accessTokens: Map<string, number>;
  refreshTokens: Set<string>;
  codes: Map<string, { redirectUri: string; scopes: string[] }>;
  /** access or refresh token → the scopes granted with it. */
  scopes: Map<string, string[]>;
};

export type RouteContext = {
  store: SandboxStore;
  account: AccountSettings;
  oauth: OAuthState;
  params: Record<string, string>;
  query: URLSearchParams;
  body: unknown;
  rawBody: string;
  now: number;
};

export type Route = {
  method: "GET" | "POST" | "PATCH" | "DELETE";
  path: string;
  /** [codegen module, model name]: the body is checked against it before the handler runs. */
  model?: [string, string];
  /** OAuth endpoints take client credentials, not a bearer token, and are not rate limited. */
  public?: boolean;
  /** A dated twin's numbered path, which names its scopes (dated-paths.ts). */
  scopePath?: string;
  /** Problems of the body beyond the model (where a dated version's schema is stricter). */
  check?: (body: unknown) => string[];
  handle(context: RouteContext): SandboxReply;
};

export type CompiledRoute = Route & { pattern: RegExp; names: string[] };

export function compile(routes: Route[]): CompiledRoute[] {
  return routes.map((route) => {
    const names: string[] = [];
    const source = route.path.replace(/\{(\w+)\}/g, (_, name: string) => {
      names.push(name);
      return "([^/]+)";
    });
    return { ...route, pattern: new RegExp(`^${source}/?$`), names };
  });
}

export function match(
  routes: CompiledRoute[],
  method: string,
  path: string,
): { route: CompiledRoute; params: Record<string, string> } | null {
  for (const route of routes) {
    if (route.method !== method) continue;
    const found = route.pattern.exec(path);
    if (!found) continue;
    const params: Record<string, string> = {};
    route.names.forEach((name, index) => {
      params[name] = decodeURIComponent(found[index + 1] ?? "");
    });
    return { route, params };
  }
  return null;
}

export function ok(body: unknown, status = 200): SandboxReply {
  return { status, body };
}
