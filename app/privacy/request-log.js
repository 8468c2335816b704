// @ts-check
/**
 * What the request log may say about a URL. Shopify puts secrets and customer ids in query strings:
 * the app proxy's `logged_in_customer_id` and `signature`, the embedded admin's session token
 * (`id_token`), `hmac` and `session`, the OAuth callbacks' `code` and `state` (Shopify's and
 * HubSpot's). A log line is read by whoever runs the server and kept as long as its logs are, so
 * those values never reach it: any parameter whose name says token, code, secret, signature, hmac,
 * session, state, customer, email, phone or key is logged as `name=[redacted]`; the rest (shop,
 * host, timestamp, a page's own filters) stays, as the path does.
 *
 * Plain JavaScript (checked by tsc through `@ts-check`) because the production start loads it into
 * remix-serve's process with `node --import` (scripts/request-log.mjs), before any TypeScript runs.
 */

const SECRET_NAME = /token|code|secret|password|signature|hmac|session|state|customer|email|phone|key/i;
export const REDACTED_VALUE = "[redacted]";

/**
 * @param {string} url a request target as the server saw it (path and query)
 * @returns {string} the same target with the secret values replaced
 */
export function scrubUrl(url) {
  const start = url.indexOf("?");
  if (start < 0) return url;
  const end = url.indexOf("#", start);
  const query = url.slice(start + 1, end < 0 ? undefined : end);
  const pairs = query.split("&").map((pair) => {
    const equals = pair.indexOf("=");
    if (equals < 0) return pair;
    const name = pair.slice(0, equals);
    return SECRET_NAME.test(decodedName(name)) ? `${name}=${REDACTED_VALUE}` : pair;
  });
  return `${url.slice(0, start)}?${pairs.join("&")}`;
}

/** @param {string} name */
function decodedName(name) {
  try {
    return decodeURIComponent(name.replace(/\+/g, " "));
  } catch {
    return name;
  }
}
