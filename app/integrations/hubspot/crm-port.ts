/**
 * The CRM as ChatLift needs it, in ChatLift's words. Sync logic and services depend on this
 * port only; the @hubspot/api-client adapter implements it (hubspot-adapter.server.ts).
 *
 * Every failure comes out as a CrmError whose `kind` tells the outbox what to do: retry soon
 * (server, timeout, network, locked, rate-limited for ten seconds), pause until the daily limit
 * resets, or stop retrying a record HubSpot refuses (validation).
 */

import type { OrderPort } from "./order-port";
import type { TicketNotePort } from "./ticket-port";

/** Contact property values as HubSpot takes them: strings, dates as ISO or epoch milliseconds. */
export type CrmProperties = Record<string, string>;

export type ContactUpsert = { email: string; properties: CrmProperties };
export type UpsertedContact = { email: string; contactId: string; created: boolean };

/** The deal property holding the Shopify order id: unique, so one order never makes two deals. */
export const ORDER_ID_PROPERTY = "chatlift_order_id";
/** The deal property holding a routing rule's action key: unique, so a retried rule action never makes two deals. */
export const ROUTING_KEY_PROPERTY = "chatlift_routing_key";

export type DealCreate = {
  /** ChatLift's idempotency key: the Shopify order id, stored in a unique deal property. */
  orderId: string;
  properties: CrmProperties;
  contactId?: string;
};
export type CreatedDeal = { orderId: string; dealId: string };

export type BehavioralEvent = {
  /** The fully qualified name, `pe{portalId}_{name}`. */
  eventName: string;
  email: string;
  occurredAt: string;
  properties?: CrmProperties;
};

/** A custom behavioral event's schema: HubSpot refuses occurrences of events it has no definition for. */
export type EventDefinition = {
  /** Without the `pe{portalId}_` prefix HubSpot adds to make the fully qualified name. */
  name: string;
  label: string;
  description: string;
  properties: Array<{
    name: string;
    label: string;
    type: "string" | "number" | "enumeration";
    options?: Array<{ label: string; value: string }>;
  }>;
};

export type TaskCreate = {
  subject: string;
  body?: string;
  dueAt: string;
  ownerId?: string;
  /** Associated in the same call when given (task → contact, type 204). */
  contactId?: string;
  priority?: "LOW" | "MEDIUM" | "HIGH";
  taskType?: "TODO" | "CALL" | "EMAIL";
};

/** A deal a routing rule creates for a lead: found again by its unique routing key, never created twice. */
export type RoutedDealCreate = { routingKey: string; properties: CrmProperties };
export type RoutedDeal = { routingKey: string; dealId: string };

export type CrmPipeline = { id: string; label: string; stages: Array<{ id: string; label: string }> };
/** An enumeration property's option values, e.g. lifecyclestage's stages. */
export type CrmPropertyOption = { value: string; label: string };

export type CrmOwner = { id: string; email?: string; name: string };

export type PropertyDefinition = {
  name: string;
  label: string;
  description: string;
  type: "string" | "number" | "date" | "datetime" | "enumeration" | "bool";
  fieldType: "text" | "textarea" | "number" | "date" | "select" | "booleancheckbox";
  options?: Array<{ label: string; value: string }>;
  hasUniqueValue?: boolean;
};

export type CrmObjectType = "contacts" | "deals" | "tasks" | "tickets" | "orders";

export type AccountInfo = {
  portalId: number;
  timeZone: string;
  /** The company currency. */
  currency: string;
  /** Every currency HubSpot takes on deals here: the company currency first, then the additional ones. */
  currencies: string[];
};

export type OAuthTokens = { accessToken: string; refreshToken: string; expiresInSeconds: number };

