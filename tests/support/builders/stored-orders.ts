/** Stored orders and credits as the attribution writer leaves them, for the admin pages. */
import type { Database } from "../../../app/db.server";
import { DAY, NOW } from "../clock";

export const daysAgo = (days: number) => new Date(NOW.getTime() - days * DAY);

let counter = 0;

export interface CreditSpec {
  rule?: string;
  model?: string;
  windowDays?: number;
  role?: string;
  amountMinor?: number;
  grossAmountMinor?: number;
  chatSessionId?: string;
  explanation?: string;
}

/** An order of `shop` with one credit per spec (defaults: cart attribute, last touch, 7 days). */
export async function aCreditedOrder(
  db: Database,
  shop: string,
  placedAt: Date,
  specs: CreditSpec[] = [{}],
  netMinor = 4200,
): Promise<string> {
  counter += 1;
  const numeric = 7_000_000_000 + counter;
  const orderId = `gid://shopify/Order/${numeric}`;
  await db.order.create({
    data: {
      id: orderId,
      shopDomain: shop,
      name: `#${1000 + counter}`,
      placedAt,
      shopifyUpdatedAt: placedAt,
      currency: "USD",
      totalMinor: BigInt(netMinor),
      subtotalMinor: BigInt(netMinor),
      netMinor: BigInt(netMinor),
      source: "webhook",
    },
  });
  for (const spec of specs) {
    const amount = spec.amountMinor ?? netMinor;
    await db.credit.create({
      data: {
        shopDomain: shop,
        orderId,
        chatSessionId: spec.chatSessionId ?? `session-${counter}`,
        rule: spec.rule ?? "cart_attribute",
        model: spec.model ?? "last_touch",
        windowDays: spec.windowDays ?? 7,
        role: spec.role ?? "assisted",
        confidence: 0.9,
        amountMinor: BigInt(amount),
        grossAmountMinor: BigInt(spec.grossAmountMinor ?? amount),
        share: 1,
        currency: "USD",
        explanation:
          spec.explanation ??
          `Credited $${(amount / 100).toFixed(2)} (assisted) because the order's cart carried chat session session-${counter}; last-touch, 7-day window.`,
        arm: "treatment",
      },
    });
  }
  return orderId;
}

export interface EventSpec {
  type: string;
  minutesIn?: number;
  flowId?: string;
  stepId?: string;
  microKind?: string;
}

let sessionCounter = 0;

/** A chat session with its events, `minutesIn` after its start. */
export async function aChatSession(
  db: Database,
  shop: string,
  startedAt: Date,
  options: { visitorId?: string; arm?: "treatment" | "holdout"; id?: string; events?: EventSpec[] } = {},
): Promise<string> {
  sessionCounter += 1;
  const id = options.id ?? `cs-${sessionCounter}`;
  await db.chatSession.create({
    data: {
      shopDomain: shop,
      id,
      visitorId: options.visitorId ?? `visitor-${sessionCounter}`,
      arm: options.arm ?? "treatment",
      startedAt,
      lastSeenAt: startedAt,
    },
  });
  const events = options.events ?? [];
  for (const [index, event] of events.entries()) {
    const at = new Date(startedAt.getTime() + (event.minutesIn ?? index) * 60_000);
    await db.chatEvent.create({
      data: {
        shopDomain: shop,
        id: `${id}-e${index}`,
        sessionId: id,
        type: event.type,
        flowId: event.flowId,
        stepId: event.stepId,
        microKind: event.microKind,
        occurredAt: at,
        receivedAt: at,
      },
    });
  }
  return id;
}
