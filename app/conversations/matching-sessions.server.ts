/**
 * Why: which sessions the Conversations page lists for its filters, newest activity first, at a cost that does not
 * grow with the shop's history. The session row knows when its shopper last took a turn and what came of it (kept
 * at ingest), so the range and the outcomes read one index; a page reads only its own 50 ids and a capped count.
 * The credited, handed-off and CSAT filters and the search narrow the newest MAX_CONVERSATIONS candidates inside the database, in one
 * statement, instead of carrying thousands of ids through the client. Only a flow filter still reads the event
 * log, whose rows name their flow: the flow's starts alone, at most MAX_CONVERSATIONS of them.
 */
import prisma, { databaseTarget, Prisma } from "../db.server";
import { dayKey, dayRange } from "../analytics/days";
import {
  csatVerdict,
  DEFAULT_DAYS,
  matchesSearch,
  MAX_CONVERSATIONS,
  questionOf,
  ratingOf,
  type ConversationFilters,
  type CsatFilter,
  type Outcome,
} from "./conversation-list";
import { eventData } from "./transcript";
import { eventsOf, type ShopFrame } from "./conversation-reads.server";

const DAY_MS = 86_400_000;

/** Newest activity first; the id orders sessions of the same instant, as the index [shopDomain, lastChatAt, id] does. */
const NEWEST_FIRST: Prisma.ChatSessionOrderByWithRelationInput[] = [{ lastChatAt: "desc" }, { id: "desc" }];

export interface MatchingSessions {
  /** The matches inside the window asked for (all of them without one), newest activity first. */
  ids: string[];
  /** Matches among the sessions considered. */
  total: number;
  /** Sessions considered: below the range's total when it held more than MAX_CONVERSATIONS. */
  considered: number;
  range: { from: string; to: string };
}

export async function matchingSessions(
  shopDomain: string,
  filters: ConversationFilters,
  frame: ShopFrame,
  now: number,
  window?: { skip: number; take: number },
): Promise<MatchingSessions> {
  const to = filters.to ?? dayKey(now, frame.timeZone);
  const from = filters.from ?? dayKey(now - (DEFAULT_DAYS - 1) * DAY_MS, frame.timeZone);
  const range = { from, to };
  const occurredAt = dayRange(from, to, frame.timeZone);
  const windowOf = (ids: string[]) => (window ? ids.slice(window.skip, window.skip + window.take) : ids);
  if (filters.flow) {
    const found = await flowMatches(shopDomain, filters, frame, occurredAt);
    return { ids: windowOf(found.ids), total: found.ids.length, considered: found.considered, range };
  }
  const outcome = filters.outcome ? sessionOutcome(filters.outcome) : undefined;
  const where: Prisma.ChatSessionWhereInput = { shopDomain, lastChatAt: occurredAt, ...outcome?.where };
  const considered = await prisma.chatSession.count({ where, orderBy: NEWEST_FIRST, take: MAX_CONVERSATIONS });
  if (!filters.q && !filters.csat && (outcome || !filters.outcome)) {
    const skip = window?.skip ?? 0;
    const take = Math.min(window?.take ?? MAX_CONVERSATIONS, MAX_CONVERSATIONS - skip);
    const page =
      take > 0
        ? await prisma.chatSession.findMany({ where, orderBy: NEWEST_FIRST, skip, take, select: { id: true } })
        : [];
    return { ids: page.map((session) => session.id), total: considered, considered, range };
  }
  const ids = await narrowedSessions(shopDomain, filters, frame, occurredAt, outcome?.sql);
  return { ids: windowOf(ids), total: ids.length, considered, range };
}

/**
 * The outcomes a session row answers by itself (credits live in their own table), as a Prisma filter and as the
 * same condition in SQL for narrowedSessions; undefined for the others.
 */
function sessionOutcome(outcome: Outcome): { where: Prisma.ChatSessionWhereInput; sql: Prisma.Sql } | undefined {
  if (outcome === "answered") return { where: { answerCount: { gt: 0 } }, sql: Prisma.sql`"answerCount" > 0` };
  if (outcome === "abstained") return { where: { abstainCount: { gt: 0 } }, sql: Prisma.sql`"abstainCount" > 0` };
  // Answers are micro-conversions too; "converted" means one beyond them.
  if (outcome === "converted")
    return {
      where: { microConversionCount: { gt: prisma.chatSession.fields.answerCount } },
      sql: Prisma.sql`"microConversionCount" > "answerCount"`,
    };
  return undefined;
}

/**
 * The newest MAX_CONVERSATIONS sessions of the range (and of a session outcome), kept when credited under the
 * shop's model and window and, with a search, when a question the shopper asked matches it. The question text
 * is matched here (case- and accent-blind, as matchesSearch reads it), on the asked events alone.
 */
