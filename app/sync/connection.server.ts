/**
 * Connecting a shop to HubSpot and letting it go: a static token pasted by the merchant or OAuth consent (the
 * callback stores its tokens the same way), checked against HubSpot, ChatLift's properties made whole, the token
 * stored encrypted; disconnect deletes it. Using a stored connection (the CRM client every job takes) is
 * shop-crm.server.ts. Errors name the shop, never the token.
 */
import prisma, { type Tx } from "../db.server";
import {
  CONTACT_PROPERTIES,
  DEAL_PROPERTIES,
  MICRO_CONVERSION_EVENT_DEFINITION,
  PROPERTY_GROUP,
} from "./chatlift-properties";
import type { AccountInfo, CrmPort, OAuthTokens } from "../integrations/hubspot/crm-port";
import { createHubSpotCrm, exchangeOAuthCode } from "../integrations/hubspot/hubspot-adapter.server";
import { createState, customEventsAccess, installUrl, verifyState } from "../integrations/hubspot/oauth";
import { ordersAccess } from "../integrations/hubspot/order-port";
import { encryptToken } from "../platform/secrets/token-crypto.server";
import { hubspotApiBase, hubspotOAuthApp, tokenEncryptionKey } from "./hubspot-env.server";
import { ORDER_PROPERTIES } from "./order-credits";
import { crmForShop } from "./shop-crm.server";

export type ConnectionMode = "oauth" | "static";

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
  const key = tokenEncryptionKey(); // fail before calling HubSpot when the key is missing
  // An OAuth token's scopes come from HubSpot's token introspection, which takes the app's credentials.
  const introspection = mode === "oauth" ? { oauthApp: hubspotOAuthApp() } : {};
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

/** Where to send the merchant to consent: HubSpot's authorize page with a signed, expiring state. */
export function startOAuthConnection(shopDomain: string, redirectUri: string, now = new Date()): string {
  const app = hubspotOAuthApp();
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
  const app = hubspotOAuthApp();
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
