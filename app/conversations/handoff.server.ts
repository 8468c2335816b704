/**
 * Why: the shopper's side of a handoff, behind the signed app proxy. A handoff is found only by its shop, its
 * chat session, its visitor and its uuid together, so another shop's or another session's ids read nothing
 * and change nothing. Texts are kept in HandoffMessage (shopper texts redacted of emails and phone numbers);
 * the event log gets handoff_requested / handoff_message / handoff_closed, and an email left with consent
 * becomes an email_capture like a flow's, so the lead, its HubSpot contact and its routing (the fact
 * handoff_requested, a create_ticket rule) follow the same path as every other lead.
 */
import { randomUUID } from "node:crypto";
import prisma from "../db.server";
import type { HandoffRequest, HandoffView } from "../../contract/handoff";
import type { PageContext, RecordedEvent } from "../../contract/events";
import { recordServerEvents } from "../capture/ingest.server";
import { isInstalled } from "../platform/shops/installed-shops.server";
import { RateLimiter, type BucketLimit } from "../platform/storefront/rate-limit";
import { redactContactDetails } from "../answers/redact";
import { answerBy, liveNow } from "./availability";
import { readAvailability } from "./availability.server";
import { offeredHandoff } from "./handoff-offers.server";
import { move, OPEN_STATUSES, reasonFor, startHandoff, viewOf, type HandoffMove, type HandoffState } from "./handoff";

export type HandoffResult =
  | { status: "ok"; view: HandoffView }
  | { status: "unknown_shop" }
  | { status: "not_found" }
  | { status: "refused"; refusal: string }
  | { status: "rate_limited"; retryAfterS: number };

/** A poll a second plus what the shopper types; a shop's busiest hour of open handoffs fits well inside. */
export const HANDOFF_VISITOR_LIMIT: BucketLimit = { burst: 30, perSecond: 3 };
export const HANDOFF_SHOP_LIMIT: BucketLimit = { burst: 3000, perSecond: 500 };
const visitors = new RateLimiter(HANDOFF_VISITOR_LIMIT);
const shops = new RateLimiter(HANDOFF_SHOP_LIMIT);

export function resetHandoffLimits(): void {
  visitors.clear();
  shops.clear();
}

/** An event before it is stamped with its id, session and time (distributed over the union). */
type Unstamped<E> = E extends RecordedEvent ? Omit<E, "id" | "sessionId" | "occurredAt"> : never;

type HandoffRow = NonNullable<Awaited<ReturnType<typeof prisma.handoff.findUnique>>>;

export const stateOf = (row: HandoffRow): HandoffState & { id: string; answerBy: number | null } => ({
  id: row.id,
  status: row.status as HandoffState["status"],
  mode: row.mode as HandoffState["mode"],
  offerOfflineAt: row.offerOfflineAt?.getTime() ?? null,
  firstStaffReplyAt: row.firstStaffReplyAt?.getTime() ?? null,
  answerBy: row.answerBy?.getTime() ?? null,
});

export async function messagesAfter(handoffId: string, after: number, known: number): Promise<HandoffView["messages"]> {
  // The poll that finds nothing new costs no second query: the handoff row says how many there are.
  if (known <= after) return [];
  const rows = await prisma.handoffMessage.findMany({
    where: { handoffId, seq: { gt: after } },
    orderBy: { seq: "asc" },
    take: 100,
  });
  return rows.map((row) => ({
    seq: row.seq,
    from: row.speaker as HandoffView["messages"][number]["from"],
    text: row.text,
    at: row.at.toISOString(),
    ...(row.staffName ? { name: row.staffName } : {}),
  }));
}

