/**
 * What one event batch changes, decided without I/O: the event rows to insert, the
 * micro-conversions, what each chat session learns, and the leads (emails given with consent).
 * app/capture/ingest.server.ts writes the plan in one transaction.
 */
import { CONVERSATION_EVENT_TYPES, type EventBatch, type EventOf, type RecordedEvent } from "../../contract/events";
import { toMinorUnits } from "../attribution/money";
import { normalizeEmail } from "../attribution/links";

/** Events queued offline in the browser may be a day old; older or future stamps are clamped. */
export const MAX_EVENT_AGE_MS = 24 * 60 * 60 * 1000;

const CONVERSATION_TURNS: ReadonlySet<string> = new Set(CONVERSATION_EVENT_TYPES);

export interface IngestContext {
  shopDomain: string;
  receivedAt: Date;
  /** The proxy's logged_in_customer_id (empty when the shopper is not logged in). */
  loggedInCustomerId?: string | null;
}

export interface EventRow {
  shopDomain: string;
  id: string;
  sessionId: string;
  type: string;
  flowId: string | null;
  stepId: string | null;
  variantId: string | null;
  microKind: string | null;
  occurredAt: Date;
  receivedAt: Date;
  data: string | null;
}

export interface MicroConversionRow {
  shopDomain: string;
  id: string;
  sessionId: string;
  kind: string;
  at: Date;
  productId: string | null;
  productVariantId: string | null;
  discountCode: string | null;
  valueMinor: bigint | null;
  email: string | null;
}

/** What a batch teaches about one chat session; merged into the stored row by mergeSession. */
export interface SessionDelta {
  id: string;
  visitorId: string;
  arm: string;
  pageType: string;
  pagePath: string;
  country: string | null;
  firstAt: Date;
  lastAt: Date;
  started?: EventOf<"session_started">;
  customerId: string | null;
  email: string | null;
  emailConsentAt: Date | null;
  events: number;
  micros: number;
  firstMicroAt: Date | null;
  lastMicroAt: Date | null;
  lastChatAt: Date | null;
  answers: number;
  abstains: number;
  /** A CSAT tap of this batch is stored: the conversation's one rating. */
  ratedAt: Date | null;
}

export interface LeadDelta {
  email: string;
  consentText: string;
  consentAt: Date;
  sessionId: string;
  customerId: string | null;
  lastPagePath: string;
  productInterest: string | null;
  micros: number;
}

/** A widget's batch, or the answers route's own events for a session (stored the same way). */
export type RecordedBatch = Omit<EventBatch, "events"> & { events: RecordedEvent[] };

export interface IngestPlan {
  events: EventRow[];
  micros: MicroConversionRow[];
  sessions: SessionDelta[];
  leads: LeadDelta[];
}

/**
 * The client clock, corrected by the skew the batch shows (sentAt against the server's receipt)
 * and then held inside [received − 24 h, received]: a wrong phone clock must not put an event
 * next year or in 1970, where it would fall outside every attribution window.
 */
export function clampOccurredAt(occurredAtMs: number, sentAtMs: number, receivedAtMs: number): Date {
  const corrected = occurredAtMs + (receivedAtMs - sentAtMs);
  return new Date(Math.min(receivedAtMs, Math.max(receivedAtMs - MAX_EVENT_AGE_MS, corrected)));
}

/** Shopify customer ids travel as gids everywhere in ChatLift; the proxy sends the bare number. */
export function customerGid(id: string | null | undefined): string | null {
  if (!id) return null;
  if (id.startsWith("gid://")) return id;
  return /^\d+$/.test(id) ? `gid://shopify/Customer/${id}` : null;
}

/** An event's identity: its client id within its session (ChatEvent's key). */
export function eventKey(event: { sessionId: string; id: string }): string {
  return `${event.sessionId}\n${event.id}`;
}

/**
 * `alreadyStored`: eventKeys of what an earlier delivery stored; they change nothing a second time.
 * `alreadyRated`: sessions holding a csat_given already. A conversation is rated once: the first tap stored
 * stays, a later one (a page that lost the carried state, a replayed request) is dropped like a duplicate.
 */
