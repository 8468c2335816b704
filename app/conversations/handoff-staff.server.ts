/**
 * Why: the staff's side of a handoff, for the Conversations page: the waiting list, one conversation's
 * thread, a reply and the close. Every read and write is bounded by the shop the admin session signed for,
 * so a handoff id from another shop is refused as missing; the reply reaches the shopper's open chat on
 * its next poll (handoff.server.ts).
 */
import prisma from "../db.server";
import { readAvailability } from "./availability.server";
import { liveNow, type LiveReason } from "./availability";
import { move, OPEN_STATUSES, waitingLabel, type HandoffStatus, type HandoffMode } from "./handoff";
import { addMessage, messagesAfter, recordHandoffEvents, stateOf } from "./handoff.server";
import { offerFormOf } from "./handoff-offers";
import { offerRulesOf } from "./handoff-offers.server";

export interface WaitingHandoff {
  id: string;
  sessionId: string;
  status: HandoffStatus;
  label: string;
  requestedAt: string;
  lastMessageAt: string;
  email: string | null;
  answerBy: string | null;
}

/** At most this many open handoffs are listed: more than a team answers in a day. */
export const WAITING_LIMIT = 50;

export async function waitingHandoffs(shopDomain: string, now: number) {
  const [rows, { availability, timeZone, currency }, rules] = await Promise.all([
    prisma.handoff.findMany({
      where: { shopDomain, status: { in: [...OPEN_STATUSES] } },
      orderBy: { lastMessageAt: "desc" },
      take: WAITING_LIMIT,
    }),
    readAvailability(shopDomain),
    offerRulesOf(shopDomain),
  ]);
  const live: LiveReason = liveNow(availability, now, timeZone);
  return {
    live,
    onlineUntil: availability.onlineUntil && availability.onlineUntil > now ? availability.onlineUntil : null,
    availability,
    timeZone,
    currency,
    offers: offerFormOf(rules),
    waiting: rows.map((row): WaitingHandoff => ({
      id: row.id,
      sessionId: row.sessionId,
      status: row.status as HandoffStatus,
      label: waitingLabel(row.status as HandoffStatus, row.mode as HandoffMode),
      requestedAt: row.requestedAt.toISOString(),
      lastMessageAt: row.lastMessageAt.toISOString(),
      email: row.email,
      answerBy: row.answerBy?.toISOString() ?? null,
    })),
  };
}

/** The session's latest handoff with its whole thread, for the conversation page; null when it has none. */
export async function handoffOfSession(shopDomain: string, sessionId: string) {
  const row = await prisma.handoff.findFirst({ where: { shopDomain, sessionId }, orderBy: { requestedAt: "desc" } });
  if (!row) return null;
  const state = stateOf(row);
  // The rule by the merchant's name for it (as saved now); its id when it has since been removed.
  const offerRule = row.offerRuleId
    ? ((await offerRulesOf(shopDomain)).find((rule) => rule.id === row.offerRuleId)?.name ?? row.offerRuleId)
    : null;
  return {
    id: row.id,
    status: state.status,
    mode: state.mode,
    label: waitingLabel(state.status, state.mode),
    reason: row.reason,
    offerRule,
    email: row.email,
    answerBy: row.answerBy?.toISOString() ?? null,
    requestedAt: row.requestedAt.toISOString(),
    open: state.status !== "closed",
    canReply: move(state, { kind: "staff_replies", at: 0 }).ok,
    messages: await messagesAfter(row.id, 0, row.messageCount),
  };
}

export type StaffResult = { ok: true } | { ok: false; status: 404 | 409; error: string };

async function findInShop(shopDomain: string, handoffId: string) {
  const row = await prisma.handoff.findUnique({ where: { id: handoffId } });
  return row && row.shopDomain === shopDomain ? row : null;
}

export async function staffReply(
  shopDomain: string,
  handoffId: string,
  text: string,
  staffName: string | null,
  now: number,
): Promise<StaffResult> {
  const handoff = await findInShop(shopDomain, handoffId);
  if (!handoff) return { ok: false, status: 404, error: "No such handoff in this shop" };
  const moved = move(stateOf(handoff), { kind: "staff_replies", at: now });
  if (!moved.ok) return { ok: false, status: 409, error: `The reply was not sent: ${moved.refusal}` };
  const at = new Date(now);
  await addMessage(
    handoff,
    "staff",
    text,
    at,
    { status: moved.state.status, firstStaffReplyAt: handoff.firstStaffReplyAt ?? at },
    staffName,
  );
  await recordHandoffEvents(handoff, [{ type: "handoff_message", from: "staff" }], now);
  return { ok: true };
}

export async function staffClose(shopDomain: string, handoffId: string, now: number): Promise<StaffResult> {
  const handoff = await findInShop(shopDomain, handoffId);
  if (!handoff) return { ok: false, status: 404, error: "No such handoff in this shop" };
  if (handoff.status === "closed") return { ok: true };
  await prisma.handoff.update({ where: { id: handoff.id }, data: { status: "closed", closedAt: new Date(now) } });
  await recordHandoffEvents(handoff, [{ type: "handoff_closed" }], now);
  return { ok: true };
}