/** Tickets and notes (a shopper handed to a person, the chat summary on the contact): ticket-port.ts; HubSpot orders: order-port.ts. */
export interface CrmPort extends TicketNotePort, OrderPort {
  getAccountInfo(): Promise<AccountInfo>;
  /**
   * The scopes HubSpot says this token holds (its token info: OAuth or private app), or null when
   * HubSpot will not say (e.g. a kind of key the token-info endpoints do not know).
   */
  getGrantedScopes(mode: "oauth" | "static"): Promise<string[] | null>;
  /** Creates the group unless it exists; true when it was created now. */
  ensurePropertyGroup(objectType: CrmObjectType, name: string, label: string): Promise<boolean>;
  /**
   * Creates the missing properties and adds to existing enumerations the options they lack (every
   * option the portal has is kept as it is); returns the names created now.
   */
  ensureProperties(objectType: CrmObjectType, groupName: string, definitions: PropertyDefinition[]): Promise<string[]>;
  /**
   * One batch call: at most 100 contacts with distinct emails. HubSpot refuses a bad record alone
   * (CrmPartialBatch, the others written) or, when it cannot say which, the whole batch.
   */
  upsertContacts(contacts: ContactUpsert[]): Promise<UpsertedContact[]>;
  /** Deals already created for these order ids (looked up by the unique order-id property). */
  findDealsByOrderId(orderIds: string[]): Promise<CreatedDeal[]>;
  /** One batch call, associated with their contacts (deal → contact, type 3). */
  createDeals(deals: DealCreate[]): Promise<CreatedDeal[]>;
  /** One batch call: new values for deals that exist (e.g. an order's amount after a refund). */
  updateDeals(updates: Array<{ dealId: string; properties: CrmProperties }>): Promise<void>;
  /** Default associations, e.g. deals already created to a contact found later. */
  associate(from: CrmObjectType, to: CrmObjectType, pairs: Array<{ fromId: string; toId: string }>): Promise<void>;
  /**
   * Creates the event's definition unless it exists, adds properties it lacks and options its
   * enumeration properties lack (keeping theirs); returns the fully qualified name to send
   * occurrences under. Accounts with custom events only.
   */
  ensureEventDefinition(definition: EventDefinition): Promise<{ fullyQualifiedName: string; created: boolean }>;
  /** Custom behavioral events; only with the custom-event scopes granted (oauth.ts customEventsAccess). */
  sendEvents(events: BehavioralEvent[]): Promise<void>;
  listOwners(): Promise<CrmOwner[]>;
  /** One batch call; the ids in input order. */
  createTasks(tasks: TaskCreate[]): Promise<string[]>;
  /** Deals a routing rule already created, by their unique routing key. */
  findRoutedDeals(routingKeys: string[]): Promise<RoutedDeal[]>;
  /** One batch call, without associations (the caller associates once it has stored the ids). */
  createRoutedDeals(deals: RoutedDealCreate[]): Promise<RoutedDeal[]>;
  /** Deal pipelines with their stages (archived ones left out). */
  listPipelines(): Promise<CrmPipeline[]>;
  /** The options of an enumeration property, e.g. contacts' lifecyclestage or hs_lead_status. */
  listPropertyOptions(objectType: CrmObjectType, propertyName: string): Promise<CrmPropertyOption[]>;
  /** GDPR-deletes the contact with this HubSpot id; false when HubSpot holds none. */
  gdprDelete(contactId: string): Promise<boolean>;
}

export type CrmErrorKind =
  | "rate_limited" // ten-secondly window: retry after a short wait
  | "daily_limit" // pause this account until the daily limit resets
  | "migrating" // 477: the account is moving between data centres; pause it for the Retry-After it names
  | "validation" // HubSpot refuses the data: retrying will not help
  | "conflict"
  | "locked" // 423: another write holds the record; retry shortly
  | "server"
  | "timeout"
  | "network"
  | "auth"
  | "forbidden"
  | "not_found";

const RETRYABLE: ReadonlySet<CrmErrorKind> = new Set([
  "rate_limited",
  "daily_limit",
  "migrating",
  "locked",
  "server",
  "timeout",
  "network",
]);

export class CrmError extends Error {
  override readonly name = "CrmError";
  constructor(
    readonly kind: CrmErrorKind,
    message: string,
    readonly status?: number,
    readonly category?: string,
    readonly correlationId?: string,
    /** HubSpot's Retry-After, when it named one (429, 477, 503). */
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }

  get retryable(): boolean {
    return RETRYABLE.has(this.kind);
  }
}

/**
 * HubSpot wrote part of a batch and refused the rest by name (207 multi-status): `delivered` holds the
 * results of the inputs it wrote, `refused` each other input's own reason, both by input position. As a
 * whole it is a validation error: a call with one input parks that record with HubSpot's reason.
 */
export class CrmPartialBatch<R = unknown> extends CrmError {
  constructor(
    readonly delivered: Array<{ index: number; result: R }>,
    readonly refused: Array<{ index: number; error: CrmError }>,
  ) {
    super("validation", refused.map((entry) => entry.error.message).join(" | "), 207, refused[0]?.error.category);
  }
}

export function isCrmError(error: unknown): error is CrmError {
  return error instanceof CrmError;
}
