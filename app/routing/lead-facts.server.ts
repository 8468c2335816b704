/**
 * A lead's LeadFacts, read from what capture and attribution stored. Facts the tables do not
 * hold are left undefined or empty rather than guessed, so a rule on them does not match:
 *  - pages: each session's landing page and the lead's latest page (capture keeps no other
 *    page views); types and handles are read from the paths (stored-signals.ts).
 *  - collections: handles of the collection pages among those, and of product paths reached
 *    through a collection.
 *  - qualifier answers and cart value: from the events' JSON (step answers, qualifier
 *    micro-conversions) and the add-to-cart micro-conversions' values.
 *  - country: the latest session's storefront country (the market the page was shown in).
 */
import type { Database, Tx } from "../db.server";
import { MICRO_CONVERSION_KINDS, type MicroConversionKind } from "../../contract/events";
import { consentOf, syncConsentMode } from "../sync/outbox.server";
import type { ConsentMode } from "../sync/consent";
import type { LeadFacts } from "./facts";
import { latestHandoffRequest } from "./handoff-facts.server";
import { restoreRoundRobinState, type RoundRobinState } from "./owners";
import { starterConfig } from "../flows/starter-config";
import {
  cartValueOf,
  collectionOfPath,
  isPageType,
  pageOfPath,
  qualifierAnswersOf,
  qualifierFieldsOf,
} from "./stored-signals";

type Reader = Pick<
  Tx | Database,
  "chatSession" | "chatEvent" | "microConversion" | "order" | "credit" | "routingDecision" | "widgetPublication"
>;
type ShopReader = Pick<Tx | Database, "shop" | "roundRobinState">;

/** When a shop has no currency stored yet (before its first order webhook): rule amounts still compare in minor units. */
const UNKNOWN_CURRENCY = "USD";

export type RoutingContext = { currency: string; consentMode: ConsentMode; ownerAssignment: RoundRobinState };

