/**
 * OAuth (authorize page, code exchange, refresh), token info (OAuth and private app tokens: the
 * scopes a token holds) and account details; custom events live in event-routes.ts. A token holds
 * the scopes its authorize request asked for: the required ones, and the optional ones the portal
 * can grant (custom-event scopes only on Enterprise portals).
 */
import { randomBytes } from "node:crypto";
import { errorReply, type SandboxReply } from "./errors";
import { ok, type Route, type RouteContext } from "./routing";

export function oauthError(status: string, message: string): SandboxReply {
  // OAuth errors use their own status values (BAD_AUTH_CODE, BAD_REFRESH_TOKEN …), not "error".
  return { status: 400, body: { status, message, correlationId: randomBytes(16).toString("hex") } };
}

function issueTokens(context: RouteContext, scopes: string[]): SandboxReply {
  const accessToken = `sandbox-access-${randomBytes(12).toString("hex")}`;
  const refreshToken = `sandbox-refresh-${randomBytes(12).toString("hex")}`;
  context.oauth.accessTokens.set(accessToken, context.now + context.account.tokenTtlSeconds * 1000);
  context.oauth.refreshTokens.add(refreshToken);
  context.oauth.scopes.set(accessToken, scopes);
  context.oauth.scopes.set(refreshToken, scopes);
  return ok({
    token_type: "bearer",
    access_token: accessToken,
    refresh_token: refreshToken,
    expires_in: context.account.tokenTtlSeconds,
  });
}

function exchangeToken(context: RouteContext): SandboxReply {
  const form = new URLSearchParams(context.rawBody);
  if (
    form.get("client_id") !== context.account.clientId ||
    form.get("client_secret") !== context.account.clientSecret
  ) {
    return oauthError("BAD_CLIENT_ID", "missing or invalid client_id / client_secret");
  }
  const grant = form.get("grant_type");
  if (grant === "authorization_code") {
    const code = context.oauth.codes.get(form.get("code") ?? "");
    if (!code) return oauthError("BAD_AUTH_CODE", "missing or unknown auth code");
    if (code.redirectUri !== form.get("redirect_uri"))
      return oauthError("BAD_REDIRECT_URI", "redirect_uri does not match the one used to authorize");
    context.oauth.codes.delete(form.get("code") ?? "");
    return issueTokens(context, code.scopes);
  }
  if (grant === "refresh_token") {
    const refreshToken = form.get("refresh_token") ?? "";
    if (!context.oauth.refreshTokens.has(refreshToken))
      return oauthError("BAD_REFRESH_TOKEN", "missing or invalid refresh token");
    // HubSpot keeps the refresh token valid; only the access token changes.
    const reply = issueTokens(context, context.oauth.scopes.get(refreshToken) ?? []);
    context.oauth.refreshTokens.delete((reply.body as { refresh_token: string }).refresh_token);
    (reply.body as { refresh_token: string }).refresh_token = refreshToken;
    return reply;
  }
  return oauthError("BAD_GRANT_TYPE", `unsupported grant_type ${JSON.stringify(grant)}`);
}

export const accountRoutes: Route[] = [
  {
    method: "GET",
    path: "/oauth/authorize",
    public: true,
    handle(context) {
      // Stands in for the consent screen: approves at once and sends the browser back.
      const redirectUri = context.query.get("redirect_uri");
      if (context.query.get("client_id") !== context.account.clientId || !redirectUri) {
        return errorReply(400, "VALIDATION_ERROR", "unknown client_id or missing redirect_uri");
      }
      const words = (name: string) => (context.query.get(name) ?? "").split(/\s+/).filter(Boolean);
      const required = words("scope");
      const refused = required.filter((scope) => !context.account.grantableScopes.includes(scope));
      // HubSpot's consent screen refuses to install an app whose required scopes the account cannot grant.
      if (refused.length)
        return errorReply(400, "VALIDATION_ERROR", `This account cannot grant the scopes ${refused.join(", ")}`);
      const optional = words("optional_scope").filter((scope) => context.account.grantableScopes.includes(scope));
      const code = `sandbox-code-${randomBytes(12).toString("hex")}`;
      context.oauth.codes.set(code, { redirectUri, scopes: [...new Set([...required, ...optional])] });
      const back = new URL(redirectUri);
      back.searchParams.set("code", code);
      const state = context.query.get("state");
      if (state !== null) back.searchParams.set("state", state);
      return { status: 302, headers: { location: back.toString() } };
    },
  },
  { method: "POST", path: "/oauth/v1/token", public: true, handle: exchangeToken },
  {
    method: "GET",
    path: "/oauth/v1/access-tokens/{token}",
    public: true,
    handle(context) {
      // OAuth access tokens only (AccessTokenInfoResponse); private app tokens have their own endpoint.
      const token = context.params.token as string;
      const expiresAt = context.oauth.accessTokens.get(token);
      if (expiresAt === undefined || !Number.isFinite(expiresAt) || expiresAt <= context.now)
        return errorReply(404, "OBJECT_NOT_FOUND", "access token not found or expired");
      return ok({
        token,
        user: "ada@merchant.example",
        hub_domain: `${context.store.portalId}.hubspot.example`,
        scopes: context.oauth.scopes.get(token) ?? [],
        hub_id: context.store.portalId,
        app_id: 1,
        expires_in: Math.round((expiresAt - context.now) / 1000),
        user_id: 9001,
        token_type: "access",
      });
    },
  },
  {
    method: "POST",
    path: "/oauth/v2/private-apps/get/access-token-info",
    public: true,
    handle(context) {
      // HubSpot's private apps guide: the token in the body, its scopes in the answer.
      const tokenKey = (context.body as { tokenKey?: unknown } | undefined)?.tokenKey;
      if (typeof tokenKey !== "string" || !tokenKey) return errorReply(400, "VALIDATION_ERROR", "tokenKey is required");
      if (context.oauth.accessTokens.get(tokenKey) !== Number.POSITIVE_INFINITY)
        return errorReply(404, "OBJECT_NOT_FOUND", "private app access token not found");
      return ok({ userId: 9001, hubId: context.store.portalId, appId: 1, scopes: context.account.grantableScopes });
    },
  },
  {
    method: "GET",
    path: "/account-info/v3/details",
    handle(context) {
      return ok({
        portalId: context.store.portalId,
        accountType: "STANDARD",
        timeZone: context.account.timeZone,
        companyCurrency: context.account.currency,
        additionalCurrencies: context.account.additionalCurrencies,
        utcOffset: "+00:00",
        utcOffsetMilliseconds: 0,
        uiDomain: "app.hubspot.com",
        dataHostingLocation: "na1",
      });
    },
  },
];
