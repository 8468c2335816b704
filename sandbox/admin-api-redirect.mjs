// Loaded by `npm run demo` into the app it starts (NODE_OPTIONS=--import …), before any app
// module: Shopify's library keeps the global fetch it finds at import. Requests to the demo
// shop's Admin API (https://<shop>/admin/…) go to the local stand-in instead, the way a hosts
// entry would send them; the app itself is unchanged. Any other request to a Shopify host is
// refused, so the demo can never reach a real store. Without the demo's variables it does nothing.
const shop = process.env.CHATLIFT_DEMO_SHOP;
const standIn = process.env.CHATLIFT_DEMO_ADMIN_API;

if (process.env.CHATLIFT_DEMO === "1" && shop && standIn) {
  // Captured now: Remix may later install other Request/Headers globals this fetch does not know.
  const nativeFetch = globalThis.fetch;
  const NativeHeaders = globalThis.Headers;
  const shopifyHost = /(^|\.)(myshopify\.com|shopify\.com|shopifycloud\.com)$/;
  globalThis.fetch = function demoFetch(input, init) {
    const url = new URL(typeof input === "string" || input instanceof URL ? String(input) : input.url);
    if (url.hostname === shop && url.pathname.startsWith("/admin/")) {
      // The stand-in (sandbox/admin-harness/admin-api.ts) serves every shop at one address.
      const headers = new NativeHeaders(
        init?.headers ?? (typeof input === "object" && "headers" in input ? input.headers : undefined),
      );
      headers.set("x-chatlift-shop", shop);
      return nativeFetch(new URL(url.pathname + url.search, standIn), {
        method: init?.method ?? input.method,
        body: init?.body,
        headers,
      });
    }
    if (shopifyHost.test(url.hostname)) {
      return Promise.reject(new Error(`the ChatLift demo is offline: refused a request to ${url.origin}`));
    }
    return nativeFetch(input, init);
  };
}
