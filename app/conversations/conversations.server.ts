/**
 * Why: lists conversations for the admin from the event log, the sessions and the credits —
 * every query bounded by the shop it serves and by MAX_CONVERSATIONS, so a shop with a year of traffic
 * opens the page as fast as a new one. Credits are the shop's own model and window, as the dashboard's.
 */
import prisma from "../db.server";
import { dayKey } from "../analytics/days";
import { formatMoney } from "../attribution/money";
import {
  CONVERSATIONS_PAGE_SIZE,
  DEFAULT_DAYS,
  MAX_CONVERSATIONS,
  numbersOf,
  type ConversationFilters,
} from "./conversation-list";
import { conversationsCsv, type ConversationRow } from "./conversation-csv";
import type { LoggedEvent } from "./transcript";
import { eventsOf, shopFrame, type ShopFrame } from "./conversation-reads.server";
import { matchingSessions } from "./matching-sessions.server";

const DAY_MS = 86_400_000;

export interface ConversationList {
  rows: ConversationRow[];
  page: number;
  hasNext: boolean;
  /** Sessions considered: below the range's total when it held more than MAX_CONVERSATIONS. */
  considered: number;
  capped: boolean;
  range: { from: string; to: string };
  flows: { id: string; name: string }[];
  /** The shop's time zone: times are shown in it, as the shop's days are. */
  timeZone: string;
}

async function creditsOf(shopDomain: string, sessionIds: string[], frame: ShopFrame) {
  const totals = new Map<string, { orders: Set<string>; minor: number }>();
  for (let i = 0; i < sessionIds.length; i += 500) {
    const credits = await prisma.credit.findMany({
      where: {
        shopDomain,
        chatSessionId: { in: sessionIds.slice(i, i + 500) },
        model: frame.model,
        windowDays: frame.windowDays,
      },
      select: { chatSessionId: true, orderId: true, amountMinor: true },
    });
    for (const credit of credits) {
      const total = totals.get(credit.chatSessionId) ?? { orders: new Set<string>(), minor: 0 };
      total.orders.add(credit.orderId);
      total.minor += Number(credit.amountMinor);
      totals.set(credit.chatSessionId, total);
    }
  }
  return totals;
}

export async function rowsOf(shopDomain: string, ids: string[], frame: ShopFrame): Promise<ConversationRow[]> {
  if (ids.length === 0) return [];
  const [sessions, events, credits] = await Promise.all([
    prisma.chatSession.findMany({ where: { shopDomain, id: { in: ids } } }),
    eventsOf(shopDomain, ids),
    creditsOf(shopDomain, ids, frame),
  ]);
  const bySession = new Map<string, LoggedEvent[]>();
  for (const event of events) bySession.set(event.sessionId, [...(bySession.get(event.sessionId) ?? []), event]);
  const sessionById = new Map(sessions.map((session) => [session.id, session]));
  return ids.flatMap((id) => {
    const session = sessionById.get(id);
    if (!session) return [];
    const credit = credits.get(id);
    return [
      {
        sessionId: id,
        startedAt: session.startedAt.toISOString(),
        lastSeenAt: session.lastSeenAt.toISOString(),
        landingPath: session.landingPath,
        utm: { source: session.utmSource, medium: session.utmMedium, campaign: session.utmCampaign },
        ...numbersOf(bySession.get(id) ?? []),
        creditedOrders: credit?.orders.size ?? 0,
        creditedMinor: credit?.minor ?? 0,
        credited: credit ? formatMoney(credit.minor, frame.currency) : null,
      },
    ];
  });
}

export async function listConversations(
  shopDomain: string,
  filters: ConversationFilters,
  now: number,
): Promise<ConversationList> {
  const frame = await shopFrame(shopDomain);
  const page = filters.page ?? 1;
  const { ids, total, considered, range } = await matchingSessions(shopDomain, filters, frame, now, {
    skip: (page - 1) * CONVERSATIONS_PAGE_SIZE,
    take: CONVERSATIONS_PAGE_SIZE,
  });
  const [rows, flows] = await Promise.all([
    rowsOf(shopDomain, ids, frame),
    prisma.flow.findMany({ where: { shopDomain }, select: { id: true, name: true } }),
  ]);
  return {
    rows,
    page,
    hasNext: total > page * CONVERSATIONS_PAGE_SIZE,
    considered,
    capped: considered === MAX_CONVERSATIONS,
    range,
    flows,
    timeZone: frame.timeZone,
  };
}

/** The page's frame with no rows, for filters that cannot be applied: reads only the shop's flows, never its events. */
export async function emptyConversationList(shopDomain: string, now: number): Promise<ConversationList> {
  const frame = await shopFrame(shopDomain);
  const flows = await prisma.flow.findMany({ where: { shopDomain }, select: { id: true, name: true } });
  const to = dayKey(now, frame.timeZone);
  const from = dayKey(now - (DEFAULT_DAYS - 1) * DAY_MS, frame.timeZone);
  return {
    rows: [],
    page: 1,
    hasNext: false,
    considered: 0,
    capped: false,
    range: { from, to },
    flows,
    timeZone: frame.timeZone,
  };
}

/** One row per matching conversation with its numbers, for a spreadsheet. */
export async function exportConversationsCsv(shopDomain: string, filters: ConversationFilters, now: number) {
  const frame = await shopFrame(shopDomain);
  const { ids, range } = await matchingSessions(shopDomain, filters, frame, now);
  const rows: ConversationRow[] = [];
  // In slices, so an export of thousands of conversations never holds all their events at once.
  for (let i = 0; i < ids.length; i += 500) rows.push(...(await rowsOf(shopDomain, ids.slice(i, i + 500), frame)));
  return {
    csv: conversationsCsv(rows, frame),
    filename: `chatlift-conversations-${range.from}-to-${range.to}.csv`,
  };
}
