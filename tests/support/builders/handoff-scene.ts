/**
 * The scene of a handoff test: the shop under test and another whose requests must never reach it (each with
 * its offline session, as the install leaves them), the clock frozen, the handoff route's limits reset, and the
 * shoppers' chats numbered within the run so their ids are unique across files and runs.
 */
import { randomUUID } from "node:crypto";
import { recordServerEvents } from "../../../app/capture/ingest.server";
import prisma from "../../../app/db.server";
import { resetHandoffLimits } from "../../../app/conversations/handoff.server";
import type { ShopperChat } from "../http/shopper-requests";
import { freezeClock } from "../clock";
import { domainOf, storeOfflineSession } from "./sessions";

/** A shopper's chat in a store (the store name, as domainOf takes it). */
export interface Chat extends ShopperChat {
  store: string;
}

/** The widget's handoff bundle asking for a person: it only ever says "asked" (rules are the server's). */
export const aHandoffOpen = (chat: ShopperChat, page = { type: "product", path: "/products/linen-shirt" }) => ({
  op: "open",
  sessionId: chat.sessionId,
  visitorId: chat.visitorId,
  reason: "asked",
  locale: "en",
  page,
});

/** Questions the shop could not answer in `chat`, at `times` (ms): answer_abstained in its log, as the answers route records them. */
export async function recordAbstentions(chat: Chat, times: number[]): Promise<void> {
  const last = Math.max(...times);
  await recordServerEvents({
    shopDomain: domainOf(chat.store),
    batch: {
      v: 1,
      visitorId: chat.visitorId,
      arm: "treatment",
      page: { type: "home", path: "/" },
      sentAt: last,
      events: times.map((at) => ({
        type: "answer_abstained" as const,
        id: randomUUID(),
        sessionId: chat.sessionId,
        occurredAt: at,
        locale: "en",
      })),
    },
    receivedAt: new Date(last),
  });
}

export function aHandoffScene(name: string) {
  const run = randomUUID().slice(0, 8);
  const store = `${name}-${run}`;
  const other = `${name}-other-${run}`;
  let chats = 0;
  /** The n-th chat's session id (from 1), before or after it is opened. */
  const sessionIdOf = (n: number) => `sess_${run}_${n}`;
  return {
    run,
    store,
    other,
    sessionIdOf,
    /** The next chat, in `inStore` (the shop under test unless told). */
    aChat(inStore = store): Chat {
      chats += 1;
      return { store: inStore, sessionId: sessionIdOf(chats), visitorId: `visitor_${run}_${chats}` };
    },
    /** Freezes the clock, resets the route's limits and installs both shops. */
    async setUp(): Promise<void> {
      freezeClock();
      resetHandoffLimits();
      await storeOfflineSession(prisma, store);
      await storeOfflineSession(prisma, other);
    },
  };
}
