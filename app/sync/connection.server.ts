/**
 * A shop's HubSpot connection: connect (static token now; OAuth callback stores the same way),
 * the CRM port built from the stored, encrypted token, and disconnect. Tokens are decrypted only
 * here and never logged; errors name the shop, never the token.
 */
import { createHash } from "node:crypto";
import prisma, { type Tx } from "../db.server";
import {
  CONTACT_PROPERTIES,
  DEAL_PROPERTIES,
  MICRO_CONVERSION_EVENT_DEFINITION,
  PROPERTY_GROUP,
} from "./chatlift-properties";
import type { AccountInfo, CrmPort, OAuthTokens } from "../integrations/hubspot/crm-port";
import {
  createHubSpotCrm,
  exchangeOAuthCode,
  HUBSPOT_BASE_PATH,
  refreshOAuthTokens,
  type HubSpotAdapterOptions,
} from "../integrations/hubspot/hubspot-adapter.server";
import { createState, customEventsAccess, installUrl, needsRefresh, verifyState } from "../integrations/hubspot/oauth";
import { decryptToken, encryptToken, parseEncryptionKey } from "../platform/secrets/token-crypto.server";
import { refreshingOn401 } from "./refresh-on-401";
import type { DealSettings } from "./deals";
import { ordersAccess, type OrdersAccess } from "../integrations/hubspot/order-port";
import { creditRecordOf, ORDER_PROPERTIES, type CreditRecord } from "./order-credits";

export type ConnectionMode = "oauth" | "static";

/** HubSpot's API base: the real one, or the local sandbox (tests, demo) through HUBSPOT_API_BASE. */
export function hubspotApiBase(): string {
  return process.env.HUBSPOT_API_BASE?.trim() || HUBSPOT_BASE_PATH;
}

const encryptionKey = () => parseEncryptionKey(process.env.ENCRYPTION_KEY);

/** Every HubSpot call, the token refresh too, gives up after this: a hung account holds only its own shop's job. */
const hubspotTimeoutMs = () => Number(process.env.HUBSPOT_TIMEOUT_MS ?? 15_000);

export class HubSpotNotConnectedError extends Error {
  override readonly name = "HubSpotNotConnectedError";
  constructor(shopDomain: string) {
    super(`${shopDomain} has no HubSpot connection`);
  }
}

export type ConnectResult = { portalId: number; customEventsAvailable: boolean; propertiesCreated: string[] };

export type EnsuredProperties = {
  /** The properties created now (they were missing). */
  propertiesCreated: string[];
  /** How many properties ChatLift writes in all. */
  total: number;
  /** True when the micro-conversion event definition was missing and is created now. */
  eventDefinitionCreated: boolean;
};

/**
 * The one way ChatLift's footprint in an account is made whole, on connect and from the HubSpot
 * page's "Check properties": the `chatlift` group, its contact and deal properties, and (on
 * accounts with custom events) the micro-conversion event definition. Idempotent: what exists
 * is left alone, so running it twice creates nothing the second time.
 */
export async function ensureChatLiftProperties(
  crm: CrmPort,
  customEventsAvailable: boolean,
  ordersAvailable = false,
): Promise<EnsuredProperties> {
  const propertiesCreated: string[] = [];
  for (const [objectType, definitions] of [
    ["contacts", CONTACT_PROPERTIES],
    ["deals", DEAL_PROPERTIES],
    // HubSpot orders only where the token holds the order scopes (order-credits.ts).
    ...(ordersAvailable ? ([["orders", ORDER_PROPERTIES]] as const) : []),
  ] as const) {
    await crm.ensurePropertyGroup(objectType, PROPERTY_GROUP.name, PROPERTY_GROUP.label);
    propertiesCreated.push(...(await crm.ensureProperties(objectType, PROPERTY_GROUP.name, definitions)));
  }
  const eventDefinitionCreated = customEventsAvailable
    ? (await crm.ensureEventDefinition(MICRO_CONVERSION_EVENT_DEFINITION)).created
    : false;
  const total = CONTACT_PROPERTIES.length + DEAL_PROPERTIES.length + (ordersAvailable ? ORDER_PROPERTIES.length : 0);
  return { propertiesCreated, total, eventDefinitionCreated };
}

/**
 * Checks the token against HubSpot, creates the `chatlift` group and properties (idempotent:
 * connecting twice creates nothing the second time), then stores the token encrypted.
 */
