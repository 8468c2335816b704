/**
 * The one file that builds @hubspot/api-client clients: the CrmPort over the official SDK
 * (hubspot-operations.server.ts and its siblings make the calls, all on HubSpot's date-based paths
 * from api-versions.ts, through sdk-request.server.ts because SDK 14's typed clients lag).
 *
 * Pacing and retries are the SDK's own: `limiterOptions` (Bottleneck) spaced for the account's
 * limit by rate-pacing.ts, one limiter per portal across processes when REDIS_URL is set
 * (shared-limiter.server.ts), and `numberOfApiCallRetries`, which retries 5xx after 200 ms × attempt
 * and TEN_SECONDLY_ROLLING 429s after 10 s × attempt. Both are this client's own decorators,
 * wrapped around each request (PacedClient). What still fails leaves as a CrmError for the outbox
 * (DAILY 429s are never retried by the SDK: the outbox pauses the account; 477 waits Retry-After).
 * The SDK sets no timeout: an HTTP agent whose sockets give up after `timeoutMs` of silence turns
 * a hung request into an error instead of a stuck worker.
 */
import http from "node:http";
import https from "node:https";
import net from "node:net";
import { hubspotPath } from "./api-versions";
import { CrmError, type AccountInfo, type CrmErrorKind, type CrmPort, type OAuthTokens } from "./crm-port";
import { limiterSettingsFor } from "./rate-pacing";
import { hubspotLimiterOptions } from "./shared-limiter.server";
import { createOperations } from "./hubspot-operations.server";
import { PacedClient, sendOnce, type HubSpotCall } from "./sdk-request.server";

export const HUBSPOT_BASE_PATH = "https://api.hubapi.com";

export type HubSpotAdapterOptions = {
  accessToken: string;
  /** HubSpot by default; the sandbox in tests and the demo. */
  basePath?: string;
  /** The account's requests per 10 s: 110 for the OAuth app, 100 or 190 for a service key. */
  tenSecondLimit?: number;
  windowMs?: number;
  /** Worker processes sharing this account's limit, each pacing alone (no shared limiter). */
  workers?: number;
  /** The account: with REDIS_URL set, every process's clients of one portal share one limiter. */
  portalId?: number;
  timeoutMs?: number;
  /** Attempts per call for 5xx answers, 1–6 (the SDK's numberOfApiCallRetries). */
  attempts?: number;
  /** The OAuth app, for an OAuth token's scopes (HubSpot's token introspection takes the app's credentials). */
  oauthApp?: { clientId: string; clientSecret: string };
};

function timeoutAgent(basePath: string, timeoutMs: number): http.Agent {
  // `timeout` here too: the agent re-applies its own timeout to every socket it keeps alive.
  const settings = { keepAlive: true, timeout: timeoutMs };
  const agent = basePath.startsWith("https:") ? new https.Agent(settings) : new http.Agent(settings);
  const create = agent.createConnection.bind(agent);
  agent.createConnection = (options, callback) => {
    const socket = create(options, callback);
    if (socket instanceof net.Socket) {
      socket.on("timeout", () =>
        socket.destroy(new CrmError("timeout", `HubSpot did not answer within ${timeoutMs} ms`)),
      );
    }
    return socket;
  };
  // Node shortens an idle kept-alive socket's timeout to the server's Keep-Alive hint (5 s → 4 s)
  // and keeps that on reuse: a call on a reused socket would fail as a "timeout" after 4 s.
  const reuse = agent.reuseSocket.bind(agent);
  agent.reuseSocket = (socket, request) => {
    reuse(socket, request);
    if (socket instanceof net.Socket) socket.setTimeout(timeoutMs);
  };
  return agent;
}

const KIND_BY_STATUS: Record<number, CrmErrorKind> = {
  400: "validation",
  401: "auth",
  403: "forbidden",
  404: "not_found",
  409: "conflict",
  423: "locked",
};

