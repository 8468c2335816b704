/**
 * Why: a credited order can be recorded in HubSpot as a ChatLift deal (as ever), on HubSpot's own order
 * (which HubSpot's Shopify data sync makes), or both; the merchant chooses on the HubSpot page. This is
 * the pure part: the choice, ChatLift's order properties, and what one run does for one order.
 *
 * Deliberate choices:
 * - Default "deals": what every shop has had, and it needs no new scopes. "orders" is offered where the
 *   token holds the order scopes, and is the one to choose on a portal running HubSpot's Shopify sync.
 * - "orders", and HubSpot has no order for it yet: HubSpot's sync may lag behind Shopify's webhook, so the
 *   run waits and looks again (every ORDER_SYNC_RECHECK_MS, no attempt spent) until ORDER_SYNC_WAIT_MS after
 *   the order was placed; then it makes a deal, so a credit is never lost on a portal whose sync skipped it.
 * - "both" makes the deal at once and writes the order when HubSpot has it (a later run, e.g. a refund, writes
 *   it then): nothing waits.
 * - Order scopes missing: "orders" parks with the reason (reconnect, or choose deals); "both" still makes its
 *   deal. The HubSpot page says which, never a silent park.
 */
import type { PropertyDefinition } from "../integrations/hubspot/crm-port";
import type { OrdersAccess } from "../integrations/hubspot/order-port";

export const CREDIT_RECORDS = ["deals", "orders", "both"] as const;
export type CreditRecord = (typeof CREDIT_RECORDS)[number];

export function creditRecordOf(value: string | null | undefined): CreditRecord {
  return (CREDIT_RECORDS as readonly string[]).includes(value ?? "") ? (value as CreditRecord) : "deals";
}

export const ORDER_SYNC_WAIT_MS = 24 * 60 * 60_000;
export const ORDER_SYNC_RECHECK_MS = 15 * 60_000;

/** ChatLift's properties on HubSpot orders: names merchants' workflows read, so never renamed. */
export const ORDER_PROPERTY = {
  creditedAmount: "chatlift_credited_amount",
  creditRule: "chatlift_credit_rule",
  creditModel: "chatlift_credit_model",
  creditWindowDays: "chatlift_credit_window_days",
} as const;

export const ORDER_PROPERTIES: PropertyDefinition[] = [
  {
    name: ORDER_PROPERTY.creditedAmount,
    label: "ChatLift credited amount",
    description: "The part of this order credited to chat, net of refunds, in the shop's currency.",
    type: "number",
    fieldType: "number",
  },
  {
    name: ORDER_PROPERTY.creditRule,
    label: "ChatLift credit rule",
    description: "Which attribution rule credited the order to chat.",
    type: "string",
    fieldType: "text",
  },
  {
    name: ORDER_PROPERTY.creditModel,
    label: "ChatLift credit model",
    description: "The attribution model the credit was counted with (e.g. last_touch).",
    type: "string",
    fieldType: "text",
  },
  {
    name: ORDER_PROPERTY.creditWindowDays,
    label: "ChatLift credit window (days)",
    description: "The attribution window, in days, the credit was counted with.",
    type: "number",
    fieldType: "number",
  },
];

export type OrderCredit = { amount: string; rule: string; model: string; windowDays: number };

export function orderCreditProperties(credit: OrderCredit): Record<string, string> {
  return {
    [ORDER_PROPERTY.creditedAmount]: credit.amount,
    [ORDER_PROPERTY.creditRule]: credit.rule,
    [ORDER_PROPERTY.creditModel]: credit.model,
    [ORDER_PROPERTY.creditWindowDays]: String(credit.windowDays),
  };
}

/**
 * What one run does: write the HubSpot order (when there is one), and with the deal "create" it (or update the
 * one there) or "update" only a deal already there (one made before HubSpot's order was synced); or "wait" until
 * `until`; or "park" for a reason the merchant can act on.
 */
export type CreditStep =
  | { action: "record"; order: boolean; deal: "create" | "update" }
  | { action: "wait"; until: Date; reason: string }
  | { action: "park"; reason: string };

export function creditStep(input: {
  record: CreditRecord;
  access: OrdersAccess;
  /** Whether HubSpot holds an order for it; null when not looked (deals only, or no access). */
  synced: boolean | null;
  placedAt: Date;
  now: Date;
}): CreditStep {
  const { record, access, synced } = input;
  if (record === "deals") return { action: "record", order: false, deal: "create" };
  if (!access.available) {
    if (record === "both") return { action: "record", order: false, deal: "create" };
    return {
      action: "park",
      reason: `HubSpot orders are chosen on the HubSpot page, but ${access.reason}; or choose deals there, then retry`,
    };
  }
  if (record === "both") return { action: "record", order: synced === true, deal: "create" };
  if (synced) return { action: "record", order: true, deal: "update" };
  const giveUpAt = input.placedAt.getTime() + ORDER_SYNC_WAIT_MS;
  if (input.now.getTime() < giveUpAt)
    return {
      action: "wait",
      until: new Date(Math.min(giveUpAt, input.now.getTime() + ORDER_SYNC_RECHECK_MS)),
      reason: "HubSpot has no order for it yet (its Shopify sync may lag): looking again",
    };
  return { action: "record", order: false, deal: "create" };
}

/** One sentence for the HubSpot page: where credited orders go on this connection. */
export function creditRecordNote(record: CreditRecord, access: OrdersAccess): string {
  if (record === "deals")
    return "Credited orders become ChatLift deals (one per order). On a portal running HubSpot's Shopify sync, choose HubSpot orders to write the credit onto the order HubSpot already has instead of a second record.";
  if (!access.available)
    return record === "orders"
      ? `HubSpot orders are chosen, but ${access.reason}. Until then credited orders are parked (retry them after reconnecting), or choose deals.`
      : `Deals are made, but HubSpot orders are skipped: ${access.reason}.`;
  return record === "orders"
    ? "Credited orders write ChatLift's credit (amount, rule, model, window) onto HubSpot's order for the same Shopify order and associate it with the contact; no deal. When HubSpot has no such order yet, ChatLift looks again for 24 hours after the order was placed, then makes a deal so the credit is not lost."
    : "Credited orders become deals, and ChatLift's credit is also written onto HubSpot's order for the same Shopify order whenever HubSpot has it.";
}
