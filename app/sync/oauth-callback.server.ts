/**
 * HubSpot's redirect back to ChatLift after the merchant consented (or refused). It arrives in
 * the merchant's browser outside Shopify admin, so no Shopify session vouches for it: the signed,
 * expiring state does (it names the shop).
 */
import { completeOAuthConnection, OAuthStateError } from "./connection.server";

export const OAUTH_CALLBACK_PATH = "/hubspot/oauth/callback";

export function oauthRedirectUri(appUrl: string): string {
  return new URL(OAUTH_CALLBACK_PATH, appUrl).toString();
}

export type OAuthCallbackOutcome =
  { ok: true; shopDomain: string; portalId: number } | { ok: false; status: 400; message: string };

export async function handleOAuthCallback(
  query: { code?: string; state?: string; error?: string; error_description?: string },
  appUrl: string,
): Promise<OAuthCallbackOutcome> {
  if (query.error) {
    return { ok: false, status: 400, message: `HubSpot did not connect: ${query.error_description ?? query.error}` };
  }
  if (!query.code) return { ok: false, status: 400, message: "HubSpot's callback has no `code` parameter" };
  try {
    const result = await completeOAuthConnection({
      code: query.code,
      state: query.state ?? null,
      redirectUri: oauthRedirectUri(appUrl),
    });
    return { ok: true, shopDomain: result.shopDomain, portalId: result.portalId };
  } catch (error) {
    if (error instanceof OAuthStateError) return { ok: false, status: 400, message: error.message };
    throw error;
  }
}
