/**
 * Why: lists conversations for the admin from the event log, the sessions and the credits —
 * every query bounded by the shop it serves and by MAX_CONVERSATIONS, so a shop with a year of traffic
 * opens the page as fast as a new one. Credits are the shop's own model and window, as the dashboard's.
 */
import prisma, { type Prisma } from "../db.server";
import { dayKey, dayRange } from "../analytics/days";
import { formatMoney } from "../attribution/money";
import {
  CONVERSATIONS_PAGE_SIZE,
  DEFAULT_DAYS,
  matchesSearch,
  MAX_CONVERSATIONS,
  numbersOf,
  questionOf,
  type ConversationFilters,
  type Outcome,
} from "./conversation-list";
import { conversationsCsv, type ConversationRow } from "./conversation-csv";
import type { LoggedEvent } from "./transcript";
import { CONVERSATION_EVENT_TYPES } from "../../contract/events";

const DAY_MS = 86_400_000;

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

const eventSelect = {
  id: true,
  sessionId: true,
  type: true,
  flowId: true,
  stepId: true,
  variantId: true,
  microKind: true,
  occurredAt: true,
  data: true,
} as const;

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

/**
 * The conversations of the range that pass the filters, newest activity first, every one of them (bounded). The
 * session row knows when its shopper last took a turn and what came of it (kept at ingest), so a year of a busy
 * shop lists from one index; only a flow filter still reads the event log, whose rows name their flow.
 */
async function matchingSessions(shopDomain: string, filters: ConversationFilters, frame: ShopFrame, now: number) {
  const to = filters.to ?? dayKey(now, frame.timeZone);
  const from = filters.from ?? dayKey(now - (DEFAULT_DAYS - 1) * DAY_MS, frame.timeZone);
  const occurredAt = dayRange(from, to, frame.timeZone);
  let ids = filters.flow
    ? await sessionsOfFlow(shopDomain, filters.flow, occurredAt)
    : (
        await prisma.chatSession.findMany({
          where: { shopDomain, lastChatAt: occurredAt, ...(filters.outcome ? sessionOutcome(filters.outcome) : {}) },
          orderBy: { lastChatAt: "desc" },
          take: MAX_CONVERSATIONS,
          select: { id: true },
        })
      ).map((session) => session.id);
  const considered = ids.length;
  if (filters.q) {
    const asked = await eventsOf(shopDomain, ids, ["question_asked"]);
    const hits = new Set(
      asked.filter((event) => matchesSearch(questionOf(event) ?? "", filters.q!)).map((e) => e.sessionId),
    );
    ids = ids.filter((id) => hits.has(id));
  }
  if (filters.outcome && (filters.flow || !sessionOutcome(filters.outcome))) {
    const showing = await sessionsWithOutcome(shopDomain, ids, filters.outcome, frame);
    ids = ids.filter((id) => showing.has(id));
  }
  return { ids, considered, range: { from, to } };
}

/** The outcomes a session row answers by itself (credits live in their own table); undefined for the others. */
function sessionOutcome(outcome: Outcome): Prisma.ChatSessionWhereInput | undefined {
  if (outcome === "answered") return { answerCount: { gt: 0 } };
  if (outcome === "abstained") return { abstainCount: { gt: 0 } };
  // Answers are micro-conversions too; "converted" means one beyond them.
  if (outcome === "converted") return { microConversionCount: { gt: prisma.chatSession.fields.answerCount } };
  return undefined;
}

/** Sessions with a turn in the flow, newest first: the event log is the one place that names a turn's flow. */
async function sessionsOfFlow(shopDomain: string, flowId: string, occurredAt: { gte: Date; lt: Date }) {
  const active = await prisma.chatEvent.findMany({
    where: { shopDomain, occurredAt, type: { in: [...CONVERSATION_EVENT_TYPES] }, flowId },
    orderBy: { occurredAt: "desc" },
    take: MAX_CONVERSATIONS * 4,
    select: { sessionId: true },
  });
  return [...new Set(active.map((event) => event.sessionId))].slice(0, MAX_CONVERSATIONS);
}

/**
 * The sessions among `ids` that show an outcome, read from the few rows that say so (the events that mark it,
 * or the credits), so a filter costs one narrow query, not every event of every candidate.
 */
async function sessionsWithOutcome(shopDomain: string, ids: string[], outcome: Outcome, frame: ShopFrame) {
  const found = new Set<string>();
  for (let i = 0; i < ids.length; i += 500) {
    const sessionId = { in: ids.slice(i, i + 500) };
    const rows =
      outcome === "credited"
        ? (
            await prisma.credit.findMany({
              where: { shopDomain, chatSessionId: sessionId, model: frame.model, windowDays: frame.windowDays },
              select: { chatSessionId: true },
            })
          ).map((credit) => credit.chatSessionId)
        : (
            await prisma.chatEvent.findMany({
              where: { shopDomain, sessionId, ...OUTCOME_EVENTS[outcome] },
              select: { sessionId: true },
            })
          ).map((event) => event.sessionId);
    rows.forEach((id) => found.add(id));
  }
  return found;
}

/** The events that mark an outcome (the same rule as hasOutcome, which decides it from a session's events). */
const OUTCOME_EVENTS: Record<Exclude<Outcome, "credited">, object> = {
  answered: { type: "micro_conversion", microKind: "question_answered" },
  abstained: { type: "answer_abstained" },
  converted: { type: "micro_conversion", NOT: { microKind: "question_answered" } },
};

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
  const { ids, considered, range } = await matchingSessions(shopDomain, filters, frame, now);
  const page = filters.page ?? 1;
  const [rows, flows] = await Promise.all([
    rowsOf(shopDomain, ids.slice((page - 1) * CONVERSATIONS_PAGE_SIZE, page * CONVERSATIONS_PAGE_SIZE), frame),
    prisma.flow.findMany({ where: { shopDomain }, select: { id: true, name: true } }),
  ]);
  return {
    rows,
    page,
    hasNext: ids.length > page * CONVERSATIONS_PAGE_SIZE,
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
