/**
 * What ChatLift knows about a lead when it syncs it to a HubSpot contact: the facts the route stage decided to send.
 * Plain data, built by the DB step from Lead / ChatSession / Credit rows.
 */
import type { MicroConversionKind } from "../../contract/events";

export type ConsentState = "granted" | "withdrawn" | "none";

export type ContactFacts = {
  email: string;
  consent: { state: ConsentState; at?: Date };
  intentScore?: number;
  microConversions?: { count: number; lastKind?: MicroConversionKind; lastAt?: Date };
  firstChatAt?: Date;
  lastChatAt?: Date;
  lastPage?: string;
  /** Product titles or handles the visitor asked about or added from chat, most recent first. */
  productInterest?: string[];
  /** Credited revenue net of refunds, in shop currency. */
  attributedRevenue?: number;
  /** What the merchant's routing rules chose for the contact (app/routing): sent with every update. */
  routed?: RoutedContactFields;
  /** When these facts were read: the later of two updates to one email wins. */
  observedAt: Date;
};

/** HubSpot's own contact properties a routing rule sets, and fixed values of the merchant's properties. */
export type RoutedContactFields = {
  lifecycleStage?: string;
  leadStatus?: string;
  ownerId?: string;
  properties?: Record<string, string>;
};
