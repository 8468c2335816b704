/** Pixel links as the ChatLift pixel sends them, valid unless a test says otherwise. */
import { randomUUID } from "node:crypto";
import { PIXEL_LINK_VERSION, type PixelLinkRequest } from "../../../contract/pixel-link";

export function aPixelLink(shop: string, token: string, overrides: Partial<PixelLinkRequest> = {}): PixelLinkRequest {
  return {
    v: PIXEL_LINK_VERSION,
    shop,
    token,
    kind: "checkout_completed",
    eventId: `sh-${randomUUID()}`,
    consent: { analytics: true, marketing: false },
    ga: "GA1.1.1234567890.1700000000",
    orderId: "5000000001",
    checkoutToken: "c1-abc",
    ...overrides,
  };
}
