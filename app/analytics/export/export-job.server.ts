/**
 * Why: chat events reach GA4 and Mixpanel through the durable job queue, one job per shop and
 * destination, so an outage of either platform delays the export without losing or doubling an
 * event. A run reads one page of the event log after its cursor, in the order the app received the
 * events and only those received EXPORT_LAG_MS ago (cursor.server.ts: an event that arrives hours
 * after it occurred is still exported, and a write committed late is never skipped), keeps only
 * visitors with analytics consent, sends in the platform's batches, records each delivered
 * request's events (a retried page sends only the rest: GA4 cannot deduplicate; Mixpanel would by
 * $insert_id), and moves the cursor past the page once all of it is handled.
 */
import prisma from "../../db.server";
import { enqueueJob } from "../../platform/jobs/queue.server";
import { registerJobHandler, type JobContext } from "../../platform/jobs/runner.server";
import { ga4Collect, Ga4Rejected } from "../../integrations/ga4/ga4-client.server";
import { mixpanelImport, MixpanelRefused } from "../../integrations/mixpanel/mixpanel-client.server";
import { toExportedEvent, type ExportedEvent } from "./event-spec";
import { toGa4Requests, toMixpanelRecord, type Audience } from "./wire";
import { readDestination, type Destination } from "./destinations.server";
import { EXPORT_ORDER, cursorAt, settledAfterCursor } from "./cursor.server";
import {
  DESTINATION_KINDS,
  EXPORT_EVERY_MS,
  EXPORT_JOB,
  EXPORT_PAGE,
  MIXPANEL_BATCH,
  exportJobKey,
  type DestinationKind,
} from "./destination";

type Entry = { event: ExportedEvent; audience: Audience };

interface Progress {
  delivered: string[];
  rejected: number;
  lastError: string | null;
}

async function readPage(destination: Destination, now: Date) {
  const row = await prisma.analyticsDestination.findUniqueOrThrow({
    where: { shopDomain_kind: { shopDomain: destination.shopDomain, kind: destination.kind } },
  });
  const { shopDomain } = destination;
  const events = await prisma.chatEvent.findMany({
    where: { shopDomain, ...settledAfterCursor(row, now) },
    orderBy: EXPORT_ORDER,
    take: EXPORT_PAGE,
  });
  const sessionIds = [...new Set(events.map((event) => event.sessionId))];
  const [sessions, consents] = await Promise.all([
    prisma.chatSession.findMany({
      where: { shopDomain, id: { in: sessionIds } },
      select: { id: true, visitorId: true, emailConsentAt: true },
    }),
    prisma.analyticsConsent.findMany({ where: { shopDomain, sessionId: { in: sessionIds } } }),
  ]);
  return {
    row,
    events,
    sessions: new Map(sessions.map((session) => [session.id, session])),
    consents: new Map(consents.map((consent) => [consent.sessionId, consent])),
  };
}

/**
 * The page's events that may leave and were not handled before, with the visitor they belong to;
 * the rest counted as withheld.
 */
function entriesOf(
  page: Awaited<ReturnType<typeof readPage>>,
  handled: Set<string>,
): { entries: Entry[]; withheld: number } {
  const entries: Entry[] = [];
  let withheld = 0;
  // The page is cut in the order events arrived; they are sent in the order they occurred.
  const byOccurrence = [...page.events].sort(
    (a, b) =>
      a.occurredAt.getTime() - b.occurredAt.getTime() ||
      a.sessionId.localeCompare(b.sessionId) ||
      a.id.localeCompare(b.id),
  );
  for (const row of byOccurrence) {
    if (handled.has(row.id)) continue;
    const consent = page.consents.get(row.sessionId);
    const session = page.sessions.get(row.sessionId);
    if (!consent?.analytics || !session) {
      withheld += 1;
      continue;
    }
    const event = toExportedEvent({
      ...row,
      data: row.data ? (JSON.parse(row.data) as Record<string, unknown>) : null,
      emailConsented: session.emailConsentAt !== null,
    });
    if (!event) continue;
    const audience = {
      gaClientId: consent.gaClientId ?? session.visitorId,
      visitorId: session.visitorId,
      marketing: consent.marketing,
    };
    entries.push({ event, audience });
  }
  return { entries, withheld };
}

/** GA4 takes one client per request: a page of many visitors is many small requests, sent a few at a time. */
const GA4_PARALLEL = 16;

async function sendGa4(destination: Destination, entries: Entry[], progress: Progress, now: Date): Promise<void> {
  const credentials = {
    measurementId: destination.measurementId ?? "",
    apiSecret: destination.secret,
    baseUrl: destination.baseUrl,
  };
  const requests = toGa4Requests(entries);
  let next = 0;
  let failure: unknown = null;
  const worker = async () => {
    while (failure === null && next < requests.length) {
      const request = requests[next++];
      if (!request) return;
      try {
        await ga4Collect(credentials, request.payload, now.getTime());
      } catch (error) {
        if (!(error instanceof Ga4Rejected)) {
          failure ??= error;
          return;
        }
        progress.rejected += request.eventIds.length;
        progress.lastError = `GA4 would drop ${request.eventIds.length} events: ${error.message}`;
      }
      // Delivered (or refused for good): a retried page sends only the rest.
      progress.delivered.push(...request.eventIds);
    }
  };
  // Every request in flight settles before a failure is reported, so none is sent again.
  await Promise.all(Array.from({ length: GA4_PARALLEL }, worker));
  if (failure !== null) throw failure;
}

