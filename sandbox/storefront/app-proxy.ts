/**
 * Shopify's app proxy, as the storefront harness plays it: a POST to the shop's /apps/chatlift/*
 * reaches the app signed (shop, path_prefix, timestamp, logged_in_customer_id, signature), without
 * the shop's cookies, with the browser's user agent, and the app's answer comes back as it is
 * (status, body, Retry-After). The app is either a running server (its URL) or a route's action
 * called in-process with the same signed Request, so browser tests exercise the real route.
 */
import { signedProxyQuery } from "../shopify/signing";
import type { ProxyHandler } from "./server";

export interface AppProxyTarget {
  /** The app's base URL, or a handler taking the signed Request (e.g. a Remix route's action). */
  app: string | ((request: Request) => Promise<Response>);
  shop: string;
  secret: string;
  /** The proxy names the logged-in customer (Shopify's `logged_in_customer_id`); none by default. */
  loggedInCustomerId?: () => string | undefined;
}

export function appProxy(target: AppProxyTarget): ProxyHandler {
  return async ({ path, body, headers }) => {
    const query = signedProxyQuery({
      shop: target.shop,
      secret: target.secret,
      loggedInCustomerId: target.loggedInCustomerId?.(),
    });
    const base = typeof target.app === "string" ? target.app : "https://app.chatlift.test";
    const request = new Request(`${base}${path}?${query.toString()}`, {
      method: "POST",
      headers: {
        "content-type": String(headers["content-type"] ?? "application/json"),
        "user-agent": String(headers["user-agent"] ?? ""),
      },
      body,
    });
    let response: Response;
    try {
      response = typeof target.app === "string" ? await fetch(request) : await target.app(request);
    } catch (thrown) {
      // Remix actions throw their redirects and refusals as Responses.
      if (!(thrown instanceof Response)) throw thrown;
      response = thrown;
    }
    const retryAfter = response.headers.get("retry-after");
    return {
      status: response.status,
      body: await response.text(),
      headers: retryAfter ? { "retry-after": retryAfter } : undefined,
    };
  };
}
