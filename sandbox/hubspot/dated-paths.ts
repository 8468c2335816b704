/**
 * Why: HubSpot serves each API on date-based paths (/crm/objects/2026-03/…) beside the numbered
 * ones it ends in 2027, and ChatLift calls only the dated ones. The sandbox serves both (other
 * clients still call the numbered paths), each dated route a twin of its numbered one: the same
 * handler, scopes, limits and error bodies, plus the checks where the 2026-03 request schemas are
 * stricter (every property option needs its displayOrder), and the OAuth token introspection that
 * only the dated OAuth API has.
 */
import { oauthError } from "./account-routes";
import { ok, type Route, type RouteContext } from "./routing";

/** The dated versions served (HubSpot's 2026-03 rollout of every API ChatLift calls). */
export const DATED_VERSIONS = ["2026-03"] as const;

/** Numbered prefix → its dated form, `{v}` standing for the version. */
const FAMILIES: Array<[RegExp, string]> = [
  [/^\/crm\/v3\/objects(\/|$)/, "/crm/objects/{v}$1"],
  [/^\/crm\/v4\/associations(\/|$)/, "/crm/associations/{v}$1"],
  [/^\/crm\/v3\/properties(\/|$)/, "/crm/properties/{v}$1"],
  [/^\/crm\/v3\/pipelines(\/|$)/, "/crm/pipelines/{v}$1"],
  [/^\/crm\/v3\/owners(\/|$)/, "/crm/owners/{v}$1"],
  [/^\/events\/v3(\/|$)/, "/events/{v}$1"],
  [/^\/account-info\/v3(\/|$)/, "/account-info/{v}$1"],
  [/^\/oauth\/v1\/token$/, "/oauth/{v}/token"],
];

/** The dated path of a numbered route path in `version`, or null when HubSpot has none for it. */
export function datedPathOf(path: string, version: string): string | null {
  for (const [numbered, dated] of FAMILIES)
    if (numbered.test(path)) return path.replace(numbered, dated.replace("{v}", version)).replace(/\/$/, "");
  return null;
}

type Body = Record<string, unknown> | undefined;

/** 2026-03 requires displayOrder on each option (OptionInput), where v3 left it optional. */
function optionsNeedDisplayOrder(options: unknown, at: string): string[] {
  if (!Array.isArray(options)) return [];
  return options.flatMap((option, index) =>
    typeof option === "object" && option !== null && "displayOrder" in option
      ? []
      : [`${at}[${index}].displayOrder: required`],
  );
}

const DATED_CHECKS: Record<string, (body: unknown) => string[]> = {
  "PATCH /crm/v3/properties/{objectType}/{propertyName}": (body) =>
    optionsNeedDisplayOrder((body as Body)?.options, "options"),
  "POST /crm/v3/properties/{objectType}/batch/create": (body) =>
    (Array.isArray((body as Body)?.inputs) ? ((body as Body)?.inputs as Body[]) : []).flatMap((input, index) =>
      optionsNeedDisplayOrder(input?.options, `inputs[${index}].options`),
    ),
};

/** What a dated answer adds to its numbered twin's (the 2026-03 TokenResponse requires token_use). */
const DATED_ANSWERS: Record<string, (body: Record<string, unknown>, context: RouteContext) => Record<string, unknown>> =
  {
    "POST /oauth/v1/token": (body, context) => ({
      ...body,
      token_use: "access_token",
      hub_id: context.store.portalId,
      user_id: 9001,
      scopes: context.oauth.scopes.get(String(body.access_token)) ?? [],
    }),
  };

/** The twin of `route` on `path`: its handler, with the dated answer's additions on success. */
function twinOf(route: Route, path: string): Route {
  const key = `${route.method} ${route.path}`;
  const answer = DATED_ANSWERS[key];
  return {
    ...route,
    path,
    scopePath: route.path,
    check: DATED_CHECKS[key],
    handle(context) {
      const reply = route.handle(context);
      if (!answer || reply.status >= 300 || typeof reply.body !== "object" || reply.body === null) return reply;
      return { ...reply, body: answer(reply.body as Record<string, unknown>, context) };
    },
  };
}

/** RFC 7662 introspection as HubSpot's dated OAuth API answers it: the app's credentials and the token in a form. */
function introspect(context: RouteContext) {
  const form = new URLSearchParams(context.rawBody);
  if (form.get("client_id") !== context.account.clientId || form.get("client_secret") !== context.account.clientSecret)
    return oauthError("BAD_CLIENT_ID", "missing or invalid client_id / client_secret");
  const token = form.get("token");
  if (!token) return oauthError("BAD_REQUEST", "token is required");
  const expiresAt = context.oauth.accessTokens.get(token);
  // Static (private app) tokens are not OAuth tokens: they have their own token-info endpoint.
  if (expiresAt === undefined || !Number.isFinite(expiresAt) || expiresAt <= context.now) return ok({ active: false });
  return ok({
    active: true,
    token,
    token_type: "bearer",
    token_use: "access_token",
    client_id: context.account.clientId,
    app_id: 1,
    hub_id: context.store.portalId,
    hub_domain: `${context.store.portalId}.hubspot.example`,
    user_id: 9001,
    is_private_distribution: false,
    expires_in: Math.round((expiresAt - context.now) / 1000),
    scopes: context.oauth.scopes.get(token) ?? [],
    signed_access_token: {},
  });
}

/** Every numbered route, then its dated twins, then the routes only the dated APIs have. */
export function withDatedTwins(routes: Route[]): Route[] {
  const twins = DATED_VERSIONS.flatMap((version) =>
    routes.flatMap((route): Route[] => {
      const path = datedPathOf(route.path, version);
      if (!path || routes.some((other) => other.method === route.method && other.path === path)) return [];
      return [twinOf(route, path)];
    }),
  );
  const introspection: Route[] = DATED_VERSIONS.map((version) => ({
    method: "POST",
    path: `/oauth/${version}/token/introspect`,
    public: true,
    handle: introspect,
  }));
  return [...routes, ...twins, ...introspection];
}
