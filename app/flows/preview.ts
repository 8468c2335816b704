/**
 * The flow editor's live preview: a page (an iframe's srcdoc) that runs the REAL storefront
 * widget, the built chatlift.js and chatlift-ui.js with the app embed's own launcher markup,
 * on the draft being edited. Only what a storefront would answer is stood in for, inside the
 * preview page: the AJAX cart and recommendations endpoints answer with sample products, and
 * events go nowhere. The flow is shown at once (a page trigger, no holdout, no caps).
 */
import type { Flow, WidgetConfig } from "../../contract/widget-config";

export interface PreviewAssets {
  /** chatlift.js, as built into the extension. */
  loader: string;
  /** chatlift-ui.js */
  ui: string;
  /** The app embed's launcher: the declarative shadow root template from the block's Liquid. */
  launcher: string;
  /** The widget's texts per locale, as the extension's locale files give them. */
  texts: Record<string, Record<string, string>>;
}

/** Three made-up products, in the shape of /recommendations/products.json. */
const SAMPLE_PRODUCTS = [
  { id: 101, title: "Linen shirt", price: 4900 },
  { id: 102, title: "Canvas tote", price: 2900 },
  { id: 103, title: "Wool beanie", price: 1900 },
].map((product) => ({
  ...product,
  url: "#",
  featured_image: null,
  variants: [{ id: product.id * 10, available: true, price: product.price }],
}));

export function previewConfig(flow: Flow, locale: string): WidgetConfig {
  return {
    v: 1,
    salt: "preview-salt",
    holdoutPercent: 0,
    caps: { perSession: 20, perDay: 50 },
    defaultLocale: locale,
    flows: [{ ...flow, enabled: true, trigger: { kind: "page_type", pageTypes: [], pageHandles: [] }, variants: [] }],
  };
}

/** JSON safe inside a script element: no "<" can close it (as the Liquid does). */
const scriptJson = (value: unknown) => JSON.stringify(value).replace(/</g, "\\u003c");
const scriptText = (code: string) => code.replace(/<\/script/gi, "<\\/script");

function storefrontStandIns(): string {
  // Runs before the widget: a fresh visitor on every preview, storefront endpoints answered here.
  return `(function(){
try{localStorage.removeItem("chatlift");sessionStorage.removeItem("chatlift_s");}catch(e){}
var products=${scriptJson(SAMPLE_PRODUCTS)};
var cart={item_count:0,total_price:0,currency:"USD",attributes:{},discount_codes:[]};
function answer(body){return Promise.resolve(new Response(JSON.stringify(body),{status:200,headers:{"content-type":"application/json"}}));}
navigator.sendBeacon=function(){return true;};
window.fetch=function(input,init){
  var url=String(input&&input.url?input.url:input);
  if(url.indexOf("recommendations/products.json")>=0)return answer({products:products});
  if(url.indexOf("cart/add.js")>=0){var body=JSON.parse(init.body);var item=body.items[0];cart.item_count+=item.quantity;cart.total_price+=4900*item.quantity;return answer({items:[{variant_id:item.id,price:4900,quantity:item.quantity}]});}
  if(url.indexOf("cart/update.js")>=0){var update=JSON.parse(init.body);if(update.discount)cart.discount_codes=update.discount.split(",").map(function(code){return{code:code,applicable:true};});if(update.attributes)Object.assign(cart.attributes,update.attributes);return answer(cart);}
  if(url.indexOf("cart.js")>=0)return answer(cart);
  return answer({});
};
})();`;
}

export function previewDocument(flow: Flow, assets: PreviewAssets, locale: string): string {
  const texts = assets.texts[locale] ?? assets.texts[locale.split("-")[0] ?? ""] ?? assets.texts.en ?? {};
  const data = {
    config: previewConfig(flow, locale),
    page: { type: "product", path: "/products/preview", handle: "preview", productId: "101", locale },
    cart: { count: 0, value: 0, currency: "USD", link: null },
    variantId: "1010",
    ui: `data:text/javascript;base64,${toBase64(assets.ui)}`,
    root: "/",
    s: { greeting: "", side: "right" },
    t: texts,
  };
  return `<!doctype html><html lang="${locale.replace(/[^A-Za-z-]/g, "")}"><head><meta charset="utf-8"><title>Preview</title>
<style>body{margin:0;font:14px system-ui;background:#f6f6f7;color:#303030}.page{padding:16px}.card{background:#fff;border-radius:8px;padding:16px;max-width:260px}</style></head>
<body><div class="page"><div class="card"><b>Linen shirt</b><p>€49.00</p><p>A sample product page: the flow starts on its own.</p></div></div>
<div id="chatlift-root" style="--a: #1a1a1a">${assets.launcher}</div>
<script type="application/json" id="chatlift-data">${scriptJson(data)}</script>
<script>${storefrontStandIns()}</script>
<script>${scriptText(assets.loader)}</script>
</body></html>`;
}

/** UTF-8 safe base64 on the server and in the browser. */
function toBase64(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}
