/** A lead's facts as the sync reads them: consent, a chat this morning, micro-conversions, revenue. */
import type { ContactFacts } from "../../../app/sync/contact-facts";
import { NOW } from "../clock";

export function aLead(overrides: Partial<ContactFacts> = {}): ContactFacts {
  return {
    email: "Ada@Example.com",
    consent: { state: "granted", at: new Date("2026-11-20T11:50:00.000Z") },
    intentScore: 72,
    microConversions: { count: 3, lastKind: "add_to_cart", lastAt: new Date("2026-11-20T11:55:00.000Z") },
    firstChatAt: new Date("2026-11-16T09:00:00.000Z"),
    lastChatAt: new Date("2026-11-20T11:55:00.000Z"),
    lastPage: "/products/linen-shirt",
    productInterest: ["linen-shirt", "canvas-tote"],
    attributedRevenue: 89.5,
    observedAt: NOW,
    ...overrides,
  };
}
