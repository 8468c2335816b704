/**
 * Why: the export pages through the event log in the order the app received it, not in the order
 * events occurred. Ingest takes events up to 24 hours old (clampOccurredAt in capture/ingest-plan.ts):
 * a phone that was offline sends its chat hours later, and with an occurredAt cursor those events
 * landed behind it and were never exported.
 *
 * The order is (receivedAt, sessionId, id): receivedAt is stamped once per request, so a batch's
 * events (and two requests in the same millisecond) tie on it; (sessionId, id) is the event's key,
 * so the order is total and a page boundary inside a tie neither skips nor repeats an event. The
 * index (shopDomain, receivedAt, sessionId, id) serves the read in that order.
 *
 * receivedAt alone is not commit order: it is stamped when the request arrives and the rows become
 * visible only when its transaction commits. On PostgreSQL, with several app instances, a request
 * received first can commit after one received later, and a cursor that had moved past the later
 * one would skip it. So the export reads only events received at least EXPORT_LAG_MS (2 minutes)
 * ago, and the lag outlasts any write: a request stores its events within seconds of arriving (an
 * answer's model call is cut at 4 s; ingest tries at most 4 transactions, each of which Prisma
 * rolls back after 5 s, having waited at most 2 s for a connection; a rolled-back request stores
 * nothing and the widget re-sends it as a new request), and app instances' clocks agree to well
 * under a second. A database sequence would not help: PostgreSQL hands out sequence numbers at
 * insert, not at commit, so they have the same gap, and SQLite cannot add one to this table.
 * The same lag lets the pixel report a visitor's consent before their events are judged.
 */
import type { Prisma } from "../../db.server";
import { EXPORT_LAG_MS, FIRST_EXPORT_REACH_MS } from "./destination";

export interface ExportCursor {
  cursorReceivedAt: Date | null;
  cursorSessionId: string | null;
  cursorEventId: string | null;
}

/** The export's order; the cursor is the last exported event's place in it. */
export const EXPORT_ORDER: Prisma.ChatEventOrderByWithRelationInput[] = [
  { receivedAt: "asc" },
  { sessionId: "asc" },
  { id: "asc" },
];

/**
 * The events after the cursor; a destination's first export reaches back FIRST_EXPORT_REACH_MS.
 * Written as one range on receivedAt less the cursor's own tie, so both databases walk the index
 * from the cursor in order (an OR of three ranges may be planned as a sort of all of them).
 */
export function afterCursor(cursor: ExportCursor, now: Date): Prisma.ChatEventWhereInput {
  const at = cursor.cursorReceivedAt;
  if (!at) return { receivedAt: { gte: new Date(now.getTime() - FIRST_EXPORT_REACH_MS) } };
  const sessionId = cursor.cursorSessionId ?? "";
  return {
    receivedAt: { gte: at },
    NOT: {
      receivedAt: at,
      OR: [{ sessionId: { lt: sessionId } }, { sessionId, id: { lte: cursor.cursorEventId ?? "" } }],
    },
  };
}

/** Events after the cursor that every write received before them has had time to commit. */
export function settledAfterCursor(cursor: ExportCursor, now: Date): Prisma.ChatEventWhereInput {
  return { AND: [afterCursor(cursor, now), { receivedAt: { lte: new Date(now.getTime() - EXPORT_LAG_MS) } }] };
}

/** The cursor at a page's last event. */
export function cursorAt(event: { receivedAt: Date; sessionId: string; id: string }): ExportCursor {
  return { cursorReceivedAt: event.receivedAt, cursorSessionId: event.sessionId, cursorEventId: event.id };
}