export function planIngest(
  batch: RecordedBatch,
  context: IngestContext,
  alreadyStored: ReadonlySet<string> = new Set(),
  alreadyRated: ReadonlySet<string> = new Set(),
): IngestPlan {
  const receivedMs = context.receivedAt.getTime();
  const customerId = customerGid(context.loggedInCustomerId);
  const seen = new Set<string>(alreadyStored);
  const rated = new Set<string>(alreadyRated);
  const plan: IngestPlan = { events: [], micros: [], sessions: [], leads: [] };
  const sessions = new Map<string, SessionDelta>();

  for (const event of batch.events) {
    const key = eventKey(event);
    if (seen.has(key)) continue; // the same event twice in one batch is still one event
    seen.add(key);
    if (event.type === "csat_given") {
      if (rated.has(event.sessionId)) continue;
      rated.add(event.sessionId);
    }
    const at = clampOccurredAt(event.occurredAt, batch.sentAt, receivedMs);
    plan.events.push(eventRow(event, at, context));

    const session = sessions.get(event.sessionId) ?? newDelta(batch, event.sessionId, at, customerId);
    sessions.set(event.sessionId, session);
    session.events += 1;
    if (at < session.firstAt) session.firstAt = at;
    if (at > session.lastAt) session.lastAt = at;
    if (event.type === "session_started") session.started = event;
    if (CONVERSATION_TURNS.has(event.type) && (!session.lastChatAt || at > session.lastChatAt)) session.lastChatAt = at;
    if (event.type === "answer_abstained") session.abstains += 1;
    if (event.type === "csat_given") session.ratedAt = at;

    if (event.type === "micro_conversion") {
      const micro = microRow(event, at, context.shopDomain);
      plan.micros.push(micro);
      session.micros += 1;
      if (event.kind === "question_answered") session.answers += 1;
      if (!session.firstMicroAt || at < session.firstMicroAt) session.firstMicroAt = at;
      if (!session.lastMicroAt || at > session.lastMicroAt) session.lastMicroAt = at;
      if (micro.email && event.consent) {
        session.email = micro.email;
        session.emailConsentAt = at;
        plan.leads.push({
          email: micro.email,
          consentText: event.consent.text,
          consentAt: at,
          sessionId: event.sessionId,
          customerId,
          lastPagePath: batch.page.path,
          productInterest: event.productId ?? batch.page.productId ?? null,
          micros: 0,
        });
      }
    }
  }
  for (const lead of plan.leads) lead.micros = sessions.get(lead.sessionId)?.micros ?? 0;
  plan.sessions = [...sessions.values()];
  return plan;
}

function newDelta(batch: RecordedBatch, id: string, at: Date, customerId: string | null): SessionDelta {
  return {
    id,
    visitorId: batch.visitorId,
    arm: batch.arm,
    pageType: batch.page.type,
    pagePath: batch.page.path,
    country: batch.page.country ?? null,
    firstAt: at,
    lastAt: at,
    customerId,
    email: null,
    emailConsentAt: null,
    events: 0,
    micros: 0,
    firstMicroAt: null,
    lastMicroAt: null,
    lastChatAt: null,
    answers: 0,
    abstains: 0,
    ratedAt: null,
  };
}

function eventRow(event: RecordedEvent, at: Date, context: IngestContext): EventRow {
  const { id, sessionId, type, occurredAt: _clientClock, flowId, stepId, variantId, ...rest } = event;
  const data: Record<string, unknown> = { ...rest };
  let microKind: string | null = null;
  if (event.type === "micro_conversion") {
    microKind = event.kind;
    delete data.kind;
    // Emails live only where consent is recorded (ChatSession, Lead), never in the event log.
    delete data.email;
    delete data.consent;
  }
  return {
    shopDomain: context.shopDomain,
    id,
    sessionId,
    type,
    flowId: flowId ?? null,
    stepId: stepId ?? null,
    variantId: variantId ?? null,
    microKind,
    occurredAt: at,
    receivedAt: context.receivedAt,
    data: Object.keys(data).length ? JSON.stringify(data) : null,
  };
}

