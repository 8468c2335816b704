/**
 * Why: whether the merchant's rules offer "Talk to a person" to this conversation now (handoff-offers.ts), read
 * from what capture stored for the one chat session: its unanswered questions (kept on the session row at
 * ingest), the cart added from chat, the qualifier answers and the pages, in routing's terms, so a rule reads
 * them as a routing rule would. A shop without enabled rules costs one primary-key read.
 */
import prisma from "../db.server";
import type { PageType } from "../../contract/events";
import type { LeadFacts } from "../routing/facts";
import { qualifierFields } from "../routing/lead-facts.server";
import { cartValueOf, isPageType, pageOfPath, qualifierAnswersOf } from "../routing/stored-signals";
import { offerFor, readOfferRules, type ConversationFacts, type Offer, type OfferRule } from "./handoff-offers";

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
