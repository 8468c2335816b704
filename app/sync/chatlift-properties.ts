/**
 * The HubSpot properties ChatLift writes, all in one group so a merchant sees at a glance what
 * came from ChatLift. Created idempotently on connect. Names are stable: merchants' workflows
 * read them, so renaming one breaks their automation.
 */
import { MICRO_CONVERSION_KINDS } from "../../contract/events";
// The two unique deal properties belong to the port: its deal lookups are defined by them.
import {
  ORDER_ID_PROPERTY,
  ROUTING_KEY_PROPERTY,
  type EventDefinition,
  type PropertyDefinition,
} from "../integrations/hubspot/crm-port";
import { TICKET_ROUTING_KEY_PROPERTY } from "../integrations/hubspot/ticket-port";

export const PROPERTY_GROUP = { name: "chatlift", label: "ChatLift" } as const;

export const CONTACT_PROPERTY = {
  intentScore: "chatlift_intent_score",
  lastMicroConversion: "chatlift_last_micro_conversion",
  lastMicroConversionAt: "chatlift_last_micro_conversion_at",
  microConversionCount: "chatlift_micro_conversion_count",
  firstChatAt: "chatlift_first_chat_at",
  lastChatAt: "chatlift_last_chat_at",
  lastPage: "chatlift_last_page",
  productInterest: "chatlift_product_interest",
  attributedRevenue: "chatlift_attributed_revenue",
  consent: "chatlift_consent",
  consentAt: "chatlift_consent_at",
} as const;

export const DEAL_PROPERTY = {
  orderId: ORDER_ID_PROPERTY,
  creditRule: "chatlift_credit_rule",
  routingKey: ROUTING_KEY_PROPERTY,
} as const;

export const CONSENT_VALUES = ["granted", "withdrawn"] as const;

const label = (value: string) => value.replace(/_/g, " ").replace(/^./, (first) => first.toUpperCase());

export const CONTACT_PROPERTIES: PropertyDefinition[] = [
  {
    name: CONTACT_PROPERTY.intentScore,
    label: "ChatLift intent score",
    description: "0–100: how strongly the visitor's chat behaviour signals buying intent.",
    type: "number",
    fieldType: "number",
  },
  {
    name: CONTACT_PROPERTY.lastMicroConversion,
    label: "ChatLift last micro-conversion",
    description: "The most recent micro-conversion in chat (fit help, add to cart, email capture …).",
    type: "enumeration",
    fieldType: "select",
    options: MICRO_CONVERSION_KINDS.map((kind) => ({ label: label(kind), value: kind })),
  },
  {
    name: CONTACT_PROPERTY.lastMicroConversionAt,
    label: "ChatLift last micro-conversion at",
    description: "When the last micro-conversion happened.",
    type: "datetime",
    fieldType: "date",
  },
  {
    name: CONTACT_PROPERTY.microConversionCount,
    label: "ChatLift micro-conversions",
    description: "How many micro-conversions the visitor made in chat.",
    type: "number",
    fieldType: "number",
  },
  {
    name: CONTACT_PROPERTY.firstChatAt,
    label: "ChatLift first chat",
    description: "When the visitor first chatted.",
    type: "datetime",
    fieldType: "date",
  },
  {
    name: CONTACT_PROPERTY.lastChatAt,
    label: "ChatLift last chat",
    description: "When the visitor last chatted.",
    type: "datetime",
    fieldType: "date",
  },
  {
    name: CONTACT_PROPERTY.lastPage,
    label: "ChatLift last page",
    description: "The storefront page of the last chat.",
    type: "string",
    fieldType: "text",
  },
  {
    name: CONTACT_PROPERTY.productInterest,
    label: "ChatLift product interest",
    description: "Products the visitor asked about or added from chat.",
    type: "string",
    fieldType: "textarea",
  },
  {
    name: CONTACT_PROPERTY.attributedRevenue,
    label: "ChatLift attributed revenue",
    description: "Order revenue credited to chat, net of refunds, in shop currency.",
    type: "number",
    fieldType: "number",
  },
  {
    name: CONTACT_PROPERTY.consent,
    label: "ChatLift consent",
    description: "Marketing consent given (or withdrawn) in chat.",
    type: "enumeration",
    fieldType: "select",
    options: CONSENT_VALUES.map((value) => ({ label: label(value), value })),
  },
  {
    name: CONTACT_PROPERTY.consentAt,
    label: "ChatLift consent at",
    description: "When consent was given or withdrawn.",
    type: "datetime",
    fieldType: "date",
  },
];

export const DEAL_PROPERTIES: PropertyDefinition[] = [
  {
    name: ORDER_ID_PROPERTY,
    label: "ChatLift order id",
    description: "The Shopify order this deal records; one deal per order.",
    type: "string",
    fieldType: "text",
    hasUniqueValue: true,
  },
  {
    name: DEAL_PROPERTY.creditRule,
    label: "ChatLift credit rule",
    description: "Which attribution rule credited the order to chat.",
    type: "string",
    fieldType: "text",
  },
  {
    name: ROUTING_KEY_PROPERTY,
    label: "ChatLift routing key",
    description: "The routing rule action that created this deal for a lead; one deal per lead and action.",
    type: "string",
    fieldType: "text",
    hasUniqueValue: true,
  },
];

/** On tickets (created on a rule's first create_ticket action, which the `tickets` scope allows). */
export const TICKET_PROPERTIES: PropertyDefinition[] = [
  {
    name: TICKET_ROUTING_KEY_PROPERTY,
    label: "ChatLift routing key",
    description: "The routing rule action that created this ticket for a lead; one ticket per lead and action.",
    type: "string",
    fieldType: "text",
    hasUniqueValue: true,
  },
];

/**
 * The micro-conversion as a custom behavioral event (accounts with custom events): created on
 * connect, since HubSpot refuses occurrences of an event it has no definition for. Property
 * names match what app/sync/intent-events.ts sends.
 */
export const MICRO_CONVERSION_EVENT_DEFINITION: EventDefinition = {
  name: "chatlift_micro_conversion",
  label: "ChatLift micro-conversion",
  description: "A visitor's micro-conversion in a ChatLift chat (fit help, add to cart, email capture …).",
  properties: [
    {
      name: "kind",
      label: "Kind",
      type: "enumeration",
      options: MICRO_CONVERSION_KINDS.map((kind) => ({ label: label(kind), value: kind })),
    },
    { name: "value", label: "Value", type: "number" },
    { name: "currency", label: "Currency", type: "string" },
    { name: "product_id", label: "Product id", type: "string" },
    { name: "page", label: "Page", type: "string" },
  ],
};
