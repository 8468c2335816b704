/* global window, document, location */
// Stand-in for https://cdn.shopify.com/shopifycloud/app-bridge.js, served ONLY by the admin
// harness. Like the real one it exposes window.shopify and adds a fresh session token to the
// app's own fetches (Remix data requests, form posts); the harness mints the tokens.
(function () {
  var params = new URLSearchParams(location.search);
  var script = document.currentScript;
  var apiKey = script ? script.getAttribute("data-api-key") : "";
  var nativeFetch = window.fetch.bind(window);
  function idToken() {
    return nativeFetch("/__harness/token").then(function (response) {
      return response.text();
    });
  }
  window.shopify = {
    config: { apiKey: apiKey, shop: params.get("shop"), host: params.get("host"), locale: "en" },
    idToken: idToken,
    toast: {
      show: function (message) {
        window.__harnessToasts = (window.__harnessToasts || []).concat(message);
      },
    },
    loading: function () {},
    modal: { show: function () {}, hide: function () {} },
    saveBar: { show: function () {}, hide: function () {} },
  };
  window.fetch = function (input, init) {
    var url = new URL(typeof input === "string" || input instanceof URL ? String(input) : input.url, location.href);
    if (url.origin !== location.origin || url.pathname.indexOf("/__harness/") === 0) return nativeFetch(input, init);
    return idToken().then(function (token) {
      var request = new Request(input, init);
      var headers = new Headers(request.headers);
      headers.set("Authorization", "Bearer " + token);
      return nativeFetch(new Request(request, { headers: headers }));
    });
  };
  // Admin draws the title bar and navigation outside the iframe; here they show as a plain bar.
  var style = document.createElement("style");
  style.textContent =
    "ui-nav-menu{display:flex;gap:16px;padding:8px 16px;background:#1a1a1a;font:14px system-ui}ui-nav-menu a{color:#fff}ui-title-bar{display:none}";
  document.head.appendChild(style);
})();
