/**
 * The one file that builds @hubspot/api-client clients: the CrmPort over the official SDK
 * (hubspot-operations.server.ts names the SDK's API types it calls, nothing more).
 *
 * Pacing and retries are the SDK's own: `limiterOptions` (Bottleneck) spaced for the account's
 * limit by rate-pacing.ts, one limiter per portal across processes when REDIS_URL is set
 * (shared-limiter.server.ts), and `numberOfApiCallRetries`, which retries 5xx after 200 ms × attempt
 * and TEN_SECONDLY_ROLLING 429s after 10 s × attempt. What still fails leaves as a CrmError for the
 * outbox (DAILY 429s are never retried by the SDK: the outbox pauses the account).
 * Two SDK behaviours are worked around here:
 * - The SDK sets no timeout. An HTTP agent whose sockets give up after `timeoutMs` of silence
 *   turns a hung request into an error instead of a stuck worker.
 * - Decorators (limiter, retry) live in a process-wide singleton that the next `new Client()`
 *   replaces; API objects keep the decorators current when they were first touched. So every API
 *   this adapter uses is touched right after its client is built. `apiRequest` (account details,
 *   event definitions, GDPR delete: endpoints without an SDK class) reads the singleton at call
 *   time, so those rare calls are paced by whichever client was built last.
 */
import http from "node:http";
import https from "node:https";
import net from "node:net";
import { Client } from "@hubspot/api-client";
import { AssociationSpecAssociationCategoryEnum } from "@hubspot/api-client/lib/codegen/crm/deals";
import { CrmError, type AccountInfo, type CrmErrorKind, type CrmPort, type OAuthTokens } from "./crm-port";
import { limiterSettingsFor } from "./rate-pacing";
import { hubspotLimiterOptions } from "./shared-limiter.server";
import { createOperations } from "./hubspot-operations.server";

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
  const client = new Client({
    accessToken: options.accessToken,
    basePath,
    limiterOptions: hubspotLimiterOptions(limiter, options.portalId),
    numberOfApiCallRetries: options.attempts ?? 3,
    httpAgent: timeoutAgent(basePath, options.timeoutMs ?? 15_000),
  });
  // Touch every API now, while this client's limiter is the singleton's (see above).
  const apis = {
    contacts: client.crm.contacts.batchApi,
    deals: client.crm.deals.batchApi,
    tasks: client.crm.objects.tasks.batchApi,
    tickets: { basicApi: client.crm.tickets.basicApi, batchApi: client.crm.tickets.batchApi },
    notes: client.crm.objects.notes.basicApi,
    associations: client.crm.associations.v4.batchApi,
    propertyGroups: client.crm.properties.groupsApi,
    properties: client.crm.properties.batchApi,
    owners: client.crm.owners.ownersApi,
    pipelines: client.crm.pipelines.pipelinesApi,
    propertyDefinitions: client.crm.properties.coreApi,
    events: client.events.send.batchApi,
    /** For endpoints the SDK has no class for (account details, event definitions, GDPR delete); same limiter. */
    async request(
      method: "GET" | "POST" | "PATCH",
      path: string,
      body?: unknown,
    ): Promise<{ status: number; json: unknown }> {
      const response = await client.apiRequest({ method, path, body });
      const text = await response.text();
      let json: unknown = undefined;
      try {
        json = text ? JSON.parse(text) : undefined;
      } catch {
        json = text;
      }
      if (response.status >= 400) {
        throw toCrmError({ code: response.status, body: json, headers: Object.fromEntries(response.headers) });
      }
      return { status: response.status, json };
    },
  };
  return {
    ...createOperations(apis, AssociationSpecAssociationCategoryEnum.HubspotDefined, toCrmError),
    async getGrantedScopes(mode) {
      try {
        if (mode === "oauth") return (await client.oauth.accessTokensApi.get(options.accessToken)).scopes;
        // Private app tokens (and keys like them) have their own token-info endpoint, the token in the body.
        const { json } = await apis.request("POST", "/oauth/v2/private-apps/get/access-token-info", {
          tokenKey: options.accessToken,
        });
        const scopes = (json as { scopes?: unknown }).scopes;
        return Array.isArray(scopes) ? scopes.filter((scope): scope is string => typeof scope === "string") : null;
      } catch (error) {
        const crmError = toCrmError(error);
        // A token the token-info endpoint does not know (another kind of key): HubSpot will not say.
        if (crmError.kind === "validation" || crmError.kind === "not_found") return null;
        throw crmError;
      }
    },
  };
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
  const client = new Client({ basePath, httpAgent: timeoutAgent(basePath, request.timeoutMs ?? 15_000) });
  try {
    const tokens = await client.oauth.tokensApi.create(
      grantType,
      grant.code,
      grant.redirectUri,
      request.clientId,
      request.clientSecret,
      grant.refreshToken,
    );
    return { accessToken: tokens.accessToken, refreshToken: tokens.refreshToken, expiresInSeconds: tokens.expiresIn };
  } catch (error) {
    const crmError = toCrmError(error);
    throw new CrmError(
      crmError.kind === "validation" ? "auth" : crmError.kind,
      `HubSpot refused the OAuth ${grantType}: ${crmError.message}`,
      crmError.status,
    );
  }
}
