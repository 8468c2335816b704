/**
 * Why: `hubspot.chat_note` keeps ONE chat summary note on the lead's HubSpot contact, rewritten (PATCH) as the
 * conversation goes on, never a second one. Enqueued by the contact sync each time it delivers the contact (so
 * after every change that routes the lead), one waiting job per lead. The note's id is kept as a RoutingAction
 * row of the lead (kind `chat_note`), which redaction, retention and data requests already cover; a note the
 * merchant's team deleted in HubSpot is made again. Left open: a worker killed between HubSpot's answer to the
 * first create and the stored id leaves one extra note (HubSpot has no idempotency key for notes).
 */
import prisma, { type Tx } from "../db.server";
import { readConversation } from "../conversations/conversation-detail.server";
import type { JobContext } from "../platform/jobs/runner.server";
import { loadLeadFacts, sessionsOfLead } from "../routing/lead-facts.server";
import { chatSummaryNoteBody, type ChatSummary, type SummaryConversation } from "./chat-notes";
import { enqueueJobs } from "../platform/jobs/enqueue-many.server";
import { CHAT_NOTE_JOB, consentOf, leadJobKey } from "./outbox.server";
import { runShopJob } from "./single-job.server";

/** The lead only: the note's words are read when it is written, so no shopper text waits in the job table. */
export type ChatNoteJobPayload = { shopDomain: string; leadId: string };

/**
 * A chat changes its lead many times in a minute (each answer, each page): the note waits this long after the
 * first change, so the burst is one write, not one per event, and live contact syncs keep HubSpot's limit.
 */
export const CHAT_NOTE_DELAY_MS = 2 * 60_000;

/** One waiting chat-note job per lead: a burst of contact syncs rewrites the note once. */
export async function enqueueChatNotes(
  db: Pick<Tx, "job">,
  shopDomain: string,
  leadIds: readonly string[],
  now = new Date(),
): Promise<number> {
  const unique = [...new Set(leadIds)];
  const runAt = new Date(now.getTime() + CHAT_NOTE_DELAY_MS);
  await enqueueJobs(
    db,
    unique.map((leadId) => ({
      kind: CHAT_NOTE_JOB,
      payload: { shopDomain, leadId } satisfies ChatNoteJobPayload,
      dedupeKey: leadJobKey(shopDomain, leadId),
      runAt,
      shopDomain,
    })),
    now,
  );
  return unique.length;
}

type Lead = NonNullable<Awaited<ReturnType<typeof prisma.lead.findUnique>>>;

/** The conversations a note covers: the lead's latest ones, enough for a person to read before answering. */
export const MAX_SUMMARY_CONVERSATIONS = 20;

export const chatNoteKey = (leadId: string) => `${leadId}:chat_note`;

export async function readChatSummary(lead: Lead): Promise<ChatSummary> {
  const shop = await prisma.shop.findUnique({ where: { domain: lead.shopDomain }, select: { currency: true } });
  const facts = await loadLeadFacts(prisma, lead, shop?.currency ?? "USD");
  const sessions = (await sessionsOfLead(prisma, lead)).slice(-MAX_SUMMARY_CONVERSATIONS);
  const conversations: SummaryConversation[] = [];
  const credits = new Map<string, ChatSummary["credits"][number]>();
  for (const session of sessions) {
    const conversation = await readConversation(lead.shopDomain, session.id);
    if (!conversation) continue;
    conversations.push({
      sessionId: session.id,
      startedAt: conversation.row.startedAt,
      landingPath: conversation.row.landingPath,
      utm: conversation.row.utm,
      lines: conversation.transcript,
    });
    for (const credit of conversation.credits)
      credits.set(`${credit.orderId} ${session.id}`, {
        orderName: credit.orderName,
        amount: credit.amount,
        rule: credit.rule,
      });
  }
  return {
    conversations,
    qualifierAnswers: facts.qualifierAnswers,
    productIds: facts.productIds,
    pages: facts.pages.map((page) => ({ path: page.path, at: page.at })),
    credits: [...credits.values()],
  };
}

async function writeNote(
  crmNote: {
    update: (noteId: string) => Promise<boolean>;
    create: () => Promise<string>;
  },
  lead: Lead,
  now: Date,
): Promise<void> {
  const key = { shopDomain: lead.shopDomain, dedupeKey: chatNoteKey(lead.id) };
  const stored = await prisma.routingAction.findUnique({ where: { shopDomain_dedupeKey: key } });
  if (stored?.hubspotObjectId && (await crmNote.update(stored.hubspotObjectId))) return;
  const noteId = await crmNote.create();
  await prisma.routingAction.upsert({
    where: { shopDomain_dedupeKey: key },
    create: { ...key, leadId: lead.id, kind: "chat_note", hubspotObjectId: noteId, doneAt: now },
    update: { hubspotObjectId: noteId, doneAt: now },
  });
}

export async function runChatNoteJob(payload: unknown, context: JobContext): Promise<void> {
  const { shopDomain, leadId } = payload as ChatNoteJobPayload;
  await runShopJob(shopDomain, context, async (shop) => {
    const lead = await prisma.lead.findUnique({ where: { id: leadId } });
    // Redacted, consent withdrawn, or not in HubSpot (the contact sync enqueues this once it is): nothing to write.
    if (!lead || lead.shopDomain !== shopDomain || consentOf(lead) !== "granted" || !lead.hubspotContactId) return;
    const contactId = lead.hubspotContactId;
    const note = {
      body: chatSummaryNoteBody(await readChatSummary(lead)),
      // Dated when the lead first chatted: rewriting it does not move it on the contact's timeline.
      timestamp: lead.createdAt.toISOString(),
      ...(lead.hubspotOwnerId ? { ownerId: lead.hubspotOwnerId } : {}),
    };
    await writeNote(
      {
        update: (noteId) => shop.crm.updateNote(noteId, note),
        create: () => shop.crm.createNote(note, [{ objectType: "contacts", id: contactId }]),
      },
      lead,
      new Date(),
    );
  });
}
