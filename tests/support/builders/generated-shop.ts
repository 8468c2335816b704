/**
 * A generated shop for the rollup tests: returning visitors in both arms, sessions across
 * shop-local midnights, chat flows with experiment variants, micro-conversions, and orders
 * linked by cart attribute and chat lines. Everything goes through the real ingest, order
 * storage and attribution, so credits and refresh requests are written as in production.
 */
import prisma from "../../../app/db.server";
import { ingestBatch } from "../../../app/capture/ingest.server";
import { attributeStoredOrder } from "../../../app/attribution/attribute-order.server";
import { orderFromPayload, orderPayloadSchema } from "../../../app/attribution/orders/order-payload";
import { saveOrder } from "../../../app/attribution/orders/orders.server";
import type { ChatEvent } from "../../../contract/events";
import { aBatch, anEvent } from "./events";
import { anOrderPayload, withCartAttribute, withChatLine } from "../../../sandbox/shopify/order-payloads";
import { DAY, HOUR } from "../clock";

/** mulberry32: the same data set on every run. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export const visitorId = (n: number) => `visitor_gen_${String(n).padStart(4, "0")}`;
/** Every fifth visitor is in the holdout (arms are sticky per visitor). */
export const armOf = (visitor: number) => (visitor % 5 === 0 ? "holdout" : "treatment");

export interface GeneratedSession {
  id: string;
  visitor: number;
  startedAt: number;
  microConverted: boolean;
}

/** One session's events, ingested as one batch received at its last event (or at `receivedAt`). */
export async function aVisit(
  shop: string,
  id: string,
  visitor: number,
  startedAt: number,
  random: () => number,
  receivedAt?: number,
): Promise<GeneratedSession> {
  const arm = armOf(visitor);
  const at = (minutes: number) => startedAt + minutes * 60_000;
  const events: ChatEvent[] = [anEvent("session_started", { sessionId: id, occurredAt: startedAt })];
  let microConverted = false;
  if (random() < 0.7) {
    const variantId = visitor % 2 ? "short" : "long";
    const flow = { flowId: "fit", ...(arm === "treatment" ? { variantId } : {}) };
    events.push(
      anEvent("chat_opened", { sessionId: id, occurredAt: at(1), by: arm === "treatment" ? "prompt" : "launcher" }),
    );
    events.push(anEvent("flow_started", { sessionId: id, occurredAt: at(2), ...flow }));
    events.push(anEvent("step_viewed", { sessionId: id, occurredAt: at(3), stepId: "ask", ...flow }));
    if (random() < 0.5) {
      microConverted = true;
      events.push(anEvent("step_viewed", { sessionId: id, occurredAt: at(4), stepId: "answer", ...flow }));
      events.push(
        anEvent("micro_conversion", {
          sessionId: id,
          occurredAt: at(5),
          kind: random() < 0.5 ? "add_to_cart" : "fit_help",
          ...flow,
        }),
      );
      if (random() < 0.6) events.push(anEvent("flow_completed", { sessionId: id, occurredAt: at(6), ...flow }));
    }
  }
  await ingest(shop, visitor, events, receivedAt ?? Math.max(...events.map((event) => event.occurredAt)));
  return { id, visitor, startedAt, microConverted };
}

/** More events of a known session, arriving at `receivedAt` (a batch the browser held back). */
export async function lateEvents(
  shop: string,
  session: GeneratedSession,
  events: ChatEvent[],
  receivedAt: number,
): Promise<void> {
  await ingest(shop, session.visitor, events, receivedAt);
  if (events.some((event) => event.type === "micro_conversion")) session.microConverted = true;
}

async function ingest(shop: string, visitor: number, events: ChatEvent[], receivedAt: number): Promise<void> {
  const batch = aBatch({ visitorId: visitorId(visitor), arm: armOf(visitor), sentAt: receivedAt, events });
  const result = await ingestBatch({ shopDomain: shop, receivedAt: new Date(receivedAt), batch });
  if (result.status !== "stored") throw new Error(`ingest refused the generated batch: ${JSON.stringify(result)}`);
}

/** An order placed at `placedAt` from `session`'s cart (and, if asked, a line added in chat), attributed. */
export async function anOrderFrom(
  shop: string,
  session: GeneratedSession,
  placedAt: number,
  options: { chatLine?: boolean; cancelled?: boolean } = {},
) {
  let payload = withCartAttribute(
    anOrderPayload(new Date(placedAt)),
    session.id,
    armOf(session.visitor) === "holdout" ? "h" : "t",
  );
  if (options.chatLine) payload = withChatLine(payload, 0, session.id);
  if (options.cancelled)
    payload = {
      ...payload,
      cancelled_at: new Date(placedAt + HOUR).toISOString(),
      updated_at: new Date(placedAt + HOUR).toISOString(),
    };
  const order = orderFromPayload(orderPayloadSchema.parse(payload));
  await saveOrder(shop, order, "webhook");
  await attributeStoredOrder(order.id, new Date());
  return payload;
}

/**
 * 18 days of traffic before `now`: 14 sessions a day from 50 returning visitors, starting at
 * any hour (so sessions straddle the shop's midnight), and an order from about one in six.
 */
export async function generateHistory(shop: string, now: number, random: () => number): Promise<GeneratedSession[]> {
  const sessions: GeneratedSession[] = [];
  for (let day = 18; day >= 1; day -= 1) {
    for (let k = 0; k < 14; k += 1) {
      const visitor = 1 + Math.floor(random() * 50);
      const startedAt = now - day * DAY + Math.floor(random() * 20 * HOUR) - 10 * HOUR;
      const session = await aVisit(shop, `sess_gen_${day}_${k}`, visitor, startedAt, random);
      sessions.push(session);
      if (random() < 0.17) {
        const placedAt = Math.min(now - HOUR, startedAt + Math.floor(random() * 3 * DAY) + HOUR);
        await anOrderFrom(shop, session, placedAt, {
          chatLine: session.microConverted && random() < 0.5,
          cancelled: random() < 0.1,
        });
      }
    }
  }
  return sessions;
}

export async function aShop(shop: string, timeZone: string): Promise<void> {
  await prisma.shop.create({
    data: { domain: shop, currency: "USD", timeZone, attributionModel: "last_touch", attributionWindowDays: 30 },
  });
}
