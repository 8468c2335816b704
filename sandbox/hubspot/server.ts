/**
 * A local stand-in for the HubSpot endpoints ChatLift uses, for tests and the demo. It checks
 * bodies against the SDK's generated models, enforces the rolling 10-second window and the
 * daily cap with HubSpot's 429 bodies, can be told to fail (5xx, 423, hang, slow), and records
 * every request so tests can assert the exact payload that arrived.
 */
import { appendFileSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { accountRoutes } from "./account-routes";
import { mergeContacts } from "./contact-emails";
import { eventRoutes } from "./event-routes";
import { errorReply, invalidInputReply, migrationReply, rateLimitReply, type SandboxReply } from "./errors";
import { AccountLimits } from "./limits";
import { checkAgainstModel } from "./model-check";
import { objectRoutes } from "./object-routes";
import { orderRoutes } from "./order-routes";
import { renderPage, snapshot, type RecordedRequest } from "./page";
import type { Fault, HubSpotSandbox, SandboxOptions } from "./sandbox-types";
import { propertyRoutes } from "./property-routes";
import { ticketNoteRoutes } from "./ticket-note-routes";
import { seedTicketsAndNotes } from "./ticket-note-store";
import { contactReadRoutes } from "./contact-read-routes";
import { withDatedTwins } from "./dated-paths";
import { compile, match, type AccountSettings, type OAuthState } from "./routing";
import { CUSTOM_EVENT_SCOPES, PORTAL_SCOPES, scopeProblem } from "./scopes";
import { createStore, type Owner } from "./store";

export type { Fault, HubSpotSandbox, SandboxOptions } from "./sandbox-types";

const routes = compile(
  withDatedTwins([
    ...accountRoutes,
    ...eventRoutes,
    ...propertyRoutes,
    ...ticketNoteRoutes,
    ...objectRoutes,
    ...contactReadRoutes,
    ...orderRoutes,
  ]),
);

const DEFAULT_OWNERS: Owner[] = [
  { id: "501", email: "ada@merchant.example", firstName: "Ada", lastName: "Lovelace", userId: 9001 },
  { id: "502", email: "grace@merchant.example", firstName: "Grace", lastName: "Hopper", userId: 9002 },
];

type ActiveFault = Fault & { remaining: number; until: number };

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    request.on("error", reject);
  });
}

function send(response: ServerResponse, reply: SandboxReply, extraHeaders: Record<string, string> = {}): void {
  const headers: Record<string, string> = { ...extraHeaders, ...reply.headers };
  if (reply.body === undefined) {
    response.writeHead(reply.status, headers).end();
    return;
  }
  headers["content-type"] = "application/json;charset=utf-8";
  response.writeHead(reply.status, headers).end(JSON.stringify(reply.body));
}

function parseBody(raw: string, contentType: string | undefined): { ok: true; value: unknown } | { ok: false } {
  if (!raw) return { ok: true, value: undefined };
  if (contentType?.includes("application/x-www-form-urlencoded"))
    return { ok: true, value: Object.fromEntries(new URLSearchParams(raw)) };
  try {
    return { ok: true, value: JSON.parse(raw) };
  } catch {
    return { ok: false };
  }
}

