/**
 * Why: reads conversations for the admin from the event log, the sessions, the leads and the credits —
 * every query bounded by the shop it serves and by MAX_CONVERSATIONS, so a shop with a year of traffic
 * opens the page as fast as a new one. Credits are the shop's own model and window, as the dashboard's.
 */
import prisma from "../db.server";
import { dayKey, dayRange } from "../analytics/days";
import { formatMoney } from "../attribution/money";
import { parseStoredFlow } from "../flows/publish.server";
import type { Flow } from "../../contract/widget-config";
import {
  CONVERSATION_EVENTS,
  CONVERSATIONS_PAGE_SIZE,
  DEFAULT_DAYS,
  hasOutcome,
  matchesSearch,
  MAX_CONVERSATIONS,
  numbersOf,
  questionOf,
  type ConversationFilters,
} from "./conversation-list";
import { conversationsCsv, type ConversationRow } from "./conversation-csv";
import { eventData, transcriptOf, type FlowAt, type LoggedEvent, type TranscriptLine } from "./transcript";

const DAY_MS = 86_400_000;

interface ShopFrame {
  timeZone: string;
  currency: string;
  model: string;
  windowDays: number;
}

async function shopFrame(shopDomain: string): Promise<ShopFrame> {
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

/** The conversations of the range that pass the filters, newest activity first, every one of them (bounded). */
async function matchingSessions(shopDomain: string, filters: ConversationFilters, frame: ShopFrame, now: number) {
  const to = filters.to ?? dayKey(now, frame.timeZone);
  const from = filters.from ?? dayKey(now - (DEFAULT_DAYS - 1) * DAY_MS, frame.timeZone);
  const occurredAt = dayRange(from, to, frame.timeZone);
  const active = await prisma.chatEvent.findMany({
    where: {
      shopDomain,
      occurredAt,
      type: { in: CONVERSATION_EVENTS },
      ...(filters.flow ? { flowId: filters.flow } : {}),
    },
    orderBy: { occurredAt: "desc" },
    take: MAX_CONVERSATIONS * 4,
    select: { sessionId: true },
  });
  let ids = [...new Set(active.map((event) => event.sessionId))].slice(0, MAX_CONVERSATIONS);
  const considered = ids.length;
  if (filters.q) {
    const asked = await eventsOf(shopDomain, ids, ["question_asked"]);
    const hits = new Set(
      asked.filter((event) => matchesSearch(questionOf(event) ?? "", filters.q!)).map((e) => e.sessionId),
    );
    ids = ids.filter((id) => hits.has(id));
  }
  return { ids, considered, range: { from, to } };
}

async function eventsOf(shopDomain: string, sessionIds: string[], types?: string[]) {
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

async function rowsOf(shopDomain: string, ids: string[], frame: ShopFrame): Promise<ConversationRow[]> {
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

/** Every matching conversation with its numbers (the outcome filter needs them), newest first, bounded. */
async function filteredRows(shopDomain: string, filters: ConversationFilters, now: number) {
  const frame = await shopFrame(shopDomain);
  const { ids, considered, range } = await matchingSessions(shopDomain, filters, frame, now);
  let rows = await rowsOf(shopDomain, ids, frame);
  if (filters.outcome) rows = rows.filter((row) => hasOutcome(filters.outcome!, row, row.creditedOrders));
  return { rows, considered, range, frame };
}

export async function listConversations(
  shopDomain: string,
  filters: ConversationFilters,
  now: number,
): Promise<ConversationList> {
  const { rows, considered, range, frame } = await filteredRows(shopDomain, filters, now);
  const page = filters.page ?? 1;
  const flows = await prisma.flow.findMany({ where: { shopDomain }, select: { id: true, name: true } });
  return {
    rows: rows.slice((page - 1) * CONVERSATIONS_PAGE_SIZE, page * CONVERSATIONS_PAGE_SIZE),
    page,
    hasNext: rows.length > page * CONVERSATIONS_PAGE_SIZE,
    considered,
    capped: considered === MAX_CONVERSATIONS,
    range,
    flows,
    timeZone: frame.timeZone,
  };
}

/** One row per matching conversation with its numbers, for a spreadsheet. */
export async function exportConversationsCsv(shopDomain: string, filters: ConversationFilters, now: number) {
  const { rows, range, frame } = await filteredRows(shopDomain, filters, now);
  return {
    csv: conversationsCsv(rows, frame),
    filename: `chatlift-conversations-${range.from}-to-${range.to}.csv`,
  };
}

export interface ConversationDetail {
  row: ConversationRow;
  transcript: TranscriptLine[];
  lead: { id: string; email: string; qualified: boolean; hubspotContactId: string | null } | null;
  credits: { orderId: string; orderName: string; amount: string; rule: string; role: string }[];
  country: string | null;
  referrer: string | null;
  timeZone: string;
}

/** Flow versions live at each instant: the newest version published at or before it, else the first. */
async function flowLookup(shopDomain: string, flowIds: string[]): Promise<FlowAt> {
  const versions = await prisma.flowVersion.findMany({
    where: { shopDomain, flowId: { in: flowIds } },
    orderBy: [{ flowId: "asc" }, { number: "asc" }],
    select: { flowId: true, publishedAt: true, definition: true },
  });
  const parsed = new Map<string, { publishedAt: Date; flow: Flow | null }[]>();
  for (const version of versions) {
    let flow: Flow | null = null;
    try {
      flow = parseStoredFlow(version.definition);
    } catch {
      flow = null;
    }
    parsed.set(version.flowId, [...(parsed.get(version.flowId) ?? []), { publishedAt: version.publishedAt, flow }]);
  }
  return (flowId, at) => {
    const list = parsed.get(flowId) ?? [];
    const live = list.filter((version) => version.publishedAt <= at).pop() ?? list[0];
    return live?.flow ?? null;
  };
}

/** One conversation of this shop; null when the session is another shop's or unknown (callers answer 404). */
export async function readConversation(shopDomain: string, sessionId: string): Promise<ConversationDetail | null> {
  const session = await prisma.chatSession.findUnique({ where: { shopDomain_id: { shopDomain, id: sessionId } } });
  if (!session) return null;
  const frame = await shopFrame(shopDomain);
  const [row] = await rowsOf(shopDomain, [sessionId], frame);
  const events = await eventsOf(shopDomain, [sessionId]);
  const flowAt = await flowLookup(shopDomain, [...new Set(events.flatMap((e) => (e.flowId ? [e.flowId] : [])))]);
  const asked = events.find((event) => event.type === "question_asked");
  const askedIn = asked ? eventData(asked).locale : undefined;
  const locale = typeof askedIn === "string" ? askedIn : "en";
  const [lead, credits] = await Promise.all([
    prisma.lead.findFirst({
      where: {
        shopDomain,
        OR: [
          { firstSessionId: sessionId },
          { lastSessionId: sessionId },
          ...(session.email ? [{ email: session.email }] : []),
        ],
      },
      select: { id: true, email: true, qualifiedAt: true, hubspotContactId: true },
    }),
    prisma.credit.findMany({
      where: { shopDomain, chatSessionId: sessionId, model: frame.model, windowDays: frame.windowDays },
      select: {
        orderId: true,
        amountMinor: true,
        currency: true,
        rule: true,
        role: true,
        order: { select: { name: true } },
      },
      orderBy: { orderId: "asc" },
    }),
  ]);
  return {
    row: row!,
    transcript: transcriptOf(events, flowAt, locale),
    lead: lead
      ? {
          id: lead.id,
          email: lead.email,
          qualified: lead.qualifiedAt !== null,
          hubspotContactId: lead.hubspotContactId,
        }
      : null,
    credits: credits.map((credit) => ({
      orderId: credit.orderId,
      orderName: credit.order.name,
      amount: formatMoney(Number(credit.amountMinor), credit.currency),
      rule: credit.rule,
      role: credit.role,
    })),
    country: session.country,
    referrer: session.referrer,
    timeZone: frame.timeZone,
  };
}
