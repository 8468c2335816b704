/** OAuth (authorize page, code exchange, refresh) and account details; custom events live in event-routes.ts. */
import { randomBytes } from "node:crypto";
import { errorReply, type SandboxReply } from "./errors";
import { ok, type Route, type RouteContext } from "./routing";

function oauthError(status: string, message: string): SandboxReply {
  // OAuth errors use their own status values (BAD_AUTH_CODE, BAD_REFRESH_TOKEN …), not "error".
  return { status: 400, body: { status, message, correlationId: randomBytes(16).toString("hex") } };
}

function issueTokens(context: RouteContext): SandboxReply {
  const accessToken = `sandbox-access-${randomBytes(12).toString("hex")}`;
  const refreshToken = `sandbox-refresh-${randomBytes(12).toString("hex")}`;
  context.oauth.accessTokens.set(accessToken, context.now + context.account.tokenTtlSeconds * 1000);
  context.oauth.refreshTokens.add(refreshToken);
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
    return issueTokens(context);
  }
  if (grant === "refresh_token") {
    const refreshToken = form.get("refresh_token") ?? "";
    if (!context.oauth.refreshTokens.has(refreshToken))
      return oauthError("BAD_REFRESH_TOKEN", "missing or invalid refresh token");
    // HubSpot keeps the refresh token valid; only the access token changes.
    const reply = issueTokens(context);
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
      const code = `sandbox-code-${randomBytes(12).toString("hex")}`;
      context.oauth.codes.set(code, { redirectUri });
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
    path: "/account-info/v3/details",
    handle(context) {
      return ok({
        portalId: context.store.portalId,
        accountType: "STANDARD",
        timeZone: context.account.timeZone,
        companyCurrency: context.account.currency,
        additionalCurrencies: [],
        utcOffset: "+00:00",
        utcOffsetMilliseconds: 0,
        uiDomain: "app.hubspot.com",
        dataHostingLocation: "na1",
      });
    },
  },
];
