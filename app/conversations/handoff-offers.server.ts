/**
 * Why: whether the merchant's rules offer "Talk to a person" to this conversation now (handoff-offers.ts), read
 * from what capture stored for the one chat session: its unanswered questions (kept on the session row at
 * ingest), the cart added from chat, the qualifier answers and the pages, in routing's terms, so a rule reads
 * them as a routing rule would. A shop without enabled rules costs one primary-key read.
 */
import prisma from "../db.server";
import type { EventBatch, PageType } from "../../contract/events";
import { ingestBatch, type IngestRequest, type IngestResult } from "../capture/ingest.server";
import type { LeadFacts } from "../routing/facts";
import { qualifierFields } from "../routing/lead-facts.server";
import { cartValueOf, isPageType, pageOfPath, qualifierAnswersOf } from "../routing/stored-signals";
import { OPEN_STATUSES } from "./handoff";
import {
  offerFor,
  readOfferRules,
  sessionToOffer,
  type ConversationFacts,
  type Offer,
  type OfferRule,
} from "./handoff-offers";

/** The page the shopper is on, as the widget reports it. */
export type CurrentPage = { type: PageType; path: string };

/** The rule that offers a person to this conversation now, or null. */
export async function offeredHandoff(
  shopDomain: string,
  sessionId: string,
  now: number,
  page?: CurrentPage,
): Promise<Offer | null> {
  const rules = (await offerRulesOf(shopDomain)).filter((rule) => rule.enabled);
  if (!rules.length) return null;
  const facts = await conversationFacts(shopDomain, sessionId, now, page);
  return facts && offerFor(rules, facts, now);
}

/**
 * The events route's service: the batch stored, and with the answer whether the merchant's rules offer a person
 * now, so a shopper who never types sees the offer too (the widget reads it from the response it already gets).
 */
export async function ingestOffering(request: IngestRequest): Promise<IngestResult | StoredWithOffer> {
  const result = await ingestBatch(request);
  if (result.status !== "stored") return result;
  const now = (request.receivedAt ?? new Date()).getTime();
  return (await offerAfterBatch(request.shopDomain, request.batch, now)) ? { ...result, handoff: true } : result;
}

type StoredWithOffer = Extract<IngestResult, { status: "stored" }> & { handoff: true };

/**
 * Whether a stored batch's response offers "Talk to a person" (handoff-offers.ts sessionToOffer picks the batches
 * worth asking about). Not while a handoff of the session is open (the shopper has one), nor in a holdout session a
 * prompt started in an earlier batch (the holdout's proactive path). A failed look-up offers nothing: the events
 * are stored already, and an error would make the widget send them again.
 */
export async function offerAfterBatch(shopDomain: string, batch: EventBatch, now: number): Promise<boolean> {
  const sessionId = sessionToOffer(batch);
  if (!sessionId) return false;
  try {
    if (!(await offeredHandoff(shopDomain, sessionId, now, { type: batch.page.type, path: batch.page.path })))
      return false;
    const [open, prompted] = await Promise.all([
      prisma.handoff.findFirst({
        where: { shopDomain, sessionId, status: { in: [...OPEN_STATUSES] } },
        select: { id: true },
      }),
      batch.arm === "holdout"
        ? prisma.chatEvent.findFirst({ where: { shopDomain, sessionId, type: "prompt_shown" }, select: { id: true } })
        : null,
    ]);
    return !open && !prompted;
  } catch (error) {
    console.warn(`[handoff offer] ${shopDomain}: no offer with this batch's response: ${String(error)}`);
    return false;
  }
}

/** The conversation's facts; null for a session capture has not stored (nothing to offer on). */
export async function conversationFacts(
  shopDomain: string,
  sessionId: string,
  now: number,
  page?: CurrentPage,
): Promise<ConversationFacts | null> {
  const [session, shop, adds, answers] = await Promise.all([
    prisma.chatSession.findUnique({ where: { shopDomain_id: { shopDomain, id: sessionId } } }),
    prisma.shop.findUnique({ where: { domain: shopDomain }, select: { currency: true } }),
    prisma.microConversion.findMany({
      where: { shopDomain, sessionId, kind: "add_to_cart" },
      select: { at: true, valueMinor: true },
    }),
    prisma.chatEvent.findMany({
      where: {
        shopDomain,
        sessionId,
        OR: [{ type: "step_answered" }, { type: "micro_conversion", microKind: "qualifier" }],
      },
      select: { flowId: true, stepId: true, data: true, occurredAt: true },
    }),
  ]);
  if (!session) return null;
  const fields = answers.length ? await qualifierFields(prisma, shopDomain) : new Map<string, string>();
  const visited = [
    ...(session.landingPath
      ? [{ path: session.landingPath, at: session.startedAt.getTime(), stored: session.pageType }]
      : []),
    ...(page && page.path !== session.landingPath ? [{ path: page.path, at: now, stored: page.type }] : []),
  ].map(({ path, at, stored }) => {
    const read = pageOfPath(path);
    return { type: isPageType(stored) ? stored : read.type, path, ...(read.handle ? { handle: read.handle } : {}), at };
  });
  const cartValue = cartValueOf(
    adds.map((add) => ({
      sessionId,
      at: add.at.getTime(),
      valueMinor: add.valueMinor === null ? null : Number(add.valueMinor),
    })),
  );
  const utm = { source: session.utmSource, medium: session.utmMedium, campaign: session.utmCampaign };
  const facts: LeadFacts = {
    leadId: `session:${sessionId}`,
    consent: "none",
    microConversions: [],
    pages: visited,
    productIds: [],
    collections: [],
    ...(cartValue !== undefined ? { cartValue } : {}),
    orders: { count: 0, revenue: 0 },
    currency: shop?.currency ?? "USD",
    ...(session.country ? { country: session.country } : {}),
    utm: Object.fromEntries(Object.entries(utm).filter(([, value]) => value)),
    qualifierAnswers: qualifierAnswersOf(
      answers.map((event) => ({ ...event, at: event.occurredAt.getTime() })),
      fields,
    ),
  };
  return { abstentions: session.abstainCount, facts };
}

/** The shop's offer rules as stored (none when it never set any). */
export async function offerRulesOf(shopDomain: string): Promise<OfferRule[]> {
  const settings = await prisma.handoffSettings.findUnique({ where: { shopDomain }, select: { offerRules: true } });
  return readOfferRules(settings?.offerRules ?? null);
}

/** Checked rules only: the admin form parses them with offerRulesSchema first. */
export async function saveOfferRules(shopDomain: string, rules: readonly OfferRule[]): Promise<void> {
  const offerRules = rules.length ? JSON.stringify(rules) : null;
  await prisma.handoffSettings.upsert({
    where: { shopDomain },
    create: { shopDomain, offerRules },
    update: { offerRules },
  });
}
