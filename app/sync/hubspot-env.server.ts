/**
 * What the server needs from its environment to speak to HubSpot, read in one place so that connecting a shop
 * and using its stored connection agree: where HubSpot is (or the local sandbox), how long a call may hang, the
 * app's OAuth credentials and the key the tokens are stored under. A missing credential is an error that names
 * the variable, never a call HubSpot refuses later.
 */
import { HUBSPOT_BASE_PATH } from "../integrations/hubspot/hubspot-adapter.server";
import { parseEncryptionKey } from "../platform/secrets/token-crypto.server";

/** HubSpot's API base: the real one, or the local sandbox (tests, demo) through HUBSPOT_API_BASE. */
export function hubspotApiBase(): string {
  return process.env.HUBSPOT_API_BASE?.trim() || HUBSPOT_BASE_PATH;
}

/** The key HubSpot tokens are stored under (ENCRYPTION_KEY). */
export const tokenEncryptionKey = (): Buffer => parseEncryptionKey(process.env.ENCRYPTION_KEY);

/** Every HubSpot call, the token refresh too, gives up after this: a hung account holds only its own shop's job. */
export const hubspotTimeoutMs = (): number => Number(process.env.HUBSPOT_TIMEOUT_MS ?? 15_000);

/** The app's OAuth credentials: consent, code exchange, token refresh and introspection all take them. */
export function hubspotOAuthApp(): { clientId: string; clientSecret: string } {
  const clientId = process.env.HUBSPOT_CLIENT_ID?.trim();
  const clientSecret = process.env.HUBSPOT_CLIENT_SECRET?.trim();
  if (!clientId || !clientSecret)
    throw new Error("HUBSPOT_CLIENT_ID and HUBSPOT_CLIENT_SECRET must be set to connect HubSpot by OAuth");
  return { clientId, clientSecret };
}
