/**
 * What the flow and experiment route tests share: the Admin API stand-in the app's real
 * `admin.graphql` reaches over HTTP, the published widget config it holds, and chat sessions
 * shown a variant of a flow.
 */
import {
  INSTALLATION_ID,
  sendAdminApiTo,
  startAdminApi,
  type AdminApiState,
} from "../../../sandbox/admin-harness/admin-api";
import type { Database } from "../../../app/db.server";
import { widgetConfigSchema, type WidgetConfig } from "../../../contract/widget-config";
import { aCreditedOrder } from "./stored-orders";

export async function adminApiStandIn() {
  const api = await startAdminApi();
  sendAdminApiTo(api.base);
  return api;
}

/** The widget config the shop's metafield holds at the stand-in (validated as the widget reads it). */
export function publishedConfig(state: AdminApiState, shop: string): WidgetConfig | null {
  const stored = state.metafields.get(`${shop}|${INSTALLATION_ID}|chatlift|widget_config`);
  return stored ? widgetConfigSchema.parse(JSON.parse(stored.value)) : null;
}

export interface VariantSessionSpec {
  id: string;
  flowId: string;
  variantId: string;
  at: Date;
  /** Micro-converted (default); converting sessions may earn credited revenue. */
  converted?: boolean;
  revenueMinor?: number;
}

/** A treatment chat session shown one variant of a flow, as the widget's events record it. */
export async function aVariantSession(db: Database, shop: string, spec: VariantSessionSpec): Promise<void> {
  const { id, flowId, variantId, at } = spec;
  const converted = spec.converted ?? true;
  await db.chatSession.create({
    data: {
      shopDomain: shop,
      id,
      visitorId: `v-${id}`,
      arm: "treatment",
      startedAt: at,
      lastSeenAt: at,
      firstMicroAt: converted ? at : null,
    },
  });
  await db.chatEvent.create({
    data: {
      shopDomain: shop,
      id: `${id}-1`,
      sessionId: id,
      type: "flow_started",
      flowId,
      variantId,
      occurredAt: at,
      receivedAt: at,
    },
  });
  if (!converted) return;
  await db.chatEvent.create({
    data: {
      shopDomain: shop,
      id: `${id}-2`,
      sessionId: id,
      type: "micro_conversion",
      flowId,
      variantId,
      microKind: "coupon_applied",
      occurredAt: at,
      receivedAt: at,
    },
  });
  if (spec.revenueMinor)
    await aCreditedOrder(db, shop, at, [{ chatSessionId: id, amountMinor: spec.revenueMinor }], spec.revenueMinor);
}
