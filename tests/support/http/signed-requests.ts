/**
 * Every request a test sends the app, signed as the platform signs it, from one place:
 * - app proxy and webhook requests: Shopify's signatures, from sandbox/shopify/signing.ts (the
 *   demo and the benches sign with the same code);
 * - admin requests: a real session token (HS256 JWT signed with the app's secret, by
 *   @shopify/shopify-api's own test helpers) either as the `id_token` query parameter of a
 *   document request (RequestType.Admin) or as a Bearer header of a fetch (RequestType.Bearer).
 *   authenticate.admin verifies it and loads the shop's OFFLINE session from the database; with
 *   one stored, no token exchange (no call to Shopify) happens.
 */
import { API_KEY, API_SECRET_KEY, APP_URL, RequestType, setUpValidRequest } from "@shopify/shopify-api/test-helpers";
import { signedProxyQuery, type SignedProxyOptions } from "../../../sandbox/shopify/signing";

export {
  appProxySignature,
  shopifyHmac,
  signedProxyQuery,
  signedWebhookRequest,
  type SignedProxyOptions,
  type SignedWebhookOptions,
} from "../../../sandbox/shopify/signing";

/** What a shopper's or merchant's browser says it is: Shopify's libraries answer 410 to anything that looks like a bot. */
export const BROWSER_USER_AGENT =
  "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36";

/** A storefront request through the app proxy, as Shopify forwards it to the app's route. */
export function signedProxyRequest(options: SignedProxyOptions = {}): Request {
  const body =
    options.body === undefined || typeof options.body === "string" ? options.body : JSON.stringify(options.body);
  const url = `${APP_URL}${options.path ?? "/apps/chatlift/events"}?${signedProxyQuery(options).toString()}`;
  return new Request(url, {
    method: options.method ?? "POST",
    headers: {
      "Content-Type": "application/json",
      "User-Agent": options.userAgent ?? BROWSER_USER_AGENT,
      ...options.headers,
    },
    body,
  });
}

/** A page load inside admin: GET with embedded=1, shop, host and id_token in the URL. */
export function documentRequest(store: string, path: string): Promise<Request> {
  return setUpValidRequest(
    { type: RequestType.Admin, store, apiKey: API_KEY, apiSecretKey: API_SECRET_KEY },
    new Request(`${APP_URL}${path}`),
  );
}

/** The headers of a fetch from the embedded page, for sending it over real HTTP (token and a browser's agent). */
export async function adminFetchHeaders(store: string, path: string): Promise<Headers> {
  const headers = (await fetchRequest(store, path)).headers;
  headers.set("User-Agent", BROWSER_USER_AGENT);
  return headers;
}

/** A fetch from the embedded page (loader data, form posts): the token rides in Authorization. */
export function fetchRequest(store: string, path: string, init: RequestInit = {}): Promise<Request> {
  return setUpValidRequest(
    { type: RequestType.Bearer, store, apiKey: API_KEY, apiSecretKey: API_SECRET_KEY },
    new Request(`${APP_URL}${path}`, init),
  );
}

export function formPost(store: string, path: string, fields: Record<string, string>): Promise<Request> {
  return fetchRequest(store, path, { method: "POST", body: new URLSearchParams(fields) });
}

export function jsonPost(store: string, path: string, body: unknown): Promise<Request> {
  return fetchRequest(store, path, {
    method: "POST",
    body: JSON.stringify(body),
    headers: { "Content-Type": "application/json" },
  });
}
