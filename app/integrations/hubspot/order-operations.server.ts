/**
 * Why: the OrderPort over HubSpot's Orders endpoints. SDK 14 has no orders client (its commerce module
 * holds invoices only), so these go through the SDK's generic request on the shop's one client and
 * limiter, on the date-based path api-versions.ts names (the Orders spec has a 2026-03 rollout): nothing
 * here has a numbered path to move off before HubSpot's v3 sunset.
 */
import { hubspotPath } from "./api-versions";
import type { CrmError } from "./crm-port";
import { crmCalls, type HubSpotApis } from "./hubspot-apis.server";
import { settleBatch, traceIdOf, type BatchAnswer } from "./multi-status";
import { EXTERNAL_ORDER_ID_PROPERTY, shopifyOrderKeys, type OrderPort, type SyncedOrder } from "./order-port";

const ORDERS_PATH = hubspotPath("crm/objects", "orders");
/** A search filter's IN takes at most 100 values; each order id is looked for under two keys. */
const MAX_ORDERS_PER_SEARCH = 50;
/** HubSpot's search pages hold at most 100 results ("after" is the offset of the next page). */
const SEARCH_PAGE = 100;

type SearchAnswer = {
  results: Array<{ id: string; properties: Record<string, string | null> }>;
  paging?: { next?: { after?: string } };
};

export function createOrderOperations(
  apis: Pick<HubSpotApis, "request">,
  toCrmError: (error: unknown) => CrmError,
): OrderPort {
  const call = crmCalls(toCrmError);

  return {
    async findSyncedOrders(orderIds) {
      if (orderIds.length === 0) return [];
      if (orderIds.length > MAX_ORDERS_PER_SEARCH)
        throw new RangeError(`findSyncedOrders takes at most ${MAX_ORDERS_PER_SEARCH} order ids`);
      const orderIdByKey = new Map(
        orderIds.flatMap((orderId) => shopifyOrderKeys(orderId).map((key) => [key, orderId])),
      );
      const found: SyncedOrder[] = [];
      let after = "0";
      // Every field the spec's PublicObjectSearchRequest requires is sent (after, filterGroups, limit, properties, sorts).
      for (;;) {
        const { json } = await call(() =>
          apis.request("POST", `${ORDERS_PATH}/search`, {
            filterGroups: [
              {
                filters: [
                  { propertyName: EXTERNAL_ORDER_ID_PROPERTY, operator: "IN", values: [...orderIdByKey.keys()] },
                ],
              },
            ],
            properties: [EXTERNAL_ORDER_ID_PROPERTY],
            sorts: [],
            limit: SEARCH_PAGE,
            after,
          }),
        );
        const answer = json as SearchAnswer;
        for (const order of answer.results) {
          const orderId = orderIdByKey.get(order.properties[EXTERNAL_ORDER_ID_PROPERTY] ?? "");
          if (orderId) found.push({ orderId, hubspotOrderId: order.id });
        }
        const next = answer.paging?.next?.after;
        if (!next || next === after) return found;
        after = next;
      }
    },

    async updateOrders(updates) {
      if (updates.length === 0) return;
      const { json } = await call(() =>
        apis.request("POST", `${ORDERS_PATH}/batch/update`, {
          inputs: updates.map((update, i) => ({
            id: update.hubspotOrderId,
            properties: update.properties,
            objectWriteTraceId: traceIdOf(i),
          })),
        }),
      );
      // Paired by trace id (HubSpot answers in an order of its own); a 207 names the refused ones.
      settleBatch(json as BatchAnswer<{ id: string; objectWriteTraceId?: string }>, updates.length, () => undefined);
    },
  };
}
