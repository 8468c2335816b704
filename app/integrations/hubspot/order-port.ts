/**
 * Why: HubSpot's own Orders object, which HubSpot's Shopify data sync fills. On a portal running that sync,
 * a ChatLift deal per credited order would be a second record of the same order; ChatLift can write its
 * credit onto HubSpot's order instead. This is the port's half for that, in ChatLift's words, and the scopes
 * it needs (asked for as optional: detected per install from the token's granted scopes, like events).
 * Pure: the operations over the SDK's generic request live in order-operations.server.ts. Nothing here
 * imports crm-port.ts (which extends this port), so the two never import each other.
 */

/** Reading and writing orders, and creating ChatLift's order properties (HubSpot's Orders spec and Properties spec). */
export const ORDER_SCOPES = [
  "crm.objects.orders.read",
  "crm.objects.orders.write",
  "crm.schemas.orders.read",
  "crm.schemas.orders.write",
];

/**
 * The order property holding the order's id in the store it came from. Where it comes from: HubSpot's
 * orders guide ("CRM API | Orders", section "Order properties") lists `hs_external_order_id` as the order's
 * id in the external e-commerce platform, the guide's example syncs Shopify orders, and integrations that
 * sync Shopify orders into HubSpot look them up by it. HubSpot does not say whether its Shopify sync writes
 * Shopify's numeric order id or the Admin API's GID, so ChatLift looks for both (shopifyOrderKeys).
 */
export const EXTERNAL_ORDER_ID_PROPERTY = "hs_external_order_id";

/** The values a Shopify-synced HubSpot order may carry for this Shopify order: its GID and its numeric id. */
export function shopifyOrderKeys(orderId: string): string[] {
  const numeric = /^gid:\/\/shopify\/Order\/(\d+)$/.exec(orderId)?.[1];
  return numeric ? [orderId, numeric] : [orderId];
}

export type OrdersAccess = { available: true } | { available: false; reason: string };

/** From HubSpot's token info (never a probe): without every order scope a write would be a 403. */
export function ordersAccess(grantedScopes: readonly string[] | null): OrdersAccess {
  if (grantedScopes === null)
    return {
      available: false,
      reason: "HubSpot did not say which scopes the token holds; reconnect HubSpot to use HubSpot orders",
    };
  const missing = ORDER_SCOPES.filter((scope) => !grantedScopes.includes(scope));
  if (missing.length === 0) return { available: true };
  return {
    available: false,
    reason: `the HubSpot token lacks ${missing.join(", ")}; reconnect HubSpot (or add them to the private app) to use HubSpot orders`,
  };
}

/** A HubSpot order for a Shopify order: `orderId` is ChatLift's (the Shopify order id), `hubspotOrderId` HubSpot's. */
export type SyncedOrder = { orderId: string; hubspotOrderId: string };

export interface OrderPort {
  /**
   * The HubSpot orders HubSpot's Shopify sync made for these Shopify orders (by EXTERNAL_ORDER_ID_PROPERTY);
   * at most 50 order ids per call. Orders HubSpot has not synced yet are simply absent.
   */
  findSyncedOrders(orderIds: string[]): Promise<SyncedOrder[]>;
  /** One batch call: ChatLift's credit properties onto orders HubSpot has. */
  updateOrders(updates: Array<{ hubspotOrderId: string; properties: Record<string, string> }>): Promise<void>;
}