async function connect(
  shopDomain: string,
  mode: ConnectionMode,
  tokens: { accessToken: string; refreshToken?: string; expiresAt?: Date },
  tenSecondLimit: number,
): Promise<ConnectResult> {
  const key = encryptionKey(); // fail before calling HubSpot when the key is missing
  // An OAuth token's scopes come from HubSpot's token introspection, which takes the app's credentials.
  const introspection = mode === "oauth" ? { oauthApp: oauthApp() } : {};
  const crm = createHubSpotCrm({
    accessToken: tokens.accessToken,
    basePath: hubspotApiBase(),
    tenSecondLimit,
    ...introspection,
  });
  const account: AccountInfo = await crm.getAccountInfo();
  // Events only where the token holds their scopes (HubSpot's token info), so no send is a 403.
  const grantedScopes = await crm.getGrantedScopes(mode);
  const customEventsAvailable = customEventsAccess(grantedScopes).available;
  const { propertiesCreated } = await ensureChatLiftProperties(
    crm,
    customEventsAvailable,
    ordersAccess(grantedScopes).available,
  );
  const stored = {
    mode,
    accessTokenEncrypted: encryptToken(tokens.accessToken, key),
    refreshTokenEncrypted: tokens.refreshToken ? encryptToken(tokens.refreshToken, key) : null,
    expiresAt: tokens.expiresAt ?? null,
    portalId: account.portalId,
    timeZone: account.timeZone,
    currency: account.currency,
    portalCurrencies: account.currencies.join(" "),
    customEventsAvailable,
    grantedScopes: grantedScopes?.join(" ") ?? null,
    tenSecondLimit,
  };
  await prisma.hubSpotConnection.upsert({ where: { shopDomain }, create: { shopDomain, ...stored }, update: stored });
  return { portalId: account.portalId, customEventsAvailable, propertiesCreated };
}

/** A service key or private app token, pasted by the merchant. */
export function connectWithStaticToken(
  shopDomain: string,
  token: string,
  tenSecondLimit = 100,
): Promise<ConnectResult> {
  const accessToken = token.trim();
  if (!accessToken) throw new Error("The HubSpot token is empty: paste the private app token or service key");
  return connect(shopDomain, "static", { accessToken }, tenSecondLimit);
}

/** After the OAuth code exchange (app/integrations/hubspot/oauth.ts checks the state). */
export function storeOAuthConnection(
  shopDomain: string,
  tokens: OAuthTokens,
  now = new Date(),
): Promise<ConnectResult> {
  return connect(
    shopDomain,
    "oauth",
    {
      accessToken: tokens.accessToken,
      refreshToken: tokens.refreshToken,
      expiresAt: new Date(now.getTime() + tokens.expiresInSeconds * 1000),
    },
    110,
  );
}

function oauthApp(): { clientId: string; clientSecret: string } {
  const clientId = process.env.HUBSPOT_CLIENT_ID?.trim();
  const clientSecret = process.env.HUBSPOT_CLIENT_SECRET?.trim();
  if (!clientId || !clientSecret)
    throw new Error("HUBSPOT_CLIENT_ID and HUBSPOT_CLIENT_SECRET must be set to connect HubSpot by OAuth");
  return { clientId, clientSecret };
}

/** Where to send the merchant to consent: HubSpot's authorize page with a signed, expiring state. */
export function startOAuthConnection(shopDomain: string, redirectUri: string, now = new Date()): string {
  const app = oauthApp();
  return installUrl({
    clientId: app.clientId,
    redirectUri,
    state: createState(shopDomain, app.clientSecret, now),
    authorizeUrl: process.env.HUBSPOT_AUTHORIZE_URL?.trim() || undefined,
  });
}

export class OAuthStateError extends Error {
  override readonly name = "OAuthStateError";
}

/**
 * HubSpot's redirect back after consent: the signed state names the shop (and expires), the code
 * is exchanged once, and the tokens are stored like a static token's.
 */
export async function completeOAuthConnection(
  callback: { state: string | null; code: string; redirectUri: string },
  now = new Date(),
): Promise<ConnectResult & { shopDomain: string }> {
  const app = oauthApp();
  const state = verifyState(callback.state, app.clientSecret, now);
  if (!state.ok) throw new OAuthStateError(`HubSpot's OAuth callback was refused: ${state.reason}`);
  const tokens = await exchangeOAuthCode({
    ...app,
    basePath: hubspotApiBase(),
    code: callback.code,
    redirectUri: callback.redirectUri,
  });
  return { shopDomain: state.shop, ...(await storeOAuthConnection(state.shop, tokens, now)) };
}

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
    ...oauthApp(),
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

/** The connected shop's properties (and event definition) checked and restored where deleted in HubSpot. */
export async function ensureShopProperties(shopDomain: string): Promise<EnsuredProperties> {
  const { crm, customEventsAvailable, ordersAccess: orders } = await crmForShop(shopDomain);
  return ensureChatLiftProperties(crm, customEventsAvailable, orders.available);
}

/**
 * A stored connection is the evidence (disconnecting deletes it). `db` is a transaction where the
 * answer must hold for what the caller writes next (the outbox enqueues only for connected shops).
 */
export async function isHubSpotConnected(
  shopDomain: string,
  db: Pick<Tx, "hubSpotConnection"> = prisma,
): Promise<boolean> {
  return (await db.hubSpotConnection.findUnique({ where: { shopDomain }, select: { shopDomain: true } })) !== null;
}

/** Deletes the stored tokens. Jobs already queued park with "not connected" when they run. */
export async function disconnect(shopDomain: string): Promise<boolean> {
  const { count } = await prisma.hubSpotConnection.deleteMany({ where: { shopDomain } });
  return count === 1;
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
  const key = encryptionKey();
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
