/**
 * A connected shop's HubSpot client, built from its stored connection for every sync job and admin read: the
 * token decrypted (refreshed first when an OAuth token is about to expire, and again on a 401), one paced client
 * per shop and process, and the connection's settings the jobs act on. Tokens are decrypted only here and never
 * logged; errors name the shop, never the token. Connecting and disconnecting live in connection.server.ts.
 */
import { createHash } from "node:crypto";
import prisma from "../db.server";
import type { CrmPort } from "../integrations/hubspot/crm-port";
import {
  createHubSpotCrm,
  refreshOAuthTokens,
  type HubSpotAdapterOptions,
} from "../integrations/hubspot/hubspot-adapter.server";
import { needsRefresh } from "../integrations/hubspot/oauth";
import { ordersAccess, type OrdersAccess } from "../integrations/hubspot/order-port";
import { decryptToken, encryptToken } from "../platform/secrets/token-crypto.server";
import type { DealSettings } from "./deals";
import { hubspotApiBase, hubspotOAuthApp, hubspotTimeoutMs, tokenEncryptionKey } from "./hubspot-env.server";
import { creditRecordOf, type CreditRecord } from "./order-credits";
import { refreshingOn401 } from "./refresh-on-401";

export class HubSpotNotConnectedError extends Error {
  override readonly name = "HubSpotNotConnectedError";
  constructor(shopDomain: string) {
    super(`${shopDomain} has no HubSpot connection`);
  }
}

export type ShopCrm = {
  crm: CrmPort;
  timeZone: string;
  portalId: number;
  customEventsAvailable: boolean;
  gdprDeleteEnabled: boolean;
  deal: DealSettings;
  /** Where credited orders go (the HubSpot page's choice), and whether the token holds the order scopes. */
  creditRecord: CreditRecord;
  ordersAccess: OrdersAccess;
};

type StoredConnection = {
  shopDomain: string;
  mode: string;
  accessTokenEncrypted: string;
  refreshTokenEncrypted: string | null;
  expiresAt: Date | null;
};

/** An OAuth access token about to expire is refreshed (and stored) before use. */
async function currentAccessToken(connection: StoredConnection, key: Buffer, now: Date): Promise<string> {
  const accessToken = decryptToken(connection.accessTokenEncrypted, key);
  const mode = connection.mode === "oauth" ? "oauth" : "static";
  if (
    !connection.refreshTokenEncrypted ||
    !needsRefresh({ mode, accessToken, expiresAt: connection.expiresAt ?? undefined }, now)
  )
    return accessToken;
  return refreshAccessToken(connection, key, now);
}

/** New tokens from HubSpot, stored encrypted; the new access token. */
async function refreshAccessToken(connection: StoredConnection, key: Buffer, now: Date): Promise<string> {
  if (!connection.refreshTokenEncrypted)
    throw new Error(`${connection.shopDomain}'s HubSpot connection has no refresh token`);
  const refreshed = await refreshOAuthTokens({
    ...hubspotOAuthApp(),
    basePath: hubspotApiBase(),
    timeoutMs: hubspotTimeoutMs(),
    refreshToken: decryptToken(connection.refreshTokenEncrypted, key),
  });
  await prisma.hubSpotConnection.update({
    where: { shopDomain: connection.shopDomain },
    data: {
      accessTokenEncrypted: encryptToken(refreshed.accessToken, key),
      refreshTokenEncrypted: encryptToken(refreshed.refreshToken, key),
      expiresAt: new Date(now.getTime() + refreshed.expiresInSeconds * 1000),
    },
  });
  return refreshed.accessToken;
}

/**
 * One client per shop and process while its token and settings stay the same: the SDK's pacing
 * lives in the client, and a fresh client per job would start each batch with an empty limiter
 * and burst past the account's rolling window. Keyed by a hash, so no token sits in a key.
 */
const clients = new Map<string, { fingerprint: string; crm: CrmPort }>();

function clientFor(shopDomain: string, settings: HubSpotAdapterOptions): CrmPort {
  const fingerprint = createHash("sha256").update(JSON.stringify(settings)).digest("base64url");
  const cached = clients.get(shopDomain);
  if (cached?.fingerprint === fingerprint) return cached.crm;
  const crm = createHubSpotCrm(settings);
  clients.set(shopDomain, { fingerprint, crm });
  return crm;
}

/** The shop's CRM port, or HubSpotNotConnectedError. */
export async function crmForShop(
  shopDomain: string,
  options: { timeoutMs?: number; attempts?: number } = {},
  now = new Date(),
): Promise<ShopCrm> {
  const connection = await prisma.hubSpotConnection.findUnique({ where: { shopDomain } });
  if (!connection) throw new HubSpotNotConnectedError(shopDomain);
  const key = tokenEncryptionKey();
  const settings = (accessToken: string): HubSpotAdapterOptions => ({
    accessToken,
    basePath: hubspotApiBase(),
    tenSecondLimit: connection.tenSecondLimit,
    portalId: connection.portalId,
    timeoutMs: hubspotTimeoutMs(),
    ...options,
  });
  const crm = clientFor(shopDomain, settings(await currentAccessToken(connection, key, now)));
  // A 401 on a token believed good: OAuth connections refresh it once and repeat the call.
  const refresh = async () => clientFor(shopDomain, settings(await refreshAccessToken(connection, key, new Date())));
  return {
    crm: refreshingOn401(
      crm,
      connection.mode === "oauth" && connection.refreshTokenEncrypted ? { mode: "oauth", refresh } : { mode: "static" },
    ),
    timeZone: connection.timeZone,
    portalId: connection.portalId,
    customEventsAvailable: connection.customEventsAvailable,
    gdprDeleteEnabled: connection.gdprDeleteEnabled,
    deal: {
      pipeline: connection.dealPipeline,
      stage: connection.dealStage,
      portalCurrencies: connection.portalCurrencies?.split(" ").filter(Boolean) ?? null,
      otherCurrency: connection.dealOtherCurrency === "skip" ? "skip" : "omit",
    },
    creditRecord: creditRecordOf(connection.creditRecord),
    ordersAccess: ordersAccess(connection.grantedScopes?.split(" ").filter(Boolean) ?? null),
  };
}
