/**
 * Why: the reads every Conversations query shares — the shop's frame (time zone, currency, its credit model
 * and window) and sessions' events in bounded slices — in one place the list, its filters and one
 * conversation's page all import, so none of them depends on another.
 */
import prisma from "../db.server";
import { CHAT_EVENT_FIELDS as eventSelect } from "../platform/db/chat-event-fields";
import type { LoggedEvent } from "./transcript";

export interface ShopFrame {
  timeZone: string;
  currency: string;
  model: string;
  windowDays: number;
}

export async function shopFrame(shopDomain: string): Promise<ShopFrame> {
  const shop = await prisma.shop.findUnique({
    where: { domain: shopDomain },
    select: { timeZone: true, currency: true, attributionModel: true, attributionWindowDays: true },
  });
  return {
    timeZone: shop?.timeZone ?? "UTC",
    currency: shop?.currency ?? "USD",
    model: shop?.attributionModel ?? "last_touch",
    windowDays: shop?.attributionWindowDays ?? 7,
  };
}

export async function eventsOf(shopDomain: string, sessionIds: string[], types?: string[]) {
  const events: (LoggedEvent & { sessionId: string })[] = [];
  // Bounded IN lists: SQLite's and PostgreSQL's parameter limits are far above 500.
  for (let i = 0; i < sessionIds.length; i += 500) {
    events.push(
      ...(await prisma.chatEvent.findMany({
        where: {
          shopDomain,
          sessionId: { in: sessionIds.slice(i, i + 500) },
          ...(types ? { type: { in: types } } : {}),
        },
        select: eventSelect,
      })),
    );
  }
  return events;
}
