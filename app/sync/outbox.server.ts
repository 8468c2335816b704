/**
 * The HubSpot outbox: sync jobs written in the caller's transaction, so a lead change and its
 * sync commit or roll back together. Only leads that may leave the shop are enqueued, and only
 * for shops connected to HubSpot.
 */
import { databaseTarget } from "../db.server";
import type { Tx } from "../db.server";
import { enqueueJob } from "../platform/jobs/queue.server";
import { enqueueJobs } from "../platform/jobs/enqueue-many.server";
import { isHubSpotConnected } from "./connection.server";
import { mayLeaveShop, type ConsentMode } from "./consent";
import type { ConsentState } from "./contact-facts";

export const CONTACT_JOB = "hubspot.contact";
export const DEAL_JOB = "hubspot.deal";
export const GDPR_JOB = "hubspot.gdpr_delete";
export const EVENT_JOB = "hubspot.event";
/** A routing rule's one-time actions for a lead: tasks, deals, custom events. */
export const LEAD_ACTIONS_JOB = "hubspot.lead_actions";
/** The chat summary note on a lead's contact, written once and then rewritten in place (chat-note-jobs.server.ts). */
export const CHAT_NOTE_JOB = "hubspot.chat_note";
/** Every kind that spends the shop's HubSpot request limits. */
export const HUBSPOT_JOB_KINDS = [CONTACT_JOB, DEAL_JOB, GDPR_JOB, EVENT_JOB, LEAD_ACTIONS_JOB, CHAT_NOTE_JOB] as const;
/**
 * Routing a changed lead through the shop's active rules (app/routing), which then enqueues its
 * contact sync: routing runs off the ingest's hot path, in the worker. Spends no HubSpot calls.
 */
export const ROUTE_LEAD_JOB = "routing.lead";

export type ContactJobPayload = { shopDomain: string; leadId: string };
export type RouteLeadJobPayload = { shopDomain: string; leadId: string };

/** One waiting job per lead and kind: many changes before the worker runs make one job. */
export const leadJobKey = (shopDomain: string, leadId: string) => `${shopDomain}:${leadId}`;

export type OutboxWriter = Pick<Tx, "job" | "hubSpotConnection" | "routingRuleSet">;
type ChangedLead = { id: string; consentAt: Date | null };

/** A micro-conversion as a behavioral event, without the email (the lead id resolves it). */
export type EventSignal = { kind: string; occurredAt: string; productId?: string; page?: string };
export type EventJobPayload = { shopDomain: string; leadId: string; signals: EventSignal[] };

/**
 * Leads are stored only with consent given in chat (app/capture), so a stored lead counts as
 * granted; a lead without a consent time never leaves.
 */
export function consentOf(lead: { consentAt: Date | null }): ConsentState {
  return lead.consentAt ? "granted" : "none";
}

/** Shop.consentMode "explicit" is ChatLift's only mode today: it is the sync's opt_in. */
export function syncConsentMode(shopConsentMode: string): ConsentMode {
  return shopConsentMode === "notice" ? "notice" : "opt_in";
}

/**
 * A lead changed (ingest, or anything else that changes its facts): route it when the shop has
 * active routing rules (the routing job then enqueues the contact sync, carrying what the rules
 * chose), else sync the contact straight away. One waiting job per lead (dedupe key): many
 * changes before the worker runs make one routing and one upsert. Returns how many leads were
 * enqueued.
 */
export async function enqueueContactSyncs(
  db: OutboxWriter,
  shopDomain: string,
  leads: ChangedLead[],
  consentMode: ConsentMode = "opt_in",
  now = new Date(),
): Promise<number> {
  // Routing only for connected shops too: a rule's once-only task or deal decided while nothing
  // could apply it would be marked done and never reach HubSpot after connecting.
  if (!leads.length || !(await isHubSpotConnected(shopDomain, db))) return 0;
  const routed = await db.routingRuleSet.findFirst({ where: { shopDomain, active: true }, select: { version: true } });
  return enqueuePerLead(db, routed ? ROUTE_LEAD_JOB : CONTACT_JOB, shopDomain, leads, consentMode, now);
}

/**
 * Something a lead's facts are read from changed — a later chat of theirs (a cart add, a qualifier answer, a
 * micro-conversion, an answered question, a page), an order or a refund under their email: route them again, so
 * "cart ≥ 100 → lead status OPEN" fires for a known lead who adds to cart after leaving their email. The leads are
 * found by email (unique per shop); the same dedupe as enqueueContactSyncs makes a burst of changes one routing.
 */
export async function enqueueRoutingForFacts(
  db: OutboxWriter & Pick<Tx, "lead">,
  shopDomain: string,
  emails: Iterable<string>,
  now = new Date(),
): Promise<number> {
  const wanted = [...new Set(emails)];
  if (!wanted.length || !(await isHubSpotConnected(shopDomain, db))) return 0;
  const leads = await db.lead.findMany({
    where: { shopDomain, email: { in: wanted } },
    select: { id: true, consentAt: true },
  });
  return enqueueContactSyncs(db, shopDomain, leads, "opt_in", now);
}

