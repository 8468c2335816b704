/**
 * Demo data for the admin harness: one shop with 30 days of chat sessions (both arms), flow
 * events, micro-conversions and credited orders, so every page has something to show.
 * Deterministic (a seeded generator), so screenshots are comparable between runs.
 */
import type { Database } from "../../app/db.server";
import type { Prisma } from "../../app/db.server";
import { CONVERSATION_EVENT_TYPES } from "../../contract/events";

const DAY = 86_400_000;

function generator(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

export async function storeOfflineSession(db: Database, shop: string): Promise<void> {
  await db.session.upsert({
    where: { id: `offline_${shop}` },
    create: {
      id: `offline_${shop}`,
      shop,
      state: "installed",
      isOnline: false,
      scope: "read_orders",
      accessToken: "shpat_harness",
    },
    update: {},
  });
  await db.shop.upsert({ where: { domain: shop }, create: { domain: shop, currency: "USD" }, update: {} });
}

const FLOWS = [
  { id: "fit-help", steps: ["ask-size", "suggest"], kind: "fit_help" },
  { id: "email-capture", steps: ["offer", "email"], kind: "email_capture" },
];

export async function seedDemoShop(
  db: Database,
  shop: string,
  now: number,
  sessionsPerDay = 12,
): Promise<{ sessions: number; orders: number }> {
  await storeOfflineSession(db, shop);
  const random = generator(42);
  const sessions: Prisma.ChatSessionCreateManyInput[] = [];
  const events: Prisma.ChatEventCreateManyInput[] = [];
  const converting: { id: string; at: number; kind: string }[] = [];
  for (let day = 29; day >= 0; day -= 1) {
    for (let i = 0; i < sessionsPerDay; i += 1) {
      const id = `demo-${day}-${i}`;
      const startedAt = now - day * DAY - Math.floor(random() * 20) * 3_600_000 - 3_600_000;
      const arm = random() < 0.1 ? "holdout" : "treatment";
      const session: Prisma.ChatSessionCreateManyInput = {
        shopDomain: shop,
        id,
        visitorId: `visitor-${day}-${i}`,
        arm,
        startedAt: new Date(startedAt),
        lastSeenAt: new Date(startedAt + 600_000),
        eventCount: 0,
        microConversionCount: 0,
      };
      sessions.push(session);
      let minute = 0;
      // The session's counters as the real ingest keeps them (the rollups read them).
      const event = (type: string, extra: { flowId?: string; stepId?: string; microKind?: string } = {}) => {
        minute += 1;
        const at = new Date(startedAt + minute * 60_000);
        events.push({
          shopDomain: shop,
          id: `${id}-${minute}`,
          sessionId: id,
          type,
          occurredAt: at,
          receivedAt: at,
          ...extra,
        });
        session.eventCount = (session.eventCount ?? 0) + 1;
        if (CONVERSATION_EVENT_TYPES.includes(type as (typeof CONVERSATION_EVENT_TYPES)[number]))
          session.lastChatAt = at;
        if (type !== "micro_conversion") return;
        session.microConversionCount = (session.microConversionCount ?? 0) + 1;
        session.firstMicroAt ??= at;
        session.lastMicroAt = at;
      };
      event("session_started");
      if (arm === "holdout" || random() < 0.45) continue;
      const flow = FLOWS[random() < 0.6 ? 0 : 1] as (typeof FLOWS)[number];
      event("chat_opened");
      event("flow_started", { flowId: flow.id });
      event("step_viewed", { flowId: flow.id, stepId: flow.steps[0] });
      if (random() < 0.35) continue;
      event("step_viewed", { flowId: flow.id, stepId: flow.steps[1] });
      event("micro_conversion", { flowId: flow.id, microKind: flow.kind });
      event("flow_completed", { flowId: flow.id });
      if (random() < 0.5) {
        event("micro_conversion", { microKind: "add_to_cart" });
        converting.push({ id, at: startedAt, kind: flow.kind });
      }
    }
  }
  await db.chatSession.createMany({ data: sessions });
  await db.chatEvent.createMany({ data: events });
  let orders = 0;
  for (const [index, session] of converting.entries()) {
    orders += 1;
    const orderNumber = 9_100_000_000 + index;
    const placedAt = new Date(session.at + 2 * 3_600_000);
    const net = 2500 + Math.floor(random() * 60) * 100;
    const direct = Math.round(net * 0.6);
    const orderId = `gid://shopify/Order/${orderNumber}`;
    await db.order.create({
      data: {
        id: orderId,
        shopDomain: shop,
        name: `#${1001 + index}`,
        placedAt,
        shopifyUpdatedAt: placedAt,
        currency: "USD",
        totalMinor: BigInt(net),
        subtotalMinor: BigInt(net),
        netMinor: BigInt(net),
        chatSessionId: session.id,
        arm: "treatment",
        source: "webhook",
      },
    });
    const money = (minor: number) => `$${(minor / 100).toFixed(2)}`;
    const credits = [
      {
        role: "direct",
        rule: "line_item",
        amount: direct,
        why: `the Harbor Tee line was added from chat session ${session.id} 1 hour before the order`,
      },
      {
        role: "assisted",
        rule: "line_item",
        amount: net - direct,
        why: `chat session ${session.id} added the Harbor Tee line to it, whose last micro-conversion (an add to cart) was 1 hour before the order`,
      },
    ];
    for (const model of ["last_touch", "linear"]) {
      for (const windowDays of [1, 7, 14, 30]) {
        for (const credit of credits) {
          const terms = `${model === "linear" ? "linear" : "last-touch"}, ${windowDays}-day window`;
          const rest = credit.role === "assisted" ? " for the rest of the order (assisted)" : "";
          await db.credit.create({
            data: {
              shopDomain: shop,
              orderId,
              chatSessionId: session.id,
              rule: credit.rule,
              model,
              windowDays,
              role: credit.role,
              confidence: 1,
              amountMinor: BigInt(credit.amount),
              grossAmountMinor: BigInt(credit.amount),
              share: 1,
              currency: "USD",
              arm: "treatment",
              explanation: `Credited ${money(credit.amount)}${rest} because ${credit.why}; ${terms}.`,
            },
          });
        }
      }
    }
  }
  return { sessions: sessions.length, orders };
}
