/**
 * The HubSpot page's services: the connection as the merchant sees it (mode, account, limits),
 * sync health, and the page's actions: connect with a token or by OAuth, disconnect, check the
 * ChatLift properties, retry parked jobs. Failures come back as sentences for the page, never
 * with a token in them.
 */
import prisma from "../../db.server";
import {
  connectWithStaticToken,
  disconnect,
  ensureShopProperties,
  startOAuthConnection,
} from "../../sync/connection.server";
import { HubSpotNotConnectedError } from "../../sync/shop-crm.server";
import { syncHealth, type SyncHealth } from "../../sync/health.server";
import { retryParkedSyncJobs } from "../../sync/parked-retry.server";
import { oauthRedirectUri } from "../../sync/oauth-callback.server";
import { CONTACT_PROPERTIES, DEAL_PROPERTIES } from "../../sync/chatlift-properties";
import { isCrmError } from "../../integrations/hubspot/crm-port";
import { customEventsAccess, STATIC_TOKEN_SCOPES } from "../../integrations/hubspot/oauth";
import { EncryptionKeyError } from "../../platform/secrets/token-crypto.server";
import { ORDER_PROPERTIES, type CreditRecord } from "../../sync/order-credits";
import { creditRecordView, saveCreditRecord, type CreditRecordView } from "./credit-record.server";

export type HubSpotConnectionView = {
  mode: "oauth" | "static";
  portalId: number;
  connectedAt: Date;
  /** OAuth only: when the current access token expires (it is refreshed before). */
  expiresAt: Date | null;
  tenSecondLimit: number;
  customEventsAvailable: boolean;
  /** Why behavioral events are skipped (not sent, not parked), or null while they are sent. */
  customEventsSkipped: string | null;
  timeZone: string;
  deal: {
    pipeline: string;
    stage: string;
    /** What happens to a deal in the shop's currency on this portal, in one sentence. */
    currencyNote: string;
    otherCurrency: "omit" | "skip";
  };
  /** Deals, HubSpot orders or both for credited orders (credit-record.server.ts). */
  creditRecord: CreditRecordView;
};

/** The shop's currency against the portal's (read on connect): what its deals carry. */
export function dealCurrencyNote(
  shopCurrency: string | null,
  portalCurrencies: string[] | null,
  otherCurrency: "omit" | "skip",
): string {
  if (!portalCurrencies) return "Deal currency: the shop's (reconnect to let ChatLift check the portal's currencies).";
  const portal = portalCurrencies.join(", ");
  if (!shopCurrency || portalCurrencies.includes(shopCurrency))
    return `Deal currency: ${shopCurrency ?? "the shop's"} (the portal takes ${portal}).`;
  return otherCurrency === "skip"
    ? `This portal takes ${portal}, not ${shopCurrency}: orders in ${shopCurrency} make no deal (your choice below).`
    : `This portal takes ${portal}, not ${shopCurrency}: deals go without a currency, so HubSpot reads their amounts as ${portalCurrencies[0]}; each deal's name keeps the order's amount in ${shopCurrency}. Nothing is converted.`;
}

export type HubSpotPage = {
  connection: HubSpotConnectionView | null;
  health: SyncHealth;
  /** The properties ChatLift writes, by object. */
  properties: { contacts: string[]; deals: string[]; orders: string[] };
  oauthAvailable: boolean;
  /** The scopes a pasted private app token or service key needs, and the optional ones for events. */
  tokenScopes: { required: string[]; optional: string[] };
};

/** Connections made before ChatLift read scopes (null) keep what connect detected then. */
function eventsSkipped(row: { grantedScopes: string | null; customEventsAvailable: boolean }): string | null {
  if (row.grantedScopes === null && row.customEventsAvailable) return null;
  const access = customEventsAccess(row.grantedScopes === null ? null : row.grantedScopes.split(" "));
  return access.available ? null : access.reason;
}

