/**
 * Why: the pixel is the one place that sees a checkout complete whatever the theme or checkout did
 * to the cart attribute. It sends only what links the chat to the order: the app-signed token the
 * widget stored, the order's id and checkout token, the visitor's consent choice and the GA client
 * cookie. Never the customer's email, phone, address, cart lines or anything the shopper typed.
 */
import type {
  Browser,
  BrowserCookie,
  BrowserLocalStorage,
  CustomEvent,
  CustomerPrivacyPayload,
  PixelEventsCheckoutCompleted,
  RegisterInit,
} from "@shopify/web-pixels-extension";
import { PIXEL_LINK_VERSION, PIXEL_TOKEN_KEY, type PixelLinkRequest } from "../../../contract/pixel-link";

export interface LinkerDeps {
  /** Only what the pixel uses of Shopify's sandboxed browser API. */
  browser: {
    localStorage: Pick<BrowserLocalStorage, "getItem">;
    cookie: Pick<BrowserCookie, "get">;
    sendBeacon: Browser["sendBeacon"];
  };
  init: Pick<RegisterInit, "customerPrivacy"> & { data: { shop: { myshopifyDomain: string } } };
  linkUrl: string;
}

export function createLinker({ browser, init, linkUrl }: LinkerDeps) {
  let consentSent = false;
  // The choice as the page loaded, then as the shop's banner changes it (visitorConsentCollected).
  let privacy = init.customerPrivacy;
  async function send(fields: Pick<PixelLinkRequest, "kind" | "eventId" | "orderId" | "checkoutToken">) {
    // Shopify loads the pixel only with analytics consent; a withdrawn choice mid-page sends nothing.
    if (!privacy.analyticsProcessingAllowed || !linkUrl) return false;
    const token = await browser.localStorage.getItem(PIXEL_TOKEN_KEY);
    if (!token) return false;
    const ga = await browser.cookie.get("_ga");
    const link: PixelLinkRequest = {
      v: PIXEL_LINK_VERSION,
      shop: init.data.shop.myshopifyDomain,
      token,
      consent: { analytics: true, marketing: privacy.marketingAllowed },
      ...(ga ? { ga } : {}),
      ...fields,
    };
    return browser.sendBeacon(linkUrl, JSON.stringify(link));
  }
  return {
    checkoutCompleted(event: PixelEventsCheckoutCompleted) {
      const { order, token } = event.data.checkout;
      if (!order?.id) return Promise.resolve(false);
      return send({
        kind: "checkout_completed",
        eventId: event.id,
        orderId: order.id,
        ...(token ? { checkoutToken: token } : {}),
      });
    },
    /** The visitor changed their choice on this page: a withdrawn consent sends nothing from then on. */
    consentChanged(event: CustomerPrivacyPayload) {
      privacy = event.customerPrivacy;
    },
    /** The widget's chatlift:* events: the first of a page reports the visitor's consent for the chat. */
    customEvent(event: CustomEvent) {
      if (!event.name.startsWith("chatlift:") || consentSent) return Promise.resolve(false);
      consentSent = true;
      return send({ kind: "consent", eventId: event.id });
    },
  };
}
