/**
 * Stores validated event batches. Each batch is written all-or-nothing in one transaction with
 * a small number of statements whatever its size (bulk inserts, a look-up of the sessions the
 * batch does not open, one write per session), so a widget retry is refused by the events' unique key, then costs
 * one indexed read and changes nothing.
 */
import prisma from "../db.server";
import { isUniqueViolation } from "../platform/db/errors";
import { forgetInstalledShops, isInstalled } from "../platform/shops/installed-shops.server";
import { enqueueContactSyncs, enqueueIntentEvents, enqueueRoutingForFacts } from "../sync/outbox.server";
import { requestRollupRefresh } from "../analytics/rollups/refresh-requests.server";
import type { EventBatch } from "../../contract/events";
import { isRawUniqueViolation, jsonInserts, jsonTimestamp, type JsonColumn, type JsonRow } from "./bulk-insert.server";
import {
  eventKey,
  mergeSession,
  planIngest,
  type RecordedBatch,
  type EventRow,
  type IngestContext,
  type IngestPlan,
  type MicroConversionRow,
  type SessionFields,
} from "./ingest-plan";
import type { BucketLimit } from "../platform/storefront/rate-limit";
import { bucketPair } from "../platform/storefront/shared-buckets.server";

export type IngestResult =
  | { status: "stored"; accepted: number; duplicates: number }
  | { status: "unknown_shop" }
  | { status: "rate_limited"; scope: "visitor" | "shop"; retryAfterS: number };

export interface IngestRequest {
  shopDomain: string;
  loggedInCustomerId?: string | null;
  batch: EventBatch;
  receivedAt?: Date;
}

/** A visitor sends a handful of events a minute; a shop is capped well above its busiest day. */
export const VISITOR_LIMIT: BucketLimit = { burst: 200, perSecond: 2 };
export const SHOP_LIMIT: BucketLimit = {
  burst: Number(process.env.CHATLIFT_INGEST_SHOP_BURST ?? 20_000),
  perSecond: Number(process.env.CHATLIFT_INGEST_SHOP_EVENTS_PER_S ?? 2_000),
};

/** Shared by every app instance when REDIS_URL is set; per instance otherwise (platform/storefront/shared-buckets.server.ts). */
const limits = bucketPair("events", VISITOR_LIMIT, SHOP_LIMIT);

/** Events are the rate-limited unit: one batch of 50 weighs what 50 single posts do. */
export async function ingestBatch(request: IngestRequest): Promise<IngestResult> {
  const receivedAt = request.receivedAt ?? new Date();
  const { shopDomain, batch } = request;
  if (!(await isInstalled(shopDomain))) return { status: "unknown_shop" };

  const now = receivedAt.getTime();
  const cost = batch.events.length;
  const admission = await limits.admit(shopDomain, batch.visitorId, cost, now);
  if (!admission.ok) return { status: "rate_limited", scope: admission.scope, retryAfterS: admission.retryAfterS };

  const context = { shopDomain, receivedAt, loggedInCustomerId: request.loggedInCustomerId };
  const accepted = await storeWithRetry(batch, context);
  return { status: "stored", accepted, duplicates: batch.events.length - accepted };
}

/**
 * The answers route's own events (question asked, answer shown or abstained, the answered
 * question's micro-conversion), stored exactly as a widget batch is, so sessions, credit,
 * rollups, routing and privacy see them. Not rate-limited here: the route has its own limits.
 */
export async function recordServerEvents(request: {
  shopDomain: string;
  loggedInCustomerId?: string | null;
  batch: RecordedBatch;
  receivedAt?: Date;
}): Promise<number> {
  const context = {
    shopDomain: request.shopDomain,
    receivedAt: request.receivedAt ?? new Date(),
    loggedInCustomerId: request.loggedInCustomerId,
  };
  return storeWithRetry(request.batch, context);
}

/**
 * Two concurrent requests carrying the same new event (a widget retry racing its original on
 * another app instance) can both pass the look-up on PostgreSQL; the loser's unique violation
 * rolls it back and the retry then sees the winner's rows.
 */
