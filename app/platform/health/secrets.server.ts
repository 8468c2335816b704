/**
 * Whether ENCRYPTION_KEY can open the HubSpot tokens ChatLift holds. A missing, malformed or changed
 * key used to show only at the first HubSpot call (every lead then parked); /healthz and the server's
 * start say it at once. Without a HubSpot connection there is nothing to open, so no key is needed yet.
 */
import prisma from "../../db.server";
import { decryptToken, parseEncryptionKey } from "../secrets/token-crypto.server";

export interface SecretsHealth {
  ok: boolean;
  hubspotConnections: number;
  error?: string;
}

export async function checkSecrets(env: Record<string, string | undefined> = process.env): Promise<SecretsHealth> {
  const hubspotConnections = await prisma.hubSpotConnection.count();
  if (hubspotConnections === 0) return { ok: true, hubspotConnections };
  let key: Buffer;
  try {
    key = parseEncryptionKey(env.ENCRYPTION_KEY);
  } catch (error) {
    return { ok: false, hubspotConnections, error: `${(error as Error).message}; HubSpot cannot be reached` };
  }
  // One stored token proves the key is the one they were encrypted with.
  const sample = await prisma.hubSpotConnection.findFirst({
    select: { shopDomain: true, accessTokenEncrypted: true },
    orderBy: { shopDomain: "asc" },
  });
  try {
    if (sample) decryptToken(sample.accessTokenEncrypted, key);
    return { ok: true, hubspotConnections };
  } catch {
    return {
      ok: false,
      hubspotConnections,
      error:
        "ENCRYPTION_KEY does not open the stored HubSpot tokens (it changed since they were saved): " +
        "restore the previous key, or reconnect HubSpot",
    };
  }
}

/** At start-up: one line on stderr when HubSpot connections exist that the key cannot open. */
export async function reportSecretsAtStartup(): Promise<SecretsHealth | null> {
  try {
    const secrets = await checkSecrets();
    if (!secrets.ok) console.error(`[secrets] ${secrets.error} (${secrets.hubspotConnections} HubSpot connection(s))`);
    return secrets;
  } catch {
    // The database is not ready (not migrated yet): /healthz says so; nothing to check the key against.
    return null;
  }
}
