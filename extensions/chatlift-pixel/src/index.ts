/** The ChatLift web pixel's entry: subscribes to checkout_completed and the widget's chatlift:* events. */
import { register } from "@shopify/web-pixels-extension";
import { createLinker } from "./link";

register(({ analytics, browser, init, settings }) => {
  const linker = createLinker({ browser, init, linkUrl: String(settings.linkUrl ?? "") });
  analytics.subscribe("checkout_completed", (event) => void linker.checkoutCompleted(event));
  analytics.subscribe("all_custom_events", (event) => void linker.customEvent(event));
});
