/**
 * What the routing engine knows about a lead, as plain data. The DB step builds it from Lead,
 * ChatSession, MicroConversion, Order and Credit rows; the engine never reads a database or a
 * clock. Times are milliseconds since the epoch; money is integer minor units of the shop
 * currency (as in attribution), so "cart value ≥ 100" compares whole cents.
 */
import type { MicroConversionKind, PageType } from "../../contract/events";
import type { ConsentState } from "../sync/contact-facts";

export type { ConsentState, MicroConversionKind, PageType };

/** Milliseconds since the epoch. */
export type Instant = number;
/** Integer minor units of the shop currency (4200 = $42.00). */
export type Minor = number;

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;

export type QualifierAnswer = { kind: "choice"; value: string } | { kind: "number"; value: number };

export interface LeadFacts {
  /** ChatLift's lead id: the key of decisions, once-only actions and samples. */
  leadId: string;
  /** Normalized (trimmed, lower-case); absent until the shopper leaves one. Nothing reaches HubSpot without it. */
  email?: string;
  consent: ConsentState;
  /** The score last written to HubSpot, to tell whether a recomputed one must be sent. */
  intentScore?: number;
  microConversions: Array<{ kind: MicroConversionKind; at: Instant; productId?: string }>;
  pages: Array<{ type: PageType; path: string; handle?: string; at: Instant }>;
  /** Shopify product ids (numeric or gid) viewed, asked about or added from chat. */
  productIds: string[];
  /** Collection ids (numeric or gid) and handles the lead browsed. */
  collections: string[];
  cartValue?: Minor;
  orders: { count: number; revenue: Minor };
  /** Shop currency: rule amounts are typed by the merchant in it. */
  currency: string;
  /** ISO 3166-1 alpha-2, upper case. */
  country?: string;
  utm?: { source?: string; medium?: string; campaign?: string };
  /** By qualifier field, e.g. team_size → { kind: "number", value: 12 }. */
  qualifierAnswers: Record<string, QualifierAnswer>;
  /** The HubSpot owner the contact has, as last known: owner rules keep it unless told to overwrite. */
  ownerId?: string;
  /**
   * The shopper asked for a person (a `handoff_requested` chat event in one of the lead's sessions). Only the
   * yes / no: what they asked is read by the ticket's worker when it sends (handoff-facts.server.ts), so no
   * condition, reason or decision log ever holds the shopper's words.
   */
  handoffRequested?: boolean;
  /** Dedupe keys of once-only intents (task, deal, event, ticket) already emitted for this lead. */
  emittedOnce?: string[];
}

/** "gid://shopify/Product/42" and "42" name the same product. */
export function shopifyIdKey(id: string): string {
  const trimmed = id.trim();
  const gid = /^gid:\/\/shopify\/[A-Za-z]+\/(\d+)$/.exec(trimmed);
  return (gid?.[1] ?? trimmed).toLowerCase();
}

export function emailDomain(email: string | undefined): string | undefined {
  if (!email) return undefined;
  const at = email.lastIndexOf("@");
  return at < 0
    ? undefined
    : email
        .slice(at + 1)
        .trim()
        .toLowerCase() || undefined;
}
