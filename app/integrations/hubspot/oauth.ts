/**
 * HubSpot OAuth, the pure parts: the install URL with a signed `state` that ties the callback to
 * the shop that started it (and expires), and when to refresh an access token (ahead of expiry,
 * never on a 401). The HTTP exchange itself is in the adapter (exchangeOAuthCode, refreshOAuthTokens).
 *
 * Connect modes: `oauth` (public app: tokens expire, refreshed here) or `static` (a service key or
 * private app token, pasted by the merchant, never refreshed).
 */
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import type { OAuthTokens } from "./crm-port";
import { ORDER_SCOPES } from "./order-port";

export const HUBSPOT_AUTHORIZE_URL = "https://app.hubspot.com/oauth/authorize";
export const STATE_TTL_MS = 10 * 60_000;
/** Refresh this long before expiry, so a token never dies mid-batch. */
export const REFRESH_AHEAD_MS = 5 * 60_000;

export const HUBSPOT_SCOPES = [
  "oauth",
  "crm.objects.contacts.read",
  "crm.objects.contacts.write",
  "crm.objects.deals.read",
  "crm.objects.deals.write",
  "crm.schemas.contacts.read",
  "crm.schemas.contacts.write",
  "crm.schemas.deals.read",
  "crm.schemas.deals.write",
  "crm.objects.owners.read",
];
/**
 * Custom behavioral events: defining ChatLift's event, and sending its occurrences
 * (`POST /events/v3/send/batch` refuses a token without the second with 403 MISSING_SCOPES).
 */
export const CUSTOM_EVENT_SCOPES = [
  "behavioral_events.event_definitions.read_write",
  "analytics.behavioral_events.send",
];
/** Tickets and ticket pipelines, for a routing rule's create_ticket (a shopper handed to a person). */
export const TICKET_SCOPES = ["tickets"];
/**
 * Asked for but not required: accounts without Enterprise cannot grant the event scopes, accounts without
 * Service Hub may not grant tickets, and either may still connect (the jobs needing them park with HubSpot's 403).
 * The order scopes (order-port.ts) are asked for the same way: HubSpot orders are used only where granted.
 */
export const HUBSPOT_OPTIONAL_SCOPES = [...CUSTOM_EVENT_SCOPES, ...TICKET_SCOPES, ...ORDER_SCOPES];

/**
 * What a pasted private app token or service key needs: the same scopes as the OAuth app, less
 * `oauth` (which only OAuth apps have), required and optional alike.
 */
export const STATIC_TOKEN_SCOPES = {
  required: HUBSPOT_SCOPES.filter((scope) => scope !== "oauth"),
  optional: HUBSPOT_OPTIONAL_SCOPES,
};

export type CustomEventsAccess = { available: true } | { available: false; reason: string };

/**
 * Events are sent only with every custom-event scope granted, read from HubSpot's token info
 * (never guessed from a probe): without them each send would be a 403, parked as a failure.
 */
export function customEventsAccess(grantedScopes: readonly string[] | null): CustomEventsAccess {
  if (grantedScopes === null)
    return {
      available: false,
      reason: "HubSpot did not say which scopes the token holds; reconnect HubSpot to send behavioral events",
    };
  const missing = CUSTOM_EVENT_SCOPES.filter((scope) => !grantedScopes.includes(scope));
  if (missing.length === 0) return { available: true };
  return {
    available: false,
    reason: `the HubSpot token lacks ${missing.join(" and ")} (custom behavioral events need an Enterprise account that grants ${missing.length === 1 ? "it" : "them"})`,
  };
}

export type ConnectMode = "oauth" | "static";

export type StoredTokens = { mode: ConnectMode; accessToken: string; refreshToken?: string; expiresAt?: Date };

function sign(payload: string, secret: string): string {
  return createHmac("sha256", secret).update(payload).digest("base64url");
}

/** `shop.issuedAt.nonce.signature`: verifiable without storing anything. */
export function createState(
  shop: string,
  secret: string,
  now: Date,
  nonce = randomBytes(12).toString("base64url"),
): string {
  const payload = `${Buffer.from(shop).toString("base64url")}.${now.getTime()}.${nonce}`;
  return `${payload}.${sign(payload, secret)}`;
}

export type StateCheck = { ok: true; shop: string } | { ok: false; reason: string };

export function verifyState(
  state: string | null | undefined,
  secret: string,
  now: Date,
  expectedShop?: string,
): StateCheck {
  const parts = state?.split(".") ?? [];
  if (parts.length !== 4) return { ok: false, reason: "state is missing or malformed" };
  const [shopPart, issued, nonce, signature] = parts as [string, string, string, string];
  const expected = Buffer.from(sign(`${shopPart}.${issued}.${nonce}`, secret));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given))
    return { ok: false, reason: "state signature does not match" };
  const age = now.getTime() - Number(issued);
  if (!Number.isFinite(age) || age < 0 || age > STATE_TTL_MS)
    return { ok: false, reason: "state has expired; start the connection again" };
  const shop = Buffer.from(shopPart, "base64url").toString("utf8");
  if (expectedShop !== undefined && shop !== expectedShop)
    return { ok: false, reason: "state was issued for another shop" };
  return { ok: true, shop };
}

export function installUrl(options: {
  clientId: string;
  redirectUri: string;
  state: string;
  authorizeUrl?: string;
}): string {
  const url = new URL(options.authorizeUrl ?? HUBSPOT_AUTHORIZE_URL);
  url.searchParams.set("client_id", options.clientId);
  url.searchParams.set("redirect_uri", options.redirectUri);
  url.searchParams.set("scope", HUBSPOT_SCOPES.join(" "));
  url.searchParams.set("optional_scope", HUBSPOT_OPTIONAL_SCOPES.join(" "));
  url.searchParams.set("state", options.state);
  return url.toString();
}

export function tokensFromGrant(grant: OAuthTokens, now: Date): StoredTokens {
  return {
    mode: "oauth",
    accessToken: grant.accessToken,
    refreshToken: grant.refreshToken,
    expiresAt: new Date(now.getTime() + grant.expiresInSeconds * 1000),
  };
}

export function needsRefresh(tokens: StoredTokens, now: Date, aheadMs = REFRESH_AHEAD_MS): boolean {
  if (tokens.mode === "static" || !tokens.expiresAt) return false;
  return tokens.expiresAt.getTime() - now.getTime() <= aheadMs;
}