async function narrowedSessions(
  shopDomain: string,
  filters: ConversationFilters,
  frame: ShopFrame,
  occurredAt: { gte: Date; lt: Date },
  outcomeSql: Prisma.Sql | undefined,
): Promise<string[]> {
  const candidates = Prisma.sql`SELECT "id", "lastChatAt" FROM "ChatSession"
    WHERE "shopDomain" = ${shopDomain} AND "lastChatAt" >= ${occurredAt.gte} AND "lastChatAt" < ${occurredAt.lt}
    ${outcomeSql ? Prisma.sql`AND ${outcomeSql}` : Prisma.empty}
    ORDER BY "lastChatAt" DESC, "id" DESC LIMIT ${Prisma.raw(String(MAX_CONVERSATIONS))}`;
  const outcomeExists =
    filters.outcome === "credited"
      ? Prisma.sql`AND EXISTS (SELECT 1 FROM "Credit" c WHERE c."shopDomain" = ${shopDomain}
          AND c."chatSessionId" = s."id" AND c."model" = ${frame.model} AND c."windowDays" = ${frame.windowDays})`
      : filters.outcome === "handed_off"
        ? Prisma.sql`AND EXISTS (SELECT 1 FROM "ChatEvent" h WHERE h."shopDomain" = ${shopDomain}
          AND h."sessionId" = s."id" AND h."type" = 'handoff_requested')`
        : Prisma.empty;
  const rated = filters.csat ? csatCondition(shopDomain, filters.csat) : Prisma.empty;
  if (!filters.q) {
    const rows = await prisma.$queryRaw<{ id: string }[]>`SELECT s."id" FROM (${candidates}) s
      WHERE 1 = 1 ${outcomeExists} ${rated} ORDER BY s."lastChatAt" DESC, s."id" DESC`;
    return rows.map((row) => row.id);
  }
  // CROSS JOIN keeps SQLite reading the candidates first and each one's events by key: left to choose (no
  // statistics), it walked every event of the shop. PostgreSQL treats it as the inner join it is.
  const asked = await prisma.$queryRaw<{ id: string; data: string | null }[]>`SELECT s."id", e."data"
    FROM (${candidates}) s CROSS JOIN "ChatEvent" e
    WHERE e."shopDomain" = ${shopDomain} AND e."sessionId" = s."id" AND e."type" = 'question_asked' ${outcomeExists} ${rated}
    ORDER BY s."lastChatAt" DESC, s."id" DESC`;
  const hits = asked.filter((event) => matchesSearch(questionOf(event) ?? "", filters.q!)).map((event) => event.id);
  return [...new Set(hits)];
}

/**
 * The CSAT filter in SQL, on the candidate `s`: the session's csat_given event (ingest keeps only the first) read
 * by its key, its rating judged as isSatisfied judges it (4–5 or 👍). Only reading the JSON differs by provider.
 */
function csatCondition(shopDomain: string, csat: CsatFilter): Prisma.Sql {
  const rating = Prisma.sql`SELECT 1 FROM "ChatEvent" r WHERE r."shopDomain" = ${shopDomain}
    AND r."sessionId" = s."id" AND r."type" = 'csat_given'`;
  if (csat === "unrated") return Prisma.sql`AND NOT EXISTS (${rating})`;
  const field = (key: string) =>
    databaseTarget.provider === "postgresql"
      ? Prisma.sql`CAST(r."data" AS jsonb) ->> ${Prisma.raw(`'${key}'`)}`
      : Prisma.sql`json_extract(r."data", ${Prisma.raw(`'$.${key}'`)})`;
  const satisfied = Prisma.sql`CASE WHEN ${field("scale")} = 'five' THEN CAST(${field("score")} AS INTEGER) >= 4
    ELSE CAST(${field("thumbs")} AS INTEGER) = 1 END`;
  return Prisma.sql`AND EXISTS (${rating} AND ${csat === "good" ? satisfied : Prisma.sql`NOT (${satisfied})`})`;
}

/** A flow filter's matches: the flow's sessions, then the search and the outcome read from their events and credits. */
async function flowMatches(
  shopDomain: string,
  filters: ConversationFilters,
  frame: ShopFrame,
  occurredAt: { gte: Date; lt: Date },
) {
  let ids = await sessionsOfFlow(shopDomain, filters.flow!, occurredAt);
  const considered = ids.length;
  if (filters.q) {
    const asked = await eventsOf(shopDomain, ids, ["question_asked"]);
    const hits = new Set(
      asked.filter((event) => matchesSearch(questionOf(event) ?? "", filters.q!)).map((e) => e.sessionId),
    );
    ids = ids.filter((id) => hits.has(id));
  }
  if (filters.outcome) {
    const showing = await sessionsWithOutcome(shopDomain, ids, filters.outcome, frame);
    ids = ids.filter((id) => showing.has(id));
  }
  if (filters.csat) {
    const ratings = await eventsOf(shopDomain, ids, ["csat_given"]);
    const rated = new Map(ratings.map((event) => [event.sessionId, ratingOf(eventData(event))]));
    ids = ids.filter((id) => csatVerdict(rated.get(id) ?? null) === filters.csat);
  }
  return { ids, considered };
}

/**
 * Sessions that started the flow in the range, newest first: the event log is the one place that names a flow, and
 * every run of one begins with its flow_started, so a request reads at most MAX_CONVERSATIONS rows (reading every
 * turn of the flow read up to four times as many, 20,000 a request).
 */
async function sessionsOfFlow(shopDomain: string, flowId: string, occurredAt: { gte: Date; lt: Date }) {
  const active = await prisma.chatEvent.findMany({
    where: { shopDomain, occurredAt, type: "flow_started", flowId },
    orderBy: { occurredAt: "desc" },
    take: MAX_CONVERSATIONS,
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
  handed_off: { type: "handoff_requested" },
  converted: { type: "micro_conversion", NOT: { microKind: "question_answered" } },
};