async function storeWithRetry(batch: RecordedBatch, context: IngestContext): Promise<number> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await store(batch, context, attempt === 1 ? "assume_new" : "look_up");
    } catch (error) {
      if (!(isUniqueViolation(error) || isRawUniqueViolation(error)) || attempt >= 4) throw error;
    }
  }
}

/**
 * Stores the batch's new events in one transaction; returns how many were new. A batch is
 * first written as if all its events were new (nearly always true: the widget re-sends only
 * what failed), which spares the look-up; an event already stored makes the event INSERT,
 * the transaction's first write, fail as a unique violation, and the retry looks up.
 */
async function store(batch: RecordedBatch, context: IngestContext, known: "assume_new" | "look_up"): Promise<number> {
  const { shopDomain } = context;
  return prisma.$transaction(async (tx) => {
    const stored =
      known === "look_up"
        ? await tx.chatEvent.findMany({
            where: {
              shopDomain,
              sessionId: { in: [...new Set(batch.events.map((event) => event.sessionId))] },
              id: { in: batch.events.map((event) => event.id) },
            },
            select: { sessionId: true, id: true },
          })
        : [];
    // A conversation is rated once: only a batch carrying a CSAT tap claims its sessions' rating (ratedSessions).
    const rating = [...new Set(batch.events.filter((e) => e.type === "csat_given").map((e) => e.sessionId))];
    const rated = rating.length ? await ratedSessions(tx, shopDomain, rating, context.receivedAt) : new Set<string>();
    const plan = planIngest(batch, context, new Set(stored.map(eventKey)), rated);
    if (!plan.events.length) return 0;
    for (const insert of jsonInserts(tx, "ChatEvent", EVENT_COLUMNS, plan.events.map(eventJson))) await insert;
    const emailOfSession = await storeSessions(tx, shopDomain, plan, known);
    const sessionsWithEmail = new Set(emailOfSession.keys());
    if (plan.micros.length)
      for (const insert of jsonInserts(tx, "MicroConversion", MICRO_COLUMNS, plan.micros.map(microJson))) await insert;
    const leads = [];
    for (const lead of plan.leads) leads.push(await storeLead(tx, shopDomain, lead));
    await enqueueContactSyncs(tx, shopDomain, leads);
    // Known leads whose sessions this batch added to: their facts changed (a lead just captured is routed above).
    const captured = new Set(plan.leads.map((lead) => lead.email));
    await enqueueRoutingForFacts(
      tx,
      shopDomain,
      [...emailOfSession.values()].filter((email) => !captured.has(email)),
    );
    await enqueueIntentEvents(tx, shopDomain, plan.micros, sessionsWithEmail);
    await requestRollupRefresh(tx, shopDomain, context.receivedAt);
    return plan.events.length;
  });
}

type Tx = Parameters<Parameters<typeof prisma.$transaction>[0]>[0];

/**
 * The sessions among `sessionIds` already rated, whose taps in this batch are dropped. Each stored session's
 * rating is claimed with a conditional UPDATE (ratedAt set where still null): the database serializes it, so of
 * two first taps stored at once (two instances on PostgreSQL) one alone finds it null, and the other waits for
 * that commit and finds it set. A session not stored yet is created with its first tap's rating (mergeSession);
 * two creates of it at once collide on its key, and the loser retries through the look-up and claims.
 */
async function ratedSessions(tx: Tx, shopDomain: string, sessionIds: string[], at: Date): Promise<Set<string>> {
  const claimed = await tx.chatSession.updateManyAndReturn({
    where: { shopDomain, id: { in: sessionIds }, ratedAt: null },
    data: { ratedAt: at },
    select: { id: true },
  });
  const mine = new Set(claimed.map((row) => row.id));
  const others = sessionIds.filter((id) => !mine.has(id));
  if (!others.length) return new Set();
  const stored = await tx.chatSession.findMany({ where: { shopDomain, id: { in: others } }, select: { id: true } });
  return new Set(stored.map((row) => row.id));
}