/** Retry-After in seconds or as an HTTP date (RFC 9110), in ms from now; undefined when absent or unreadable. */
export function retryAfterOf(headers: Record<string, string> | undefined, now = Date.now()): number | undefined {
  const value = Object.entries(headers ?? {})
    .find(([name]) => name.toLowerCase() === "retry-after")?.[1]
    ?.trim();
  if (!value) return undefined;
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** Any failure of an SDK call, as a CrmError the outbox can act on. Never includes the token. */
export function toCrmError(error: unknown): CrmError {
  if (error instanceof CrmError) return error;
  const candidate = error as {
    code?: unknown;
    body?: unknown;
    headers?: Record<string, string>;
    message?: string;
    cause?: unknown;
  };
  if (typeof candidate?.code === "number" && candidate.code >= 100) {
    const status = candidate.code;
    const body = (typeof candidate.body === "object" && candidate.body !== null ? candidate.body : {}) as {
      message?: string;
      category?: string;
      correlationId?: string;
      policyName?: string;
    };
    const message =
      body.message ?? (typeof candidate.body === "string" ? candidate.body : `HubSpot answered ${status}`);
    let kind: CrmErrorKind = KIND_BY_STATUS[status] ?? (status >= 500 ? "server" : "validation");
    if (status === 429)
      kind = body.policyName === "DAILY" || /daily limit/i.test(message) ? "daily_limit" : "rate_limited";
    if (status === 477) kind = "migrating";
    const retryAfterMs = retryAfterOf(candidate.headers);
    return new CrmError(kind, message, status, body.category, body.correlationId, retryAfterMs);
  }
  const cause = candidate?.cause instanceof CrmError ? candidate.cause : undefined;
  if (cause) return cause;
  return new CrmError("network", `HubSpot could not be reached: ${candidate?.message ?? String(error)}`);
}

export function createHubSpotCrm(options: HubSpotAdapterOptions): CrmPort {
  const basePath = (options.basePath ?? HUBSPOT_BASE_PATH).replace(/\/$/, "");
  const limiter = limiterSettingsFor(options.tenSecondLimit ?? 110, {
    windowMs: options.windowMs,
    workers: options.workers,
  });
  const agent = timeoutAgent(basePath, options.timeoutMs ?? 15_000);
  const client = new PacedClient({
    accessToken: options.accessToken,
    basePath,
    limiterOptions: hubspotLimiterOptions(limiter, options.portalId),
    numberOfApiCallRetries: options.attempts ?? 3,
    httpAgent: agent,
  });
  const send = client.paced((call: HubSpotCall) => sendOnce(client.config, agent, call));
  const apis = {
    async request(method: HubSpotCall["method"], path: string, body?: unknown, query?: Record<string, string>) {
      try {
        return await send({ method, path, body, query });
      } catch (error) {
        throw toCrmError(error);
      }
    },
  };
  return {
    ...createOperations(apis, "HUBSPOT_DEFINED", toCrmError),
    async getGrantedScopes(mode) {
      try {
        if (mode === "oauth") {
          // Without the app's credentials HubSpot's introspection will not answer: unknown, as for a foreign key.
          if (!options.oauthApp) return null;
          const form = new URLSearchParams({
            client_id: options.oauthApp.clientId,
            client_secret: options.oauthApp.clientSecret,
            token: options.accessToken,
            token_type_hint: "access_token",
          });
          const { json } = await send({ method: "POST", path: hubspotPath("oauth", "token/introspect"), form });
          const info = json as { active?: boolean; scopes?: unknown };
          if (info.active === false) return null;
          return scopesIn(info.scopes);
        }
        // Private app tokens (and keys like them) have their own token-info endpoint, the token in the body
        // (numbered only: api-versions.ts says why).
        const { json } = await apis.request("POST", "/oauth/v2/private-apps/get/access-token-info", {
          tokenKey: options.accessToken,
        });
        return scopesIn((json as { scopes?: unknown }).scopes);
      } catch (error) {
        const crmError = toCrmError(error);
        // A token the token-info endpoint does not know (another kind of key): HubSpot will not say.
        if (crmError.kind === "validation" || crmError.kind === "not_found") return null;
        throw crmError;
      }
    },
  };
}

function scopesIn(scopes: unknown): string[] | null {
  return Array.isArray(scopes) ? scopes.filter((scope): scope is string => typeof scope === "string") : null;
}

export type { AccountInfo };

type TokenRequest = { basePath?: string; clientId: string; clientSecret: string; timeoutMs?: number };

/** OAuth code exchange and refresh through the SDK's token API (no limiter: not rate limited). */
export async function exchangeOAuthCode(
  request: TokenRequest & { code: string; redirectUri: string },
): Promise<OAuthTokens> {
  return requestTokens(request, "authorization_code", { code: request.code, redirectUri: request.redirectUri });
}

export async function refreshOAuthTokens(request: TokenRequest & { refreshToken: string }): Promise<OAuthTokens> {
  return requestTokens(request, "refresh_token", { refreshToken: request.refreshToken });
}

async function requestTokens(
  request: TokenRequest,
  grantType: "authorization_code" | "refresh_token",
  grant: { code?: string; redirectUri?: string; refreshToken?: string },
): Promise<OAuthTokens> {
  const basePath = (request.basePath ?? HUBSPOT_BASE_PATH).replace(/\/$/, "");
  // A hung token endpoint would otherwise hold the shop's job (and its renewed lease) for ever.
  const agent = timeoutAgent(basePath, request.timeoutMs ?? 15_000);
  const form = new URLSearchParams({
    grant_type: grantType,
    client_id: request.clientId,
    client_secret: request.clientSecret,
    ...(grant.code ? { code: grant.code } : {}),
    ...(grant.redirectUri ? { redirect_uri: grant.redirectUri } : {}),
    ...(grant.refreshToken ? { refresh_token: grant.refreshToken } : {}),
  });
  try {
    // No limiter: the token endpoint is not rate limited, and no token is sent with it.
    const { json } = await sendOnce({ basePath }, agent, { method: "POST", path: hubspotPath("oauth", "token"), form });
    const tokens = json as { access_token: string; refresh_token: string; expires_in: number };
    return {
      accessToken: tokens.access_token,
      refreshToken: tokens.refresh_token,
      expiresInSeconds: tokens.expires_in,
    };
  } catch (error) {
    const crmError = toCrmError(error);
    throw new CrmError(
      crmError.kind === "validation" ? "auth" : crmError.kind,
      `HubSpot refused the OAuth ${grantType}: ${crmError.message}`,
      crmError.status,
    );
  }
}
