/** Shopify sessions as the install leaves them: the offline session authenticate.admin loads. */
import { Session } from "@shopify/shopify-api";
import type { Database } from "../../../app/db.server";
import { storeOfflineSession as storeSessionFor } from "../../../sandbox/admin-harness/seed";

export function anOfflineSession(
  shop: string,
  overrides: Partial<ConstructorParameters<typeof Session>[0]> = {},
): Session {
  return new Session({
    id: `offline_${shop}`,
    shop,
    state: "installed",
    isOnline: false,
    scope: "read_orders",
    accessToken: "shpat_test",
    ...overrides,
  });
}

/** The store name ("harbor-supply"), as Shopify's test helpers take it. */
export const domainOf = (store: string) => `${store}.myshopify.com`;

/** The shop's offline session (and shop row), as the install leaves them. */
export const storeOfflineSession = (db: Database, store: string): Promise<void> => storeSessionFor(db, domainOf(store));
