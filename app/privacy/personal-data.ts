/**
 * Where a shopper's personal data can sit, column by column, and what customers/redact does with
 * each (compliance.server.ts). Every model of the schema is named here, in one list or the other:
 * tests/integration/privacy/customer-redact-coverage.test.ts fails for a model or column this file
 * does not account for, and checks that no trace of a redacted customer is left in any column of
 * any table. A new model or a new JSON column holding shopper data is classified here first.
 *
 * What is kept after processing, and why (README "Personal data"): a finished webhook job keeps
 * the delivery's shop, topic, webhook id and the order's or product's id, never the body
 * (platform/jobs/finished-payload.ts); a job not yet done keeps the body its processing reads.
 */

/**
 * deleted: the rows holding it go. cleared: the column is emptied and the row stays (orders stay
 * for the merchant's revenue). rewritten: the customer's part of a JSON payload or text is taken
 * out (payload-redaction.ts). kept: stays, for the reason given.
 */
export type Treatment = "deleted" | "cleared" | "rewritten" | { kept: string };

const KEPT_REQUEST =
  "the customer's own data request, kept as proof it was answered, deleted DATA_REQUEST_KEPT_DAYS after it arrived (data-request.ts)";
const STAFF =
  "a staff member of the merchant (online admin session), not a shopper: deleted on uninstall and by shop/redact";

export const CUSTOMER_DATA: Record<string, Record<string, Treatment>> = {
  ChatSession: { customerId: "deleted", email: "deleted", landingPath: "deleted", referrer: "deleted" },
  // The event's JSON holds the shopper's typed questions and answers.
  ChatEvent: { data: "deleted" },
  MicroConversion: { email: "deleted" },
  // What the shopper wrote to a person, and the email they left for the answer.
  Handoff: { email: "deleted" },
  HandoffMessage: { text: "deleted" },
  Lead: { email: "deleted", customerId: "deleted", lastPagePath: "deleted", productInterest: "deleted" },
  // Reasons and details quote the lead's facts; an action's note may name the contact.
  RoutingDecision: { reason: "deleted", detail: "deleted" },
  RoutingAction: { note: "deleted" },
  // The visitor row ties the customer's browser to their orders.
  Visitor: { orders: "deleted" },
  Order: { customerId: "cleared", email: "cleared", tracking: "cleared" },
  Job: { payload: "rewritten", lastError: "rewritten" },
  CustomerDataRequest: {
    customerId: { kept: KEPT_REQUEST },
    email: { kept: KEPT_REQUEST },
    phone: { kept: KEPT_REQUEST },
    ordersRequested: { kept: KEPT_REQUEST },
  },
  Session: {
    email: { kept: STAFF },
    firstName: { kept: STAFF },
    lastName: { kept: STAFF },
  },
};

/** Models holding no shopper's personal data, and why. */
export const NO_CUSTOMER_DATA: Record<string, string> = {
  Shop: "the merchant's settings",
  WebhookDelivery: "delivery ids and topics",
  WebhookDeadLetter: "no body is kept: reason, size and SHA-256 only",
  OrderLine: "product titles, ids, quantities and amounts of an order kept for revenue",
  Refund: "amounts and line ids",
  Credit: "rules, sessions and amounts; explanations never quote the email (attribution/explain.ts)",
  JobKindPause: "a job kind and a time",
  JobShopPause: "a job kind, a shop and a time",
  HubSpotConnection: "the shop's HubSpot account (encrypted tokens)",
  RoutingRuleSet: "the merchant's rules",
  RoundRobinState: "HubSpot owner ids of the merchant's team",
  Flow: "the merchant's flows",
  FlowVersion: "the merchant's flows as published",
  WidgetPublication: "the merchant's widget config",
  Experiment: "the merchant's experiments",
  DailyRollup: "aggregates per day and arm",
  RollupState: "the rollup job's bookmarks",
  KnowledgeSource: "the shop's own products, pages and policies",
  KnowledgeFaq: "the merchant's FAQs",
  KnowledgeSynonym: "the merchant's synonyms",
  KnowledgeSync: "the sync's bookmarks and last error",
  KnowledgeIndex: "an index of the shop's own content",
  AnswerLlm: "the merchant's language model settings",
  HandoffSettings: "the merchant's business hours and online switch",
  AnswerLlmUsage: "a count per day",
  AnalyticsDestination: "the merchant's GA4 and Mixpanel keys (encrypted) and the export's counters",
  AnalyticsConsent:
    "a chat session's consent choice and GA's pseudonymous client id (no contact details); deleted with the customer's sessions",
  PixelLink: "an order id, a chat session id and a hash of the pixel's token; deleted with the customer's sessions",
};

/** The columns customers/redact must leave without a trace of the customer. */
export function redactedColumns(): Array<{ model: string; column: string; treatment: Treatment }> {
  return Object.entries(CUSTOMER_DATA).flatMap(([model, columns]) =>
    Object.entries(columns)
      .filter(([, treatment]) => typeof treatment === "string")
      .map(([column, treatment]) => ({ model, column, treatment })),
  );
}

/** Models whose personal columns are all kept on purpose: a scan for the customer skips them. */
export function keptModels(): string[] {
  return Object.entries(CUSTOMER_DATA)
    .filter(([, columns]) => Object.values(columns).every((treatment) => typeof treatment !== "string"))
    .map(([model]) => model);
}