/** Stores one message and moves the handoff's counters, in one transaction (seq is the row's count). */
export async function addMessage(
  handoff: HandoffRow,
  speaker: "shopper" | "staff" | "bot",
  text: string,
  at: Date,
  changes: Partial<HandoffRow> = {},
  staffName?: string | null,
) {
  return prisma.$transaction(async (tx) => {
    const updated = await tx.handoff.update({
      where: { id: handoff.id },
      data: { ...changes, messageCount: { increment: 1 }, lastMessageAt: at },
    });
    await tx.handoffMessage.create({
      data: {
        handoffId: handoff.id,
        seq: updated.messageCount,
        shopDomain: handoff.shopDomain,
        sessionId: handoff.sessionId,
        speaker,
        text,
        staffName: staffName ?? null,
        at,
      },
    });
    return updated;
  });
}

/** The handoff's events, stored as the widget's are, so sessions, rollups, routing and privacy see them. */
export async function recordHandoffEvents(
  handoff: Pick<HandoffRow, "shopDomain" | "sessionId" | "visitorId">,
  events: Unstamped<RecordedEvent>[],
  at: number,
  context: { arm?: string; page?: { type: PageContext["type"]; path: string }; customerId?: string | null } = {},
) {
  const session = await prisma.chatSession.findUnique({
    where: { shopDomain_id: { shopDomain: handoff.shopDomain, id: handoff.sessionId } },
    select: { arm: true, landingPath: true, pageType: true },
  });
  const arm = (session?.arm ?? context.arm ?? "treatment") as "treatment" | "holdout";
  const page = context.page ?? {
    type: (session?.pageType ?? "other") as PageContext["type"],
    path: session?.landingPath ?? "/",
  };
  const stamped = events.map((event) => ({ ...event, id: randomUUID(), sessionId: handoff.sessionId, occurredAt: at }));
  await recordServerEvents({
    shopDomain: handoff.shopDomain,
    loggedInCustomerId: context.customerId,
    batch: { v: 1, visitorId: handoff.visitorId, arm, page, sentAt: at, events: stamped as RecordedEvent[] },
    receivedAt: new Date(at),
  });
}

/** One shopper request, decided and stored. */
export async function runHandoff(
  shopDomain: string,
  request: HandoffRequest,
  options: { now: number; loggedInCustomerId?: string | null },
): Promise<HandoffResult> {
  if (!(await isInstalled(shopDomain))) return { status: "unknown_shop" };
  const { now } = options;
  const visitorKey = `${shopDomain}/${request.visitorId}`;
  const visitor = visitors.take(visitorKey, 1, now);
  if (!visitor.ok) return { status: "rate_limited", retryAfterS: visitor.retryAfterS };
  const shop = shops.take(shopDomain, 1, now);
  if (!shop.ok) {
    visitors.refund(visitorKey, 1, now);
    return { status: "rate_limited", retryAfterS: shop.retryAfterS };
  }
  if (request.op === "open") return open(shopDomain, request, options);

  const handoff = await prisma.handoff.findUnique({ where: { id: request.handoffId } });
  // Another shop's, session's or visitor's handoff looks exactly like a missing one.
  if (
    !handoff ||
    handoff.shopDomain !== shopDomain ||
    handoff.sessionId !== request.sessionId ||
    handoff.visitorId !== request.visitorId
  )
    return { status: "not_found" };
  const at = new Date(now);

  if (request.op === "poll") {
    const messages = await messagesAfter(handoff.id, request.after, handoff.messageCount);
    return { status: "ok", view: viewOf(stateOf(handoff), messages) };
  }
  const change: HandoffMove =
    request.op === "say"
      ? { kind: "shopper_says" }
      : request.op === "leave"
        ? { kind: "leave_email" }
        : { kind: "close" };
  const moved = move(stateOf(handoff), change);
  if (!moved.ok) return { status: "refused", refusal: moved.refusal };
  const after = request.op === "say" || request.op === "leave" ? handoff.messageCount : 0;

  if (request.op === "say") {
    const updated = await addMessage(handoff, "shopper", redactContactDetails(request.text), at);
    await recordHandoffEvents(handoff, [{ type: "handoff_message", from: "shopper" }], now);
    return {
      status: "ok",
      view: viewOf(stateOf(updated), await messagesAfter(handoff.id, after, updated.messageCount)),
    };
  }
  if (request.op === "leave") {
    const { availability, timeZone } = await readAvailability(shopDomain);
    const promised = new Date(answerBy(availability, now, timeZone));
    const updated = await addMessage(handoff, "shopper", redactContactDetails(request.question), at, {
      status: moved.state.status,
      email: request.email.trim().toLowerCase(),
      consentText: request.consent.text,
      consentAt: at,
      answerBy: promised,
    });
    // The email, with its consent, takes the path every captured email takes: lead, contact, routing.
    await recordHandoffEvents(
      handoff,
      [
        { type: "handoff_message", from: "shopper" },
        { type: "micro_conversion", kind: "email_capture", email: request.email, consent: request.consent },
      ],
      now,
      { page: request.page, customerId: options.loggedInCustomerId },
    );
    return {
      status: "ok",
      view: viewOf(stateOf(updated), await messagesAfter(handoff.id, after, updated.messageCount)),
    };
  }
  const closed =
    handoff.status === "closed"
      ? handoff
      : await prisma.handoff.update({ where: { id: handoff.id }, data: { status: "closed", closedAt: at } });
  if (handoff.status !== "closed") await recordHandoffEvents(handoff, [{ type: "handoff_closed" }], now);
  return { status: "ok", view: viewOf(stateOf(closed), []) };
}