/** The shop's side of an evaluation. Inside a transaction, so two leads routed at once cannot take the same round-robin turn. */
export async function readRoutingContext(db: ShopReader, shopDomain: string): Promise<RoutingContext> {
  const shop = await db.shop.findUnique({
    where: { domain: shopDomain },
    select: { currency: true, consentMode: true },
  });
  const places = await db.roundRobinState.findMany({ where: { shopDomain } });
  return {
    currency: shop?.currency ?? UNKNOWN_CURRENCY,
    consentMode: syncConsentMode(shop?.consentMode ?? "explicit"),
    ownerAssignment: restoreRoundRobinState(
      Object.fromEntries(
        places.map((place) => [place.ruleId, { lastOwnerId: place.lastOwnerId, assigned: place.assigned }]),
      ),
    ),
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
  lastPagePath?: string | null;
  hubspotOwnerId?: string | null;
  updatedAt?: Date;
};

const isKind = (kind: string): kind is MicroConversionKind =>
  (MICRO_CONVERSION_KINDS as readonly string[]).includes(kind);

/** Dedupe keys of the once-only intents earlier decisions emitted, so they are not emitted twice. */
async function emittedOnce(db: Reader, lead: StoredLead): Promise<string[]> {
  const earlier = await db.routingDecision.findMany({
    where: { shopDomain: lead.shopDomain, leadId: lead.id, status: "matched" },
    select: { detail: true },
  });
  const keys = new Set<string>();
  for (const { detail } of earlier) {
    const intents = (JSON.parse(detail) as { intents?: Array<{ dedupeKey?: string }> }).intents ?? [];
    for (const intent of intents) if (intent.dedupeKey) keys.add(intent.dedupeKey);
  }
  return [...keys];
}

/** Recent widget configs the storefront ran (the starter one first): which field each qualifier step answers. */
export async function qualifierFields(db: Reader, shopDomain: string): Promise<Map<string, string>> {
  const published = await db.widgetPublication.findMany({
    where: { shopDomain },
    orderBy: { publishedAt: "desc" },
    take: 20,
    select: { config: true },
  });
  const configs: unknown[] = [starterConfig()];
  for (const { config } of published.reverse()) {
    try {
      configs.push(JSON.parse(config));
    } catch {
      // A publication this cannot read names no fields; the step id stands in.
    }
  }
  return qualifierFieldsOf(configs);
}

type SessionsOfLead = Pick<StoredLead, "shopDomain" | "email" | "customerId" | "firstSessionId" | "lastSessionId">;

/** A lead's sessions, oldest first: the ones it was captured in, and any other with its email or customer. */
export function sessionsOfLead(db: Pick<Tx | Database, "chatSession">, lead: SessionsOfLead) {
  return db.chatSession.findMany({
    where: {
      shopDomain: lead.shopDomain,
      OR: [
        { id: { in: [lead.firstSessionId, lead.lastSessionId] } },
        { email: lead.email },
        ...(lead.customerId ? [{ customerId: lead.customerId }] : []),
      ],
    },
    orderBy: { startedAt: "asc" },
  });
}

export async function loadLeadFacts(db: Reader, lead: StoredLead, currency: string): Promise<LeadFacts> {
  const shopDomain = lead.shopDomain;
  const sessions = await sessionsOfLead(db, lead);
  const sessionIds = sessions.map((session) => session.id);
  const micros = await db.microConversion.findMany({
    where: { shopDomain, sessionId: { in: sessionIds } },
    orderBy: { at: "asc" },
  });
  const creditedOrderIds = (
    await db.credit.findMany({
      where: { shopDomain, chatSessionId: { in: sessionIds } },
      select: { orderId: true },
      distinct: ["orderId"],
    })
  ).map((credit) => credit.orderId);
  const orders = await db.order.findMany({
    where: {
      shopDomain,
      test: false,
      OR: [
        { id: { in: creditedOrderIds } },
        { chatSessionId: { in: sessionIds } },
        { email: lead.email },
        ...(lead.customerId ? [{ customerId: lead.customerId }] : []),
      ],
    },
    select: { netMinor: true },
  });
  const answers = await db.chatEvent.findMany({
    where: {
      shopDomain,
      sessionId: { in: sessionIds },
      OR: [{ type: "step_answered" }, { type: "micro_conversion", microKind: "qualifier" }],
    },
    select: { flowId: true, stepId: true, data: true, occurredAt: true },
  });
  const fields = answers.length ? await qualifierFields(db, shopDomain) : new Map<string, string>();
  const first = sessions[0];
  const productIds = new Set(micros.flatMap((micro) => (micro.productId ? [micro.productId] : [])));
  const pages = sessions.flatMap((session) =>
    session.landingPath
      ? [{ path: session.landingPath, at: session.startedAt.getTime(), storedType: session.pageType }]
      : [],
  );
  // The latest page, unless it is the page the latest session landed on (one view, not two).
  if (lead.lastPagePath && lead.lastPagePath !== pages.at(-1)?.path)
    pages.push({
      path: lead.lastPagePath,
      at: (lead.updatedAt ?? sessions.at(-1)?.lastSeenAt ?? new Date(0)).getTime(),
      storedType: null,
    });
  const visited = pages.map(({ path, at, storedType }) => {
    const read = pageOfPath(path);
    // Capture's own page type, when it stored one, knows better than the path (e.g. a custom template).
    return {
      type: isPageType(storedType) ? storedType : read.type,
      path,
      ...(read.handle ? { handle: read.handle } : {}),
      at,
    };
  });
  const collections = new Set(
    visited
      .flatMap((page) => [page.type === "collection" ? page.handle : undefined, collectionOfPath(page.path)])
      .filter((handle): handle is string => !!handle),
  );
  const country = sessions.findLast((session) => session.country)?.country;
  const cartValue = cartValueOf(
    micros
      .filter((micro) => micro.kind === "add_to_cart")
      .map((micro) => ({
        sessionId: micro.sessionId,
        at: micro.at.getTime(),
        valueMinor: micro.valueMinor === null ? null : Number(micro.valueMinor),
      })),
  );
  return {
    leadId: lead.id,
    email: lead.email,
    consent: consentOf(lead),
    intentScore: lead.intentScore,
    microConversions: micros.flatMap((micro) =>
      isKind(micro.kind)
        ? [{ kind: micro.kind, at: micro.at.getTime(), ...(micro.productId ? { productId: micro.productId } : {}) }]
        : [],
    ),
    pages: visited,
    productIds: [...productIds],
    collections: [...collections],
    ...(cartValue !== undefined ? { cartValue } : {}),
    ...(country ? { country } : {}),
    orders: { count: orders.length, revenue: orders.reduce((sum, order) => sum + Number(order.netMinor), 0) },
    currency,
    ...(first?.utmSource || first?.utmMedium || first?.utmCampaign
      ? {
          utm: {
            ...(first.utmSource ? { source: first.utmSource } : {}),
            ...(first.utmMedium ? { medium: first.utmMedium } : {}),
            ...(first.utmCampaign ? { campaign: first.utmCampaign } : {}),
          },
        }
      : {}),
    qualifierAnswers: qualifierAnswersOf(
      answers.map((event) => ({
        flowId: event.flowId,
        stepId: event.stepId,
        data: event.data,
        at: event.occurredAt.getTime(),
      })),
      fields,
    ),
    ...(lead.hubspotOwnerId ? { ownerId: lead.hubspotOwnerId } : {}),
    ...((await latestHandoffRequest(db, shopDomain, sessionIds)) ? { handoffRequested: true } : {}),
    emittedOnce: await emittedOnce(db, lead),
  };
}
