/**
 * A lead's LeadFacts, read from what capture and attribution stored. Facts the tables do not
 * hold yet are left undefined or empty rather than guessed, so a rule on them does not match:
 *  - collections, cartValue, country and qualifierAnswers live only inside ChatEvent.data (or
 *    not at all: country); nothing parses them into columns yet.
 *  - pages: only each session's landing page is stored as columns; later page views are not.
 *  - ownerId: Lead has no owner column; the owner a decision assigns is kept in its detail.
 */
import type { PrismaClient } from "../generated/prisma/sqlite/client";
import type { TransactionClient } from "../generated/prisma/sqlite/internal/prismaNamespace";
import { PAGE_TYPES, MICRO_CONVERSION_KINDS, type MicroConversionKind, type PageType } from "../capture/events";
import { consentOf, syncConsentMode } from "../hubspot/outbox.server";
import type { ConsentMode } from "../sync/consent";
import type { LeadFacts } from "./facts";
import { restoreRoundRobinState, type RoundRobinState } from "./owners";

type Reader = Pick<TransactionClient | PrismaClient, "chatSession" | "microConversion" | "order" | "credit" | "routingDecision">;
type ShopReader = Pick<TransactionClient | PrismaClient, "shop" | "roundRobinState">;

/** When a shop has no currency stored yet (before its first order webhook): rule amounts still compare in minor units. */
const UNKNOWN_CURRENCY = "USD";

export type RoutingContext = { currency: string; consentMode: ConsentMode; ownerAssignment: RoundRobinState };

/** The shop's side of an evaluation. Inside a transaction, so two leads routed at once cannot take the same round-robin turn. */
export async function readRoutingContext(db: ShopReader, shopDomain: string): Promise<RoutingContext> {
  const shop = await db.shop.findUnique({ where: { domain: shopDomain }, select: { currency: true, consentMode: true } });
  const places = await db.roundRobinState.findMany({ where: { shopDomain } });
  return {
    currency: shop?.currency ?? UNKNOWN_CURRENCY,
    consentMode: syncConsentMode(shop?.consentMode ?? "explicit"),
    ownerAssignment: restoreRoundRobinState(Object.fromEntries(places.map((place) => [place.ruleId, { lastOwnerId: place.lastOwnerId, assigned: place.assigned }]))),
  };
}

export type StoredLead = {
  id: string;
  shopDomain: string;
  email: string;
  consentAt: Date | null;
  customerId: string | null;
  firstSessionId: string;
  lastSessionId: string;
  intentScore: number;
};

const isKind = (kind: string): kind is MicroConversionKind => (MICRO_CONVERSION_KINDS as readonly string[]).includes(kind);
const isPageType = (type: string | null): type is PageType => type !== null && (PAGE_TYPES as readonly string[]).includes(type);

/** Dedupe keys of the once-only intents earlier decisions emitted, so they are not emitted twice. */
async function emittedOnce(db: Reader, lead: StoredLead): Promise<string[]> {
  const earlier = await db.routingDecision.findMany({ where: { shopDomain: lead.shopDomain, leadId: lead.id, status: "matched" }, select: { detail: true } });
  const keys = new Set<string>();
  for (const { detail } of earlier) {
    const intents = (JSON.parse(detail) as { intents?: Array<{ dedupeKey?: string }> }).intents ?? [];
    for (const intent of intents) if (intent.dedupeKey) keys.add(intent.dedupeKey);
  }
  return [...keys];
}

export async function loadLeadFacts(db: Reader, lead: StoredLead, currency: string): Promise<LeadFacts> {
  const shopDomain = lead.shopDomain;
  // A lead's sessions: the ones it was captured in, and any other with its email or customer.
  const sessions = await db.chatSession.findMany({
    where: {
      shopDomain,
      OR: [{ id: { in: [lead.firstSessionId, lead.lastSessionId] } }, { email: lead.email }, ...(lead.customerId ? [{ customerId: lead.customerId }] : [])],
    },
    orderBy: { startedAt: "asc" },
  });
  const sessionIds = sessions.map((session) => session.id);
  const micros = await db.microConversion.findMany({ where: { shopDomain, sessionId: { in: sessionIds } }, orderBy: { at: "asc" } });
  const creditedOrderIds = (await db.credit.findMany({ where: { shopDomain, chatSessionId: { in: sessionIds } }, select: { orderId: true }, distinct: ["orderId"] })).map(
    (credit) => credit.orderId,
  );
  const orders = await db.order.findMany({
    where: {
      shopDomain,
      test: false,
      OR: [{ id: { in: creditedOrderIds } }, { chatSessionId: { in: sessionIds } }, { email: lead.email }, ...(lead.customerId ? [{ customerId: lead.customerId }] : [])],
    },
    select: { netMinor: true },
  });
  const first = sessions[0];
  const productIds = new Set(micros.flatMap((micro) => (micro.productId ? [micro.productId] : [])));
  return {
    leadId: lead.id,
    email: lead.email,
    consent: consentOf(lead),
    intentScore: lead.intentScore,
    microConversions: micros.flatMap((micro) => (isKind(micro.kind) ? [{ kind: micro.kind, at: micro.at.getTime(), ...(micro.productId ? { productId: micro.productId } : {}) }] : [])),
    pages: sessions.flatMap((session) =>
      session.landingPath && isPageType(session.pageType) ? [{ type: session.pageType, path: session.landingPath, at: session.startedAt.getTime() }] : [],
    ),
    productIds: [...productIds],
    collections: [],
    orders: { count: orders.length, revenue: orders.reduce((sum, order) => sum + Number(order.netMinor), 0) },
    currency,
    ...(first?.utmSource || first?.utmMedium || first?.utmCampaign
      ? { utm: { ...(first.utmSource ? { source: first.utmSource } : {}), ...(first.utmMedium ? { medium: first.utmMedium } : {}), ...(first.utmCampaign ? { campaign: first.utmCampaign } : {}) } }
      : {}),
    qualifierAnswers: {},
    emittedOnce: await emittedOnce(db, lead),
  };
}
