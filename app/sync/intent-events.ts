/**
 * Intent signals (micro-conversions in chat) go to HubSpot on every tier as contact properties
 * (contact-properties.ts); where the account has custom behavioral events (Enterprise), each
 * signal is also sent as an event, so merchants can trigger workflows on the moment itself.
 */
import type { MicroConversionKind } from "../../contract/events";
import { MICRO_CONVERSION_EVENT_DEFINITION } from "./chatlift-properties";
import type { BehavioralEvent } from "../integrations/hubspot/crm-port";

export const MICRO_CONVERSION_EVENT = MICRO_CONVERSION_EVENT_DEFINITION.name;

export type IntentSignal = {
  email: string;
  kind: MicroConversionKind;
  occurredAt: Date;
  value?: number;
  currency?: string;
  productId?: string;
  page?: string;
};

/** HubSpot's fully qualified custom event name: `pe{portalId}_{name}`. */
export function eventNameFor(portalId: number, name: string): string {
  return `pe${portalId}_${name}`;
}

export function intentEventsFor(
  signals: IntentSignal[],
  account: { portalId: number; customEventsAvailable: boolean },
): BehavioralEvent[] {
  if (!account.customEventsAvailable) return [];
  return signals.map((signal) => {
    const properties: Record<string, string> = { kind: signal.kind };
    if (signal.value !== undefined) properties.value = signal.value.toFixed(2);
    if (signal.currency) properties.currency = signal.currency;
    if (signal.productId) properties.product_id = signal.productId;
    if (signal.page) properties.page = signal.page.slice(0, 1000);
    return {
      eventName: eventNameFor(account.portalId, MICRO_CONVERSION_EVENT),
      email: signal.email.trim().toLowerCase(),
      occurredAt: signal.occurredAt.toISOString(),
      properties,
    };
  });
}
