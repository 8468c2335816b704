/**
 * Credited orders as HubSpot deals. A deal carries its Shopify order id in a unique property, so
 * an order already sent (e.g. by a worker that died after HubSpot answered but before it
 * recorded the answer) is found and never created twice.
 */
import { DEAL_PROPERTY } from "./chatlift-properties";
import type { CreatedDeal, DealCreate } from "../integrations/hubspot/crm-port";

export type DealSettings = {
  pipeline: string;
  stage: string;
  /** The currencies the portal takes on deals (null: not read yet; every currency is then sent as it is). */
  portalCurrencies?: string[] | null;
  /** An order in a currency the portal lacks: "omit" its currency (named in the deal name instead), or "skip" the deal. */
  otherCurrency?: "omit" | "skip";
};

export const DEFAULT_DEAL_SETTINGS: DealSettings = { pipeline: "default", stage: "closedwon" };

/**
 * What a deal does with the order's currency. HubSpot refuses a deal_currency_code the portal does not
 * have, and ChatLift has no exchange rate to convert with: so "send" it, or "omit" it (HubSpot then takes
 * the amount as the portal's company currency), or "skip" the deal, as the merchant chose.
 */
export function currencyPlan(currency: string, settings: DealSettings): "send" | "omit" | "skip" {
  if (!settings.portalCurrencies || settings.portalCurrencies.includes(currency.toUpperCase())) return "send";
  return settings.otherCurrency ?? "omit";
}

export type CreditedOrder = {
  orderId: string;
  /** The order's name in the shop, e.g. "#1042". */
  orderName: string;
  /** Credited amount net of refunds, in shop currency. */
  amount: number;
  currency: string;
  placedAt: Date;
  creditRule: string;
  contactId?: string;
};

export function dealFor(order: CreditedOrder, settings: DealSettings): DealCreate {
  const amount = order.amount.toFixed(2);
  const omitted = currencyPlan(order.currency, settings) !== "send";
  return {
    orderId: order.orderId,
    contactId: order.contactId,
    properties: {
      // Without its currency code the amount alone could be misread: the deal's name keeps both.
      dealname: `Shopify order ${order.orderName}${omitted ? ` (${amount} ${order.currency})` : ""}`,
      amount,
      ...(omitted ? {} : { deal_currency_code: order.currency }),
      pipeline: settings.pipeline,
      dealstage: settings.stage,
      closedate: order.placedAt.toISOString(),
      [DEAL_PROPERTY.creditRule]: order.creditRule,
    },
  };
}

/** The deals still to create: one per order id, none for an order HubSpot already has. */
export function dealsToCreate(wanted: DealCreate[], existing: CreatedDeal[]): DealCreate[] {
  const done = new Set(existing.map((deal) => deal.orderId));
  const result: DealCreate[] = [];
  for (const deal of wanted) {
    if (done.has(deal.orderId)) continue;
    done.add(deal.orderId);
    result.push(deal);
  }
  return result;
}

/**
 * What a deal that exists takes from a re-run: the credited amount and the rule behind it. Its
 * name, pipeline and stage are left alone: the merchant's team may have moved it since.
 */
export function dealUpdateFor(deal: DealCreate): DealCreate["properties"] {
  const { amount, [DEAL_PROPERTY.creditRule]: creditRule } = deal.properties;
  return {
    ...(amount !== undefined ? { amount } : {}),
    ...(creditRule ? { [DEAL_PROPERTY.creditRule]: creditRule } : {}),
  };
}