async function sendMixpanel(destination: Destination, entries: Entry[], progress: Progress): Promise<void> {
  const credentials = { projectToken: destination.secret, baseUrl: destination.baseUrl };
  for (let start = 0; start < entries.length; start += MIXPANEL_BATCH) {
    const chunk = entries.slice(start, start + MIXPANEL_BATCH);
    const result = await mixpanelImport(
      credentials,
      chunk.map(({ event, audience }) => toMixpanelRecord(event, audience)),
    );
    const first = result.failed[0];
    if (first) {
      progress.rejected += result.failed.length;
      progress.lastError = `Mixpanel refused ${result.failed.length} records, e.g. ${first.field}: ${first.message}`;
    }
    progress.delivered.push(...chunk.map(({ event }) => event.id));
  }
}

/**
 * Saves what a run achieved; `done` moves the cursor past the page, keeping the handled ids of
 * events still after it (those the occurredAt cursor had exported: see the cursor's migration).
 */
async function saveProgress(
  destination: Destination,
  page: Awaited<ReturnType<typeof readPage>>,
  progress: Progress,
  before: Set<string>,
  done: { withheld: number } | null,
  now: Date,
): Promise<void> {
  const newlyDelivered = progress.delivered.filter((id) => !before.has(id)).length - progress.rejected;
  const last = page.events.at(-1);
  const inPage = new Set(page.events.map((event) => event.id));
  const stillAhead = [...before].filter((id) => !inPage.has(id));
  await prisma.analyticsDestination.update({
    where: { shopDomain_kind: { shopDomain: destination.shopDomain, kind: destination.kind } },
    data: {
      delivered: { increment: Math.max(0, newlyDelivered) },
      rejected: { increment: progress.rejected },
      ...(progress.lastError ? { lastError: progress.lastError } : {}),
      ...(newlyDelivered > 0 ? { lastDeliveredAt: now } : {}),
      ...(done && last
        ? {
            ...cursorAt(last),
            pageDelivered: stillAhead.length ? JSON.stringify(stillAhead) : null,
            withheld: { increment: done.withheld },
          }
        : { pageDelivered: JSON.stringify([...before, ...progress.delivered]) }),
    },
  });
}

/** One run: a page exported. Returns whether a full page was read (more may wait). */
export async function exportPage(shopDomain: string, kind: DestinationKind, now = new Date()): Promise<boolean | null> {
  const destination = await readDestination(shopDomain, kind);
  if (!destination?.enabled) return null;
  const page = await readPage(destination, now);
  if (!page.events.length) return false;
  const before = new Set<string>(page.row.pageDelivered ? (JSON.parse(page.row.pageDelivered) as string[]) : []);
  const { entries: todo, withheld } = entriesOf(page, before);
  const progress: Progress = { delivered: [], rejected: 0, lastError: null };
  try {
    if (kind === "ga4") await sendGa4(destination, todo, progress, now);
    else await sendMixpanel(destination, todo, progress);
  } catch (error) {
    progress.lastError = (error as Error).message;
    await saveProgress(destination, page, progress, before, null, now);
    throw error;
  }
  await saveProgress(destination, page, progress, before, { withheld }, now);
  return page.events.length === EXPORT_PAGE;
}

async function parkNow(jobId: number, reason: string, now: Date): Promise<void> {
  await prisma.job.updateMany({
    where: { id: jobId, status: "running" },
    data: { status: "parked", finishedAt: now, lastError: reason, lockedBy: null, lockedUntil: null },
  });
}

export function registerExportJobs(clock = () => new Date()): void {
  registerJobHandler(EXPORT_JOB, async (payload: unknown, context: JobContext) => {
    const { shopDomain, kind } = payload as { shopDomain: string; kind: DestinationKind };
    if (!DESTINATION_KINDS.includes(kind)) throw new Error(`unknown analytics destination ${String(kind)}`);
    const now = clock();
    let more: boolean | null;
    try {
      more = await exportPage(shopDomain, kind, now);
    } catch (error) {
      // Credentials refused or a batch the platform will never take: a person must act, retrying cannot help.
      if (error instanceof MixpanelRefused) return parkNow(context.jobId, error.message, now);
      throw error;
    }
    if (more === null) return; // switched off: saving it on again starts a new job
    const runAt = more ? now : new Date(now.getTime() + EXPORT_EVERY_MS);
    await enqueueJob(prisma, { kind: EXPORT_JOB, dedupeKey: exportJobKey(shopDomain, kind), payload, runAt }, now);
  });
}
