/**
 * Admin requests as Shopify admin sends them: a real session token (HS256 JWT signed with the
 * app's secret, by @shopify/shopify-api's own test helpers) either as the `id_token` query
 * parameter of a document request (RequestType.Admin) or as a Bearer header of a fetch
 * (RequestType.Bearer). authenticate.admin verifies it and loads the shop's OFFLINE session
 * from the database; with one stored, no token exchange (no call to Shopify) happens.
 */
import { API_KEY, API_SECRET_KEY, APP_URL, RequestType, setUpValidRequest } from "@shopify/shopify-api/test-helpers";
import type { Database } from "../../app/db.server";
import { storeOfflineSession as storeSessionFor } from "../../sandbox/admin-harness/seed";

/** The store name ("harbor-supply"), as Shopify's test helpers take it. */
export const domainOf = (store: string) => `${store}.myshopify.com`;

/** The shop's offline session (and shop row), as the install leaves them. */
export const storeOfflineSession = (db: Database, store: string): Promise<void> => storeSessionFor(db, domainOf(store));

/** A page load inside admin: GET with embedded=1, shop, host and id_token in the URL. */
export function documentRequest(store: string, path: string): Promise<Request> {
  return setUpValidRequest({ type: RequestType.Admin, store, apiKey: API_KEY, apiSecretKey: API_SECRET_KEY }, new Request(`${APP_URL}${path}`));
}

/** A fetch from the embedded page (loader data, form posts): the token rides in Authorization. */
export function fetchRequest(store: string, path: string, init: RequestInit = {}): Promise<Request> {
  return setUpValidRequest({ type: RequestType.Bearer, store, apiKey: API_KEY, apiSecretKey: API_SECRET_KEY }, new Request(`${APP_URL}${path}`, init));
}

export function formPost(store: string, path: string, fields: Record<string, string>): Promise<Request> {
  return fetchRequest(store, path, { method: "POST", body: new URLSearchParams(fields) });
}

/** What a route threw (Remix routes throw Responses for redirects and errors). */
export async function thrown(promise: Promise<unknown>): Promise<Response> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof Response) return error;
    throw error;
  }
  throw new Error("expected the route to throw a Response");
}

export const routeArgs = (request: Request, params: Record<string, string> = {}) => ({ request, params, context: {} });
