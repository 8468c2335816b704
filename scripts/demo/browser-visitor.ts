/**
 * One visitor in headless Chromium on the storefront harness, using the real widget: the
 * fit-help prompt, a recommendation added to the cart from chat, an email given with consent.
 * The order is then built from what the harness cart holds (its products, quantities, line
 * properties and cart attribute), so its lines and the order links it carries are the ones the
 * widget really set.
 */
import { decodeCartAttribute } from "../../contract/order-link";
import type { HarnessCart } from "../../sandbox/storefront/cart";
import type { Browser } from "playwright-core";
import { launchChromium } from "../../sandbox/browser/chromium";
import { waitFor } from "./processes";
import { DESKTOP_CHROME } from "./config";
import { demoOrder, type DemoOrder } from "./orders";
import type { DemoStack } from "./stack";

export interface BrowserVisit {
  sessionId: string;
  /** orders/create for what the cart held, with the links the widget set. */
  order: DemoOrder;
}

/**
 * Chromium whose every request says it is desktop Chrome: Shopify's library and the ingest
 * route treat "HeadlessChrome" as a bot, and a context's user agent does not reach the
 * widget's sendBeacon on pagehide, so the browser itself must carry it.
 */
export function launchDemoChromium(): Promise<Browser> {
  return launchChromium([`--user-agent=${DESKTOP_CHROME}`]);
}

/** With `shared`, the visit runs in that browser (left open); otherwise in one of its own. */
export async function runBrowserVisitor(
  stack: DemoStack,
  visitor: { visitorId: string; email: string },
  shared?: Browser,
): Promise<BrowserVisit> {
  const browser = shared ?? (await launchDemoChromium());
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, userAgent: DESKTOP_CHROME });
    // A visitor id in the treatment arm, stored where the widget keeps it, so the prompt shows.
    await context.addInitScript((id: string) => {
      if (!localStorage.getItem("chatlift"))
        localStorage.setItem("chatlift", JSON.stringify({ id, seen: 0, n: 0, x: {} }));
    }, visitor.visitorId);
    const page = await context.newPage();
    const knownCarts = new Set(stack.storefront.carts.keys());
    await page.goto(`${stack.storefront.url}/products/linen-shirt`);
    const widget = page.locator("#chatlift-root");
    await widget.locator(".b").waitFor({ state: "visible", timeout: 10_000 });
    await widget.getByRole("button", { name: "Yes, please" }).click();
    const dialog = widget.getByRole("dialog");
    await dialog.getByRole("button", { name: "Does it run small?" }).click();
    await dialog.locator(".card").first().getByRole("button", { name: "Add to cart" }).click();
    await dialog.getByRole("textbox", { name: "Email address" }).fill(visitor.email);
    await dialog.getByRole("checkbox").check();
    await dialog.getByRole("button", { name: "Send" }).click();
    await page.waitForFunction(
      () => document.querySelector("#chatlift-root")?.shadowRoot?.textContent?.includes("Thank you!"),
      undefined,
      { timeout: 10_000 },
    );
    // Leaving hands the last events to sendBeacon, through the app proxy to the app: wait until
    // the app has taken the email before closing the browser under the beacon.
    await page.goto("about:blank");
    await waitFor(
      "the widget's email capture reaching the app",
      async () =>
        stack.proxied.some(
          (batch) =>
            batch.visitorId === visitor.visitorId &&
            batch.status === 200 &&
            batch.events.includes("micro_conversion:email_capture"),
        )
          ? true
          : undefined,
      15_000,
    );
    await context.close();

    const cart = [...stack.storefront.carts].find(
      ([token, candidate]: [string, HarnessCart]) => !knownCarts.has(token) && candidate.lines.length,
    )?.[1];
    const link = cart && decodeCartAttribute(cart.attributes.__chatlift);
    const chatLine = cart?.lines.findIndex((line) => line.properties._chatlift) ?? -1;
    if (!cart || !link || chatLine < 0) throw new Error("the widget left no order link in the visitor's cart");
    const order = demoOrder({
      lines: cart.lines,
      placedAt: new Date(),
      email: visitor.email,
      cartAttribute: cart.attributes.__chatlift,
    });
    return { sessionId: link.sessionId, order };
  } finally {
    if (!shared) await browser.close();
  }
}
