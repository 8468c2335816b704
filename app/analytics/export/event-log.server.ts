/**
 * Why: a year of a busy shop's events is millions of rows; building the file first would hold them all in
 * memory. The log is read a page at a time (keyset on the shop's occurredAt index, so a page costs the same at
 * the end as at the start) and each page is written out before the next is read, as the client takes it: the
 * stream pulls, so a slow download reads the database no faster than it is read.
 */
import prisma from "../../db.server";
import { CHAT_EVENT_FIELDS } from "../../platform/db/chat-event-fields";
import { dayKey, dayRange } from "../days";
import { toExportedEvent } from "./event-spec";
import { csvHeader, csvLine, logFilename, ndjsonLine, parseLogRange, type LogRange } from "./event-log";

/** Rows read per query: large enough to amortise the round trip, small enough to stream. */
export const LOG_PAGE_SIZE = 1000;

interface Cursor {
  occurredAt: Date;
  sessionId: string;
  id: string;
}

async function readPage(shopDomain: string, span: { gte: Date; lt: Date }, after: Cursor | null) {
  const rows = await prisma.chatEvent.findMany({
    where: {
      shopDomain,
      occurredAt: span,
      ...(after
        ? {
            OR: [
              { occurredAt: { gt: after.occurredAt } },
              { occurredAt: after.occurredAt, sessionId: { gt: after.sessionId } },
              { occurredAt: after.occurredAt, sessionId: after.sessionId, id: { gt: after.id } },
            ],
          }
        : {}),
    },
    orderBy: [{ occurredAt: "asc" }, { sessionId: "asc" }, { id: "asc" }],
    take: LOG_PAGE_SIZE,
    select: CHAT_EVENT_FIELDS,
  });
  // A lead is exported only when its email was given with consent: the session knows, the event does not.
  const leadSessions = [
    ...new Set(rows.filter((row) => row.microKind === "email_capture").map((row) => row.sessionId)),
  ];
  const consented = leadSessions.length
    ? await prisma.chatSession.findMany({
        where: { shopDomain, id: { in: leadSessions }, emailConsentAt: { not: null } },
        select: { id: true },
      })
    : [];
  return { rows, consented: new Set(consented.map((session) => session.id)) };
}

/** The shop's events of the range, one line each, read and written a page at a time. */
export function eventLogStream(shopDomain: string, range: LogRange, timeZone: string): ReadableStream<Uint8Array> {
  const span = dayRange(range.from, range.to, timeZone);
  const encoder = new TextEncoder();
  const line = range.format === "csv" ? csvLine : ndjsonLine;
  let cursor: Cursor | null = null;
  let started = false;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (!started && range.format === "csv") controller.enqueue(encoder.encode(csvHeader()));
        started = true;
        const { rows, consented } = await readPage(shopDomain, span, cursor);
        let text = "";
        for (const row of rows) {
          const event = toExportedEvent({
            ...row,
            data: row.data ? (JSON.parse(row.data) as Record<string, unknown>) : null,
            emailConsented: consented.has(row.sessionId),
          });
          if (event) text += line(event);
        }
        if (text) controller.enqueue(encoder.encode(text));
        const last = rows.at(-1);
        if (!last || rows.length < LOG_PAGE_SIZE) return controller.close();
        cursor = { occurredAt: last.occurredAt, sessionId: last.sessionId, id: last.id };
      },
    },
    // One page in flight at a time: the next is read when the client has taken this one.
    { highWaterMark: 0 },
  );
}

export type EventLogExport =
  | { ok: true; stream: ReadableStream<Uint8Array>; filename: string; format: LogRange["format"] }
  | { ok: false; errors: string[] };

/** The query's range in the shop's calendar, refused with its reasons, or the log as a stream. */
export async function exportEventLog(
  shopDomain: string,
  search: URLSearchParams,
  now: number,
): Promise<EventLogExport> {
  const shop = await prisma.shop.findUnique({ where: { domain: shopDomain }, select: { timeZone: true } });
  const timeZone = shop?.timeZone ?? "UTC";
  const parsed = parseLogRange(search, dayKey(now, timeZone));
  if (!parsed.ok) return parsed;
  const { range } = parsed;
  return {
    ok: true,
    stream: eventLogStream(shopDomain, range, timeZone),
    filename: logFilename(range),
    format: range.format,
  };
}
