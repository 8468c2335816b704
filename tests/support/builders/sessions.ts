import { Session } from "@shopify/shopify-api";

export function anOfflineSession(shop: string, overrides: Partial<ConstructorParameters<typeof Session>[0]> = {}): Session {
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