function microRow(event: EventOf<"micro_conversion">, at: Date, shopDomain: string): MicroConversionRow {
  const email = event.consent ? normalizeEmail(event.email) : null;
  let valueMinor: bigint | null = null;
  if (event.value !== undefined && event.currency) valueMinor = BigInt(toMinorUnits(event.value, event.currency));
  return {
    shopDomain,
    id: event.id,
    sessionId: event.sessionId,
    kind: event.kind,
    at,
    productId: event.productId ?? null,
    productVariantId: event.productVariantId ?? null,
    discountCode: event.code ? event.code.trim().toUpperCase() : null,
    valueMinor,
    email,
  };
}

/** The stored session fields a ChatSession row is written with. */
export interface SessionFields {
  visitorId: string;
  arm: string;
  startedAt: Date;
  lastSeenAt: Date;
  landingPath: string | null;
  pageType: string | null;
  referrer: string | null;
  utmSource: string | null;
  utmMedium: string | null;
  utmCampaign: string | null;
  utmTerm: string | null;
  utmContent: string | null;
  returning: boolean | null;
  country: string | null;
  customerId: string | null;
  email: string | null;
  emailConsentAt: Date | null;
  eventCount: number;
  microConversionCount: number;
  firstMicroAt: Date | null;
  lastMicroAt: Date | null;
  lastChatAt: Date | null;
  answerCount: number;
  abstainCount: number;
  ratedAt: Date | null;
}

/**
 * A session's stored fields after a batch. Batches can arrive out of order (retries), so times
 * widen rather than overwrite, and a known landing page, customer or email is never erased.
 */
export function mergeSession(stored: SessionFields | null, delta: SessionDelta): SessionFields {
  const started = delta.started;
  const base: SessionFields = stored ?? {
    visitorId: delta.visitorId,
    arm: delta.arm,
    startedAt: delta.firstAt,
    lastSeenAt: delta.lastAt,
    landingPath: delta.pagePath,
    pageType: delta.pageType,
    referrer: null,
    utmSource: null,
    utmMedium: null,
    utmCampaign: null,
    utmTerm: null,
    utmContent: null,
    returning: null,
    country: null,
    customerId: null,
    email: null,
    emailConsentAt: null,
    eventCount: 0,
    microConversionCount: 0,
    firstMicroAt: null,
    lastMicroAt: null,
    lastChatAt: null,
    answerCount: 0,
    abstainCount: 0,
    ratedAt: null,
  };
  const merged: SessionFields = {
    ...base,
    startedAt: minDate(base.startedAt, delta.firstAt),
    lastSeenAt: maxDate(base.lastSeenAt, delta.lastAt),
    customerId: delta.customerId ?? base.customerId,
    country: delta.country ?? base.country,
    email: delta.email ?? base.email,
    emailConsentAt: delta.email ? delta.emailConsentAt : base.emailConsentAt,
    eventCount: base.eventCount + delta.events,
    microConversionCount: base.microConversionCount + delta.micros,
    firstMicroAt: minDate(base.firstMicroAt, delta.firstMicroAt),
    lastMicroAt: maxDate(base.lastMicroAt, delta.lastMicroAt),
    lastChatAt: maxDate(base.lastChatAt, delta.lastChatAt),
    ratedAt: base.ratedAt ?? delta.ratedAt,
    answerCount: base.answerCount + delta.answers,
    abstainCount: base.abstainCount + delta.abstains,
  };
  if (started) {
    merged.landingPath = started.landingPath;
    merged.pageType = delta.pageType;
    merged.referrer = started.referrer ?? null;
    merged.utmSource = started.utm?.source ?? null;
    merged.utmMedium = started.utm?.medium ?? null;
    merged.utmCampaign = started.utm?.campaign ?? null;
    merged.utmTerm = started.utm?.term ?? null;
    merged.utmContent = started.utm?.content ?? null;
    merged.returning = started.returning;
  }
  return merged;
}

function minDate<T extends Date | null>(a: T, b: T): T {
  if (!a) return b;
  if (!b) return a;
  return a <= b ? a : b;
}

function maxDate<T extends Date | null>(a: T, b: T): T {
  if (!a) return b;
  if (!b) return a;
  return a >= b ? a : b;
}
