/**
 * Why: one conversation as the merchant reads it — the transcript, the visit, the lead and the orders
 * credited to it — for this shop only: another shop's session reads as a missing one.
 */
import prisma from "../db.server";
import { formatMoney } from "../attribution/money";
import { parseStoredFlow } from "../flows/publish.server";
import type { Flow } from "../../contract/widget-config";
import type { ConversationRow } from "./conversation-csv";
import { rowsOf } from "./conversations.server";
import { eventsOf, shopFrame } from "./conversation-reads.server";
import { eventData, transcriptOf, type FlowAt, type TranscriptLine } from "./transcript";

export interface ConversationDetail {
  row: ConversationRow;
  transcript: TranscriptLine[];
  lead: { id: string; email: string; qualified: boolean; hubspotContactId: string | null } | null;
  credits: { orderId: string; orderName: string; amount: string; rule: string; role: string }[];
  country: string | null;
  referrer: string | null;
  timeZone: string;
}

/** Flow versions live at each instant: the newest version published at or before it, else the first. */
async function flowLookup(shopDomain: string, flowIds: string[]): Promise<FlowAt> {
  const versions = await prisma.flowVersion.findMany({
    where: { shopDomain, flowId: { in: flowIds } },
    orderBy: [{ flowId: "asc" }, { number: "asc" }],
    select: { flowId: true, publishedAt: true, definition: true },
  });
  const parsed = new Map<string, { publishedAt: Date; flow: Flow | null }[]>();
  for (const version of versions) {
    let flow: Flow | null = null;
    try {
      flow = parseStoredFlow(version.definition);
    } catch {
      flow = null;
    }
    parsed.set(version.flowId, [...(parsed.get(version.flowId) ?? []), { publishedAt: version.publishedAt, flow }]);
  }
  return (flowId, at) => {
    const list = parsed.get(flowId) ?? [];
    const live = list.filter((version) => version.publishedAt <= at).pop() ?? list[0];
    return live?.flow ?? null;
  };
}

/** One conversation of this shop; null when the session is another shop's or unknown (callers answer 404). */
export async function readConversation(shopDomain: string, sessionId: string): Promise<ConversationDetail | null> {
  const session = await prisma.chatSession.findUnique({ where: { shopDomain_id: { shopDomain, id: sessionId } } });
  if (!session) return null;
  const frame = await shopFrame(shopDomain);
  const [row] = await rowsOf(shopDomain, [sessionId], frame);
  const events = await eventsOf(shopDomain, [sessionId]);
  const flowAt = await flowLookup(shopDomain, [...new Set(events.flatMap((e) => (e.flowId ? [e.flowId] : [])))]);
  const asked = events.find((event) => event.type === "question_asked");
  const askedIn = asked ? eventData(asked).locale : undefined;
  const locale = typeof askedIn === "string" ? askedIn : "en";
  const [lead, credits] = await Promise.all([
    prisma.lead.findFirst({
      // The shop in every branch: each one is then one index lookup, not a walk over the shop's leads.
      where: {
        OR: [
          { shopDomain, firstSessionId: sessionId },
          { shopDomain, lastSessionId: sessionId },
          ...(session.email ? [{ shopDomain, email: session.email }] : []),
        ],
      },
      select: { id: true, email: true, qualifiedAt: true, hubspotContactId: true },
    }),
    prisma.credit.findMany({
      where: { shopDomain, chatSessionId: sessionId, model: frame.model, windowDays: frame.windowDays },
      select: {
        orderId: true,
        amountMinor: true,
        currency: true,
        rule: true,
        role: true,
        order: { select: { name: true } },
      },
      orderBy: { orderId: "asc" },
    }),
  ]);
  return {
    row: row!,
    transcript: transcriptOf(events, flowAt, locale),
    lead: lead
      ? {
          id: lead.id,
          email: lead.email,
          qualified: lead.qualifiedAt !== null,
          hubspotContactId: lead.hubspotContactId,
        }
      : null,
    credits: credits.map((credit) => ({
      orderId: credit.orderId,
      orderName: credit.order.name,
      amount: formatMoney(Number(credit.amountMinor), credit.currency),
      rule: credit.rule,
      role: credit.role,
    })),
    country: session.country,
    referrer: session.referrer,
    timeZone: frame.timeZone,
  };
}
