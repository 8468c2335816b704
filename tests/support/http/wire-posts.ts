/**
 * POSTs over real HTTP to routes a test serves (route-server.ts), for what only shows on the wire: the status
 * and the JSON body as the shopper's browser or the merchant's embedded admin receives them. A storefront post
 * comes through Shopify's app proxy, signed; an admin form post carries a real session token.
 */
import { adminFetchHeaders, BROWSER_USER_AGENT, signedProxyQuery, type SignedProxyOptions } from "./signed-requests";

export interface WireJson<T> {
  status: number;
  body: T;
}

/** A storefront POST of `body` (JSON, or a string as it is) to `path`, signed by "Shopify" for `shop`. */
export async function postThroughProxy<T = Record<string, unknown>>(
  origin: string,
  path: string,
  body: unknown,
  options: SignedProxyOptions & { shop: string },
): Promise<WireJson<T>> {
  const response = await fetch(`${origin}${path}?${signedProxyQuery(options).toString()}`, {
    method: "POST",
    headers: { "content-type": "application/json", "user-agent": options.userAgent ?? BROWSER_USER_AGENT },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as T };
}

/** A form post from the embedded admin of `store` (session token in Authorization), as Remix's <Form> sends it. */
export async function postAdminForm<T = { ok: boolean; errors?: string[] }>(
  origin: string,
  store: string,
  path: string,
  fields: Record<string, string>,
): Promise<WireJson<T>> {
  const headers = await adminFetchHeaders(store, path);
  headers.set("content-type", "application/x-www-form-urlencoded");
  const response = await fetch(`${origin}${path}`, { method: "POST", headers, body: new URLSearchParams(fields) });
  return { status: response.status, body: (await response.json()) as T };
}