export async function readHubSpotPage(shopDomain: string, now = new Date()): Promise<HubSpotPage> {
  const [row, health, shop] = await Promise.all([
    prisma.hubSpotConnection.findUnique({ where: { shopDomain } }),
    syncHealth(shopDomain, now),
    prisma.shop.findUnique({ where: { domain: shopDomain }, select: { currency: true } }),
  ]);
  const otherCurrency = row?.dealOtherCurrency === "skip" ? "skip" : "omit";
  return {
    connection: row
      ? {
          mode: row.mode === "oauth" ? "oauth" : "static",
          portalId: row.portalId,
          connectedAt: row.connectedAt,
          expiresAt: row.expiresAt,
          tenSecondLimit: row.tenSecondLimit,
          customEventsAvailable: row.customEventsAvailable,
          customEventsSkipped: eventsSkipped(row),
          timeZone: row.timeZone,
          deal: {
            pipeline: row.dealPipeline,
            stage: row.dealStage,
            currencyNote: dealCurrencyNote(
              shop?.currency ?? null,
              row.portalCurrencies?.split(" ").filter(Boolean) ?? null,
              otherCurrency,
            ),
            otherCurrency,
          },
          creditRecord: creditRecordView(row),
        }
      : null,
    health,
    properties: {
      contacts: CONTACT_PROPERTIES.map((property) => property.name),
      deals: DEAL_PROPERTIES.map((property) => property.name),
      orders: ORDER_PROPERTIES.map((property) => property.name),
    },
    oauthAvailable: Boolean(process.env.HUBSPOT_CLIENT_ID?.trim() && process.env.HUBSPOT_CLIENT_SECRET?.trim()),
    tokenScopes: { required: [...STATIC_TOKEN_SCOPES.required], optional: [...STATIC_TOKEN_SCOPES.optional] },
  };
}

export type HubSpotRequest =
  | { intent: "connect_static"; token: string; tenSecondLimit: 100 | 190 }
  | { intent: "connect_oauth" }
  | { intent: "disconnect" }
  | { intent: "check_properties" }
  | { intent: "retry"; jobId?: number }
  | { intent: "deal_currency"; otherCurrency: "omit" | "skip" }
  | { intent: "credit_record"; record: CreditRecord };

export type HubSpotOutcome =
  | { kind: "connected"; portalId: number; propertiesCreated: string[] }
  | { kind: "authorize"; url: string }
  | { kind: "disconnected"; wasConnected: boolean }
  /** `created`: properties re-created now; `eventDefinitionCreated`: the micro-conversion event definition was too. */
  | { kind: "properties"; created: string[]; total: number; eventDefinitionCreated: boolean }
  | { kind: "retried"; count: number }
  | { kind: "saved"; message: string }
  | { kind: "failed"; field?: "token"; message: string };

/** HubSpot's or the configuration's refusal, in words the merchant can act on. */
function failure(error: unknown, field?: "token"): HubSpotOutcome {
  if (error instanceof EncryptionKeyError)
    return { kind: "failed", message: `ChatLift cannot store HubSpot tokens yet: ${error.message}` };
  if (error instanceof HubSpotNotConnectedError) return { kind: "failed", message: "HubSpot is not connected" };
  if (isCrmError(error)) {
    if (error.kind === "auth" || error.kind === "forbidden")
      return {
        kind: "failed",
        field,
        message: `HubSpot refused the token (${error.status ?? error.kind}): check that it is a private app token or service key of the right account with the CRM scopes`,
      };
    return { kind: "failed", message: `HubSpot could not be reached or refused: ${error.message}` };
  }
  if (error instanceof Error && /HUBSPOT_CLIENT_ID|token is empty/.test(error.message))
    return { kind: "failed", field, message: error.message };
  throw error;
}

export async function runHubSpotRequest(
  shopDomain: string,
  request: HubSpotRequest,
  appUrl: string,
): Promise<HubSpotOutcome> {
  try {
    switch (request.intent) {
      case "connect_static": {
        const result = await connectWithStaticToken(shopDomain, request.token, request.tenSecondLimit);
        return { kind: "connected", portalId: result.portalId, propertiesCreated: result.propertiesCreated };
      }
      case "connect_oauth":
        return { kind: "authorize", url: startOAuthConnection(shopDomain, oauthRedirectUri(appUrl)) };
      case "disconnect":
        return { kind: "disconnected", wasConnected: await disconnect(shopDomain) };
      case "check_properties": {
        const ensured = await ensureShopProperties(shopDomain);
        return {
          kind: "properties",
          created: ensured.propertiesCreated,
          total: ensured.total,
          eventDefinitionCreated: ensured.eventDefinitionCreated,
        };
      }
      case "deal_currency": {
        const { count } = await prisma.hubSpotConnection.updateMany({
          where: { shopDomain },
          data: { dealOtherCurrency: request.otherCurrency },
        });
        if (!count) return { kind: "failed", message: "HubSpot is not connected" };
        return {
          kind: "saved",
          message:
            request.otherCurrency === "skip"
              ? "Orders in a currency the portal lacks will make no deal."
              : "Orders in a currency the portal lacks will make deals without a currency.",
        };
      }
      case "credit_record": {
        const saved = await saveCreditRecord(shopDomain, request.record);
        return saved.ok ? { kind: "saved", message: saved.message } : { kind: "failed", message: saved.message };
      }
      case "retry":
        return {
          kind: "retried",
          count: await retryParkedSyncJobs(shopDomain, request.jobId === undefined ? undefined : [request.jobId]),
        };
    }
  } catch (error) {
    return failure(error, request.intent === "connect_static" ? "token" : undefined);
  }
}