/** A session asks again while its handoff is open: the same handoff, not a second waiting entry. */
async function open(
  shopDomain: string,
  request: Extract<HandoffRequest, { op: "open" }>,
  options: { now: number; loggedInCustomerId?: string | null },
): Promise<HandoffResult> {
  const { now } = options;
  const existing = await prisma.handoff.findFirst({
    where: {
      shopDomain,
      sessionId: request.sessionId,
      visitorId: request.visitorId,
      status: { in: [...OPEN_STATUSES] },
    },
    orderBy: { requestedAt: "desc" },
  });
  if (existing) {
    const messages = await messagesAfter(existing.id, 0, existing.messageCount);
    return { status: "ok", view: viewOf(stateOf(existing), messages) };
  }
  const { availability, timeZone } = await readAvailability(shopDomain);
  const latestAnswer = await prisma.chatEvent.findFirst({
    where: { shopDomain, sessionId: request.sessionId, type: { in: ["answer_shown", "answer_abstained"] } },
    orderBy: { occurredAt: "desc" },
    select: { type: true, occurredAt: true },
  });
  const offer =
    request.reason === "asked" ? await offeredHandoff(shopDomain, request.sessionId, now, request.page) : null;
  const reason = reasonFor(
    request.reason,
    latestAnswer && { type: latestAnswer.type, occurredAt: latestAnswer.occurredAt.getTime() },
    now,
    offer !== null,
  );
  const live = liveNow(availability, now, timeZone) !== "closed";
  const state = startHandoff(live, now, availability.waitSeconds);
  const at = new Date(now);
  const row = await prisma.handoff.create({
    data: {
      id: randomUUID(),
      shopDomain,
      sessionId: request.sessionId,
      visitorId: request.visitorId,
      reason,
      offerRuleId: reason === "rule" ? (offer?.ruleId ?? null) : null,
      mode: state.mode,
      status: state.status,
      locale: request.locale,
      offerOfflineAt: state.offerOfflineAt === null ? null : new Date(state.offerOfflineAt),
      answerBy: live ? null : new Date(answerBy(availability, now, timeZone)),
      requestedAt: at,
      lastMessageAt: at,
    },
  });
  await recordHandoffEvents(row, [{ type: "handoff_requested", reason, mode: state.mode }], now, {
    arm: request.arm,
    page: request.page,
    customerId: options.loggedInCustomerId,
  });
  return { status: "ok", view: viewOf(stateOf(row), []) };
}