export async function startHubSpotSandbox(options: SandboxOptions = {}): Promise<HubSpotSandbox> {
  const state = createStore(options.portalId ?? 62515, options.owners ?? DEFAULT_OWNERS, options.pipelines);
  seedTicketsAndNotes(state);
  const account: AccountSettings = {
    customEvents: options.customEvents ?? false,
    timeZone: options.timeZone ?? "UTC",
    currency: options.currency ?? "USD",
    additionalCurrencies: options.additionalCurrencies ?? [],
    clientId: options.clientId ?? "sandbox-client-id",
    clientSecret: options.clientSecret ?? "sandbox-client-secret",
    tokenTtlSeconds: options.tokenTtlSeconds ?? 1800,
    // Read when asked: a test may turn customEvents on after start (the account upgraded).
    get grantableScopes() {
      return (options.grantableScopes ?? PORTAL_SCOPES).filter(
        (scope) =>
          !options.withheldScopes?.includes(scope) && (this.customEvents || !CUSTOM_EVENT_SCOPES.includes(scope)),
      );
    },
  };
  state.acceptsBackwardLifecycle = options.acceptsBackwardLifecycle ?? false;
  state.dealCurrencies = () => [account.currency, ...account.additionalCurrencies];
  const limits = new AccountLimits({
    tenSecondLimit: options.tenSecondLimit ?? 110,
    windowMs: options.windowMs ?? 10_000,
    dailyLimit: options.dailyLimit ?? 250_000,
  });
  const staticTokens = options.staticTokens ?? ["pat-sandbox"];
  const oauth: OAuthState = {
    accessTokens: new Map(staticTokens.map((token) => [token, Number.POSITIVE_INFINITY])),
    refreshTokens: new Set(),
    codes: new Map(),
    scopes: new Map(),
  };
  const requests: RecordedRequest[] = [];
  let faults: ActiveFault[] = [];
  const sockets = new Set<Socket>();

  function takeFault(path: string, authorization: string | undefined, now: number): ActiveFault | null {
    faults = faults.filter((fault) => fault.remaining > 0 && fault.until > now);
    const fault = faults.find(
      (candidate) =>
        (!candidate.path || path.startsWith(candidate.path)) &&
        (!candidate.token || authorization === `Bearer ${candidate.token}`),
    );
    if (fault) fault.remaining -= 1;
    return fault ?? null;
  }

  function authProblem(authorization: string | undefined, now: number): SandboxReply | null {
    const token = authorization?.startsWith("Bearer ") ? authorization.slice("Bearer ".length) : undefined;
    const expiresAt = token ? oauth.accessTokens.get(token) : undefined;
    if (expiresAt === undefined) {
      return errorReply(
        401,
        "INVALID_AUTHENTICATION",
        "Authentication credentials not found. This API supports OAuth 2.0 authentication and you can find more details at https://developers.hubspot.com/docs/methods/auth/oauth-overview",
      );
    }
    if (expiresAt <= now) {
      const minutes = Math.max(1, Math.round((now - expiresAt) / 60_000));
      return errorReply(
        401,
        "EXPIRED_AUTHENTICATION",
        `The OAuth token used to make this call expired ${minutes} minute(s) ago.`,
      );
    }
    return null;
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? "/", "http://sandbox");
    const method = request.method ?? "GET";
    const raw = await readBody(request);
    const parsed = parseBody(raw, request.headers["content-type"]);
    const record: RecordedRequest = {
      method,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      authorization: request.headers.authorization,
      body: parsed.ok ? parsed.value : raw,
      status: 0,
      at: Date.now(),
    };
    const reply = (result: SandboxReply, headers: Record<string, string> = {}) => {
      record.status = result.status;
      // For `npm run check:hubspot-spec -- SPEC_DIR --requests FILE`: every request of a test run or the demo.
      const recordFile = process.env.HUBSPOT_SANDBOX_RECORD_FILE;
      if (recordFile && !url.pathname.startsWith("/__sandbox"))
        appendFileSync(
          recordFile,
          `${JSON.stringify({ method, path: url.pathname, body: record.body, status: record.status })}\n`,
        );
      send(response, result, headers);
    };

    if (url.pathname === "/__sandbox" || url.pathname === "/__sandbox/state") {
      const view = snapshot(state, account, limits, requests);
      if (url.pathname === "/__sandbox/state") return reply({ status: 200, body: view });
      response.writeHead(200, { "content-type": "text/html;charset=utf-8" }).end(renderPage(view));
      return;
    }
    requests.push(record);
    const found = match(routes, method, url.pathname);
    if (!found) return reply(errorReply(404, "OBJECT_NOT_FOUND", `No route for ${method} ${url.pathname}`));

    const fault = takeFault(url.pathname, request.headers.authorization, Date.now());
    if (fault?.hang) return; // the socket stays open until the client gives up or the sandbox closes
    if (fault?.delayMs) await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
    if (fault?.status === 429) return reply(rateLimitReply(fault.policy ?? "TEN_SECONDLY_ROLLING"));
    if (fault?.status === 477) return reply(migrationReply(fault.retryAfterSeconds ?? 3600));
    if (fault?.status) {
      const category = fault.status === 423 ? "LOCKED" : "INTERNAL_ERROR";
      const message =
        fault.status === 423 ? "The resource is locked by another request; retry later." : "internal error";
      return reply(errorReply(fault.status, category, message));
    }

    const now = Date.now();
    let limitHeaders: Record<string, string> = {};
    if (!found.route.public) {
      const unauthorized = authProblem(request.headers.authorization, now);
      if (unauthorized) return reply(unauthorized);
      const token = (request.headers.authorization ?? "").slice("Bearer ".length);
      // A private app token holds every scope the portal can grant (the merchant ticked them all).
      const granted = staticTokens.includes(token) ? account.grantableScopes : (oauth.scopes.get(token) ?? []);
      const forbidden = scopeProblem(found.route, found.params, granted);
      if (forbidden) return reply(forbidden);
      const policy = limits.take(now);
      limitHeaders = limits.headers(now);
      if (policy) return reply(rateLimitReply(policy), limitHeaders);
    }
    if (!parsed.ok) return reply(invalidInputReply(["body is not valid JSON"]), limitHeaders);
    if (found.route.model) {
      const [module, name] = found.route.model;
      const problems = checkAgainstModel(module, name, parsed.value);
      if (problems.length) return reply(invalidInputReply(problems), limitHeaders);
    }
    const stricter = found.route.check?.(parsed.value) ?? [];
    if (stricter.length) return reply(invalidInputReply(stricter), limitHeaders);
    const result = found.route.handle({
      store: state,
      account,
      oauth,
      params: found.params,
      query: url.searchParams,
      body: parsed.value,
      rawBody: raw,
      now,
    });
    reply(result, limitHeaders);
  }

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (!response.headersSent) send(response, errorReply(500, "INTERNAL_ERROR", `sandbox error: ${String(error)}`));
    });
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, options.host ?? "127.0.0.1", resolve));
  const address = server.address() as AddressInfo;

  return {
    url: `http://${address.address}:${address.port}`,
    state,
    account,
    requests,
    limits,
    inject(fault) {
      faults.push({
        ...fault,
        remaining: fault.times ?? Number.POSITIVE_INFINITY,
        until: fault.forMs ? Date.now() + fault.forMs : Number.POSITIVE_INFINITY,
      });
    },
    clearFaults() {
      faults = [];
    },
    expireAccessTokens() {
      const now = Date.now();
      for (const [token, expiresAt] of oauth.accessTokens)
        if (Number.isFinite(expiresAt)) oauth.accessTokens.set(token, now - 1);
    },
    mergeContacts: (primaryEmail, mergedEmail) =>
      mergeContacts(state, primaryEmail, mergedEmail, new Date().toISOString()),
    requestsTo(method, path) {
      return requests.filter((request) => request.method === method && request.path === path);
    },
    count429() {
      return requests.filter((request) => request.status === 429).length;
    },
    close() {
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
}