const EVENT_COLUMNS: readonly JsonColumn[] = [
  ["shopDomain", "text"],
  ["id", "text"],
  ["sessionId", "text"],
  ["type", "text"],
  ["flowId", "text"],
  ["stepId", "text"],
  ["variantId", "text"],
  ["microKind", "text"],
  ["occurredAt", "timestamp(3)"],
  ["receivedAt", "timestamp(3)"],
  ["data", "text"],
];

export const MICRO_COLUMNS: readonly JsonColumn[] = [
  ["shopDomain", "text"],
  ["id", "text"],
  ["sessionId", "text"],
  ["kind", "text"],
  ["at", "timestamp(3)"],
  ["productId", "text"],
  ["productVariantId", "text"],
  ["discountCode", "text"],
  ["valueMinor", "bigint"],
  ["email", "text"],
];

function eventJson(event: EventRow): JsonRow {
  return { ...event, occurredAt: jsonTimestamp(event.occurredAt), receivedAt: jsonTimestamp(event.receivedAt) };
}

function microJson(micro: MicroConversionRow): JsonRow {
  return {
    ...micro,
    at: jsonTimestamp(micro.at),
    valueMinor: micro.valueMinor === null ? null : Number(micro.valueMinor),
  };
}

/**
 * A batch carrying a new session_started (its event INSERT just succeeded) nearly always opens
 * its session, so that session is created without a look-up; if a later batch of it arrived
 * first, the create's unique violation sends the request through storeWithRetry's look-up path.
 * Returns the batch's sessions that now hold an email, with that email.
 */
async function storeSessions(
  tx: Tx,
  shopDomain: string,
  plan: IngestPlan,
  known: "assume_new" | "look_up",
): Promise<Map<string, string>> {
  const toLookUp = known === "assume_new" ? plan.sessions.filter((delta) => !delta.started) : plan.sessions;
  const stored = toLookUp.length
    ? await tx.chatSession.findMany({ where: { shopDomain, id: { in: toLookUp.map((delta) => delta.id) } } })
    : [];
  const storedById = new Map(stored.map((session) => [session.id, session as SessionFields]));
  const withEmail = new Map<string, string>();
  for (const delta of plan.sessions) {
    const previous = storedById.get(delta.id) ?? null;
    const fields = mergeSession(previous, delta);
    if (fields.email) withEmail.set(delta.id, fields.email);
    // One create per new session, not createMany: a batch is one visitor's page, so almost always
    // one session, and Prisma caches the plan of a create but compiles every createMany afresh.
    if (previous)
      await tx.chatSession.update({
        where: { shopDomain_id: { shopDomain, id: delta.id } },
        data: fields,
        select: { id: true },
      });
    else await tx.chatSession.create({ data: { shopDomain, id: delta.id, ...fields }, select: { id: true } });
  }
  return withEmail;
}

async function storeLead(
  tx: Tx,
  shopDomain: string,
  lead: IngestPlan["leads"][number],
): Promise<{ id: string; consentAt: Date }> {
  const existing = await tx.lead.findUnique({ where: { shopDomain_email: { shopDomain, email: lead.email } } });
  const common = {
    consentText: lead.consentText,
    consentAt: lead.consentAt,
    lastSessionId: lead.sessionId,
    lastPagePath: lead.lastPagePath,
    productInterest: lead.productInterest ?? existing?.productInterest ?? null,
    customerId: lead.customerId ?? existing?.customerId ?? null,
  };
  if (existing) {
    const newSession = existing.lastSessionId !== lead.sessionId;
    return tx.lead.update({
      select: { id: true, consentAt: true },
      where: { id: existing.id },
      data: {
        ...common,
        sessionCount: existing.sessionCount + (newSession ? 1 : 0),
        microConversionCount: existing.microConversionCount + lead.micros,
      },
    });
  } else {
    return tx.lead.create({
      select: { id: true, consentAt: true },
      data: {
        shopDomain,
        email: lead.email,
        firstSessionId: lead.sessionId,
        microConversionCount: lead.micros,
        ...common,
      },
    });
  }
}

/** For tests and benchmarks that replay traffic: forget this process's buckets and cached installs. */
export function resetIngestLimits(): void {
  limits.forgetLocal();
  forgetInstalledShops();
}
