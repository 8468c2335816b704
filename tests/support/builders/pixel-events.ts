/**
 * Web Pixels API events and the pixel's sandbox as Shopify hands them to a pixel, typed by
 * @shopify/web-pixels-extension (its checkout_completed carries the whole checkout: only the
 * fields a test reads are spelled out, with the values Shopify's documentation shows).
 */
import type { CustomEvent, PixelEventsCheckoutCompleted } from "@shopify/web-pixels-extension";
import { NOW } from "../clock";

export function aCheckoutCompleted(orderId: string | null = "5000000001"): PixelEventsCheckoutCompleted {
  return {
    id: "sh-88153c5a-8F2D-4CCA-3231-EF5C032A4C3B",
    name: "checkout_completed",
    type: "standard",
    seq: 3,
    clientId: "xxx-xxx-xxx",
    timestamp: NOW.toISOString(),
    context: {} as PixelEventsCheckoutCompleted["context"],
    data: {
      checkout: {
        token: "c1-abc",
        email: "ann.shopper@example.com",
        phone: "+44 20 7946 0958",
        order: { id: orderId, customer: { id: "gid://shopify/Customer/77", isFirstOrder: true } },
        lineItems: [],
        attributes: [],
      },
    },
  } as unknown as PixelEventsCheckoutCompleted;
}

export function aCustomEvent(name: string): CustomEvent {
  return {
    id: `custom-${name}`,
    name,
    type: "custom",
    seq: 1,
    clientId: "xxx-xxx-xxx",
    timestamp: NOW.toISOString(),
    context: {} as CustomEvent["context"],
    customData: { flowId: "size-help" },
  } as unknown as CustomEvent;
}

/** The pixel's browser API over plain maps; what it sends by beacon is recorded. */
export function aPixelBrowser(storage: Record<string, string> = {}, cookies: Record<string, string> = {}) {
  const beacons: Array<{ url: string; body: string }> = [];
  return {
    beacons,
    browser: {
      localStorage: { getItem: async (key: string) => storage[key] ?? null },
      cookie: { get: async (name?: string) => (name ? (cookies[name] ?? "") : "") },
      sendBeacon: async (url: string, body?: string) => {
        beacons.push({ url, body: body ?? "" });
        return true;
      },
    },
  };
}
