/** The ChatLift web pixel's entry: subscribes to checkout_completed, the widget's chatlift:* events and consent changes. */
import { register } from "@shopify/web-pixels-extension";
import { createLinker } from "./link";

register(({ analytics, browser, init, settings, customerPrivacy }) => {
  const linker = createLinker({ browser, init, linkUrl: String(settings.linkUrl ?? "") });
  customerPrivacy.subscribe("visitorConsentCollected", (event) => linker.consentChanged(event));
  analytics.subscribe("checkout_completed", (event) => void linker.checkoutCompleted(event));
  analytics.subscribe("all_custom_events", (event) => void linker.customEvent(event));
});
