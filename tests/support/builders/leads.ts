import type { ContactFacts } from "../../../app/sync/contact-facts";

export const FROZEN_NOW = new Date("2026-03-14T15:09:26.000Z");

export function aLead(overrides: Partial<ContactFacts> = {}): ContactFacts {
  return {
    email: "Ada@Example.com",
    consent: { state: "granted", at: new Date("2026-03-14T15:00:00.000Z") },
    intentScore: 72,
    microConversions: { count: 3, lastKind: "add_to_cart", lastAt: new Date("2026-03-14T15:05:00.000Z") },
    firstChatAt: new Date("2026-03-10T09:00:00.000Z"),
    lastChatAt: new Date("2026-03-14T15:05:00.000Z"),
    lastPage: "/products/linen-shirt",
    productInterest: ["linen-shirt", "canvas-tote"],
    attributedRevenue: 89.5,
    observedAt: FROZEN_NOW,
    ...overrides,
  };
}
