/**
 * Why: HubSpot's Orders object as this sandbox holds it, apart from store.ts: the orders HubSpot's Shopify
 * data sync would have made (a test seeds them, as the sync would), and HubSpot's default order properties,
 * so ChatLift's writes are checked against the properties a portal really has. Kept beside the store by a
 * WeakMap, so a sandbox that never touches orders holds none.
 */
import { groupsOf, nextId, propertiesOf, type CrmRecord, type PropertyDefinition, type SandboxStore } from "./store";

/** HubSpot-defined association type (HubSpot's association type reference): order → contact. */
export const ORDER_TO_CONTACT = 507;

const orders = new WeakMap<SandboxStore, Map<string, CrmRecord>>();

const EPOCH = "2024-01-01T00:00:00.000Z";
const ORDER_GROUP = "orderinformation";

/** HubSpot-defined order properties a Shopify-synced order carries (the orders guide's "Order properties"). */
const DEFAULT_ORDER_PROPERTIES: Array<[string, PropertyDefinition["type"], string]> = [
  ["hs_order_name", "string", "text"],
  ["hs_external_order_id", "string", "text"],
  ["hs_source_store", "string", "text"],
  ["hs_currency_code", "string", "text"],
  ["hs_total_price", "number", "number"],
  ["hs_external_created_date", "datetime", "date"],
];

/** The portal's orders, by HubSpot id; the default order properties are there from the first touch. */
export function ordersOf(store: SandboxStore): Map<string, CrmRecord> {
  let found = orders.get(store);
  if (!found) {
    found = new Map();
    orders.set(store, found);
    const definitions = propertiesOf(store, "orders");
    for (const [name, type, fieldType] of DEFAULT_ORDER_PROPERTIES)
      if (!definitions.has(name))
        definitions.set(name, {
          name,
          label: name,
          type,
          fieldType,
          groupName: ORDER_GROUP,
          createdAt: EPOCH,
          updatedAt: EPOCH,
          hubspotDefined: true,
        });
    const groups = groupsOf(store, "orders");
    if (!groups.has(ORDER_GROUP))
      groups.set(ORDER_GROUP, { name: ORDER_GROUP, label: "Order information", displayOrder: 0, archived: false });
  }
  return found;
}

export type SyncedOrderSeed = {
  /** What HubSpot's Shopify sync writes into hs_external_order_id. */
  externalOrderId: string;
  name: string;
  total: string;
  currency: string;
  /** The contact the sync associated the order with, if any. */
  contactId?: string;
  now?: number;
};

/** An order as HubSpot's Shopify data sync leaves it in the portal; its HubSpot id. */
export function seedSyncedOrder(store: SandboxStore, seed: SyncedOrderSeed): string {
  const at = new Date(seed.now ?? Date.now()).toISOString();
  const record: CrmRecord = {
    id: nextId(store),
    properties: {
      hs_order_name: seed.name,
      hs_external_order_id: seed.externalOrderId,
      hs_source_store: "Shopify",
      hs_currency_code: seed.currency,
      hs_total_price: seed.total,
    },
    createdAt: at,
    updatedAt: at,
    archived: false,
  };
  ordersOf(store).set(record.id, record);
  if (seed.contactId)
    store.associations.push({
      fromType: "orders",
      fromId: record.id,
      toType: "contacts",
      toId: seed.contactId,
      typeId: ORDER_TO_CONTACT,
    });
  return record.id;
}