/** The contact sync itself, without routing: what a routed lead enqueues once its rules ran. */
export async function enqueueContactUpserts(
  db: Omit<OutboxWriter, "routingRuleSet">,
  shopDomain: string,
  leads: ChangedLead[],
  consentMode: ConsentMode = "opt_in",
  now = new Date(),
): Promise<number> {
  if (!leads.length || !(await isHubSpotConnected(shopDomain, db))) return 0;
  return enqueuePerLead(db, CONTACT_JOB, shopDomain, leads, consentMode, now);
}

async function enqueuePerLead(
  db: Pick<OutboxWriter, "job">,
  kind: string,
  shopDomain: string,
  leads: ChangedLead[],
  consentMode: ConsentMode,
  now: Date,
  /** When the n-th enqueued lead's job may run; now for all by default. */
  runAtOf: (n: number) => Date = () => now,
  merged?: { count: number },
): Promise<number> {
  // All at once: one job per lead in three statements each held a capture's or an import's
  // transaction open for 30,000 round trips at 10,000 leads.
  const leaving = leads.filter((lead) => mayLeaveShop({ consent: { state: consentOf(lead) } }, consentMode));
  const result = await enqueueJobs(
    db,
    leaving.map((lead, n) => ({
      kind,
      payload: { shopDomain, leadId: lead.id } satisfies ContactJobPayload,
      dedupeKey: leadJobKey(shopDomain, lead.id),
      runAt: runAtOf(n),
      shopDomain,
    })),
    now,
  );
  if (merged) merged.count += result.merged;
  return leaving.length;
}

/**
 * Existing leads routed by rules that went live after them ("apply to existing leads"), paced:
 * each routing brings a contact sync and actions, and thousands at once would spend the shop's
 * HubSpot burst limit (100 calls per 10 s) for minutes, delaying live leads. Deduplicated like
 * every routing job: a lead already waiting keeps its one job (and its earlier time).
 */
export const APPLY_PACE = { perWindow: 20, windowMs: 10_000 } as const;

export type ExistingLeadsRouting = {
  queued: number;
  alreadyWaiting: number;
  lastRunAt: Date | null;
  pace: { perWindow: number; windowMs: number };
};

export async function enqueueRoutingOfExistingLeads(
  db: Pick<OutboxWriter, "job" | "hubSpotConnection">,
  shopDomain: string,
  leads: ChangedLead[],
  consentMode: ConsentMode,
  now = new Date(),
  pace: { perWindow: number; windowMs: number } = APPLY_PACE,
): Promise<ExistingLeadsRouting> {
  if (!leads.length || !(await isHubSpotConnected(shopDomain, db)))
    return { queued: 0, alreadyWaiting: 0, lastRunAt: null, pace };
  const runAtOf = (n: number) => new Date(now.getTime() + Math.floor(n / pace.perWindow) * pace.windowMs);
  const merged = { count: 0 };
  const queued = await enqueuePerLead(db, ROUTE_LEAD_JOB, shopDomain, leads, consentMode, now, runAtOf, merged);
  return { queued, alreadyWaiting: merged.count, lastRunAt: queued ? runAtOf(queued - 1) : null, pace };
}

/**
 * Micro-conversions of sessions that belong to a lead, as behavioral events: only for accounts
 * that have custom events (the contact properties carry the same signals on every tier). Only
 * sessions that gave an email can belong to a lead: `sessionsWithEmail` names them (the caller
 * knows already, capture having just written them), so the rest of the storefront's
 * micro-conversions cost nothing here.
 */
export async function enqueueIntentEvents(
  db: OutboxWriter & Pick<Tx, "chatSession" | "lead">,
  shopDomain: string,
  allMicros: ReadonlyArray<{ sessionId: string; kind: string; at: Date; productId: string | null }>,
  sessionsWithEmail: ReadonlySet<string>,
  now = new Date(),
): Promise<number> {
  const micros = allMicros.filter((micro) => sessionsWithEmail.has(micro.sessionId));
  if (!micros.length) return 0;
  const connection = await db.hubSpotConnection.findUnique({
    where: { shopDomain },
    select: { customEventsAvailable: true },
  });
  if (!connection?.customEventsAvailable) return 0;
  const sessions = await db.chatSession.findMany({
    where: { shopDomain, id: { in: [...new Set(micros.map((micro) => micro.sessionId))] }, email: { not: null } },
    select: { id: true, email: true, landingPath: true },
  });
  const leads = await db.lead.findMany({
    where: { shopDomain, email: { in: sessions.map((session) => session.email as string) } },
    select: { id: true, email: true, consentAt: true },
  });
  let enqueued = 0;
  for (const lead of leads) {
    if (!mayLeaveShop({ consent: { state: consentOf(lead) } }, "opt_in")) continue;
    const ids = new Set(sessions.filter((session) => session.email === lead.email).map((session) => session.id));
    const signals: EventSignal[] = micros
      .filter((micro) => ids.has(micro.sessionId))
      .map((micro) => ({
        kind: micro.kind,
        occurredAt: micro.at.toISOString(),
        ...(micro.productId ? { productId: micro.productId } : {}),
      }));
    if (!signals.length) continue;
    const job = await enqueueJob(
      db,
      { kind: EVENT_JOB, payload: { shopDomain, leadId: lead.id, signals } satisfies EventJobPayload },
      now,
    );
    await db.job.update({ where: { id: job.id }, data: { shopDomain } });
    enqueued += 1;
  }
  return enqueued;
}

