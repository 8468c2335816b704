/**
 * The ChatLift pixel's code against the Web Pixels API's event shapes: a checkout_completed links
 * the order with the stored token, the consent and the GA cookie, and nothing of the customer
 * (email, phone, customer id) leaves; chatlift:* events report consent once per page; without
 * a token, without consent (also withdrawn on the page) or without an order, nothing is sent.
 */
import { describe, expect, it } from "vitest";
import { createLinker } from "../../../extensions/chatlift-pixel/src/link";
import { PIXEL_TOKEN_KEY } from "../../../contract/pixel-link";
import { aCheckoutCompleted, aCustomEvent, aPixelBrowser } from "../../support/builders/pixel-events";

const LINK_URL = "https://app.chatlift.test/pixel/link";
const init = (analytics = true, marketing = false) => ({
  customerPrivacy: {
    analyticsProcessingAllowed: analytics,
    marketingAllowed: marketing,
    preferencesProcessingAllowed: false,
    saleOfDataAllowed: false,
  },
  data: { shop: { myshopifyDomain: "harbor-supply.myshopify.com" } },
});

describe("the ChatLift pixel", () => {
  it("GIVEN a stored token WHEN checkout_completed arrives THEN it beacons exactly the link and nothing of the customer", async () => {
    const { browser, beacons } = aPixelBrowser({ [PIXEL_TOKEN_KEY]: "v1.tok.sig" }, { _ga: "GA1.1.123.456" });
    const linker = createLinker({ browser, init: init(true, true), linkUrl: LINK_URL });

    expect(await linker.checkoutCompleted(aCheckoutCompleted())).toBe(true);

    expect(beacons).toHaveLength(1);
    expect(beacons[0]?.url).toBe(LINK_URL);
    expect(JSON.parse(beacons[0]?.body ?? "")).toEqual({
      v: 1,
      shop: "harbor-supply.myshopify.com",
      token: "v1.tok.sig",
      consent: { analytics: true, marketing: true },
      ga: "GA1.1.123.456",
      kind: "checkout_completed",
      eventId: "sh-88153c5a-8F2D-4CCA-3231-EF5C032A4C3B",
      orderId: "5000000001",
      checkoutToken: "c1-abc",
    });
    expect(beacons[0]?.body).not.toMatch(/ann\.shopper|7946|Customer\/77/);
  });

  it("GIVEN no token, no analytics consent or no order WHEN checkout_completed arrives THEN nothing is sent", async () => {
    const without = aPixelBrowser();
    expect(
      await createLinker({ browser: without.browser, init: init(), linkUrl: LINK_URL }).checkoutCompleted(
        aCheckoutCompleted(),
      ),
    ).toBe(false);
    const withdrawn = aPixelBrowser({ [PIXEL_TOKEN_KEY]: "t" });
    expect(
      await createLinker({ browser: withdrawn.browser, init: init(false), linkUrl: LINK_URL }).checkoutCompleted(
        aCheckoutCompleted(),
      ),
    ).toBe(false);
    const noOrder = aPixelBrowser({ [PIXEL_TOKEN_KEY]: "t" });
    expect(
      await createLinker({ browser: noOrder.browser, init: init(), linkUrl: LINK_URL }).checkoutCompleted(
        aCheckoutCompleted(null),
      ),
    ).toBe(false);
    expect([...without.beacons, ...withdrawn.beacons, ...noOrder.beacons]).toEqual([]);
  });

  it("GIVEN the widget's chatlift:* events WHEN several arrive THEN consent is reported once, other custom events ignored", async () => {
    const { browser, beacons } = aPixelBrowser({ [PIXEL_TOKEN_KEY]: "v1.tok.sig" });
    const linker = createLinker({ browser, init: init(), linkUrl: LINK_URL });

    await linker.customEvent(aCustomEvent("someone_else:thing"));
    await linker.customEvent(aCustomEvent("chatlift:chat_opened"));
    await linker.customEvent(aCustomEvent("chatlift:flow_started"));

    expect(beacons.map((beacon) => JSON.parse(beacon.body) as { kind: string; eventId: string })).toEqual([
      expect.objectContaining({ kind: "consent", eventId: "custom-chatlift:chat_opened" }),
    ]);
  });

  it("GIVEN consent withdrawn in the shop's banner after the pixel loaded WHEN the checkout completes THEN nothing is sent", async () => {
    const { browser, beacons } = aPixelBrowser({ [PIXEL_TOKEN_KEY]: "v1.tok.sig" });
    const linker = createLinker({ browser, init: init(), linkUrl: LINK_URL });

    linker.consentChanged({ customerPrivacy: init(false).customerPrivacy });

    expect(await linker.checkoutCompleted(aCheckoutCompleted())).toBe(false);
    expect(await linker.customEvent(aCustomEvent("chatlift:chat_opened"))).toBe(false);
    expect(beacons).toEqual([]);
  });
});
