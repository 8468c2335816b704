/**
 * Why: the Conversations page and its CSV export read the same filters from the query string; a filter that
 * cannot be applied comes back as a message naming the allowed values, never as a silently wider list.
 */
import { conversationFiltersSchema, type ConversationFilters } from "../../conversations/conversation-list";
import {
  emptyConversationList,
  exportConversationsCsv,
  listConversations,
} from "../../conversations/conversations.server";
import { describeProblems } from "../../platform/validation/zod-errors";
import { readConversation } from "../../conversations/conversation-detail.server";
import { handoffOfSession, waitingHandoffs } from "../../conversations/handoff-staff.server";

type Parsed = { ok: true; filters: ConversationFilters } | { ok: false; errors: string[] };

export function parseConversationFilters(search: URLSearchParams): Parsed {
  const parsed = conversationFiltersSchema.safeParse(Object.fromEntries(search));
  if (parsed.success) return { ok: true, filters: parsed.data };
  return { ok: false, errors: describeProblems(parsed.error).split("; ") };
}

export async function loadConversations(shopDomain: string, search: URLSearchParams, now: number) {
  const parsed = parseConversationFilters(search);
  const shown = Object.fromEntries(
    ["from", "to", "flow", "outcome", "csat", "q"].map((key) => [key, search.get(key) ?? ""]),
  );
  // The shoppers waiting for a person head the page whatever the filters say.
  const handoffs = await waitingHandoffs(shopDomain, now);
  if (!parsed.ok) return { errors: parsed.errors, shown, handoffs, list: await emptyConversationList(shopDomain, now) };
  return { errors: [] as string[], shown, handoffs, list: await listConversations(shopDomain, parsed.filters, now) };
}

/** One conversation and its handoff (the thread the staff answer in); null when the shop has no such session. */
export async function loadConversation(shopDomain: string, sessionId: string) {
  const conversation = await readConversation(shopDomain, sessionId);
  if (!conversation) return null;
  return { conversation, handoff: await handoffOfSession(shopDomain, sessionId) };
}

export async function conversationsCsvFor(shopDomain: string, search: URLSearchParams, now: number) {
  const parsed = parseConversationFilters(search);
  if (!parsed.ok) return { ok: false as const, errors: parsed.errors };
  return { ok: true as const, ...(await exportConversationsCsv(shopDomain, parsed.filters, now)) };
}