/**
 * A lead's pending rule actions (RoutingAction rows without doneAt) are applied by one job per
 * lead, enqueued by the contact sync once the contact exists in HubSpot, so each task and deal
 * can be associated with it. The payload names the lead only: the actions' words (task
 * subjects, deal names) may hold the shopper's email and a job outlives a redaction, so the
 * worker reads them from the routing decisions, which customers/redact deletes with the lead.
 */
export type LeadActionsJobPayload = { shopDomain: string; leadId: string };

export async function enqueuePendingLeadActions(
  db: Pick<Tx, "job" | "routingAction">,
  shopDomain: string,
  leadIds: string[],
  now = new Date(),
): Promise<number> {
  if (!leadIds.length) return 0;
  const pending = await db.routingAction.findMany({
    where: { shopDomain, leadId: { in: [...new Set(leadIds)] }, doneAt: null },
    select: { leadId: true },
    distinct: ["leadId"],
  });
  await enqueueJobs(
    db,
    pending.map(({ leadId }) => ({
      kind: LEAD_ACTIONS_JOB,
      payload: { shopDomain, leadId } satisfies LeadActionsJobPayload,
      dedupeKey: leadJobKey(shopDomain, leadId),
      shopDomain,
    })),
    now,
  );
  return pending.length;
}

export type DealJobPayload = { shopDomain: string; orderId: string };
/** The contact HubSpot holds, by its id: the job never carries the shopper's email. */
export type GdprJobPayload = { shopDomain: string; contactId: string };

type RawWriter = Pick<Tx, "$executeRaw">;

/**
 * One INSERT of a job per payload, for shops whose HubSpot connection matches `onlyIf`, as a raw
 * statement that can join a batch transaction (attribution and redaction write that way).
 */
function jobInsert(
  db: RawWriter,
  kind: string,
  payloads: ReadonlyArray<{ shopDomain: string }>,
  now: Date,
  onlyIf: "connected" | "gdpr_delete_enabled",
) {
  const json = JSON.stringify(payloads);
  const at = now.toISOString();
  const gdpr = onlyIf === "gdpr_delete_enabled";
  if (databaseTarget.provider === "postgresql") {
    return db.$executeRaw`INSERT INTO "Job" ("kind", "payload", "shopDomain", "runAt", "createdAt", "updatedAt")
      SELECT ${kind}, x.v::text, x.v->>'shopDomain', ${at}::timestamp(3), ${at}::timestamp(3), ${at}::timestamp(3)
      FROM jsonb_array_elements(${json}::jsonb) AS x(v)
      WHERE EXISTS (SELECT 1 FROM "HubSpotConnection" c WHERE c."shopDomain" = x.v->>'shopDomain' AND (${!gdpr} OR c."gdprDeleteEnabled"))`;
  }
  const stamp = at.replace("Z", "+00:00"); // Prisma's SQLite text form of a DateTime
  return db.$executeRaw`INSERT INTO "Job" ("kind", "payload", "shopDomain", "runAt", "createdAt", "updatedAt")
    SELECT ${kind}, value, json_extract(value, '$.shopDomain'), ${stamp}, ${stamp}, ${stamp}
    FROM json_each(${json})
    WHERE EXISTS (SELECT 1 FROM "HubSpotConnection" c WHERE c."shopDomain" = json_extract(value, '$.shopDomain') AND (${gdpr ? 0 : 1} OR c."gdprDeleteEnabled"))`;
}

/**
 * Deal jobs for credited orders of connected shops. No dedupe key: a re-attributed order may
 * queue a second job, which finds the deal by its order id and creates nothing.
 */
export function dealJobInserts(
  db: RawWriter,
  orders: ReadonlyArray<{ shopDomain: string; orderId: string }>,
  now: Date,
) {
  const unique = new Map(
    orders.map((order) => [
      `${order.shopDomain} ${order.orderId}`,
      { shopDomain: order.shopDomain, orderId: order.orderId },
    ]),
  );
  return unique.size ? [jobInsert(db, DEAL_JOB, [...unique.values()], now, "connected")] : [];
}

/**
 * customers/redact: GDPR deletion of the contacts ChatLift synced (their HubSpot ids), only where the merchant
 * turned it on; a shopper never synced costs HubSpot nothing.
 */
export function enqueueGdprDeletes(db: RawWriter, shopDomain: string, contactIds: readonly string[], now = new Date()) {
  const payloads: GdprJobPayload[] = [...new Set(contactIds)].map((contactId) => ({ shopDomain, contactId }));
  return jobInsert(db, GDPR_JOB, payloads, now, "gdpr_delete_enabled");
}
