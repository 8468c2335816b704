/**
 * Stored leads as the facts their HubSpot contacts are written from, the routing rules' choices
 * included. Counts and times are read from what capture and attribution stored for each lead's
 * sessions, not from counters on the lead: a counter bumped per capture batch misses the
 * micro-conversions of every batch and session that did not carry the email.
 *
 * A lead's sessions are the ones it was captured in and any other with its email or customer (as
 * routing reads them, app/routing/lead-facts.server.ts). One batch of leads costs four queries.
 */
import prisma, { type Lead } from "../db.server";
import { currencyDigits } from "../attribution/money";
import { MICRO_CONVERSION_KINDS, type MicroConversionKind } from "../../contract/events";
import { readRoutedProperties } from "../routing/routed-fields";
import type { ContactFacts } from "./contact-facts";
import { consentOf } from "./outbox.server";

/** Events of a shopper chatting (not of a prompt merely shown): first and last chat are read from them. */
const CHATTING = ["chat_opened", "flow_started", "step_answered", "micro_conversion", "question_asked"];

type Session = { id: string; email: string | null; customerId: string | null };

const isKind = (kind: string): kind is MicroConversionKind =>
  (MICRO_CONVERSION_KINDS as readonly string[]).includes(kind);

function belongsTo(lead: Lead, session: Session): boolean {
  return (
    session.id === lead.firstSessionId ||
    session.id === lead.lastSessionId ||
    session.email === lead.email ||
    (lead.customerId !== null && session.customerId === lead.customerId)
  );
}

function routedOf(lead: Lead): ContactFacts["routed"] {
  const properties = readRoutedProperties(lead.routedProperties);
  const routed = {
    ...(lead.routedLifecycleStage ? { lifecycleStage: lead.routedLifecycleStage } : {}),
    ...(lead.routedLeadStatus ? { leadStatus: lead.routedLeadStatus } : {}),
    ...(lead.hubspotOwnerId ? { ownerId: lead.hubspotOwnerId } : {}),
    ...(Object.keys(properties).length ? { properties } : {}),
  };
  return Object.keys(routed).length ? routed : undefined;
}

/** One shop's leads (a contact batch) → their contact facts, by lead id. */
export async function contactFactsOf(shopDomain: string, leads: readonly Lead[]): Promise<Map<string, ContactFacts>> {
  const facts = new Map<string, ContactFacts>();
  if (!leads.length) return facts;
  const customerIds = leads.flatMap((lead) => (lead.customerId ? [lead.customerId] : []));
  const sessions: Session[] = await prisma.chatSession.findMany({
    where: {
      shopDomain,
      OR: [
        { id: { in: leads.flatMap((lead) => [lead.firstSessionId, lead.lastSessionId]) } },
        { email: { in: leads.map((lead) => lead.email) } },
        ...(customerIds.length ? [{ customerId: { in: customerIds } }] : []),
      ],
    },
    select: { id: true, email: true, customerId: true },
  });
  const sessionIds = sessions.map((session) => session.id);
  const [micros, chatting, settings] = await Promise.all([
    prisma.microConversion.findMany({
      where: { shopDomain, sessionId: { in: sessionIds } },
      select: { sessionId: true, kind: true, at: true },
    }),
    prisma.chatEvent.groupBy({
      by: ["sessionId"],
      where: { shopDomain, sessionId: { in: sessionIds }, type: { in: CHATTING } },
      _min: { occurredAt: true },
      _max: { occurredAt: true },
    }),
    prisma.shop.findUnique({
      where: { domain: shopDomain },
      select: { attributionModel: true, attributionWindowDays: true },
    }),
  ]);
  // The shop's own model and window, as its deals and dashboard count: one order counts once.
  const credits = await prisma.credit.findMany({
    where: {
      shopDomain,
      chatSessionId: { in: sessionIds },
      model: settings?.attributionModel ?? "last_touch",
      windowDays: settings?.attributionWindowDays ?? 7,
      order: { test: false },
    },
    select: { chatSessionId: true, amountMinor: true, currency: true },
  });
  for (const lead of leads) {
    const own = new Set(sessions.filter((session) => belongsTo(lead, session)).map((session) => session.id));
    const leadMicros = micros.filter((micro) => own.has(micro.sessionId));
    const last = leadMicros
      .filter((micro) => isKind(micro.kind))
      .reduce<(typeof leadMicros)[number] | undefined>(
        (latest, micro) => (!latest || micro.at > latest.at ? micro : latest),
        undefined,
      );
    const times = chatting.filter((row) => own.has(row.sessionId));
    const firstChatAt = times
      .map((row) => row._min.occurredAt)
      .reduce<Date | undefined>((first, at) => (at && (!first || at < first) ? at : first), undefined);
    const lastChatAt = times
      .map((row) => row._max.occurredAt)
      .reduce<Date | undefined>((latest, at) => (at && (!latest || at > latest) ? at : latest), undefined);
    const leadCredits = credits.filter((credit) => own.has(credit.chatSessionId));
    const creditedMinor = leadCredits.reduce((sum, credit) => sum + Number(credit.amountMinor), 0);
    const routed = routedOf(lead);
    facts.set(lead.id, {
      email: lead.email,
      consent: { state: consentOf(lead), at: lead.consentAt },
      intentScore: lead.intentScore,
      microConversions: {
        count: leadMicros.length,
        ...(last ? { lastKind: last.kind as MicroConversionKind, lastAt: last.at } : {}),
      },
      ...(firstChatAt ? { firstChatAt } : {}),
      ...(lastChatAt ? { lastChatAt } : {}),
      lastPage: lead.lastPagePath ?? undefined,
      productInterest: lead.productInterest ? [lead.productInterest] : undefined,
      // Known once an order was credited to the lead's chats (a refunded one brings it back to 0).
      ...(leadCredits[0]
        ? { attributedRevenue: Math.max(0, creditedMinor) / 10 ** currencyDigits(leadCredits[0].currency) }
        : {}),
      ...(routed ? { routed } : {}),
      observedAt: lead.updatedAt,
    });
  }
  return facts;
}

/** One lead's contact facts (a rule's task or deal needing its contact). */
export async function contactFactsOfLead(lead: Lead): Promise<ContactFacts> {
  const facts = (await contactFactsOf(lead.shopDomain, [lead])).get(lead.id);
  if (!facts) throw new Error(`no contact facts for lead ${lead.id}`);
  return facts;
}
